using System.Buffers.Binary;
using System.Globalization;
using Onnx;

namespace GenNet.Onnx;

/// <summary>
/// Reads a tensor's values (an initializer, or a constant a node computes), checking everything its
/// dimensions and data claim before trusting them. Each method takes the tensor's description, as
/// messages name it: <c>ONNX initializer 'W1'</c>.
/// </summary>
internal static class OnnxTensor
{
    /// <summary>How messages name the initializer <paramref name="name"/>.</summary>
    public static string Initializer(string name) => $"ONNX initializer '{name}'";

    /// <summary>
    /// A float tensor's values, from <c>float_data</c> or little-endian <c>raw_data</c> (PyTorch writes the
    /// latter), once checked: float32 stored in the file, each dimension 1 to <see cref="int.MaxValue"/>
    /// (so 2³² + 4 is refused, not truncated to 4), as many values as the dimensions multiply to (counted
    /// in 64 bits, before anything is allocated), and every value finite.
    /// </summary>
    /// <exception cref="InvalidDataException">One of these does not hold; the message names the tensor.</exception>
    public static float[] Floats(TensorProto tensor, string description)
    {
        var values = new float[Count(tensor, description, TensorProto.Types.DataType.Float, "float32", 4, ("float_data", tensor.FloatData.Count))];
        var raw = tensor.RawData.Span;
        if (raw.IsEmpty)
            tensor.FloatData.CopyTo(values, 0);
        else
            for (int k = 0; k < values.Length; k++)
                values[k] = BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * k)..]);

        for (int k = 0; k < values.Length; k++)
            if (!float.IsFinite(values[k]))
                throw Bad(description, $"holds {values[k].ToString(CultureInfo.InvariantCulture)} at index {k}; GenNet reads finite weights only, as weight files do (a NaN or ∞ weight makes every output NaN)");
        return values;
    }

    /// <summary>An int64 tensor's values (a shape), from <c>int64_data</c> or little-endian <c>raw_data</c>, checked as <see cref="Floats"/> checks.</summary>
    /// <exception cref="InvalidDataException">The tensor is not int64 or its data does not match its dimensions; the message names the tensor.</exception>
    public static long[] Int64s(TensorProto tensor, string description)
    {
        var values = new long[Count(tensor, description, TensorProto.Types.DataType.Int64, "int64", 8, ("int64_data", tensor.Int64Data.Count))];
        var raw = tensor.RawData.Span;
        if (raw.IsEmpty)
            tensor.Int64Data.CopyTo(values, 0);
        else
            for (int k = 0; k < values.Length; k++)
                values[k] = BinaryPrimitives.ReadInt64LittleEndian(raw[(8 * k)..]);
        return values;
    }

    /// <summary>A bool scalar (<c>Dropout</c>'s training_mode), from <c>int32_data</c> or one byte of <c>raw_data</c>.</summary>
    /// <exception cref="InvalidDataException">The tensor is not one bool; the message names the tensor.</exception>
    public static bool Bool(TensorProto tensor, string description)
    {
        long count = Count(tensor, description, TensorProto.Types.DataType.Bool, "bool", 1, ("int32_data", tensor.Int32Data.Count));
        if (count != 1)
            throw Bad(description, $"has dimensions {OnnxNode.Dimensions(tensor.Dims)}; a flag is one value");
        return tensor.RawData.IsEmpty ? tensor.Int32Data[0] != 0 : tensor.RawData.Span[0] != 0;
    }

    /// <summary>
    /// The number of values the tensor's dimensions multiply to, once checked: each dimension 1 to
    /// <see cref="int.MaxValue"/>, the product at most an array's length. The data type is not checked:
    /// reshaping a constant only changes its dimensions.
    /// </summary>
    /// <exception cref="InvalidDataException">A dimension is out of range; the message names the tensor.</exception>
    public static int Count(TensorProto tensor, string description)
    {
        long count = 1;
        foreach (long dimension in tensor.Dims)
        {
            if (dimension is < 1 or > int.MaxValue)
                throw Bad(description, $"has dimensions {OnnxNode.Dimensions(tensor.Dims)}; each must be from 1 to {int.MaxValue}");
            count *= dimension; // at most int.MaxValue × int.MaxValue: no overflow in 64 bits
            if (count > Array.MaxLength)
                throw Bad(description, $"has dimensions {OnnxNode.Dimensions(tensor.Dims)}, more values than an array holds");
        }
        return (int)count;
    }

    /// <summary>The count of values, once the type, the storage and the data's length agree with the dimensions.</summary>
    private static int Count(TensorProto tensor, string description, TensorProto.Types.DataType type, string typeName, int bytes, (string Field, int Count) typed)
    {
        if (tensor.DataType != (int)type)
            throw Bad(description, $"is of ONNX data type {tensor.DataType}; GenNet reads {typeName} ({(int)type}) here");
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw Bad(description, "is stored outside the model file; GenNet reads tensors stored in it");

        int count = Count(tensor, description);
        var raw = tensor.RawData.Span;
        if (typed.Count > 0 && !raw.IsEmpty)
            throw Bad(description, $"has both {typed.Field} and raw_data; ONNX stores a tensor in one of them");
        if (raw.Length % bytes != 0)
            throw Bad(description, $"has {raw.Length} bytes of raw_data, not a whole number of {typeName} values");
        long stored = raw.IsEmpty ? typed.Count : raw.Length / bytes;
        if (stored != count)
            throw Bad(description, $"has dimensions {OnnxNode.Dimensions(tensor.Dims)}, {count} values, but holds {stored}");
        return count;
    }

    private static InvalidDataException Bad(string description, string why) => new($"{description} {why}.");
}
