using System.Globalization;
using GenNet.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GenNet.Generators.Weights;

/// <summary>
/// Reads the JSON form of a GenNet weight file (the runtime's <c>WeightFormat.Json</c>) into a
/// <see cref="WeightFileModel"/>, with the checks the runtime's reader makes: the format name, the
/// version, a valid architecture, as many parameters as it has, all finite.
/// </summary>
internal static class WeightFileReader
{
    /// <summary>Whether the generator reads a file at all: JSON only, since the compiler hands additional files over as text.</summary>
    public static bool IsJson(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The analyzer option by which GenNet's build targets (<c>build/GenNet.targets</c> in the package)
    /// mark an <c>AdditionalFiles</c> item whose file did not exist when the build started.
    /// </summary>
    public const string MissingOption = "build_metadata.AdditionalFiles.GenNetMissing";

    /// <summary>Whether the build marked <paramref name="options"/>' file as not existing.</summary>
    public static bool IsMarkedMissing(AnalyzerConfigOptions options) =>
        options.TryGetValue(MissingOption, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a listed file, asking the compiler for its text only when it is JSON and the build did
    /// not mark it missing: the compiler answers a request for a file that is not there with error
    /// CS2001, which would stop the one-project workflow (declare, build, save, rebuild) at its first build.
    /// </summary>
    /// <param name="file">The additional file.</param>
    /// <param name="markedMissing">Whether the build marked it as not existing (<see cref="IsMarkedMissing"/>).</param>
    /// <param name="cancellationToken">Cancels reading it.</param>
    public static WeightFileModel Read(AdditionalText file, bool markedMissing, CancellationToken cancellationToken) =>
        Read(file.Path, IsJson(file.Path) && !markedMissing ? file.GetText(cancellationToken) : null);

    /// <param name="path">The file's path.</param>
    /// <param name="text">Its text, or null when it does not exist (marked missing, or the compiler could not read it).</param>
    public static WeightFileModel Read(string path, SourceText? text)
    {
        if (!IsJson(path))
            return WeightFileModel.Unreadable(path, "GenNet bakes JSON weight files only");
        if (text is null)
            return WeightFileModel.Missing(path);
        try
        {
            return Read(path, JsonReader.Parse(text.ToString()));
        }
        catch (FormatException error)
        {
            return WeightFileModel.Unreadable(path, error.Message);
        }
    }

    private static WeightFileModel Read(string path, object? document)
    {
        if (document is not Dictionary<string, object?> root || !(root.TryGetValue("format", out var format) && format is WeightFileFormat.Name))
            throw new FormatException($"it is not a GenNet weight file: its \"format\" is not \"{WeightFileFormat.Name}\"");
        int version = Integer(root, "version");
        if (version != WeightFileFormat.Version)
            throw new FormatException($"it has format version {version}; this GenNet reads version {WeightFileFormat.Version}");

        int inputs = Integer(root, "inputs");
        if (inputs < 1)
            throw new FormatException($"it declares {inputs} inputs; a network needs at least 1");
        if (!root.TryGetValue("layers", out var layersValue) || layersValue is not List<object?> layerValues || layerValues.Count == 0)
            throw new FormatException("it lacks \"layers\", an array of at least one layer");
        var layers = new LayerShape[layerValues.Count];
        for (int l = 0; l < layers.Length; l++)
        {
            if (layerValues[l] is not Dictionary<string, object?> layer)
                throw new FormatException($"layer {l + 1} is not an object");
            int units = Integer(layer, "units", $"layer {l + 1}'s ");
            if (units < 1)
                throw new FormatException($"layer {l + 1} declares {units} units; every layer needs at least 1");
            layers[l] = new LayerShape(units, ActivationNamed(layer.TryGetValue("activation", out var name) ? name as string : null, l + 1));
        }

        var expected = NetworkModel.CountParameters(inputs, layers.Select(layer => layer.Units));
        if (!root.TryGetValue("parameters", out var parametersValue) || parametersValue is not List<object?> values)
            throw new FormatException("it lacks \"parameters\", an array of numbers");
        if (values.Count != expected)
            throw new FormatException($"its network has {expected.ToString(CultureInfo.InvariantCulture)} parameters, but it holds {values.Count}");
        var parameters = new float[values.Count];
        for (int k = 0; k < parameters.Length; k++)
            parameters[k] = Finite(values[k], k);

        return new WeightFileModel(path, WeightFileStatus.Read, "", inputs, new EquatableArray<LayerShape>(layers), new EquatableArray<float>(parameters));
    }

    private static int Integer(Dictionary<string, object?> owner, string name, string whose = "")
    {
        if (!owner.TryGetValue(name, out var value) || value is not JsonNumber number)
            throw new FormatException($"it lacks {whose}\"{name}\", a number");
        if (!int.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int integer))
            throw new FormatException($"{whose}\"{name}\" is {number.Text}, not a whole number");
        return integer;
    }

    private static Activation ActivationNamed(string? name, int layer)
    {
        foreach (Activation activation in Enum.GetValues(typeof(Activation)))
            if (activation.ToString() == name)
                return activation;
        throw new FormatException($"layer {layer}'s \"activation\" is {(name is null ? "missing" : $"\"{name}\"")}; expected one of {string.Join(", ", Enum.GetNames(typeof(Activation)))}");
    }

    /// <summary>
    /// A parameter as float, rounded once from its decimal text. NaN or ∞ is refused, as the runtime
    /// refuses it: such a network answers NaN to every input.
    /// </summary>
    private static float Finite(object? value, int index)
    {
        if (value is not JsonNumber number)
            throw new FormatException($"parameter {index} is not a number");
        float parameter;
        try
        {
            parameter = float.Parse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (OverflowException) // .NET Framework's parser; .NET Core's returns ∞
        {
            parameter = float.PositiveInfinity;
        }
        if (float.IsNaN(parameter) || float.IsInfinity(parameter))
            throw new FormatException($"parameter {index} is {number.Text}, beyond the range of float; a weight file holds finite numbers only");
        return parameter;
    }
}
