using Onnx;

namespace GenNet.Onnx;

/// <summary>
/// Builds GenNet layers from an ONNX graph's nodes, one node at a time, in order: each node must
/// continue the chain from the output of the one before. Every problem is an
/// <see cref="InvalidDataException"/> naming the node or initializer and saying what is wrong.
/// </summary>
/// <param name="input">The graph input the chain starts from.</param>
/// <param name="initializers">The graph's initializers by name, each name once.</param>
internal sealed class LayerChain(string input, IReadOnlyDictionary<string, TensorProto> initializers)
{
    private readonly List<LayerSpec> layers = [];
    private readonly List<float> parameters = [];
    // Every name a node output may not take again: the input, the initializers, earlier outputs.
    private readonly HashSet<string> defined = [input, .. initializers.Keys];
    private int inputCount;

    /// <summary>The name of the tensor the chain has reached.</summary>
    public string Current { get; private set; } = input;

    /// <summary>Reads one node into the layers.</summary>
    public void Add(NodeProto node)
    {
        if (node.Output.Count != 1 || node.Output[0].Length == 0)
            throw Unsupported(node, $"it has {(node.Output.Count == 1 ? "an unnamed output" : node.Output.Count + " outputs")}; each node of the chain has one named output");
        if (node.Input.Count == 0 || node.Input[0] != Current)
            throw Unsupported(node, $"it does not continue the chain from '{Current}'");
        if (!defined.Add(node.Output[0]))
            throw Unsupported(node, $"its output '{node.Output[0]}' is a name the graph already uses");

        switch (node.OpType)
        {
            case "Flatten" or "Identity":
                ExpectInputs(node, 1, 1);
                break;
            case "Gemm":
                ExpectInputs(node, 2, 3);
                if (Int(node, "transA", 0) != 0 || Float(node, "alpha", 1f) != 1f || Float(node, "beta", 1f) != 1f)
                    throw Unsupported(node, "it sets transA, alpha or beta");
                long transB = Int(node, "transB", 0);
                if (transB is not (0 or 1))
                    throw Unsupported(node, $"its transB is {transB}; ONNX allows 0 or 1");
                // ONNX makes Gemm's C optional (no third input, or an empty name): then the bias is zero.
                AddLayer(node, transposed: transB == 1, bias: node.Input.Count == 3 && node.Input[2].Length > 0 ? node.Input[2] : null);
                break;
            case "MatMul":
                ExpectInputs(node, 2, 2);
                AddLayer(node, transposed: false, bias: null);
                break;
            case "Add":
                ExpectInputs(node, 2, 2);
                // Only a bias of the layer's pre-activation: after an activation, Add would change the function.
                if (layers.Count == 0 || layers[^1].Activation != Activation.Linear)
                    throw Unsupported(node, "it does not follow a Gemm or MatMul directly; GenNet reads Add only as the bias of one");
                var biases = Biases(node, node.Input[1], layers[^1].Units);
                int at = parameters.Count - biases.Length;
                for (int i = 0; i < biases.Length; i++)
                    parameters[at + i] += biases[i];
                if (!parameters.Skip(at).All(float.IsFinite))
                    throw Unsupported(node, "adding its bias to the one before overflows float32");
                break;
            case var operation when ActivationTable.OfOnnxOperator(operation) is { } activation:
                ExpectInputs(node, 1, 1);
                if (layers.Count == 0 || layers[^1].Activation != Activation.Linear)
                    throw Unsupported(node, "it does not follow a Gemm or MatMul layer (one activation per layer)");
                // ONNX's default alpha is 0.01 (LeakyRelu's); GenNet computes its own alpha only.
                if (activation.OnnxAlpha is float expected && Float(node, "alpha", 0.01f) is var alpha && alpha != expected)
                    throw Unsupported(node, $"its alpha is {alpha}; GenNet's {activation.Symbol} has alpha {expected.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                // A [batch, units] tensor's units are axis 1, or -1 counted from the end; opsets before 13
                // default to 1 and later ones to -1, so a missing axis means the units too.
                if (activation.OnnxAxis is int unitsAxis && Int(node, "axis", unitsAxis) is var axis && axis != unitsAxis && axis != -1)
                    throw Unsupported(node, $"its axis is {axis}; GenNet's {activation.Symbol} is over the units of each example (axis {unitsAxis} or -1)");
                layers[^1] = layers[^1] with { Activation = activation.Activation };
                break;
            default:
                throw Unsupported(node, $"GenNet reads Gemm, MatMul + Add, {string.Join(", ", ActivationTable.Entries.Where(e => e.OnnxOperator is not null).Select(e => e.OnnxOperator))}, Flatten and Identity");
        }
        Current = node.Output[0];
    }

    /// <summary>The network the chain describes, and its parameters in GenNet's layout.</summary>
    public (NetworkSpec Spec, float[] Parameters) Finish(string path)
    {
        if (layers.Count == 0)
            throw new InvalidDataException($"'{path}' has no Gemm or MatMul layer.");
        try
        {
            return (new NetworkSpec(inputCount, layers), [.. parameters]);
        }
        catch (ArgumentException e) // e.g. a Softmax on a hidden layer: well-formed ONNX, not a GenNet network
        {
            throw new InvalidDataException($"'{path}' is a chain of layers GenNet cannot build: {e.Message}", e);
        }
    }

    private void AddLayer(NodeProto node, bool transposed, string? bias)
    {
        var weights = Initializer(node, node.Input[1], "weights");
        if (weights.Dims.Count != 2)
            throw Unsupported(node, $"its weights '{weights.Name}' have {weights.Dims.Count} dimensions; a layer's weights are a matrix");
        var values = OnnxTensor.Floats(weights); // checks that each dimension is 1 to int.MaxValue
        int units = (int)(transposed ? weights.Dims[0] : weights.Dims[1]), fanIn = (int)(transposed ? weights.Dims[1] : weights.Dims[0]);
        if (layers.Count == 0)
            inputCount = fanIn;
        else if (fanIn != layers[^1].Units)
            throw Unsupported(node, $"it takes {fanIn} inputs where the layer before gives {layers[^1].Units}");
        if (parameters.Count + (fanIn + 1L) * units > int.MaxValue)
            throw Unsupported(node, $"the network would have more than {int.MaxValue} parameters");

        // GenNet stores W[l] with one row per unit; an untransposed B has one column per unit.
        for (int i = 0; i < units; i++)
            for (int j = 0; j < fanIn; j++)
                parameters.Add(transposed ? values[i * fanIn + j] : values[j * units + i]);
        parameters.AddRange(bias is null ? new float[units] : Biases(node, bias, units));
        layers.Add(new LayerSpec(units, Activation.Linear));
    }

    /// <summary>The values of the bias <paramref name="name"/>, which must be shaped [units] or [1, units] (or a scalar for one unit).</summary>
    private float[] Biases(NodeProto node, string name, int units)
    {
        var tensor = Initializer(node, name, "bias");
        var values = OnnxTensor.Floats(tensor);
        // Any other shape that holds as many values would broadcast differently over a batch.
        bool shaped = tensor.Dims.Count == 0 ? units == 1 : tensor.Dims[^1] == units && tensor.Dims.SkipLast(1).All(d => d == 1);
        return shaped && values.Length == units
            ? values
            : throw Unsupported(node, $"its bias '{name}' has dimensions [{string.Join(", ", tensor.Dims)}]; for {units} units it must be [{units}] or [1, {units}]");
    }

    private TensorProto Initializer(NodeProto node, string name, string role) =>
        initializers.TryGetValue(name, out var tensor)
            ? tensor
            : throw Unsupported(node, $"its {role} '{name}' is not an initializer of the graph");

    private static void ExpectInputs(NodeProto node, int least, int most)
    {
        if (node.Input.Count < least || node.Input.Count > most)
            throw Unsupported(node, $"it has {node.Input.Count} inputs; {node.OpType} takes {(least == most ? least.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{least} or {most}")}");
    }

    private static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    private static long Int(NodeProto node, string name, long absent) => Attribute(node, name)?.I ?? absent;

    private static float Float(NodeProto node, string name, float absent) => Attribute(node, name)?.F ?? absent;

    private static InvalidDataException Unsupported(NodeProto node, string why) =>
        new($"ONNX node '{node.Name}' ({node.OpType}) is not supported: {why}.");
}
