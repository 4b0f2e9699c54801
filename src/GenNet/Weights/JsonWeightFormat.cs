using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenNet;

/// <summary>Reads and writes <see cref="WeightFormat.Json"/>, with System.Text.Json's source generator (no reflection, trimming-safe).</summary>
internal static class JsonWeightFormat
{
    public const string FormatName = WeightFileFormat.Name;

    public static byte[] Write(NetworkSpec spec, ReadOnlySpan<float> parameters) =>
        JsonSerializer.SerializeToUtf8Bytes(new WeightDocument
        {
            Format = FormatName,
            Version = NetworkWeights.Version,
            Inputs = spec.InputCount,
            Layers = [.. spec.Layers.Select(layer => new LayerDocument { Units = layer.Units, Activation = layer.Activation.ToString() })],
            Loss = spec.Loss.ToString(),
            Parameters = parameters.ToArray(),
        }, WeightJsonContext.Default.WeightDocument);

    /// <exception cref="InvalidDataException">The bytes are not a whole GenNet JSON weight file of a version this library reads.</exception>
    public static WeightFile Read(ReadOnlySpan<byte> bytes)
    {
        WeightDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, WeightJsonContext.Default.WeightDocument);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"The weight file is not valid JSON (truncated or damaged?): {error.Message}", error);
        }
        if (document is null || document.Format != FormatName)
            throw new InvalidDataException($"Not a GenNet weight file: its \"format\" is not \"{FormatName}\".");
        if (document.Version != NetworkWeights.Version)
            throw new InvalidDataException($"The weight file has format version {document.Version}; this GenNet reads version {NetworkWeights.Version}.");
        if (document.Layers is null || document.Parameters is null || document.Loss is null)
            throw new InvalidDataException("The weight file lacks \"layers\", \"loss\" or \"parameters\".");

        var layers = new LayerSpec[document.Layers.Length];
        for (int l = 0; l < layers.Length; l++)
        {
            var layer = document.Layers[l] ?? throw new InvalidDataException($"The weight file's layer {l + 1} is null; each layer is an object with \"units\" and \"activation\".");
            layers[l] = new LayerSpec(layer.Units, ParseName<Activation>(layer.Activation, $"layer {l + 1}'s activation"));
        }
        var spec = NetworkWeights.Describe(document.Inputs, layers, ParseName<Loss>(document.Loss, "loss"));
        return WeightFile.Checked(spec, document.Parameters);
    }

    /// <summary>Whether <paramref name="start"/> can begin a JSON document: no syntax error and no nesting too deep so far.</summary>
    public static bool CouldBeStartOfDocument(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith("\uFEFF"u8))
            start = start[3..];
        var reader = new Utf8JsonReader(start, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The one place where a weight file's activation and loss names become enum values: exactly a member's
    /// name, compared case-sensitively (no white space, no numbers, no comma-separated flag combinations,
    /// which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would all accept), or a former
    /// name listed in <see cref="FormerNames"/>.
    /// </summary>
    private static T ParseName<T>(string? name, string what) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
            if (string.Equals(value.ToString(), name, StringComparison.Ordinal))
                return value;
        if (name is not null && FormerNames.TryGetValue(name, out var former) && former is T renamed)
            return renamed;
        throw new InvalidDataException($"The weight file's {what} is {(name is null ? "missing" : $"\"{name}\"")}; expected one of {string.Join(", ", Enum.GetNames<T>())}.");
    }

    /// <summary>
    /// Names files written by earlier versions hold for members renamed since, so those files keep loading:
    /// add <c>["OldName"] = Enum.NewName</c> here when renaming an <see cref="Activation"/> or <see cref="Loss"/> member.
    /// </summary>
    private static readonly Dictionary<string, Enum> FormerNames = new(StringComparer.Ordinal)
    {
        // GenNet 0.1 called half the squared error "MeanSquaredError", which it is not.
        ["MeanSquaredError"] = Loss.HalfSquaredError,
    };
}

/// <summary>The JSON document, property by property.</summary>
internal sealed class WeightDocument
{
    public string? Format { get; set; }
    public int Version { get; set; }
    public int Inputs { get; set; }
    public LayerDocument[]? Layers { get; set; }
    public string? Loss { get; set; }
    public float[]? Parameters { get; set; }
}

/// <summary>One layer of the JSON document.</summary>
internal sealed class LayerDocument
{
    public int Units { get; set; }
    public string? Activation { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WeightDocument))]
internal sealed partial class WeightJsonContext : JsonSerializerContext;
