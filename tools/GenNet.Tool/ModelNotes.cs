using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenNet.Tool;

/// <summary>
/// What the tool knows about a trained network beyond its weights, kept in a side file beside the
/// weight file (<c>iris.weights.json</c> → <c>iris.gennet.json</c>): the feature columns and target
/// column it was trained on, the class labels in output order, and the learning curve.
/// </summary>
/// <remarks>
/// A side file rather than a field in the weight file: the weight file stays exactly the library's
/// format (which the generator bakes and <see cref="NetworkWeights"/> checks strictly), and a weight
/// file from anywhere else (a program, <c>gennet import-onnx</c>) still works with the tool, which then
/// takes the columns in order and numbers the classes.
/// </remarks>
internal sealed record ModelNotes
{
    /// <summary>What the <c>format</c> field of every side file holds.</summary>
    public const string FormatName = "gennet-tool-notes";

    /// <summary>Always <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The feature columns, in input order.</summary>
    public required string[] Features { get; init; }

    /// <summary>The target column.</summary>
    public required string Target { get; init; }

    /// <summary>The class labels, by class index (output unit, or 0/1 for one sigmoid output); <c>null</c> for regression.</summary>
    public string[]? Classes { get; init; }

    /// <summary>The learning curve: every evaluation during training.</summary>
    public required CurvePoint[] Curve { get; init; }

    /// <summary>
    /// The epoch whose weights were kept, counted from 1 as training prints it, when early stopping
    /// restored the best ones; <c>null</c> when the last epoch's were.
    /// </summary>
    public int? KeptEpoch { get; init; }

    /// <summary>Whether the network classifies (it has class labels) rather than regresses.</summary>
    [JsonIgnore]
    public bool IsClassifier => Classes is not null;

    /// <summary>The side file that belongs to <paramref name="weightsPath"/>.</summary>
    public static string PathFor(string weightsPath) =>
        Path.Combine(Path.GetDirectoryName(weightsPath) ?? "", StemOf(weightsPath) + ".gennet.json");

    /// <summary>A weight file's name without <c>.weights.json</c> (or its extension): <c>iris.weights.json</c> → <c>iris</c>.</summary>
    public static string StemOf(string weightsPath)
    {
        string name = Path.GetFileName(weightsPath);
        return name.EndsWith(".weights.json", StringComparison.OrdinalIgnoreCase)
            ? name[..^".weights.json".Length]
            : Path.GetFileNameWithoutExtension(name);
    }

    /// <summary>The side file of <paramref name="weightsPath"/>, or <c>null</c> when there is none.</summary>
    /// <exception cref="InputException">The side file exists but cannot be read.</exception>
    public static ModelNotes? ReadFor(string weightsPath)
    {
        string path = PathFor(weightsPath);
        if (!File.Exists(path))
            return null;
        try
        {
            var notes = JsonSerializer.Deserialize(File.ReadAllBytes(path), NotesJsonContext.Default.ModelNotes);
            if (notes is null || notes.Format != FormatName || notes.Features is null || notes.Target is null)
                throw InputException.In(path, $"not a gennet side file (its \"format\" is not \"{FormatName}\" or it lacks \"features\" or \"target\").");
            return notes;
        }
        catch (JsonException error)
        {
            throw InputException.In(path, $"the side file is not valid JSON: {error.Message}");
        }
    }

    /// <summary>Writes the side file of <paramref name="weightsPath"/>.</summary>
    public void WriteFor(string weightsPath) =>
        File.WriteAllBytes(PathFor(weightsPath), JsonSerializer.SerializeToUtf8Bytes(this, NotesJsonContext.Default.ModelNotes));
}

/// <summary>
/// One evaluation during training: its epoch, counted from 1 as training prints it (<see cref="GenNet.Plotting.LearningCurve.EpochOf"/>),
/// the training cost and the validation cost after the epoch (if there was a validation set).
/// </summary>
internal sealed record CurvePoint(int Epoch, float TrainingCost, float? ValidationCost);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelNotes))]
internal sealed partial class NotesJsonContext : JsonSerializerContext;
