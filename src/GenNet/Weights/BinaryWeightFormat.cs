using System.Buffers.Binary;
using System.Text;

namespace GenNet;

/// <summary>Reads and writes <see cref="WeightFormat.Binary"/>, whose layout its documentation gives.</summary>
internal static class BinaryWeightFormat
{
    public static ReadOnlySpan<byte> Magic => "GNNW"u8;

    private const int HeaderLength = 16;

    public static byte[] Write(NetworkSpec spec, ReadOnlySpan<float> parameters)
    {
        int layers = spec.Layers.Count;
        var bytes = new byte[HeaderLength + 8 * layers + 8 + 4 * parameters.Length + 4];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], NetworkWeights.Version);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], spec.InputCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], layers);
        int offset = HeaderLength;
        foreach (var layer in spec.Layers)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[offset..], layer.Units);
            BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 4)..], (int)layer.Activation);
            offset += 8;
        }
        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], (int)spec.Loss);
        BinaryPrimitives.WriteInt32LittleEndian(span[(offset + 4)..], parameters.Length);
        offset += 8;
        foreach (float parameter in parameters)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[offset..], parameter);
            offset += 4;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], Crc32.Of(span[..offset]));
        return bytes;
    }

    /// <summary>Reads a binary weight file whose first bytes the caller has found to be (the start of) <see cref="Magic"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole, undamaged binary weight file of a version this library reads.</exception>
    public static WeightFile Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength)
            throw Truncated(bytes.Length, HeaderLength);
        int version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (version != NetworkWeights.Version)
            throw new InvalidDataException($"The weight file has format version {version}; this GenNet reads version {NetworkWeights.Version}.");

        int inputs = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        int layerCount = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
        if (layerCount < 1 || layerCount > (bytes.Length - HeaderLength) / 8)
            throw layerCount < 1
                ? new InvalidDataException($"The weight file declares {layerCount} layers; a network has at least one.")
                : Truncated(bytes.Length, HeaderLength + 8L * layerCount + 12);
        int offset = HeaderLength + 8 * layerCount;
        if (bytes.Length < offset + 8)
            throw Truncated(bytes.Length, offset + 12);
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[(offset + 4)..]);
        long expected = offset + 8 + 4L * Math.Max(count, 0) + 4;
        if (count < 0 || bytes.Length < expected)
            throw Truncated(bytes.Length, expected);
        if (bytes.Length > expected)
            throw new InvalidDataException($"The weight file has {bytes.Length - expected} bytes after its checksum; it is damaged or not a GenNet weight file.");

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(int)(expected - 4)..]);
        uint actual = Crc32.Of(bytes[..(int)(expected - 4)]);
        if (stored != actual)
            throw new InvalidDataException($"The weight file is damaged: its checksum is 0x{stored:X8}, but its contents give 0x{actual:X8}.");

        var layers = new LayerSpec[layerCount];
        for (int l = 0; l < layerCount; l++)
            layers[l] = new LayerSpec(
                BinaryPrimitives.ReadInt32LittleEndian(bytes[(HeaderLength + 8 * l)..]),
                (Activation)BinaryPrimitives.ReadInt32LittleEndian(bytes[(HeaderLength + 8 * l + 4)..]));
        var loss = (Loss)BinaryPrimitives.ReadInt32LittleEndian(bytes[offset..]);
        var spec = NetworkWeights.Describe(inputs, layers, loss);

        var parameters = new float[count];
        for (int k = 0; k < count; k++)
            parameters[k] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(offset + 8 + 4 * k)..]);
        return WeightFile.Checked(spec, parameters);
    }

    private static InvalidDataException Truncated(int length, long needed) =>
        new($"The weight file is truncated: it has {length} bytes, and its header calls for at least {needed}.");
}
