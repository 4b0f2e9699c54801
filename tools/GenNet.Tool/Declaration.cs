using System.Text;

namespace GenNet.Tool;

/// <summary>
/// The C# a user pastes to bake a trained network into an app: the <c>[Network]</c>/<c>[Layer]</c>
/// declaration naming the weight file, and the <c>&lt;AdditionalFiles&gt;</c> item for the project file.
/// </summary>
internal static class Declaration
{
    /// <summary>The declaration of a class named <paramref name="className"/> that bakes <paramref name="weightsFile"/>.</summary>
    /// <param name="spec">The trained network's architecture.</param>
    /// <param name="weightsFile">The weight file's name, as the attribute's <c>Weights</c> names it.</param>
    /// <param name="className">The class to declare.</param>
    /// <param name="notes">The columns and classes, written as comments; <c>null</c> when unknown.</param>
    public static string CSharp(NetworkSpec spec, string weightsFile, string className, ModelNotes? notes)
    {
        var text = new StringBuilder();
        if (notes is not null)
        {
            text.AppendLine($"// inputs: {string.Join(", ", notes.Features)}");
            if (notes.Classes is { } classes)
                text.AppendLine(spec.OutputCount == 1
                    ? $"// output: the probability of '{classes[1]}' (class 1) rather than '{classes[0]}' (class 0)"
                    : $"// outputs: {string.Join(", ", classes.Select((label, c) => $"{c} = {label}"))}");
            else
                text.AppendLine($"// output: {notes.Target}");
        }
        // Only a loss other than the one Loss.Auto picks for the output is written out.
        bool automatic = spec.Loss == Loss.Auto || spec.Loss == NetworkSpec.ResolveLoss(Loss.Auto, spec.Layers[^1].Activation);
        string loss = automatic ? "" : $", Loss = Loss.{spec.Loss}";
        text.AppendLine($"[Network({spec.InputCount}, Weights = \"{weightsFile}\"{loss})]");
        foreach (var layer in spec.Layers)
            text.AppendLine($"[Layer({layer.Units}, Activation.{layer.Activation})]");
        text.Append($"public partial class {className};");
        return text.ToString();
    }

    /// <summary>The project-file item that hands the weight file to the generator.</summary>
    public static string AdditionalFiles(string weightsFile) => $"<AdditionalFiles Include=\"{weightsFile}\" />";

    /// <summary>
    /// A class name from a weight file's name: its stem in Pascal case, letters and digits only, with
    /// <c>Net</c> after it (<c>iris.weights.json</c> → <c>IrisNet</c>).
    /// </summary>
    public static string ClassNameFor(string weightsPath)
    {
        string stem = ModelNotes.StemOf(weightsPath);
        var text = new StringBuilder();
        bool upper = true;
        foreach (char c in stem)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }
            text.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
            text.Insert(0, "Model");
        return text + "Net";
    }
}
