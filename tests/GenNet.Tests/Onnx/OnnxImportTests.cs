using GenNet.Onnx;
using GenNet.Tests.Generated;
using Onnx;
using static GenNet.Tests.Onnx.OnnxGraphs;

namespace GenNet.Tests.Onnx;

/// <summary>
/// Importing ONNX files: GenNet's own exports round-trip exactly, and models laid out as PyTorch
/// (Gemm with transposed weights in raw_data) and Keras (MatMul + Add) export them compute, once
/// imported, what ONNX Runtime computes from the same file.
/// </summary>
public sealed class OnnxImportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gennet-onnx-import-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(OnnxExportTests.Architectures), MemberType = typeof(OnnxExportTests))]
    public void Export_then_import_gives_identical_parameters(string architecture)
    {
        var network = GeneratedNetworks.All[architecture]();
        TestData.Uniform(new Random(3), network.ParameterCount).CopyTo(network.Parameters);
        string path = Path.Combine(folder, architecture + ".onnx");
        OnnxExport.Save(network, path);

        var imported = new DynamicNetwork(OnnxImport.ReadSpec(path));
        OnnxImport.Load(imported, path);

        imported.Spec.InputCount.ShouldBe(network.Spec.InputCount);
        imported.Spec.Layers.ShouldBe(network.Spec.Layers);
        imported.Parameters.ToArray().ShouldBe(network.Parameters.ToArray());
    }

    [Fact]
    public void A_pytorch_style_model_imports_and_agrees_with_OnnxRuntime()
    {
        // nn.Sequential(nn.Flatten(), nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2), nn.Sigmoid()):
        // Gemm with transB = 1 and weights [out, in] as raw little-endian bytes.
        var random = new Random(5);
        var graph = Graph(3, 2);
        graph.Node.Add(Node("Flatten", "/flatten/Flatten", ["input"], "flat"));
        graph.Node.Add(Gemm("/0/Gemm", "flat", "w0", "b0", "h0", transB: true));
        graph.Node.Add(Node("Relu", "/1/Relu", ["h0"], "r0"));
        graph.Node.Add(Gemm("/2/Gemm", "r0", "w1", "b1", "h1", transB: true));
        graph.Node.Add(Node("Sigmoid", "/3/Sigmoid", ["h1"], "output"));
        graph.Initializer.Add(Raw("w0", TestData.Uniform(random, 12), 4, 3));
        graph.Initializer.Add(Raw("b0", TestData.Uniform(random, 4), 4));
        graph.Initializer.Add(Raw("w1", TestData.Uniform(random, 8), 2, 4));
        graph.Initializer.Add(Raw("b1", TestData.Uniform(random, 2), 2));

        var network = ImportAndCompare(graph);

        network.Spec.Layers.ShouldBe([new LayerSpec(4, Activation.ReLU), new LayerSpec(2, Activation.Sigmoid)]);
    }

    [Fact]
    public void A_keras_style_model_imports_and_agrees_with_OnnxRuntime()
    {
        // Dense(5, tanh) then Dense(1): MatMul with weights [in, out] in float_data, then Add of the bias.
        var random = new Random(6);
        var graph = Graph(2, 1);
        graph.Node.Add(Node("MatMul", "dense/MatMul", ["input", "k0"], "m0"));
        graph.Node.Add(Node("Add", "dense/BiasAdd", ["m0", "bias0"], "z0"));
        graph.Node.Add(Node("Tanh", "dense/Tanh", ["z0"], "a0"));
        graph.Node.Add(Node("MatMul", "dense_1/MatMul", ["a0", "k1"], "m1"));
        graph.Node.Add(Node("Add", "dense_1/BiasAdd", ["m1", "bias1"], "z1"));
        graph.Node.Add(Node("Identity", "Identity", ["z1"], "output"));
        graph.Initializer.Add(Floats("k0", TestData.Uniform(random, 10), 2, 5));
        graph.Initializer.Add(Floats("bias0", TestData.Uniform(random, 5), 5));
        graph.Initializer.Add(Floats("k1", TestData.Uniform(random, 5), 5, 1));
        graph.Initializer.Add(Floats("bias1", TestData.Uniform(random, 1), 1));

        var network = ImportAndCompare(graph);

        network.Spec.Layers.ShouldBe([new LayerSpec(5, Activation.Tanh), new LayerSpec(1, Activation.Linear)]);
    }

    [Fact]
    public void An_unsupported_node_is_refused_by_name()
    {
        var graph = Graph(2, 2);
        graph.Node.Add(Gemm("fc", "input", "w", "b", "h", transB: true));
        graph.Node.Add(Node("Elu", "head/Elu", ["h"], "output"));
        graph.Initializer.Add(Floats("w", new float[4], 2, 2));
        graph.Initializer.Add(Floats("b", new float[2], 2));

        Should.Throw<InvalidDataException>(() => OnnxImport.ReadSpec(Write(graph))).Message.ShouldContain("'head/Elu' (Elu)");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1L)]
    [InlineData(-1L)]
    public void A_softmax_over_the_units_is_the_output_layer_s_activation(long? axis)
    {
        var graph = Graph(2, 3);
        graph.Node.Add(Gemm("fc", "input", "w", "b", "z", transB: true));
        var softmax = Node("Softmax", "head/Softmax", ["z"], "output");
        if (axis is long value)
            softmax.Attribute.Add(Int("axis", value));
        graph.Node.Add(softmax);
        graph.Initializer.Add(Floats("w", [0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f], 3, 2));
        graph.Initializer.Add(Floats("b", [0.1f, 0.2f, -0.3f], 3));

        OnnxImport.ReadSpec(Write(graph)).Layers.ShouldBe([new LayerSpec(3, Activation.Softmax)]);
    }

    [Fact]
    public void A_softmax_over_the_batch_or_on_a_hidden_layer_is_refused()
    {
        var overBatch = Graph(2, 3);
        overBatch.Node.Add(Gemm("fc", "input", "w", "b", "z", transB: true));
        var softmax = Node("Softmax", "head/Softmax", ["z"], "output");
        softmax.Attribute.Add(Int("axis", 0));
        overBatch.Node.Add(softmax);
        overBatch.Initializer.Add(Floats("w", new float[6], 3, 2));
        overBatch.Initializer.Add(Floats("b", new float[3], 3));
        Should.Throw<InvalidDataException>(() => OnnxImport.ReadSpec(Write(overBatch))).Message.ShouldContain("its axis is 0");

        var hidden = Graph(2, 1);
        hidden.Node.Add(Gemm("fc1", "input", "w1", "b1", "z1", transB: true));
        hidden.Node.Add(Node("Softmax", "hidden/Softmax", ["z1"], "a1"));
        hidden.Node.Add(Gemm("fc2", "a1", "w2", "b2", "output", transB: true));
        hidden.Initializer.Add(Floats("w1", new float[6], 3, 2));
        hidden.Initializer.Add(Floats("b1", new float[3], 3));
        hidden.Initializer.Add(Floats("w2", new float[3], 1, 3));
        hidden.Initializer.Add(Floats("b2", new float[1], 1));
        Should.Throw<InvalidDataException>(() => OnnxImport.ReadSpec(Write(hidden))).Message.ShouldContain("only for the output layer");
    }

    [Fact]
    public void A_leaky_relu_with_another_slope_is_refused()
    {
        var graph = Graph(2, 2);
        graph.Node.Add(Gemm("fc", "input", "w", "b", "h", transB: true));
        var leaky = Node("LeakyRelu", "act", ["h"], "output");
        leaky.Attribute.Add(Float("alpha", 0.2f));
        graph.Node.Add(leaky);
        graph.Initializer.Add(Floats("w", new float[4], 2, 2));
        graph.Initializer.Add(Floats("b", new float[2], 2));

        Should.Throw<InvalidDataException>(() => OnnxImport.ReadSpec(Write(graph))).Message.ShouldContain("alpha is 0.2");
    }

    [Fact]
    public void A_file_that_is_no_onnx_model_or_of_other_layers_is_refused()
    {
        string garbage = Path.Combine(folder, "garbage.onnx");
        File.WriteAllBytes(garbage, [0xFF, 0xFF, 0xFF, 0xFF, 0x01]);
        Should.Throw<InvalidDataException>(() => OnnxImport.ReadSpec(garbage));

        string path = Path.Combine(folder, "relu.onnx");
        OnnxExport.Save(new ReluClassifier(), path);
        var network = new XorNet();
        Should.Throw<ArgumentException>(() => OnnxImport.Load(network, path)).Message.ShouldContain(XorNet.Spec.ToString());
        network.Parameters.ToArray().ShouldAllBe(p => p == 0f);
    }

    /// <summary>Writes the graph, imports it, and compares the imported network's outputs with ONNX Runtime's on the same file.</summary>
    private DynamicNetwork ImportAndCompare(GraphProto graph)
    {
        string path = Write(graph);
        var network = new DynamicNetwork(OnnxImport.ReadSpec(path));
        OnnxImport.Load(network, path);

        const int m = 5;
        var inputs = TestData.Uniform(new Random(7), m * network.InputCount, 2);
        var expected = new float[m * network.OutputCount];
        network.PredictBatch(inputs, expected);
        OnnxRuntimeRunner.Run(path, inputs, m, network.InputCount).ShouldBe(expected, tolerance: 1e-5f);
        return network;
    }

    private string Write(GraphProto graph) => OnnxGraphs.Write(folder, graph);
}
