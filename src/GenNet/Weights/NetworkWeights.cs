namespace GenNet;

/// <summary>
/// Saves a network's parameters to a file together with its architecture, and loads them back
/// into any engine of the same architecture (generated, <see cref="ReferenceNetwork"/>,
/// <see cref="DynamicNetwork"/>). Two forms: <see cref="WeightFormat.Json"/> to read and diff,
/// <see cref="WeightFormat.Binary"/> to ship (little-endian float32 with a CRC-32).
/// </summary>
/// <remarks>
/// <para>
/// Saving never destroys the previous file: the bytes go to a temporary file in the same folder,
/// which is flushed to disk and then renamed over the old one, so a crash leaves either the old
/// file or the new one. Loading reads and checks the whole file before it touches the network:
/// a missing, empty, truncated, damaged, foreign or newer-version file, or one whose layers differ
/// from the network's, throws and leaves the parameters as they were.
/// </para>
/// <para>
/// A file holds finite numbers only: saving a network with a NaN or infinite parameter (training
/// diverged) throws, and so does loading such a file. The loss is recorded but need not match: the
/// same weights compute the same function whatever loss trained them.
/// </para>
/// </remarks>
public static class NetworkWeights
{
    /// <summary>The format version this library writes and reads.</summary>
    public const ushort Version = WeightFileFormat.Version;

    /// <summary>
    /// Saves <paramref name="network"/>'s architecture and parameters to <paramref name="path"/>, as JSON
    /// when the path ends in <c>.json</c> and in binary otherwise.
    /// </summary>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to write; replaced whole if it exists.</param>
    /// <exception cref="ArgumentException">A parameter is NaN or infinite.</exception>
    /// <exception cref="IOException">The file cannot be written; the previous file, if any, is left as it was.</exception>
    public static void Save(INetwork network, string path) =>
        Save(network, path, Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? WeightFormat.Json : WeightFormat.Binary);

    /// <summary>Saves <paramref name="network"/>'s architecture and parameters to <paramref name="path"/> in <paramref name="format"/>.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to write; replaced whole if it exists.</param>
    /// <param name="format">The form of the file.</param>
    /// <exception cref="ArgumentException">A parameter is NaN or infinite.</exception>
    /// <exception cref="IOException">The file cannot be written; the previous file, if any, is left as it was.</exception>
    public static void Save(INetwork network, string path, WeightFormat format)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = Serialize(network, format);
        string target = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Loads the parameters saved in <paramref name="path"/> (either form) into <paramref name="network"/>.</summary>
    /// <param name="network">The network to load into; its layers must be those the file describes.</param>
    /// <param name="path">A file written by <see cref="Save(INetwork, string, WeightFormat)"/>.</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing there, a missing folder on the way, or a folder).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="IOException">The file cannot be read (an I/O error, or it is locked).</exception>
    /// <exception cref="InvalidDataException">
    /// The file is empty, truncated, damaged, of a newer version, not a GenNet weight file (a device such as
    /// <c>/dev/zero</c> included), describes no valid network, or holds a non-finite number.
    /// </exception>
    /// <exception cref="ArgumentException">The file's network has other layers than <paramref name="network"/>; the message names both.</exception>
    public static void Load(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Apply(Read(WeightFileBytes.Read(path)), network);
    }

    /// <summary>Writes <paramref name="network"/>'s architecture and parameters to <paramref name="destination"/> in <paramref name="format"/>.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="destination">The stream written to, from its current position.</param>
    /// <param name="format">The form of the file.</param>
    /// <exception cref="ArgumentException">A parameter is NaN or infinite.</exception>
    public static void Write(INetwork network, Stream destination, WeightFormat format)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(Serialize(network, format));
    }

    /// <summary>Reads a weight file (either form) from <paramref name="source"/> to its end, and loads it into <paramref name="network"/>.</summary>
    /// <param name="network">The network to load into; its layers must be those the file describes.</param>
    /// <param name="source">The stream read from its current position to its end.</param>
    /// <exception cref="InvalidDataException">
    /// The bytes are not a whole, undamaged weight file of this version that describes a valid network with
    /// finite numbers; a stream that does not start like a weight file is refused without reading it to its end.
    /// </exception>
    /// <exception cref="ArgumentException">The file's network has other layers than <paramref name="network"/>; the message names both.</exception>
    public static void Read(INetwork network, Stream source)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(source);
        Apply(Read(WeightFileBytes.Read(source)), network);
    }

    /// <summary>
    /// Loads a weight file (either form) held in memory into <paramref name="network"/>: the way to load weights
    /// where there is no file system to read, such as a browser, which can fetch the file's bytes instead.
    /// </summary>
    /// <param name="network">The network to load into; its layers must be those the file describes.</param>
    /// <param name="file">The whole file, as <see cref="Write(INetwork, Stream, WeightFormat)"/> or <see cref="Save(INetwork, string, WeightFormat)"/> wrote it.</param>
    /// <exception cref="InvalidDataException">
    /// The bytes are not a whole, undamaged weight file of this version that describes a valid network with finite numbers.
    /// </exception>
    /// <exception cref="ArgumentException">The file's network has other layers than <paramref name="network"/>; the message names both.</exception>
    public static void Read(INetwork network, ReadOnlySpan<byte> file)
    {
        ArgumentNullException.ThrowIfNull(network);
        Apply(Read(file), network);
    }

    /// <summary>The architecture a weight file describes, without loading it into a network.</summary>
    /// <param name="path">A file written by <see cref="Save(INetwork, string, WeightFormat)"/>.</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing there, a missing folder on the way, or a folder).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="IOException">The file cannot be read (an I/O error, or it is locked).</exception>
    /// <exception cref="InvalidDataException">The file is not a whole, undamaged weight file of this version that describes a valid network with finite numbers.</exception>
    public static NetworkSpec ReadSpec(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Read(WeightFileBytes.Read(path)).Spec;
    }

    private static byte[] Serialize(INetwork network, WeightFormat format)
    {
        ArgumentNullException.ThrowIfNull(network);
        ReadOnlySpan<float> parameters = network.Parameters;
        int bad = WeightFile.IndexOfNonFinite(parameters);
        if (bad >= 0)
            throw new ArgumentException($"Parameter {bad} of the network is {parameters[bad]}; only finite parameters are saved (did training diverge?).", nameof(network));
        return format switch
        {
            WeightFormat.Json => JsonWeightFormat.Write(network.Spec, parameters),
            WeightFormat.Binary => BinaryWeightFormat.Write(network.Spec, parameters),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Undefined weight format."),
        };
    }

    /// <summary>Tells the two forms apart by their first bytes and reads the file.</summary>
    private static WeightFile Read(ReadOnlySpan<byte> bytes) => Recognize(bytes) switch
    {
        _ when bytes.IsEmpty => throw new InvalidDataException("The weight file is empty."),
        Recognized.Binary => BinaryWeightFormat.Read(bytes),
        Recognized.Json => JsonWeightFormat.Read(bytes),
        _ => throw Foreign(),
    };

    /// <summary>What the first bytes of a file say it is.</summary>
    internal enum Recognized
    {
        /// <summary>Too few bytes to tell (nothing, or only white space so far).</summary>
        Undecided,

        /// <summary>The magic bytes, or the start of them.</summary>
        Binary,

        /// <summary>An object, after optional white space.</summary>
        Json,

        /// <summary>Neither form, whatever follows.</summary>
        Neither,
    }

    /// <summary>Which form <paramref name="start"/>, the first bytes of a file, begins; also used to refuse a foreign stream before reading all of it.</summary>
    internal static Recognized Recognize(ReadOnlySpan<byte> start)
    {
        // A file cut inside its first four bytes is still recognisably a binary one, and truncated.
        if (start.StartsWith(BinaryWeightFormat.Magic) || (!start.IsEmpty && BinaryWeightFormat.Magic.StartsWith(start)))
            return Recognized.Binary;
        ReadOnlySpan<byte> byteOrderMark = "\uFEFF"u8;
        if (byteOrderMark.StartsWith(start[..Math.Min(start.Length, byteOrderMark.Length)]))
            start = start[Math.Min(start.Length, byteOrderMark.Length)..];
        int first = start.IndexOfAnyExcept(" \t\r\n"u8);
        return first < 0 ? Recognized.Undecided : start[first] == (byte)'{' ? Recognized.Json : Recognized.Neither;
    }

    /// <summary>The error for a file of neither form.</summary>
    internal static InvalidDataException Foreign() =>
        new("Not a GenNet weight file: it starts with neither the bytes 'GNNW' (binary) nor '{' (JSON).");

    private static void Apply(WeightFile file, INetwork network)
    {
        var spec = network.Spec;
        if (!file.Spec.HasSameLayers(spec))
            throw new ArgumentException($"The file holds weights for a {file.Spec} network, but this network is {spec}: their layers differ.", nameof(network));
        file.Parameters.CopyTo(network.Parameters);
    }

    /// <summary>The spec a file describes, or <see cref="InvalidDataException"/> saying why it cannot be one.</summary>
    /// <remarks>
    /// The parameter count is added up in 64 bits first: sizes whose count overflows <see cref="int"/>
    /// describe a network no engine can hold (and no file can carry the parameters of), and
    /// <see cref="NetworkSpec"/> would throw <see cref="OverflowException"/> laying them out.
    /// </remarks>
    internal static NetworkSpec Describe(int inputs, IReadOnlyList<LayerSpec> layers, Loss loss)
    {
        long count = 0, fanIn = inputs;
        foreach (var layer in layers)
        {
            if (fanIn < 1 || layer.Units < 1)
                break; // NetworkSpec names the size
            count += (fanIn + 1) * layer.Units; // at most 2^62 a layer, added to at most int.MaxValue
            if (count > int.MaxValue)
                throw new InvalidDataException($"The weight file describes a network of more than {int.MaxValue} parameters ({inputs}-{string.Join("-", layers.Select(l => l.Units))}); no engine can hold it.");
            fanIn = layer.Units;
        }
        try
        {
            return new NetworkSpec(inputs, layers, loss);
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException($"The weight file describes no valid network: {error.Message}", error);
        }
    }
}
