using Onnx;
using static GenNet.Onnx.OnnxNode;

namespace GenNet.Onnx;

/// <summary>
/// Builds GenNet layers from an ONNX graph's nodes, one node at a time, in order. A node whose inputs are
/// all constants computes a constant (<see cref="ConstantValues"/>); every other node must continue the
/// chain from the tensor the one before it computed: a layer's <c>Gemm</c> or <c>MatMul</c>, its
/// activation, or an operation folded into a layer (<c>LayerChain.Folds.cs</c>). Every problem is an
/// <see cref="InvalidDataException"/> naming the first node that cannot be read and saying why.
/// </summary>
internal sealed partial class LayerChain
{
    private readonly ConstantValues constants;
    private readonly List<LayerSpec> layers = [];
    // Per layer, W with one row of fan-in values per unit and b, in double until Finish rounds them once.
    private readonly List<(double[] Weights, double[] Biases)> parameters = [];
    private readonly List<OnnxFold> folds = [];
    private readonly List<string> notes = [];
    // Every name a node output may not take again: the input, the initializers, earlier outputs.
    private readonly HashSet<string> defined;
    // The tensors computed from the network's input (not constants): the chain and what branches off it.
    private readonly HashSet<string> computed;
    private long parameterCount;
    private int inputCount;
    // The last layer's Gemm or MatMul has no activation yet: a fold now goes between the two.
    private bool open;
    // The node before was a MatMul: an Add now is its bias, which is no fold.
    private bool awaitingBias;
    // The softmax of the last layer, which must be the output layer.
    private NodeProto? wholeLayerActivation;

    /// <param name="input">The graph input the chain starts from, with its declared shape if it has one.</param>
    /// <param name="initializers">The graph's initializers by name, each name once.</param>
    public LayerChain(ValueInfoProto input, IReadOnlyDictionary<string, TensorProto> initializers)
    {
        constants = new ConstantValues(initializers);
        defined = [input.Name, .. initializers.Keys];
        computed = [input.Name];
        Current = input.Name;
        (rank, perExample, fixedBatch) = DeclaredShape(input);
    }

    /// <summary>The name of the tensor the chain has reached.</summary>
    public string Current { get; private set; }

    /// <summary>Reads one node: a constant, or the chain's next step.</summary>
    public void Add(NodeProto node)
    {
        foreach (string input in node.Input)
            if (input.Length > 0 && !constants.Contains(input) && !computed.Contains(input))
                throw Unsupported(node, $"its input '{input}' is not an initializer of the graph, nor the output of an earlier node");
        foreach (string output in node.Output)
            if (output.Length > 0 && !defined.Add(output))
                throw Unsupported(node, $"its output '{output}' is a name the graph already uses");

        if (!node.Input.Contains(Current))
        {
            if (!node.Input.All(input => input.Length == 0 || constants.Contains(input)))
                throw Unsupported(node, $"it does not continue the chain from '{Current}'");
            constants.Evaluate(node);
            return;
        }
        ExpectOutputs(node);
        bool bias = awaitingBias;
        awaitingBias = false;
        switch (node.OpType)
        {
            case "Gemm":
                ExpectInputs(node, 2, 3);
                ExpectData(node);
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
                ExpectData(node);
                AddLayer(node, transposed: false, bias: null);
                awaitingBias = true;
                break;
            case "Add" or "Sub" or "Mul" or "Div":
                FoldConstant(node, asBias: bias && node.OpType == "Add");
                break;
            case "BatchNormalization":
                FoldBatchNormalization(node);
                break;
            case "Dropout":
                Dropout(node);
                break;
            case "Identity":
                ExpectInputs(node, 1, 1);
                folds.Add(new OnnxFold(node.OpType, node.Name, null));
                break;
            case "Flatten":
                Flatten(node);
                break;
            case "Reshape":
                Reshape(node);
                break;
            case "Shape":
                throw Unsupported(node, $"it reads the shape of '{Current}' to compute with; GenNet reads Reshape only to a constant shape [batch, n], such as [-1, n], which PyTorch writes for x.view(-1, n) or nn.Flatten()");
            case "LogSoftmax":
                Activate(node, ActivationTable.Of(Activation.Softmax), logarithm: true);
                break;
            case var operation when ActivationTable.OfOnnxOperator(operation) is { } activation:
                Activate(node, activation, logarithm: false);
                break;
            default:
                throw Unsupported(node, $"GenNet reads Gemm, MatMul, {string.Join(", ", ActivationTable.Entries.Where(e => e.OnnxOperator is not null).Select(e => e.OnnxOperator))} and LogSoftmax, " +
                    "folds Add, Sub, Mul and Div by constants and BatchNormalization into the layers, and drops Dropout, Identity, Flatten and Reshape to [batch, n]");
        }
        computed.UnionWith(node.Output.Where(output => output.Length > 0));
        Current = node.Output[0];
    }

    /// <summary>The network the chain describes, its parameters in GenNet's layout, and what was folded.</summary>
    public OnnxImportResult Finish(string path)
    {
        if (layers.Count == 0)
            throw new InvalidDataException($"'{path}' has no Gemm or MatMul layer.");
        if (foldedBefore.Count > 0)
            throw Unsupported(foldedBefore[0], $"it follows the output layer's activation ({layers[^1].Activation}), and GenNet folds {foldedBefore[0].OpType} into the layer after it or between a layer's Gemm or MatMul and its activation");
        NetworkSpec spec;
        try
        {
            spec = new NetworkSpec(inputCount, layers);
        }
        catch (ArgumentException e) // e.g. a softmax of one unit: well-formed ONNX, not a GenNet network
        {
            throw new InvalidDataException($"'{path}' is a chain of layers GenNet cannot build: {e.Message}", e);
        }
        // The layout GenNet's spans use: W[1], b[1], W[2], b[2], … (each fold checked that it fits a float).
        var values = new float[parameterCount];
        int at = 0;
        foreach (var (weights, biases) in parameters)
            foreach (double value in weights.Concat(biases))
                values[at++] = (float)value;
        return new OnnxImportResult(spec, values, folds, notes);
    }

    /// <summary>Why the graph's outputs are not reached: an output that is a constant GenNet could not compute names the node that computes it.</summary>
    public InvalidDataException Unreached(IEnumerable<ValueInfoProto> outputs)
    {
        foreach (var output in outputs)
            if (constants.Contains(output.Name) && constants.Refusal(output.Name, $"the graph output '{output.Name}'") is { } refusal)
                return refusal;
        return new InvalidDataException($"The chain of nodes ends in '{Current}', which is not an output of the graph.");
    }

    private void AddLayer(NodeProto node, bool transposed, string? bias)
    {
        RequireMatrix(node);
        if (wholeLayerActivation is { } softmax)
            throw Unsupported(softmax, $"a layer follows it, but GenNet's {Activation.Softmax} is only for the output layer (its units share one distribution over classes)");
        var (tensor, description) = Constant(node, node.Input[1], "weights");
        if (tensor.Dims.Count != 2)
            throw Unsupported(node, $"its weights '{node.Input[1]}' have {tensor.Dims.Count} dimensions; a layer's weights are a matrix");
        var values = OnnxTensor.Floats(tensor, description); // checks that each dimension is 1 to int.MaxValue
        int units = (int)(transposed ? tensor.Dims[0] : tensor.Dims[1]), fanIn = (int)(transposed ? tensor.Dims[1] : tensor.Dims[0]);
        if (Features is long features && fanIn != features)
            throw Unsupported(node, layers.Count == 0
                ? $"it takes {fanIn} inputs where '{Current}' has {features} features"
                : $"it takes {fanIn} inputs where the layer before gives {features}");
        if (parameterCount + (fanIn + 1L) * units > int.MaxValue)
            throw Unsupported(node, $"the network would have more than {int.MaxValue} parameters");

        // GenNet stores W[l] with one row per unit; an untransposed B has one column per unit.
        var weights = new double[units * fanIn];
        for (int i = 0; i < units; i++)
            for (int j = 0; j < fanIn; j++)
                weights[i * fanIn + j] = transposed ? values[i * fanIn + j] : values[j * units + i];
        var biases = bias is null ? new double[units] : Broadcast(PerFeature(node, bias, "bias", units, "units"), units);
        int layer = layers.Count + 1;
        if (before is { } map)
        {
            map.FoldBefore(weights, biases, fanIn);
            folds.AddRange(foldedBefore.Select(folded => new OnnxFold(folded.OpType, folded.Name, layer)));
            RequireFloat(node, layer, weights, biases, $"with {string.Join(", ", foldedBefore.Select(folded => $"'{folded.Name}' ({folded.OpType})"))} folded in");
            (before, foldedBefore) = (null, []);
        }

        if (layers.Count == 0)
            inputCount = fanIn;
        layers.Add(new LayerSpec(units, Activation.Linear));
        parameters.Add((weights, biases));
        parameterCount += (fanIn + 1L) * units;
        open = true;
        (rank, perExample) = (2, units);
    }

    private void Activate(NodeProto node, ActivationEntry activation, bool logarithm)
    {
        ExpectInputs(node, 1, 1);
        ExpectData(node);
        if (!open)
            throw Unsupported(node, "it does not follow a Gemm or MatMul layer (one activation per layer)");
        // ONNX's default alpha is 0.01 (LeakyRelu's); GenNet computes its own alpha only.
        if (activation.OnnxAlpha is float expected && Float(node, "alpha", 0.01f) is var alpha && alpha != expected)
            throw Unsupported(node, $"its alpha is {Text(alpha)}; GenNet's {activation.Symbol} has alpha {Text(expected)}");
        // A [batch, units] tensor's units are axis 1, or -1 counted from the end; opsets before 13
        // default to 1 and later ones to -1, so a missing axis means the units too.
        if (activation.OnnxAxis is int unitsAxis && Int(node, "axis", unitsAxis) is var axis && axis != unitsAxis && axis != -1)
            throw Unsupported(node, $"its axis is {axis}; GenNet's {activation.Symbol} is over the units of each example (axis {unitsAxis} or -1)");
        layers[^1] = layers[^1] with { Activation = activation.Activation };
        open = false;
        if (ActivationTable.IsWholeLayer(activation.Activation))
            wholeLayerActivation = node;
        if (logarithm)
            notes.Add($"The output layer's LogSoftmax (node '{node.Name}') is read as softmax: the network's outputs are probabilities, " +
                "the exponentials of the log-probabilities the ONNX model gives, and pick the same class.");
    }

    /// <summary>The constant <paramref name="name"/> that <paramref name="node"/> reads as its <paramref name="role"/>.</summary>
    private (TensorProto Tensor, string Description) Constant(NodeProto node, string name, string role) =>
        constants.Contains(name) ? constants.Get(node, name, role)
        : name.Length == 0 ? throw Unsupported(node, $"its {role} is an unnamed input")
        : throw Unsupported(node, $"it reads its {role} from '{name}', which the network computes from its input, not a constant");

    /// <summary>Refuses <paramref name="node"/> unless the chain's tensor is its input 0, the data it transforms.</summary>
    private void ExpectData(NodeProto node)
    {
        if (node.Input[0] != Current)
            throw Unsupported(node, $"it does not continue the chain from '{Current}' (its input 0)");
    }

    private static void ExpectOutputs(NodeProto node)
    {
        // Dropout may name its mask, which nothing at inference reads; a batch norm's further outputs are training's statistics.
        if (node.OpType == "BatchNormalization" && (node.Output.Count > 1 || Int(node, "training_mode", 0) != 0))
            throw Unsupported(node, $"it is in training mode ({(node.Output.Count > 1 ? $"{node.Output.Count} outputs" : "training_mode = 1")}): it normalizes each batch by its own statistics; " +
                "exported from a model in eval mode (model.eval()) it uses the running statistics and has one output");
        int most = node.OpType == "Dropout" ? 2 : 1;
        if (node.Output.Count < 1 || node.Output.Count > most || node.Output[0].Length == 0)
            throw Unsupported(node, $"it has {(node.Output.Count == 1 ? "an unnamed output" : node.Output.Count + " outputs")}; each node of the chain has one named output{(most == 2 ? " (and Dropout its mask)" : "")}");
    }

    private static double[] Broadcast(double[] values, int count) => values.Length == count ? values : [.. Enumerable.Repeat(values[0], count)];
}
