using System.Runtime.CompilerServices;
using GenNet.Onnx;
using Onnx;
using static GenNet.Tests.Onnx.OnnxGraphs;

namespace GenNet.Tests.Onnx;

/// <summary>
/// Scaling, batch norms and dropout folded into the layers: hand-built graphs in the order Keras's exporter
/// (tf2onnx) writes them compute what ONNX Runtime computes from the same file, and each fold's weights
/// and biases are the double-precision result of its formula, rounded to float once.
/// </summary>
public sealed class OnnxFoldTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gennet-onnx-fold-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_keras_normalization_dense_batch_norm_dropout_dense_model_imports_and_agrees_with_OnnxRuntime()
    {
        // Normalization (Sub, Div), Dense(8, relu) (MatMul, BiasAdd, Relu), BatchNormalization after the
        // activation (constant-folded by tf2onnx to Mul, Add), Dropout (Identity), Dense(3, softmax).
        var random = new Random(11);
        var graph = Graph(4, 3);
        graph.Node.Add(Node("Sub", "sequential/normalization/sub", ["input", "sequential/normalization/sub/y:0"], "sub:0"));
        graph.Node.Add(Node("Div", "sequential/normalization/truediv", ["sub:0", "sequential/normalization/Sqrt:0"], "truediv:0"));
        graph.Node.Add(Node("MatMul", "sequential/dense/MatMul", ["truediv:0", "dense/kernel:0"], "dense/MatMul:0"));
        graph.Node.Add(Node("Add", "sequential/dense/BiasAdd", ["dense/MatMul:0", "dense/bias:0"], "dense/BiasAdd:0"));
        graph.Node.Add(Node("Relu", "sequential/dense/Relu", ["dense/BiasAdd:0"], "dense/Relu:0"));
        graph.Node.Add(Node("Mul", "sequential/batch_normalization/batchnorm/mul_1", ["dense/Relu:0", "batchnorm/mul:0"], "mul_1:0"));
        graph.Node.Add(Node("Add", "sequential/batch_normalization/batchnorm/add_1", ["mul_1:0", "batchnorm/sub:0"], "add_1:0"));
        graph.Node.Add(Node("Identity", "sequential/dropout/Identity", ["add_1:0"], "dropout/Identity:0"));
        graph.Node.Add(Node("MatMul", "sequential/dense_1/MatMul", ["dropout/Identity:0", "dense_1/kernel:0"], "dense_1/MatMul:0"));
        graph.Node.Add(Node("Add", "sequential/dense_1/BiasAdd", ["dense_1/MatMul:0", "dense_1/bias:0"], "dense_1/BiasAdd:0"));
        graph.Node.Add(Node("Softmax", "sequential/dense_1/Softmax", ["dense_1/BiasAdd:0"], "dense_1/Softmax:0"));
        graph.Node.Add(Node("Identity", "Identity", ["dense_1/Softmax:0"], "output"));
        graph.Initializer.Add(Floats("sequential/normalization/sub/y:0", [13f, 100f, 0.36f, 750f], 1, 4));
        graph.Initializer.Add(Floats("sequential/normalization/Sqrt:0", [0.8f, 14f, 0.12f, 315f], 1, 4));
        graph.Initializer.Add(Floats("dense/kernel:0", TestData.Uniform(random, 32), 4, 8));
        graph.Initializer.Add(Floats("dense/bias:0", TestData.Uniform(random, 8), 8));
        graph.Initializer.Add(Floats("batchnorm/mul:0", TestData.Uniform(random, 8, 2), 8));
        graph.Initializer.Add(Floats("batchnorm/sub:0", TestData.Uniform(random, 8), 8));
        graph.Initializer.Add(Floats("dense_1/kernel:0", TestData.Uniform(random, 24), 8, 3));
        graph.Initializer.Add(Floats("dense_1/bias:0", TestData.Uniform(random, 3), 3));
        float[] mean = [13f, 100f, 0.36f, 750f], spread = [0.8f, 14f, 0.12f, 315f];
        var inputs = Examples(random, 16, mean, spread);

        var result = ImportAndCompare(graph, inputs, [16, 4]);

        result.Spec.Layers.ShouldBe([new LayerSpec(8, Activation.ReLU), new LayerSpec(3, Activation.Softmax)]);
        result.FoldSummary.ShouldBe("Sub, Div into layer 1; Mul, Add into layer 2; Identity, Identity dropped");
    }

    [Fact]
    public void A_keras_flatten_rescaling_dense_batch_norm_leaky_relu_dropout_dense_model_imports_and_agrees_with_OnnxRuntime()
    {
        // Flatten of [batch, 2, 2] (Reshape to [-1, 4]), Rescaling (Mul, Add by scalars), Dense(6) with a
        // BatchNormalization (as one operator, epsilon 1e-3) before LeakyReLU(0.01), Dropout in inference
        // (ratio and training_mode inputs, and its mask named), Dense(1).
        var random = new Random(12);
        var graph = Graph([null, 2, 2], [null, 1]);
        graph.Node.Add(Constant("sequential/flatten/Const", "flatten/Const:0", Int64s("", [-1, 4], 2)));
        graph.Node.Add(Node("Reshape", "sequential/flatten/Reshape", ["input", "flatten/Const:0"], "flatten/Reshape:0"));
        graph.Node.Add(Node("Mul", "sequential/rescaling/mul", ["flatten/Reshape:0", "rescaling/Cast:0"], "rescaling/mul:0"));
        graph.Node.Add(Node("Add", "sequential/rescaling/add", ["rescaling/mul:0", "rescaling/Cast_1:0"], "rescaling/add:0"));
        graph.Node.Add(Node("MatMul", "sequential/dense/MatMul", ["rescaling/add:0", "dense/kernel:0"], "dense/MatMul:0"));
        graph.Node.Add(Node("Add", "sequential/dense/BiasAdd", ["dense/MatMul:0", "dense/bias:0"], "dense/BiasAdd:0"));
        graph.Node.Add(Node("BatchNormalization", "sequential/batch_normalization/FusedBatchNormV3",
            ["dense/BiasAdd:0", "bn/gamma:0", "bn/beta:0", "bn/moving_mean:0", "bn/moving_variance:0"], "bn:0", Float("epsilon", 1e-3f)));
        graph.Node.Add(Node("LeakyRelu", "sequential/leaky_re_lu/LeakyRelu", ["bn:0"], "leaky:0", Float("alpha", 0.01f)));
        graph.Node.Add(Constant("sequential/dropout/ratio", "ratio:0", Floats("", [0.3f])));
        graph.Node.Add(Constant("sequential/dropout/training", "training:0", Bool("", false)));
        var dropout = Node("Dropout", "sequential/dropout/dropout", ["leaky:0", "ratio:0", "training:0"], "dropout:0");
        dropout.Output.Add("dropout/mask:0");
        graph.Node.Add(dropout);
        graph.Node.Add(Node("MatMul", "sequential/dense_1/MatMul", ["dropout:0", "dense_1/kernel:0"], "dense_1/MatMul:0"));
        graph.Node.Add(Node("Add", "sequential/dense_1/BiasAdd", ["dense_1/MatMul:0", "dense_1/bias:0"], "output"));
        graph.Initializer.Add(Floats("rescaling/Cast:0", [1f / 255]));
        graph.Initializer.Add(Floats("rescaling/Cast_1:0", [-0.5f]));
        graph.Initializer.Add(Floats("dense/kernel:0", TestData.Uniform(random, 24), 4, 6));
        graph.Initializer.Add(Floats("dense/bias:0", TestData.Uniform(random, 6), 6));
        graph.Initializer.Add(Floats("bn/gamma:0", TestData.Uniform(random, 6, 2), 6));
        graph.Initializer.Add(Floats("bn/beta:0", TestData.Uniform(random, 6), 6));
        graph.Initializer.Add(Floats("bn/moving_mean:0", TestData.Uniform(random, 6), 6));
        graph.Initializer.Add(Floats("bn/moving_variance:0", [0.5f, 2f, 1e-6f, 0f, 0.01f, 3f], 6));
        graph.Initializer.Add(Floats("dense_1/kernel:0", TestData.Uniform(random, 6), 6, 1));
        graph.Initializer.Add(Floats("dense_1/bias:0", TestData.Uniform(random, 1), 1));
        var inputs = Examples(random, 16, [128f, 128f, 128f, 128f], [70f, 70f, 70f, 70f]);

        var result = ImportAndCompare(graph, inputs, [16, 2, 2]);

        result.Spec.InputCount.ShouldBe(4);
        result.Spec.Layers.ShouldBe([new LayerSpec(6, Activation.LeakyReLU), new LayerSpec(1, Activation.Linear)]);
        result.FoldSummary.ShouldBe("Mul, Add, BatchNormalization into layer 1; Reshape, Dropout dropped");
    }

    [Fact]
    public void A_batch_norm_before_the_first_layer_folds_into_its_weights_in_double_precision()
    {
        // W'[i, j] = W[i, j]·s_j and b'_i = b_i + Σ_j W[i, j]·t_j, with s_j = γ_j / √(σ²_j + ε), t_j = β_j − μ_j·s_j;
        // variances of 0 and 1e-9 leave only ε under the root.
        float[] gamma = [1f, 2f, -0.5f, 0.25f], beta = [0.1f, 0f, -1f, 3f], mean = [2f, -3f, 0.5f, 7f], variance = [0f, 1e-9f, 2.5f, 1e-4f];
        const float Epsilon = 1e-3f;
        float[] weights = [0.5f, -1f, 2f, 0.75f, -0.25f, 1.5f, 0.125f, -2f, 1f, 1f, -1f, 0.3f], biases = [0.2f, -0.4f, 0.6f];
        var graph = Graph(4, 3);
        graph.Node.Add(Node("BatchNormalization", "bn", ["input", "gamma", "beta", "mean", "variance"], "normalized", Float("epsilon", Epsilon)));
        graph.Node.Add(Gemm("fc", "normalized", "w", "b", "output", transB: true));
        graph.Initializer.Add([Raw("gamma", gamma, 4), Raw("beta", beta, 4), Raw("mean", mean, 4), Raw("variance", variance, 4),
            Raw("w", weights, 3, 4), Raw("b", biases, 3)]);

        var result = ImportAndCompare(graph, Examples(new Random(13), 8, mean, [1f, 1f, 1f, 1f]), [8, 4]);

        var scale = Enumerable.Range(0, 4).Select(j => gamma[j] / Math.Sqrt(variance[j] + (double)Epsilon)).ToArray();
        var shift = Enumerable.Range(0, 4).Select(j => beta[j] - mean[j] * scale[j]).ToArray();
        var expected = new double[15];
        for (int i = 0; i < 3; i++)
        {
            expected[12 + i] = biases[i];
            for (int j = 0; j < 4; j++)
            {
                expected[4 * i + j] = weights[4 * i + j] * scale[j];
                expected[12 + i] += weights[4 * i + j] * shift[j];
            }
        }
        ShouldBeRoundedFrom(result.Parameters.ToArray(), expected);
        result.FoldSummary.ShouldBe("BatchNormalization into layer 1");
    }

    [Fact]
    public void A_batch_norm_between_a_layer_and_its_activation_folds_into_that_layer()
    {
        // W'[i, j] = s_i·W[i, j] and b'_i = s_i·b_i + t_i.
        float[] gamma = [1.5f, -2f], beta = [0.25f, 1f], mean = [0.5f, -4f], variance = [1e-7f, 9f];
        float[] weights = [0.5f, -1f, 2f, 0.75f, -0.25f, 1.5f], biases = [0.2f, -0.4f];
        var graph = Graph(3, 2);
        graph.Node.Add(Gemm("fc", "input", "w", "b", "z", transB: true));
        graph.Node.Add(Node("BatchNormalization", "bn", ["z", "gamma", "beta", "mean", "variance"], "normalized"));
        graph.Node.Add(Node("Tanh", "tanh", ["normalized"], "output"));
        graph.Initializer.Add([Floats("gamma", gamma, 2), Floats("beta", beta, 2), Floats("mean", mean, 2), Floats("variance", variance, 2),
            Floats("w", weights, 2, 3), Floats("b", biases, 2)]);

        var result = ImportAndCompare(graph, Examples(new Random(14), 8, [0f, 0f, 0f], [1f, 1f, 1f]), [8, 3]);

        var expected = new double[8];
        for (int i = 0; i < 2; i++)
        {
            double scale = gamma[i] / Math.Sqrt(variance[i] + 1e-5); // ONNX's default epsilon
            for (int j = 0; j < 3; j++)
                expected[3 * i + j] = scale * weights[3 * i + j];
            expected[6 + i] = scale * biases[i] + beta[i] - mean[i] * scale;
        }
        ShouldBeRoundedFrom(result.Parameters.ToArray(), expected);
        result.Spec.Layers.ShouldBe([new LayerSpec(2, Activation.Tanh)]);
        result.FoldSummary.ShouldBe("BatchNormalization into layer 1");
    }

    [Fact]
    public void Constants_on_either_side_compose_before_a_layer_and_after_the_output_layer()
    {
        // Before layer 1: x ↦ (c₁ − x) / c₂, then · 3, then + c₃ (the constant first); after the linear output: · 2, then + 10.
        float[] c1 = [1f, -2f], c2 = [4f, 0.5f], c3 = [0.25f, -0.75f];
        float[] weights = [0.5f, -1f, 2f, 0.75f], biases = [0.2f, -0.4f];
        var graph = Graph(2, 2);
        graph.Node.Add(Node("Sub", "from", ["c1", "input"], "x1"));
        graph.Node.Add(Node("Div", "div", ["x1", "c2"], "x2"));
        graph.Node.Add(Constant("three", "3", Floats("", [3f])));
        graph.Node.Add(Node("Mul", "mul", ["3", "x2"], "x3"));
        graph.Node.Add(Node("Add", "add", ["c3", "x3"], "x4"));
        graph.Node.Add(Gemm("fc", "x4", "w", "b", "z", transB: false));
        graph.Node.Add(Node("Mul", "scale", ["z", "two"], "y"));
        graph.Node.Add(Node("Add", "offset", ["y", "ten"], "output"));
        graph.Initializer.Add([Floats("c1", c1, 2), Floats("c2", c2, 1, 2), Floats("c3", c3, 2), Floats("w", weights, 2, 2), Floats("b", biases, 2),
            Floats("two", [2f]), Floats("ten", [10f], 1)]);

        var result = ImportAndCompare(graph, Examples(new Random(15), 8, [0f, 0f], [3f, 3f]), [8, 2]);

        // x'_j = s_j x_j + t_j with s_j = −3 / c2_j and t_j = 3·c1_j / c2_j + c3_j; B is [in, out], so W[i, j] = B[j, i].
        var expected = new double[6];
        for (int i = 0; i < 2; i++)
        {
            double bias = biases[i];
            for (int j = 0; j < 2; j++)
            {
                double w = weights[2 * j + i];
                expected[2 * i + j] = 2 * (w * (-3.0 / c2[j]));
                bias += w * (3.0 * c1[j] / c2[j] + c3[j]);
            }
            expected[4 + i] = 2 * bias + 10;
        }
        ShouldBeRoundedFrom(result.Parameters.ToArray(), expected);
        result.FoldSummary.ShouldBe("Sub, Div, Mul, Add, Mul, Add into layer 1");
    }

    [Fact]
    public void Constants_computed_by_Constant_Identity_and_Reshape_nodes_are_read()
    {
        // An Identity of an initializer [2, 1] reshaped by [0] (ONNX's 0 keeps the dimension: [2]), a Constant of
        // value_floats, and the layer's weights reshaped from [4] by [2, -1] (-1 takes what is left: [2, 2]).
        var graph = Graph(2, 2);
        graph.Node.Add(Node("Identity", "copy", ["mean"], "mean_copy"));
        graph.Node.Add(Constant("make_shape", "flat", Int64s("", [0], 1)));
        graph.Node.Add(Node("Reshape", "flatten_mean", ["mean_copy", "flat"], "mean_row"));
        graph.Node.Add(Node("Constant", "make_std", [], "std",
            new AttributeProto { Name = "value_floats", Type = AttributeProto.Types.AttributeType.Floats, Floats = { 0.5f, 4f } }));
        graph.Node.Add(Node("Reshape", "shape_weights", ["w_flat", "square"], "w"));
        graph.Node.Add(Node("Sub", "sub", ["input", "mean_row"], "centred"));
        graph.Node.Add(Node("Div", "div", ["centred", "std"], "scaled"));
        graph.Node.Add(Gemm("fc", "scaled", "w", "b", "output", transB: true));
        graph.Initializer.Add([Floats("mean", [3f, -1f], 2, 1), Floats("w_flat", [0.5f, -1f, 2f, 0.75f], 4), Int64s("square", [2, -1], 2),
            Floats("b", [0.1f, 0.2f], 2)]);

        var result = ImportAndCompare(graph, Examples(new Random(16), 8, [3f, -1f], [1f, 4f]), [8, 2]);

        result.FoldSummary.ShouldBe("Sub, Div into layer 1");
        ShouldBeRoundedFrom(result.Parameters.ToArray(), 
            [0.5 / 0.5, -1 / 4.0, 2 / 0.5, 0.75 / 4.0, 0.1f - (0.5 * 3 / 0.5 + -1 * -1 / 4.0), 0.2f - (2 * 3 / 0.5 + 0.75 * -1 / 4.0)]);
    }

    /// <summary>Imports the graph and checks GenNet's outputs against ONNX Runtime's on the original file, to 1e-5 relative.</summary>
    private OnnxImportResult ImportAndCompare(GraphProto graph, float[] inputs, long[] shape, [CallerMemberName] string test = "")
    {
        string path = Write(folder, graph);
        var result = OnnxImport.Read(path);
        var network = new DynamicNetwork(result.Spec);
        result.CopyTo(network);
        var expected = OnnxRuntimeRunner.Run(path, inputs, shape);
        var outputs = new float[expected.Length];
        network.PredictBatch(inputs, outputs);
        double worst = 0;
        for (int k = 0; k < outputs.Length; k++)
        {
            double relative = Math.Abs(outputs[k] - (double)expected[k]) / Math.Abs((double)expected[k]);
            relative.ShouldBeLessThanOrEqualTo(1e-5, $"output {k}: {outputs[k]} where ONNX Runtime gives {expected[k]}");
            worst = Math.Max(worst, relative);
        }
        output.WriteLine($"{test}: largest relative difference from ONNX Runtime {worst:E2}");
        return result;
    }

    /// <summary>Each parameter is its double-precision value rounded to float (within one unit in the last place, for the order of the sums).</summary>
    private static void ShouldBeRoundedFrom(float[] actual, double[] expected)
    {
        actual.Length.ShouldBe(expected.Length);
        for (int k = 0; k < actual.Length; k++)
        {
            float rounded = (float)expected[k];
            Math.Abs(actual[k] - expected[k]).ShouldBeLessThanOrEqualTo((double)(MathF.BitIncrement(Math.Abs(rounded)) - Math.Abs(rounded)), $"parameter {k}");
        }
    }

    /// <summary><paramref name="m"/> examples, feature j drawn around <paramref name="mean"/>[j] within ± <paramref name="spread"/>[j].</summary>
    private static float[] Examples(Random random, int m, float[] mean, float[] spread) =>
        [.. Enumerable.Range(0, m * mean.Length).Select(k => mean[k % mean.Length] + spread[k % mean.Length] * (2 * random.NextSingle() - 1))];
}
