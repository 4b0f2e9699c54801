using Google.Protobuf;
using GenNet.Onnx;
using GenNet.Tests.Weights;
using Onnx;

namespace GenNet.Tests.Onnx;

/// <summary>
/// Thousands of damaged ONNX models, made with fixed seeds from models this library exports (as it
/// writes them, with PyTorch's raw_data, Keras's MatMul + Add, and with scaling, a batch norm and a
/// dropout around the layers, to fold), by changing the protobuf objects
/// (dimensions, data, node inputs and outputs, initializer names, operators, attributes) and the
/// serialised bytes: each is refused with a documented exception, leaves the network as it was, and
/// makes the import allocate no more than the file's size justifies (<see cref="LoaderFuzz"/>).
/// </summary>
public sealed class OnnxImportFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly NetworkSpec Spec = new(3, [new(4, Activation.Tanh), new(2, Activation.Sigmoid)]);

    private static readonly long[] HostileDimensions =
        [0, -1, 1, 2, 5, (1L << 32) + 4, (1L << 32) + 2, int.MaxValue, 1L << 31, long.MaxValue, long.MinValue, 65536];

    private static readonly string[] Operators =
        ["Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Flatten", "Identity", "Softmax", "LogSoftmax",
         "BatchNormalization", "Dropout", "Constant", "Reshape", ""];

    private readonly string folder = Directory.CreateTempSubdirectory("gennet-onnx-fuzz-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Damaged_onnx_models_are_refused_cleanly()
    {
        string path = Path.Combine(folder, "model.onnx");
        var target = new DynamicNetwork(Spec);
        target.Initialize(seed: 7);
        var bases = new[] { ("GenNet", Exported()), ("raw_data", WithRawData(Exported())), ("MatMul + Add", KerasStyle()), ("folds", WithFolds()) };
        foreach (var (_, model) in bases)
        {
            File.WriteAllBytes(path, model.ToByteArray());
            OnnxImport.Load(target, path); // each base is valid; this also pays the parser's one-time set-up
        }
        target.Initialize(seed: 7);
        var fuzz = new LoaderFuzz(target, (network, _) => OnnxImport.Load(network, path), LoaderFuzz.IsDocumented, Misread);
        void Check(string mutation, byte[] file)
        {
            File.WriteAllBytes(path, file);
            fuzz.Check(mutation, file);
        }

        var random = new Random(20261127);
        foreach (var (name, model) in bases)
        {
            foreach (var (mutation, mutated) in Mutations(model))
                Check($"{name}: {mutation}", mutated.ToByteArray());
            byte[] bytes = model.ToByteArray();
            for (int length = 0; length < bytes.Length; length += name == "GenNet" ? 1 : 7)
                Check($"{name}: truncated to {length}", bytes[..length]);
            for (int round = 0; round < 400; round++)
            {
                byte[] scrambled = [.. bytes];
                for (int n = random.Next(1, 4); n > 0; n--)
                    scrambled[random.Next(scrambled.Length)] = (byte)random.Next(256);
                Check($"{name}: random bytes, round {round}", scrambled);
            }
        }

        fuzz.ShouldHaveNoFailures(output, "ONNX models");
    }

    /// <summary>
    /// What an import that read <paramref name="file"/> got wrong: a dimension outside 1 … int.MaxValue
    /// (2³² + 4 read as 4), or a node input that names nothing (a missing bias read as zero).
    /// </summary>
    private static string? Misread(byte[] file)
    {
        var graph = ModelProto.Parser.ParseFrom(file).Graph;
        var defined = new HashSet<string>([.. graph.Input.Select(value => value.Name), .. graph.Initializer.Select(tensor => tensor.Name), ""]);
        foreach (var node in graph.Node)
        {
            if (node.Input.FirstOrDefault(input => !defined.Contains(input)) is { } undefined)
                return $"node '{node.Name}' reads '{undefined}', which nothing defines";
            defined.UnionWith(node.Output);
        }
        var used = graph.Node.SelectMany(node => node.Input).ToHashSet();
        return graph.Initializer.FirstOrDefault(tensor => used.Contains(tensor.Name) && tensor.Dims.Any(d => d is < 1 or > int.MaxValue)) is { } odd
            ? $"initializer '{odd.Name}' has dims [{string.Join(", ", odd.Dims)}]"
            : null;
    }

    /// <summary>Every change to the model's objects, one at a time, each on a fresh copy.</summary>
    private static IEnumerable<(string Mutation, ModelProto Model)> Mutations(ModelProto model)
    {
        var graph = model.Graph;
        string[] initializerNames = [.. graph.Initializer.Select(tensor => tensor.Name)];
        string[] names = [.. initializerNames, .. graph.Node.SelectMany(node => node.Output), "input", "", "missing"];

        for (int t = 0; t < graph.Initializer.Count; t++)
        {
            string tensor = graph.Initializer[t].Name;
            IEnumerable<(string, ModelProto)> Change(string what, Action<TensorProto, GraphProto> change)
            {
                var copy = model.Clone();
                change(copy.Graph.Initializer[t], copy.Graph);
                yield return ($"initializer {tensor}: {what}", copy);
            }

            for (int d = 0; d < graph.Initializer[t].Dims.Count; d++)
            {
                int dimension = d;
                foreach (long value in HostileDimensions)
                    foreach (var m in Change($"dims[{d}] = {value}", (x, _) => x.Dims[dimension] = value)) yield return m;
                foreach (var m in Change($"dims[{d}] removed", (x, _) => x.Dims.RemoveAt(dimension))) yield return m;
            }
            foreach (var m in Change("dims + [1]", (x, _) => x.Dims.Add(1))) yield return m;
            foreach (var m in Change("dims + [2]", (x, _) => x.Dims.Add(2))) yield return m;
            foreach (var m in Change("no dims", (x, _) => x.Dims.Clear())) yield return m;
            foreach (var m in Change("one value more", (x, _) => AppendValue(x))) yield return m;
            foreach (var m in Change("one value fewer", (x, _) => RemoveLastValue(x))) yield return m;
            foreach (var m in Change("no data", (x, _) => { x.FloatData.Clear(); x.RawData = ByteString.Empty; })) yield return m;
            foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
                foreach (var m in Change($"value 0 = {bad}", (x, _) => SetValue(x, 0, bad))) yield return m;
            foreach (int cut in new[] { 1, 2, 3, 5 })
                foreach (var m in Change($"raw_data {cut} bytes short", (x, _) => ToRaw(x, -cut))) yield return m;
            foreach (int extra in new[] { 1, 2, 3, 4 })
                foreach (var m in Change($"raw_data {extra} bytes long", (x, _) => ToRaw(x, extra))) yield return m;
            foreach (var m in Change("raw_data and float_data", (x, _) => { var floats = x.FloatData.ToArray(); ToRaw(x, 0); x.FloatData.Add(floats.Length > 0 ? floats : [1f]); })) yield return m;
            foreach (int type in new[] { 0, 2, 10, 11, 16, 999 })
                foreach (var m in Change($"data type {type}", (x, _) => x.DataType = type)) yield return m;
            foreach (var m in Change("stored externally", (x, _) => x.DataLocation = TensorProto.Types.DataLocation.External)) yield return m;
            foreach (string name in names)
                foreach (var m in Change($"renamed '{name}'", (x, _) => x.Name = name)) yield return m;
            foreach (var m in Change("removed", (x, g) => g.Initializer.Remove(x))) yield return m;
            foreach (var m in Change("doubled", (x, g) => g.Initializer.Add(x.Clone()))) yield return m;
            foreach (var m in Change("doubled with other dims", (x, g) => { var twin = x.Clone(); twin.Dims.Add(1); g.Initializer.Insert(0, twin); })) yield return m;
        }

        for (int n = 0; n < graph.Node.Count; n++)
        {
            string node = graph.Node[n].Name;
            int index = n;
            IEnumerable<(string, ModelProto)> Change(string what, Action<NodeProto, GraphProto> change)
            {
                var copy = model.Clone();
                change(copy.Graph.Node[index], copy.Graph);
                yield return ($"node {node}: {what}", copy);
            }

            for (int i = 0; i < graph.Node[n].Input.Count; i++)
            {
                int input = i;
                foreach (var m in Change($"input {i} removed", (x, _) => x.Input.RemoveAt(input))) yield return m;
                foreach (string name in names)
                    foreach (var m in Change($"input {i} = '{name}'", (x, _) => x.Input[input] = name)) yield return m;
            }
            foreach (var m in Change("no inputs", (x, _) => x.Input.Clear())) yield return m;
            foreach (string name in names)
            {
                foreach (var m in Change($"extra input '{name}'", (x, _) => x.Input.Add(name))) yield return m;
                foreach (var m in Change($"output = '{name}'", (x, _) => x.Output[0] = name)) yield return m;
            }
            foreach (var m in Change("no output", (x, _) => x.Output.Clear())) yield return m;
            foreach (var m in Change("extra output", (x, _) => x.Output.Add("spare"))) yield return m;
            foreach (string operation in Operators)
                foreach (var m in Change($"op {operation}", (x, _) => x.OpType = operation)) yield return m;
            foreach (var m in Change("no attributes", (x, _) => x.Attribute.Clear())) yield return m;
            foreach (var (name, value) in new (string, long)[] { ("transB", 0), ("transB", 1), ("transB", 2), ("transB", -1), ("transA", 1) })
                foreach (var m in Change($"{name} = {value}", (x, _) => SetAttribute(x, new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value }))) yield return m;
            foreach (var (name, value) in new (string, float)[] { ("alpha", 0.5f), ("alpha", 0.01f), ("alpha", float.NaN), ("beta", 0f), ("beta", 2f) })
                foreach (var m in Change($"{name} = {value}", (x, _) => SetAttribute(x, new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value }))) yield return m;
            foreach (var m in Change("removed", (x, g) => g.Node.Remove(x))) yield return m;
            foreach (var m in Change("doubled", (x, g) => g.Node.Insert(index, x.Clone()))) yield return m;
            if (n + 1 < graph.Node.Count)
                foreach (var m in Change("swapped with the next", (x, g) => { g.Node.RemoveAt(index); g.Node.Insert(index + 1, x); })) yield return m;
        }

        IEnumerable<(string, ModelProto)> Whole(string what, Action<ModelProto> change)
        {
            var copy = model.Clone();
            change(copy);
            yield return ($"model: {what}", copy);
        }
        foreach (var m in Whole("no graph", x => x.Graph = null)) yield return m;
        foreach (var m in Whole("no inputs", x => x.Graph.Input.Clear())) yield return m;
        foreach (var m in Whole("no nodes", x => x.Graph.Node.Clear())) yield return m;
        foreach (var m in Whole("no initializers", x => x.Graph.Initializer.Clear())) yield return m;
        foreach (var m in Whole("input renamed as an initializer", x => x.Graph.Input[0].Name = initializerNames[0])) yield return m;
        foreach (var m in Whole("initializers listed as inputs", x =>
            x.Graph.Input.Add(initializerNames.Select(name => new ValueInfoProto { Name = name })))) yield return m;
        foreach (var m in Whole("only initializers as inputs", x =>
        {
            x.Graph.Input.Clear();
            x.Graph.Input.Add(initializerNames.Select(name => new ValueInfoProto { Name = name }));
        })) yield return m;
    }

    private static void SetAttribute(NodeProto node, AttributeProto attribute)
    {
        var existing = node.Attribute.FirstOrDefault(a => a.Name == attribute.Name);
        if (existing is not null)
            node.Attribute.Remove(existing);
        node.Attribute.Add(attribute);
    }

    private static float[] Values(TensorProto tensor) =>
        tensor.FloatData.Count > 0 ? [.. tensor.FloatData]
        : [.. Enumerable.Range(0, tensor.RawData.Length / 4).Select(k => BitConverter.ToSingle(tensor.RawData.Span[(4 * k)..]))];

    private static void SetValues(TensorProto tensor, float[] values, bool raw)
    {
        tensor.FloatData.Clear();
        tensor.RawData = ByteString.Empty;
        if (raw)
            tensor.RawData = ByteString.CopyFrom([.. values.SelectMany(BitConverter.GetBytes)]);
        else
            tensor.FloatData.Add(values);
    }

    private static void AppendValue(TensorProto tensor) => SetValues(tensor, [.. Values(tensor), 0.5f], raw: !tensor.RawData.IsEmpty);

    private static void RemoveLastValue(TensorProto tensor) => SetValues(tensor, Values(tensor)[..^1], raw: !tensor.RawData.IsEmpty);

    internal static void SetValue(TensorProto tensor, int k, float value)
    {
        var values = Values(tensor);
        values[k] = value;
        SetValues(tensor, values, raw: !tensor.RawData.IsEmpty);
    }

    /// <summary>Moves the values to raw_data, then cuts (<paramref name="change"/> &lt; 0) or pads its bytes.</summary>
    internal static void ToRaw(TensorProto tensor, int change)
    {
        byte[] bytes = [.. Values(tensor).SelectMany(BitConverter.GetBytes)];
        bytes = change < 0 ? bytes[..Math.Max(0, bytes.Length + change)] : [.. bytes, .. new byte[change]];
        tensor.FloatData.Clear();
        tensor.RawData = ByteString.CopyFrom(bytes);
    }

    internal static ModelProto Exported()
    {
        var network = new DynamicNetwork(Spec);
        network.Initialize(seed: 3);
        return OnnxExport.ToModel(network);
    }

    /// <summary>The export with every initializer in raw_data, as PyTorch writes them.</summary>
    private static ModelProto WithRawData(ModelProto model)
    {
        foreach (var tensor in model.Graph.Initializer)
            ToRaw(tensor, 0);
        return model;
    }

    /// <summary>
    /// The export with what the import folds around its layers: (input − mean) / std before layer 1 (std a
    /// Constant node), a batch norm between layer 1's Gemm and its Tanh, and a Dropout in inference after it.
    /// </summary>
    private static ModelProto WithFolds()
    {
        var model = Exported();
        var graph = model.Graph;
        graph.Node[0].Input[0] = "scaled";
        graph.Node[0].Output[0] = "Z1_linear";
        graph.Node[1].Output[0] = "A1_kept";
        graph.Node.Insert(0, OnnxGraphs.Node("Sub", "scale/sub", ["input", "mean"], "centred"));
        graph.Node.Insert(1, OnnxGraphs.Constant("scale/std", "std", OnnxGraphs.Floats("", [0.5f, 2f, 4f], 3)));
        graph.Node.Insert(2, OnnxGraphs.Node("Div", "scale/div", ["centred", "std"], "scaled"));
        graph.Node.Insert(4, OnnxGraphs.Node("BatchNormalization", "layer1_norm", ["Z1_linear", "gamma", "beta", "running_mean", "running_var"], "Z1"));
        graph.Node.Insert(6, OnnxGraphs.Constant("dropout/ratio", "ratio", OnnxGraphs.Floats("", [0.5f])));
        graph.Node.Insert(7, OnnxGraphs.Constant("dropout/training", "training", OnnxGraphs.Bool("", false)));
        graph.Node.Insert(8, OnnxGraphs.Node("Dropout", "dropout", ["A1_kept", "ratio", "training"], "A1"));
        graph.Initializer.Add([OnnxGraphs.Floats("mean", [1f, -1f, 0.5f], 3), OnnxGraphs.Raw("gamma", [1f, 0.5f, 2f, 1.5f], 4),
            OnnxGraphs.Raw("beta", [0f, 0.1f, -0.1f, 0.2f], 4), OnnxGraphs.Floats("running_mean", [0.2f, -0.3f, 0f, 1f], 4),
            OnnxGraphs.Floats("running_var", [1f, 0.25f, 1e-6f, 4f], 4)]);
        return model;
    }

    /// <summary>The export rewritten as Keras lays it out: MatMul by W[l]ᵀ ([in, out]), then Add of the bias.</summary>
    internal static ModelProto KerasStyle()
    {
        var model = Exported();
        var graph = model.Graph;
        foreach (var gemm in graph.Node.Where(node => node.OpType == "Gemm").ToList())
        {
            var weights = graph.Initializer.Single(tensor => tensor.Name == gemm.Input[1]);
            long rows = weights.Dims[0], columns = weights.Dims[1];
            var values = Values(weights);
            var transposed = new float[values.Length];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    transposed[j * rows + i] = values[i * columns + j];
            SetValues(weights, transposed, raw: false);
            weights.Dims[0] = columns;
            weights.Dims[1] = rows;

            var matMul = new NodeProto { OpType = "MatMul", Name = gemm.Name + "/MatMul" };
            matMul.Input.Add([gemm.Input[0], gemm.Input[1]]);
            matMul.Output.Add(gemm.Name + "/product");
            var add = new NodeProto { OpType = "Add", Name = gemm.Name + "/BiasAdd" };
            add.Input.Add([matMul.Output[0], gemm.Input[2]]);
            add.Output.Add(gemm.Output[0]);
            int at = graph.Node.IndexOf(gemm);
            graph.Node[at] = add;
            graph.Node.Insert(at, matMul);
        }
        return model;
    }
}
