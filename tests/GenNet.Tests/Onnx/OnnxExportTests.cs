using GenNet.Onnx;
using GenNet.Tests.Generated;
using Microsoft.ML.OnnxRuntime;

namespace GenNet.Tests.Onnx;

/// <summary>
/// Exported networks, run by ONNX Runtime — an engine GenNet shares no code with — compute what the
/// network computes: relative error below 1e-5 (measured against the batch's largest output for
/// outputs near zero, where relative error means nothing).
/// </summary>
public sealed class OnnxExportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gennet-onnx-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string> Architectures =>
        [nameof(XorNet), nameof(DeepMixedNet), nameof(LeakyNet), nameof(LinearRegressionNet), nameof(MultiLabelNet), nameof(WideNet), nameof(TanhOutputNet), nameof(SoftmaxNet), nameof(LoopSoftmaxNet)];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void OnnxRuntime_computes_what_every_engine_computes(string architecture)
    {
        foreach (var engine in Engine.For(architecture))
        {
            var network = engine.Create();
            var random = new Random(architecture.Length);
            TestData.Uniform(random, network.ParameterCount, 0.5).CopyTo(network.Parameters);
            const int m = 7;
            var inputs = TestData.Uniform(random, m * network.InputCount, 2);
            var expected = new float[m * network.OutputCount];
            network.PredictBatch(inputs, expected);

            var actual = RunInOnnxRuntime(network, inputs, m);

            double largest = expected.Max(e => Math.Abs((double)e));
            for (int k = 0; k < expected.Length; k++)
            {
                double error = Math.Abs((double)actual[k] - expected[k]);
                double scale = Math.Max(Math.Abs((double)expected[k]), 1e-2 * largest);
                (error / scale).ShouldBeLessThan(1e-5, $"{engine}, output {k}: ONNX Runtime {actual[k]}, GenNet {expected[k]}");
            }
        }
    }

    [Fact]
    public void Each_layer_is_a_Gemm_then_its_activation()
    {
        var model = OnnxExport.ToModel(new DeepMixedNet());

        model.Graph.Node.Select(node => node.OpType).ShouldBe(["Gemm", "Relu", "Gemm", "Tanh", "Gemm", "LeakyRelu", "Gemm", "Sigmoid"]);
        model.Graph.Node.Where(node => node.OpType == "Gemm").ShouldAllBe(node => node.Attribute.Single().Name == "transB" && node.Attribute.Single().I == 1);
        model.Graph.Node.Single(node => node.OpType == "LeakyRelu").Attribute.Single().F.ShouldBe(0.01f);
        model.Graph.Node[^1].Output.Single().ShouldBe(OnnxExport.OutputName);
        model.Graph.Initializer.Select(tensor => string.Join("x", tensor.Dims)).ShouldBe(["8x5", "8", "6x8", "6", "4x6", "4", "3x4", "3"]);
        model.OpsetImport.Single().Version.ShouldBe(OnnxExport.Opset);
    }

    [Fact]
    public void A_linear_layer_adds_no_node()
    {
        var model = OnnxExport.ToModel(new LinearRegressionNet());

        model.Graph.Node.Select(node => node.OpType).ShouldBe(["Gemm"]);
        model.Graph.Node.Single().Output.Single().ShouldBe(OnnxExport.OutputName);
    }

    /// <summary>Exports the network and runs the file in ONNX Runtime on one thread.</summary>
    private float[] RunInOnnxRuntime(INetwork network, float[] inputs, int m)
    {
        string path = Path.Combine(folder, $"{network.GetType().Name}.onnx");
        OnnxExport.Save(network, path);
        return OnnxRuntimeRunner.Run(path, inputs, m, network.InputCount);
    }
}
