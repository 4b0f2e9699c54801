using System.Buffers.Binary;
using System.Globalization;
using Onnx;

namespace GenNet.Onnx;

/// <summary>Reads an initializer's values, checking everything its dimensions and data claim before trusting them.</summary>
internal static class OnnxTensor
{
    /// <summary>
    /// A float tensor's values, from <c>float_data</c> or little-endian <c>raw_data</c> (PyTorch writes the
    /// latter), once checked: float32 stored in the file, each dimension 1 to <see cref="int.MaxValue"/>
    /// (so 2³² + 4 is refused, not truncated to 4), as many values as the dimensions multiply to (counted
    /// in 64 bits, before anything is allocated), and every value finite.
    /// </summary>
    /// <exception cref="InvalidDataException">One of these does not hold; the message names the initializer.</exception>
    public static float[] Floats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw Bad(tensor, $"is of ONNX data type {tensor.DataType}; GenNet reads float32 (1)");
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw Bad(tensor, "is stored outside the model file; GenNet reads initializers stored in it");

        long count = 1;
        foreach (long dimension in tensor.Dims)
        {
            if (dimension is < 1 or > int.MaxValue)
                throw Bad(tensor, $"has dimensions {Dimensions(tensor)}; each must be from 1 to {int.MaxValue}");
            count *= dimension; // at most int.MaxValue × int.MaxValue: no overflow in 64 bits
            if (count > Array.MaxLength)
                throw Bad(tensor, $"has dimensions {Dimensions(tensor)}, more values than an array holds");
        }

        var raw = tensor.RawData.Span;
        if (tensor.FloatData.Count > 0 && !raw.IsEmpty)
            throw Bad(tensor, "has both float_data and raw_data; ONNX stores a tensor in one of them");
        if (raw.Length % 4 != 0)
            throw Bad(tensor, $"has {raw.Length} bytes of raw_data, not a whole number of float32 values");
        long stored = raw.IsEmpty ? tensor.FloatData.Count : raw.Length / 4;
        if (stored != count)
            throw Bad(tensor, $"has dimensions {Dimensions(tensor)}, {count} values, but holds {stored}");

        var values = new float[count];
        if (raw.IsEmpty)
            tensor.FloatData.CopyTo(values, 0);
        else
            for (int k = 0; k < values.Length; k++)
                values[k] = BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * k)..]);

        for (int k = 0; k < values.Length; k++)
            if (!float.IsFinite(values[k]))
                throw Bad(tensor, $"holds {values[k].ToString(CultureInfo.InvariantCulture)} at index {k}; GenNet reads finite weights only, as weight files do (a NaN or ∞ weight makes every output NaN)");
        return values;
    }

    private static string Dimensions(TensorProto tensor) => $"[{string.Join(", ", tensor.Dims)}]";

    private static InvalidDataException Bad(TensorProto tensor, string why) =>
        new($"ONNX initializer '{tensor.Name}' {why}.");
}
