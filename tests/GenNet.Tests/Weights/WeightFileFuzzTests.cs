using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace GenNet.Tests.Weights;

/// <summary>
/// Thousands of damaged weight files, made from valid ones this library wrote, with fixed seeds: each
/// is refused with <see cref="InvalidDataException"/> (or, when it still describes a valid network of
/// other layers, the documented <see cref="ArgumentException"/>), leaves the network as it was, and
/// makes the loader allocate no more than the file's size justifies (<see cref="LoaderFuzz"/>).
/// </summary>
public sealed class WeightFileFuzzTests(ITestOutputHelper output)
{
    private static readonly NetworkSpec Spec = new(3, [new(4, Activation.Tanh), new(2, Activation.Sigmoid)]);

    /// <summary>JSON values a damaged or hostile file might hold where a valid one has a number, string, array or object.</summary>
    private static readonly string[] HostileValues =
    [
        "0", "-1", "1", "2", "1.5", "-0", "1e999", "-1e999", "NaN", "\"NaN\"", "Infinity", "2147483647", "-2147483648",
        "2147483648", "4294967300", "46341", "65536", "1e9", "null", "true", "\"\"", "\"Sigmoid\"", "\" Sigmoid\"",
        "\"sigmoid\"", "\"Sigmoid, Tanh\"", "\"Sigmoid,Tanh\"", "\"3\"", "\"-1\"", "\"Auto\"", "\"\\u0000\"", "[]", "[null]",
        "{}", "[{}]", "[0]", "{\"units\": 1}",
    ];

    /// <summary>Tokens a damaged file might gain: punctuation, keywords, and the hostile values.</summary>
    private static readonly string[] HostileTokens = [.. HostileValues, "{", "}", "[", "]", ",", ":", "\"layers\":", "\"parameters\": [1]"];

    /// <summary>Int32 values for the binary form's fields: zero, negatives, limits, and sizes whose products overflow.</summary>
    private static readonly int[] HostileInts =
        [0, 1, 2, 3, 5, -1, -2, 46341, 65536, 1 << 20, 1 << 29, 1 << 30, int.MaxValue, int.MinValue, int.MaxValue / 4, 0x7FFF_FFF0];

    [Fact]
    public void Damaged_json_files_are_refused_cleanly()
    {
        byte[] valid = Valid(WeightFormat.Json);
        var fuzz = NewFuzz(ActivationNotInFile);
        var random = new Random(20261125);

        for (int length = 0; length < valid.Length; length++)
            fuzz.Check($"truncated to {length}", valid[..length]);
        for (int round = 0; round < 1500; round++)
            fuzz.Check($"random bytes, round {round}", Scramble(valid, random, "{}[],:\"0123456789eE.-+ntrufalsNI "u8));

        var tokens = Tokens(valid);
        foreach (var (start, length, _) in tokens)
        {
            fuzz.Check($"token at {start} deleted", Splice(valid, start, length, ""));
            fuzz.Check($"token at {start} doubled", Splice(valid, start, 0, Encoding.UTF8.GetString(valid, start, length)));
            foreach (string token in HostileTokens)
            {
                fuzz.Check($"token at {start} replaced by {token}", Splice(valid, start, length, token));
                fuzz.Check($"{token} inserted at {start}", Splice(valid, start, 0, token));
            }
        }
        // Every property written twice: as it is, and with a hostile value in the second copy.
        foreach (var (start, length, valueStart) in tokens.Where(token => token.ValueStart > 0))
        {
            string property = Encoding.UTF8.GetString(valid, start, length);
            string name = Encoding.UTF8.GetString(valid, start, valueStart - start);
            fuzz.Check($"property at {start} duplicated", Splice(valid, start + length, 0, ", " + property));
            foreach (string value in HostileValues)
                fuzz.Check($"property at {start} duplicated with {value}", Splice(valid, start + length, 0, $", {name}{value}"));
        }

        fuzz.ShouldHaveNoFailures(output, "JSON weight files");
    }

    [Fact]
    public void Damaged_binary_files_are_refused_cleanly()
    {
        byte[] valid = Valid(WeightFormat.Binary);
        var fuzz = NewFuzz(misread: null);
        var random = new Random(20261126);

        for (int length = 0; length < valid.Length; length++)
        {
            fuzz.Check($"truncated to {length}", valid[..length]);
            if (length >= 4)
                fuzz.Check($"truncated to {length}, checksum recomputed", WithChecksum(valid[..length]));
        }
        for (int round = 0; round < 500; round++)
            fuzz.Check($"random bytes, round {round}", Scramble(valid, random, []));
        // From here on the checksum is made right again, so the structural checks are what refuses the file.
        for (int round = 0; round < 1500; round++)
            fuzz.Check($"random bytes with checksum, round {round}", WithChecksum(Scramble(valid, random, [])));
        const int structure = 40; // magic, version, n[0], L, two layers, loss, P
        for (int bit = 0; bit < 8 * structure; bit++)
        {
            byte[] flipped = [.. valid];
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            fuzz.Check($"bit {bit} flipped", WithChecksum(flipped));
        }
        for (int field = 4; field < structure; field += 4)
            foreach (int value in HostileInts)
            {
                byte[] changed = [.. valid];
                BinaryPrimitives.WriteInt32LittleEndian(changed.AsSpan(field), value);
                fuzz.Check($"int at {field} set to {value}", WithChecksum(changed));
            }
        for (int at = 4; at < valid.Length - 4; at += 4)
            foreach (int shift in new[] { -8, -4, -1, 1, 4, 8 })
            {
                byte[] moved = shift < 0
                    ? [.. valid[..at], .. valid[Math.Min(at - shift, valid.Length)..]]
                    : [.. valid[..at], .. new byte[shift], .. valid[at..]];
                fuzz.Check($"{shift} bytes at {at}", WithChecksum(moved));
            }
        // The smallest files with a valid checksum: one layer, no parameters, sizes that overflow when multiplied.
        foreach (int inputs in HostileInts)
            foreach (int units in HostileInts)
                fuzz.Check($"36 bytes: {inputs} inputs, {units} units", OneLayerFile(inputs, units));

        fuzz.ShouldHaveNoFailures(output, "Binary weight files");
    }

    /// <summary>A binary file of one layer and no parameters, 36 bytes with a valid checksum.</summary>
    internal static byte[] OneLayerFile(int inputs, int units)
    {
        var bytes = new byte[36];
        "GNNW"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), NetworkWeights.Version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), inputs);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), units);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(20), (int)Activation.Linear);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), (int)Loss.Auto);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), 0);
        return WithChecksum(bytes);
    }

    /// <summary>The bytes with their last four replaced by the CRC-32 of the rest, as the format wants.</summary>
    internal static byte[] WithChecksum(byte[] bytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Of(bytes.AsSpan(0, bytes.Length - 4)));
        return bytes;
    }

    /// <summary>An activation the reader found in a JSON file that the file does not name, as <c>"Sigmoid, Tanh"</c> read as ReLU.</summary>
    private static string? ActivationNotInFile(byte[] file)
    {
        string text = Encoding.UTF8.GetString(file);
        var layers = JsonWeightFormat.Read(file).Spec.Layers;
        return layers.FirstOrDefault(layer => !text.Contains($"\"{layer.Activation}\"", StringComparison.Ordinal)) is { Units: > 0 } misread
            ? $"read activation {misread.Activation}, which the file does not name"
            : null;
    }

    private static LoaderFuzz NewFuzz(Func<byte[], string?>? misread)
    {
        var target = new DynamicNetwork(Spec);
        target.Initialize(seed: 7);
        static void Load(INetwork network, byte[] file) => NetworkWeights.Read(network, new MemoryStream(file, writable: false));
        // The first load pays for one-time set-up (serializer metadata, tables), which is no file's doing.
        Load(target, Valid(WeightFormat.Json));
        Load(target, Valid(WeightFormat.Binary));
        target.Initialize(seed: 7);
        return new LoaderFuzz(target, Load, LoaderFuzz.IsDocumented, misread);
    }

    private static byte[] Valid(WeightFormat format)
    {
        var network = new DynamicNetwork(Spec);
        network.Initialize(seed: 3);
        using var stream = new MemoryStream();
        NetworkWeights.Write(network, stream, format);
        return stream.ToArray();
    }

    /// <summary>A copy with one to three bytes replaced, half of them by characters that matter in <paramref name="alphabet"/>.</summary>
    private static byte[] Scramble(byte[] bytes, Random random, ReadOnlySpan<byte> alphabet)
    {
        byte[] copy = [.. bytes];
        for (int n = random.Next(1, 4); n > 0; n--)
            copy[random.Next(copy.Length)] = alphabet.Length > 0 && random.Next(2) == 0
                ? alphabet[random.Next(alphabet.Length)]
                : (byte)random.Next(256);
        return copy;
    }

    private static byte[] Splice(byte[] bytes, int start, int remove, string insert) =>
        [.. bytes[..start], .. Encoding.UTF8.GetBytes(insert), .. bytes[(start + remove)..]];

    /// <summary>
    /// Every token of a JSON text: where it starts and how long it is; for a property name, the whole
    /// property (name through value) and where its value starts.
    /// </summary>
    private static List<(int Start, int Length, int ValueStart)> Tokens(byte[] json)
    {
        var tokens = new List<(int, int, int)>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            int start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var property = reader;
                    property.Read();
                    int valueStart = (int)property.TokenStartIndex;
                    property.Skip();
                    tokens.Add((start, (int)property.BytesConsumed - start, valueStart));
                    tokens.Add((start, reader.ValueSpan.Length + 2, 0));
                    break;
                case JsonTokenType.String:
                    tokens.Add((start, reader.ValueSpan.Length + 2, 0));
                    break;
                case JsonTokenType.StartObject or JsonTokenType.EndObject or JsonTokenType.StartArray or JsonTokenType.EndArray:
                    tokens.Add((start, 1, 0));
                    break;
                default:
                    tokens.Add((start, reader.ValueSpan.Length, 0));
                    break;
            }
        }
        return tokens;
    }
}
