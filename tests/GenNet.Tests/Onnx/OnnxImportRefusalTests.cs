using Google.Protobuf;
using GenNet.Onnx;
using Onnx;
using static GenNet.Tests.Onnx.OnnxImportFuzzTests;

namespace GenNet.Tests.Onnx;

/// <summary>
/// The ONNX files of issue 11, item 9, one by one, each a change to a model this library exports
/// (3-4 Tanh-2 Sigmoid: initializers W1 [4, 3], b1, W2 [2, 4], b2; nodes layer1_gemm, layer1_Tanh,
/// layer2_gemm, layer2_Sigmoid). Each used to escape as an undocumented exception or be read as
/// something it does not say; each is now an <see cref="InvalidDataException"/> naming the node or
/// initializer, and leaves the network as it was.
/// </summary>
public sealed class OnnxImportRefusalTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gennet-onnx-refusal-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(5, 3, "holds 12")]            // more values declared than stored: IndexOutOfRange before
    [InlineData(4, 0, "[4, 0]")]              // ArgumentException from NetworkSpec before
    [InlineData(4, -1, "[4, -1]")]
    [InlineData((1L << 32) + 4, 3, "[4294967300, 3]")] // read as 4 before, silently
    public void Dimensions_that_do_not_describe_the_data_are_refused(long rows, long columns, string message)
    {
        var model = Exported();
        model.Graph.Initializer[0].Dims[0] = rows;
        model.Graph.Initializer[0].Dims[1] = columns;

        ShouldRefuse(model, "'W1'", message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-3)]
    [InlineData(2)]
    public void Raw_data_that_is_not_whole_floats_is_refused(int change)
    {
        var model = Exported();
        ToRaw(model.Graph.Initializer[0], change);

        ShouldRefuse(model, "'W1'", "raw_data");
    }

    [Fact]
    public void A_nan_weight_and_an_infinite_bias_are_refused_as_weight_files_refuse_them()
    {
        var nan = Exported();
        SetValue(nan.Graph.Initializer[0], 5, float.NaN);
        ShouldRefuse(nan, "'W1'", "NaN at index 5");

        var infinite = Exported();
        ToRaw(infinite.Graph.Initializer[3], 0);
        SetValue(infinite.Graph.Initializer[3], 1, float.PositiveInfinity);
        ShouldRefuse(infinite, "'b2'", "Infinity at index 1");
    }

    [Fact]
    public void A_bias_that_names_no_initializer_is_refused_not_read_as_zero()
    {
        var model = Exported();
        model.Graph.Initializer.RemoveAt(1); // b1

        ShouldRefuse(model, "'layer1_gemm'", "'b1' is not an initializer");
    }

    [Fact]
    public void A_gemm_without_a_bias_input_has_a_zero_bias_as_in_OnnxRuntime()
    {
        var model = Exported();
        model.Graph.Node[0].Input.RemoveAt(2);
        model.Graph.Initializer.RemoveAt(1);
        string path = Write(model);

        var network = new DynamicNetwork(OnnxImport.ReadSpec(path));
        OnnxImport.Load(network, path);

        network.Parameters.Slice(network.Spec.Layout.BiasOffset(1), 4).ToArray().ShouldBe(new float[4]);
        var inputs = TestData.Uniform(new Random(9), 4 * 3);
        var expected = new float[4 * 2];
        network.PredictBatch(inputs, expected);
        OnnxRuntimeRunner.Run(path, inputs, 4, 3).ShouldBe(expected, tolerance: 1e-5f);
    }

    [Fact]
    public void Nodes_with_too_few_inputs_or_no_output_are_refused_by_name()
    {
        var gemm = Exported();
        gemm.Graph.Node[0].Input.RemoveAt(2);
        gemm.Graph.Node[0].Input.RemoveAt(1);
        ShouldRefuse(gemm, "'layer1_gemm'", "1 inputs");

        var add = KerasStyle();
        add.Graph.Node[1].Input.RemoveAt(1);
        ShouldRefuse(add, "'layer1_gemm/BiasAdd'", "1 inputs");

        var silent = Exported();
        silent.Graph.Node[1].Output.Clear();
        ShouldRefuse(silent, "'layer1_Tanh'", "0 outputs");
    }

    [Fact]
    public void A_graph_whose_only_inputs_are_initializers_is_refused()
    {
        var model = Exported();
        model.Graph.Input.Clear();
        model.Graph.Input.Add(model.Graph.Initializer.Select(tensor => new ValueInfoProto { Name = tensor.Name }));

        ShouldRefuse(model, "no graph input other than its initializers");
    }

    [Fact]
    public void Two_initializers_of_one_name_are_refused()
    {
        var model = Exported();
        model.Graph.Initializer.Add(model.Graph.Initializer[2].Clone());

        ShouldRefuse(model, "'W2' is defined twice");
    }

    [Fact]
    public void An_add_after_the_activation_folds_into_the_next_layer_not_into_the_bias()
    {
        // MatMul, Tanh, Add: tanh(xW) + b is not tanh(xW + b), but W2·(a + b) + b2 = W2·a + (W2·b + b2).
        var model = KerasStyle(); // MatMul → product, Add → Z1, Tanh → A1, …
        var graph = model.Graph;
        var (add, tanh) = (graph.Node[1], graph.Node[2]);
        tanh.Input[0] = "layer1_gemm/product";
        tanh.Output[0] = "activated";
        add.Input[0] = "activated";
        add.Output[0] = "A1";
        graph.Node[1] = tanh;
        graph.Node[2] = add;
        string path = Write(model);

        var result = OnnxImport.Read(path);

        result.Folds.ShouldBe([new OnnxFold("Add", "layer1_gemm/BiasAdd", 2)]);
        result.Spec.Layers.ShouldBe([new LayerSpec(4, Activation.Tanh), new LayerSpec(2, Activation.Sigmoid)]);
        var network = new DynamicNetwork(result.Spec);
        result.CopyTo(network);
        network.Parameters.Slice(network.Spec.Layout.BiasOffset(1), 4).ToArray().ShouldBe(new float[4]);
        var inputs = TestData.Uniform(new Random(4), 6 * 3, 2);
        var outputs = new float[6 * 2];
        network.PredictBatch(inputs, outputs);
        OnnxRuntimeRunner.Run(path, inputs, 6, 3).ShouldBe(outputs, tolerance: 1e-6f);
    }

    [Fact]
    public void A_folder_or_a_device_is_no_onnx_model()
    {
        Should.Throw<FileNotFoundException>(() => OnnxImport.ReadSpec(folder)).Message.ShouldContain("folder");
        Should.Throw<FileNotFoundException>(() => OnnxImport.ReadSpec(Path.Combine(folder, "no such folder", "m.onnx")));
        if (File.Exists("/dev/zero"))
            Should.Throw<InvalidDataException>(() => OnnxImport.ReadSpec("/dev/zero"));
    }

    private string Write(ModelProto model)
    {
        string path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    /// <summary>Importing the model throws InvalidDataException mentioning each of <paramref name="messages"/>, and changes nothing.</summary>
    private void ShouldRefuse(ModelProto model, params string[] messages)
    {
        var network = new DynamicNetwork(new NetworkSpec(3, [new(4, Activation.Tanh), new(2, Activation.Sigmoid)]));
        network.Initialize(seed: 5);
        var before = network.Parameters.ToArray();
        string path = Write(model);

        var error = Should.Throw<InvalidDataException>(() => OnnxImport.Load(network, path));

        foreach (string message in messages)
            error.Message.ShouldContain(message);
        network.Parameters.ToArray().ShouldBe(before);
    }
}
