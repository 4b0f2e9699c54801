using Google.Protobuf;
using Onnx;

namespace GenNet.Tests.Onnx;

/// <summary>ONNX graphs built by hand, as exporters lay them out: declarations, nodes, attributes and tensors.</summary>
internal static class OnnxGraphs
{
    /// <summary>A graph of input "input" [batch, <paramref name="inputs"/>] and output "output" [batch, <paramref name="outputs"/>].</summary>
    public static GraphProto Graph(int inputs, int outputs) => Graph([null, inputs], [null, outputs]);

    /// <summary>A graph of input "input" and output "output" of the dimensions given; null is the dynamic batch.</summary>
    public static GraphProto Graph(long?[] input, long?[] output)
    {
        var graph = new GraphProto { Name = "test" };
        graph.Input.Add(Declared("input", input));
        graph.Output.Add(Declared("output", output));
        return graph;
    }

    public static NodeProto Node(string operation, string name, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = operation, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    public static NodeProto Gemm(string name, string input, string weights, string bias, string output, bool transB) =>
        Node("Gemm", name, [input, weights, bias], output, Int("transB", transB ? 1 : 0));

    /// <summary>A <c>Constant</c> node whose value is <paramref name="value"/>.</summary>
    public static NodeProto Constant(string name, string output, TensorProto value) =>
        Node("Constant", name, [], output, new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = value });

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    /// <summary>A float tensor in <c>float_data</c>, as Keras's exporter writes them.</summary>
    public static TensorProto Floats(string name, float[] values, params long[] dimensions)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dimensions);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    /// <summary>A float tensor in little-endian <c>raw_data</c>, as PyTorch's exporter writes them.</summary>
    public static TensorProto Raw(string name, float[] values, params long[] dimensions)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dimensions);
        var bytes = new byte[4 * values.Length];
        for (int k = 0; k < values.Length; k++)
            BitConverter.TryWriteBytes(bytes.AsSpan(4 * k), values[k]);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }

    /// <summary>An int64 tensor (a shape) in <c>int64_data</c>.</summary>
    public static TensorProto Int64s(string name, long[] values, params long[] dimensions)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dimensions);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    /// <summary>A bool scalar in one byte of <c>raw_data</c>, as PyTorch writes Dropout's training_mode.</summary>
    public static TensorProto Bool(string name, bool value) =>
        new() { Name = name, DataType = (int)TensorProto.Types.DataType.Bool, RawData = ByteString.CopyFrom([(byte)(value ? 1 : 0)]) };

    /// <summary>Writes the graph as a model of <paramref name="opset"/> into <paramref name="folder"/>, under a new name.</summary>
    public static string Write(string folder, GraphProto graph, int opset = 13)
    {
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = opset });
        string path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".onnx");
        using var stream = File.Create(path);
        model.WriteTo(stream);
        return path;
    }

    private static ValueInfoProto Declared(string name, long?[] dimensions)
    {
        var shape = new TensorShapeProto();
        foreach (long? dimension in dimensions)
            shape.Dim.Add(dimension is long value
                ? new TensorShapeProto.Types.Dimension { DimValue = value }
                : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
