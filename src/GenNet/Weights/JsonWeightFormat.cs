using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenNet;

/// <summary>Reads and writes <see cref="WeightFormat.Json"/>, with System.Text.Json's source generator (no reflection, trimming-safe).</summary>
internal static class JsonWeightFormat
{
    public const string FormatName = "GenNet.Weights";

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

        var layers = document.Layers.Select((layer, index) => new LayerSpec(layer.Units, ParseName<Activation>(layer.Activation, $"layer {index + 1}'s activation"))).ToArray();
        var spec = NetworkWeights.Describe(document.Inputs, layers, ParseName<Loss>(document.Loss, "loss"));
        return WeightFile.Checked(spec, document.Parameters);
    }

    private static T ParseName<T>(string? name, string what) where T : struct, Enum =>
        Enum.TryParse<T>(name, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(name, out _)
            ? value
            : throw new InvalidDataException($"The weight file's {what} is \"{name}\"; expected one of {string.Join(", ", Enum.GetNames<T>())}.");
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
