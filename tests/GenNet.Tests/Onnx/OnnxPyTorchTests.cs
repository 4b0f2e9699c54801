using System.Text.Json;
using GenNet.Onnx;

namespace GenNet.Tests.Onnx;

/// <summary>
/// Files written by PyTorch's own exporter (torch.onnx.export, PyTorch 1.13; <c>PyTorch/export_models.py</c>
/// made them), imported into GenNet's engines: they compute what PyTorch computed for the same inputs
/// (<c>PyTorch/expected.json</c>) and what ONNX Runtime computes from the same file.
/// </summary>
public class OnnxPyTorchTests
{
    /// <summary>One exported model with PyTorch's inputs and outputs for it.</summary>
    public sealed record Export(string File, int Examples, int Features, float[] Inputs, float[] Outputs)
    {
        public string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "Onnx", "PyTorch", File);

        public override string ToString() => File;
    }

    public static TheoryData<Export> Exports()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Onnx", "PyTorch", "expected.json")));
        float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetSingle())];
        return [.. document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new Export(c.GetProperty("file").GetString()!, c.GetProperty("examples").GetInt32(), c.GetProperty("features").GetInt32(),
                Floats(c.GetProperty("inputs")), Floats(c.GetProperty("outputs"))))];
    }

    [Fact]
    public void The_exported_graphs_are_what_the_tests_expect()
    {
        // nn.Sequential(Flatten, Linear, ReLU, Linear, LeakyReLU(0.01), Linear, Sigmoid) as Gemm (transB = 1)
        // nodes, and a hand-written x @ Wᵀ + b as MatMul + Add with the weights folded to [in, out].
        var classifier = OnnxImport.ReadSpec(Path.Combine(AppContext.BaseDirectory, "Onnx", "PyTorch", "classifier.onnx"));
        classifier.InputCount.ShouldBe(3);
        classifier.Layers.ShouldBe([new LayerSpec(5, Activation.ReLU), new LayerSpec(4, Activation.LeakyReLU), new LayerSpec(2, Activation.Sigmoid)]);
        var regression = OnnxImport.ReadSpec(Path.Combine(AppContext.BaseDirectory, "Onnx", "PyTorch", "matmul_regression.onnx"));
        regression.InputCount.ShouldBe(2);
        regression.Layers.ShouldBe([new LayerSpec(3, Activation.Tanh), new LayerSpec(1, Activation.Linear)]);
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void An_imported_pytorch_export_computes_what_PyTorch_computed(Export export)
    {
        var spec = OnnxImport.ReadSpec(export.Path);
        spec.InputCount.ShouldBe(export.Features);
        int m = export.Examples;
        foreach (INetwork network in new INetwork[] { new DynamicNetwork(spec), new ReferenceNetwork(spec) })
        {
            OnnxImport.Load(network, export.Path);
            var outputs = new float[m * spec.OutputCount];
            network.PredictBatch(export.Inputs, outputs);
            for (int k = 0; k < outputs.Length; k++)
                outputs[k].ShouldBe(export.Outputs[k], 1e-6 + 1e-5 * Math.Abs(export.Outputs[k]), $"{network.GetType().Name}, output {k}");
        }
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void ONNX_Runtime_agrees_with_PyTorch_on_the_file(Export export)
    {
        // The check on the check, with no GenNet code involved: the expected outputs belong to the
        // file, as an independent engine reads it.
        OnnxRuntimeRunner.Run(export.Path, export.Inputs, export.Examples, export.Features).ShouldBe(export.Outputs, tolerance: 1e-5f);
    }
}
