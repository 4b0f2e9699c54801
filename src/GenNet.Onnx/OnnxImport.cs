using Google.Protobuf;
using Onnx;

namespace GenNet.Onnx;

/// <summary>
/// Reads a fully connected network from an ONNX file, as GenNet writes it (<see cref="OnnxExport"/>) or
/// as PyTorch and Keras exporters do: a chain of layers, each a <c>Gemm</c> (either <c>transB</c>) or a
/// <c>MatMul</c> followed by an <c>Add</c> of the bias, then optionally <c>Sigmoid</c>, <c>Tanh</c>,
/// <c>Relu</c>, <c>LeakyRelu</c> (alpha 0.01) or, on the output layer, <c>Softmax</c> or <c>LogSoftmax</c>
/// over the units (axis 1 or -1). What else exporters write for such a model is folded into the layers:
/// <c>Sub</c>, <c>Add</c>, <c>Mul</c> and <c>Div</c> by constants of one value per feature and
/// <c>BatchNormalization</c> in inference, before a layer or between its <c>Gemm</c>/<c>MatMul</c> and its
/// activation; <c>Dropout</c> in inference, <c>Identity</c>, <c>Flatten</c> and <c>Reshape</c> to
/// [batch, n] are dropped. Anything else is refused with a message that names the first node that cannot
/// be read and says why.
/// </summary>
/// <remarks>
/// <para>
/// Constants are computed first wherever a node reads only constants: initializers, <c>Constant</c>
/// nodes, and <c>Identity</c> and <c>Reshape</c> of constants. Folds are computed in double precision and
/// rounded to float once; <see cref="Read"/> lists them (<see cref="OnnxImportResult.Folds"/>).
/// </para>
/// <para>
/// A <c>LogSoftmax</c> output is read as softmax: the network then gives probabilities, the exponentials
/// of the file's log-probabilities, and picks the same class; <see cref="OnnxImportResult.Notes"/> says so.
/// GenNet's softmax output is what its cross-entropy loss and its classifiers expect, so a network trained
/// with PyTorch's <c>NLLLoss</c> on log-probabilities can go on training and classifying here.
/// </para>
/// <para>
/// Every file is checked whole before a network changes: each node has the inputs and the outputs its
/// operator takes and continues the chain; each initializer is named once; each tensor read is float32
/// (int64 for a shape) stored in the file, has dimensions from 1 to <see cref="int.MaxValue"/> whose product is
/// the number of values it holds, and holds finite numbers only (as weight files do: a NaN or ∞ weight
/// makes every output NaN); a division by a constant that holds 0, or a batch norm whose variance plus
/// epsilon is not positive, is refused. A <c>Gemm</c> without a bias input (two inputs, or an empty third
/// name, as ONNX allows) has a zero bias; an input that names nothing is refused, not read as zero.
/// </para>
/// </remarks>
public static class OnnxImport
{
    /// <summary>The architecture the ONNX file describes (loss from the output activation, as <see cref="Loss.Auto"/> picks it).</summary>
    /// <param name="path">An <c>.onnx</c> file.</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing there, a missing folder on the way, or a folder).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="IOException">The file cannot be read (an I/O error, or it is locked).</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, or not a well-formed chain of the layers above; the message names the node or initializer.</exception>
    public static NetworkSpec ReadSpec(string path) => Read(path).Spec;

    /// <summary>
    /// Reads the ONNX file at <paramref name="path"/>: its architecture and parameters, what was folded into
    /// the layers or dropped, and notes on where the network's outputs differ from the file's (a
    /// <c>LogSoftmax</c> read as softmax).
    /// </summary>
    /// <param name="path">An <c>.onnx</c> file.</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing there, a missing folder on the way, or a folder).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="IOException">The file cannot be read (an I/O error, or it is locked).</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, or not a well-formed chain of the layers above; the message names the node or initializer.</exception>
    public static OnnxImportResult Read(string path)
    {
        var graph = ReadModel(path).Graph ?? throw new InvalidDataException($"'{path}' holds no graph.");
        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializer)
            if (!initializers.TryAdd(tensor.Name, tensor))
                throw new InvalidDataException($"Initializer '{tensor.Name}' is defined twice.");
        // Graph inputs that are initializers (older exporters list them) are parameters, not the network's input.
        var input = graph.Input.FirstOrDefault(value => !initializers.ContainsKey(value.Name))
            ?? throw new InvalidDataException($"'{path}' has no graph input other than its initializers: nothing feeds the network.");

        var chain = new LayerChain(input, initializers);
        foreach (var node in graph.Node)
            chain.Add(node);
        if (!graph.Output.Any(output => output.Name == chain.Current))
            throw chain.Unreached(graph.Output);
        return chain.Finish(path);
    }

    /// <summary>Loads the weights and biases of the ONNX file at <paramref name="path"/> into <paramref name="network"/>.</summary>
    /// <param name="network">The network to load into; its layers must be the file's.</param>
    /// <param name="path">An <c>.onnx</c> file.</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (nothing there, a missing folder on the way, or a folder).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="IOException">The file cannot be read (an I/O error, or it is locked).</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, or not a well-formed chain of the layers above; the message names the node or initializer.</exception>
    /// <exception cref="ArgumentException">The file's network has other layers than <paramref name="network"/>; the message names both.</exception>
    public static void Load(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        Read(path).CopyTo(network);
    }

    private static ModelProto ReadModel(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Opening a folder fails with UnauthorizedAccessException on Unix, which would blame permissions.
        if (Directory.Exists(path))
            throw new FileNotFoundException($"'{path}' is a folder, not an ONNX file.", path);
        try
        {
            // The parser reads as it goes and checks every declared length against what is left, so a
            // damaged file costs no more memory than its size, and a device such as /dev/zero stops at its first byte.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ModelProto.Parser.ParseFrom(stream);
        }
        catch (DirectoryNotFoundException error)
        {
            throw new FileNotFoundException($"There is no ONNX file at '{path}': {error.Message}", path, error);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new InvalidDataException($"'{path}' is not an ONNX model: {error.Message}", error);
        }
    }
}
