using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace GenNet.Onnx;

/// <summary>
/// Reads a fully connected network from an ONNX file, as GenNet writes it (<see cref="OnnxExport"/>) or
/// as PyTorch and Keras exporters do: a chain of layers, each a <c>Gemm</c> (either <c>transB</c>) or a
/// <c>MatMul</c> followed by an <c>Add</c> of the bias, then optionally <c>Sigmoid</c>, <c>Tanh</c>,
/// <c>Relu</c> or <c>LeakyRelu</c> (alpha 0.01). <c>Flatten</c> and <c>Identity</c> nodes are passed over.
/// Anything else is refused with a message that names the node.
/// </summary>
public static class OnnxImport
{
    /// <summary>The architecture the ONNX file describes (loss from the output activation, as <see cref="Loss.Auto"/> picks it).</summary>
    /// <param name="path">An <c>.onnx</c> file.</param>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, or not a chain of the layers above.</exception>
    public static NetworkSpec ReadSpec(string path) => Read(path).Spec;

    /// <summary>Loads the weights and biases of the ONNX file at <paramref name="path"/> into <paramref name="network"/>.</summary>
    /// <param name="network">The network to load into; its layers must be the file's.</param>
    /// <param name="path">An <c>.onnx</c> file.</param>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, or not a chain of the layers above.</exception>
    /// <exception cref="ArgumentException">The file's network has other layers than <paramref name="network"/>; the message names both.</exception>
    public static void Load(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        var (spec, parameters) = Read(path);
        if (!spec.HasSameLayers(network.Spec))
            throw new ArgumentException($"The ONNX file holds a {spec} network, but this network is {network.Spec}: their layers differ.", nameof(network));
        parameters.CopyTo(network.Parameters);
    }

    private static (NetworkSpec Spec, float[] Parameters) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new InvalidDataException($"'{path}' is not an ONNX model: {error.Message}", error);
        }
        if (model.Graph is null || model.Graph.Input.Count == 0)
            throw new InvalidDataException($"'{path}' holds no graph with an input.");

        var initializers = model.Graph.Initializer.ToDictionary(tensor => tensor.Name);
        // Graph inputs that are initializers (older exporters list them) are parameters, not the network's input.
        string input = model.Graph.Input.First(value => !initializers.ContainsKey(value.Name)).Name;
        var layers = new List<LayerSpec>();
        var parameters = new List<float>();
        int inputCount = -1;
        string current = input;

        foreach (var node in model.Graph.Node)
        {
            if (node.Input.Count == 0 || node.Input[0] != current)
                throw Unsupported(node, $"it does not continue the chain from '{current}'");
            switch (node.OpType)
            {
                case "Flatten" or "Identity":
                    break;
                case "Gemm":
                    AddLayer(node, initializers, transposed: Attribute(node, "transB")?.I == 1, bias: node.Input.Count > 2 ? node.Input[2] : null);
                    break;
                case "MatMul":
                    AddLayer(node, initializers, transposed: false, bias: null);
                    break;
                case "Add" when layers.Count > 0 && initializers.TryGetValue(node.Input[1], out var bias) && Floats(bias).Length == layers[^1].Units:
                    var values = Floats(bias);
                    int at = parameters.Count - layers[^1].Units;
                    for (int i = 0; i < values.Length; i++)
                        parameters[at + i] += values[i];
                    break;
                case "Sigmoid" or "Tanh" or "Relu" or "LeakyRelu" when layers.Count > 0 && layers[^1].Activation == Activation.Linear:
                    if (node.OpType == "LeakyRelu" && (Attribute(node, "alpha")?.F ?? 0.01f) != (float)ActivationFunctions.LeakySlope)
                        throw Unsupported(node, $"its alpha is {Attribute(node, "alpha")!.F}; GenNet's leaky ReLU has alpha 0.01");
                    layers[^1] = layers[^1] with
                    {
                        Activation = node.OpType switch { "Sigmoid" => Activation.Sigmoid, "Tanh" => Activation.Tanh, "Relu" => Activation.ReLU, _ => Activation.LeakyReLU },
                    };
                    break;
                default:
                    throw Unsupported(node, "GenNet reads Gemm, MatMul + Add, Sigmoid, Tanh, Relu, LeakyRelu, Flatten and Identity");
            }
            current = node.Output[0];
        }
        if (layers.Count == 0)
            throw new InvalidDataException($"'{path}' has no Gemm or MatMul layer.");
        return (new NetworkSpec(inputCount, layers), [.. parameters]);

        void AddLayer(NodeProto node, Dictionary<string, TensorProto> tensors, bool transposed, string? bias)
        {
            if (node.OpType == "Gemm" && ((Attribute(node, "transA")?.I ?? 0) != 0 || (Attribute(node, "alpha")?.F ?? 1f) != 1f || (Attribute(node, "beta")?.F ?? 1f) != 1f))
                throw Unsupported(node, "it sets transA, alpha or beta");
            if (!tensors.TryGetValue(node.Input[1], out var weights) || weights.Dims.Count != 2)
                throw Unsupported(node, "its weights are not a two-dimensional initializer");
            int units = (int)(transposed ? weights.Dims[0] : weights.Dims[1]), fanIn = (int)(transposed ? weights.Dims[1] : weights.Dims[0]);
            int expected = layers.Count == 0 ? fanIn : layers[^1].Units;
            if (inputCount < 0)
                inputCount = fanIn;
            if (fanIn != expected)
                throw Unsupported(node, $"it takes {fanIn} inputs where the layer before gives {expected}");
            // GenNet stores W[l] with one row per unit; an untransposed B has one column per unit.
            var values = Floats(weights);
            for (int i = 0; i < units; i++)
                for (int j = 0; j < fanIn; j++)
                    parameters.Add(transposed ? values[i * fanIn + j] : values[j * units + i]);
            var biases = bias is not null && tensors.TryGetValue(bias, out var b) ? Floats(b) : new float[units];
            if (biases.Length != units)
                throw Unsupported(node, $"its bias has {biases.Length} values for {units} units");
            parameters.AddRange(biases);
            layers.Add(new LayerSpec(units, Activation.Linear));
        }
    }

    private static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    /// <summary>A float tensor's values, from <c>float_data</c> or little-endian <c>raw_data</c> (PyTorch writes the latter).</summary>
    private static float[] Floats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"Initializer '{tensor.Name}' is of ONNX data type {tensor.DataType}; GenNet reads float32 (1).");
        if (tensor.FloatData.Count > 0)
            return [.. tensor.FloatData];
        var raw = tensor.RawData.Span;
        var values = new float[raw.Length / 4];
        for (int k = 0; k < values.Length; k++)
            values[k] = BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * k)..]);
        return values;
    }

    private static InvalidDataException Unsupported(NodeProto node, string why) =>
        new($"ONNX node '{node.Name}' ({node.OpType}) is not supported: {why}.");
}
