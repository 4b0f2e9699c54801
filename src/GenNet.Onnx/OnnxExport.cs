using Google.Protobuf;
using Onnx;

namespace GenNet.Onnx;

/// <summary>
/// Writes any <see cref="INetwork"/> (generated, <see cref="ReferenceNetwork"/>, <see cref="DynamicNetwork"/>)
/// as an ONNX model: per layer a <c>Gemm</c> node computing <c>Z[l] = A[l-1]·W[l]ᵀ + b[l]</c> for a
/// batch of rows, then the activation node (<c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>, <c>LeakyRelu</c>
/// with alpha 0.01, <c>Softmax</c> with axis 1, or none for linear). The input is <c>"input"</c>, of shape [batch, n[0]]; the output
/// is <c>"output"</c>, of shape [batch, n[L]]: the example-major layout GenNet's spans use.
/// </summary>
public static class OnnxExport
{
    /// <summary>The opset the model declares: every operator used has had its present form since 13.</summary>
    public const int Opset = 13;

    /// <summary>The name of the model's input, of shape [batch, n[0]].</summary>
    public const string InputName = "input";

    /// <summary>The name of the model's output, of shape [batch, n[L]].</summary>
    public const string OutputName = "output";

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="path"/>.</summary>
    /// <param name="network">The network to export.</param>
    /// <param name="path">The <c>.onnx</c> file to write; replaced if it exists.</param>
    public static void Save(INetwork network, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var model = ToModel(network);
        using var stream = File.Create(path);
        model.WriteTo(stream);
    }

    /// <summary>The ONNX model of <paramref name="network"/>, its parameters copied in as initializers.</summary>
    /// <param name="network">The network to export.</param>
    public static ModelProto ToModel(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var spec = network.Spec;
        ReadOnlySpan<float> parameters = network.Parameters;
        var graph = new GraphProto { Name = "GenNet " + spec };
        graph.Input.Add(Matrix(InputName, spec.InputCount));
        graph.Output.Add(Matrix(OutputName, spec.OutputCount));

        string previous = InputName;
        for (int l = 1; l <= spec.Layers.Count; l++)
        {
            var layer = spec.Layers[l - 1];
            int weights = spec.Layout.WeightOffset(l), biases = spec.Layout.BiasOffset(l);
            string w = $"W{l}", b = $"b{l}", z = $"Z{l}";
            string a = l == spec.Layers.Count ? OutputName : $"A{l}";
            graph.Initializer.Add(Tensor(w, parameters.Slice(weights, layer.Units * spec.UnitsOf(l - 1)), layer.Units, spec.UnitsOf(l - 1)));
            graph.Initializer.Add(Tensor(b, parameters.Slice(biases, layer.Units), layer.Units));

            // W[l] is stored n[l] × n[l-1], one row per unit: Gemm multiplies the batch by its transpose.
            // An activation without an operator (the identity) is no node: the Gemm writes A[l] itself.
            var activation = ActivationTable.Of(layer.Activation);
            var gemm = Node("Gemm", $"layer{l}_gemm", [previous, w, b], activation.OnnxOperator is null ? a : z);
            gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(gemm);
            if (activation.OnnxOperator is not null)
                graph.Node.Add(ActivationNode(activation, $"layer{l}_{layer.Activation}", z, a));
            previous = a;
        }

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "GenNet",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    /// <summary>The node of an activation that has an operator (<see cref="ActivationTable"/>), with its <c>alpha</c> or <c>axis</c> where it takes one.</summary>
    private static NodeProto ActivationNode(ActivationEntry activation, string name, string input, string output)
    {
        var node = Node(activation.OnnxOperator!, name, [input], output);
        if (activation.OnnxAlpha is float alpha)
            node.Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = alpha });
        if (activation.OnnxAxis is int axis)
            node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = axis });
        return node;
    }

    private static NodeProto Node(string operation, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = operation, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Tensor(string name, ReadOnlySpan<float> values, params long[] dimensions)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dimensions);
        foreach (float value in values)
            tensor.FloatData.Add(value);
        return tensor;
    }

    /// <summary>A float matrix of a batch of rows: [batch, <paramref name="columns"/>].</summary>
    private static ValueInfoProto Matrix(string name, int columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
