using System.Text.Json;
using GenNet.Onnx;

namespace GenNet.Tests.Onnx;

/// <summary>
/// Files written by PyTorch's own exporter (torch.onnx.export, PyTorch 1.13; <c>PyTorch/export_models.py</c>
/// made them), imported into GenNet's engines: they compute what ONNX Runtime computes from the same
/// file and what PyTorch computed for the same inputs (<c>PyTorch/expected.json</c>), with the scaling,
/// batch norms and dropout of the models folded into their layers.
/// </summary>
public class OnnxPyTorchTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Onnx", "PyTorch");

    /// <summary>One exported model with PyTorch's inputs and outputs for it (log-probabilities when it ends in LogSoftmax).</summary>
    public sealed record Export(string File, int Examples, int Features, float[] Inputs, float[] Outputs, bool LogProbabilities)
    {
        public string Path => System.IO.Path.Combine(Folder, File);

        /// <summary>What GenNet's network gives for these outputs: the same, or probabilities for log-probabilities.</summary>
        public float[] AsGenNetOutputs(float[] outputs) => LogProbabilities ? [.. outputs.Select(MathF.Exp)] : outputs;

        public override string ToString() => File;
    }

    public static TheoryData<Export> Exports()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetSingle())];
        return [.. document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => new Export(c.GetProperty("file").GetString()!, c.GetProperty("examples").GetInt32(), c.GetProperty("features").GetInt32(),
                Floats(c.GetProperty("inputs")), Floats(c.GetProperty("outputs")), c.GetProperty("log_probabilities").GetBoolean()))];
    }

    /// <summary>Each model's layers after import, and what the import folded or dropped, as export_models.py builds them.</summary>
    public static TheoryData<string, string, string> FoldedExports()
    {
        const string Wine = "13: 12 Tanh, 3 Softmax";
        var data = new TheoryData<string, string, string>();
        foreach (string batch in new[] { "", "_fixed_batch" })
        {
            data.Add($"scaled_classifier{batch}.onnx", Wine, "Sub, Div into layer 1; Reshape dropped");
            data.Add($"scaled_regression{batch}.onnx", "4: 6 ReLU, 1 Linear", "Mul, Add into layer 1; Mul, Add into layer 2");
            data.Add($"batchnorm_first{batch}.onnx", "5: 8 ReLU, 3 Softmax", "BatchNormalization into layer 1");
            data.Add($"batchnorm_between{batch}.onnx", "4: 6 LeakyReLU, 5 ReLU, 2 Softmax", "BatchNormalization into layer 1; BatchNormalization into layer 3");
        }
        data.Add("reshape_fixed_batch.onnx", "4: 2 Sigmoid", "Reshape dropped");
        data.Add("classifier.onnx", "3: 5 ReLU, 4 LeakyReLU, 2 Sigmoid", "Flatten dropped");
        data.Add("matmul_regression.onnx", "2: 3 Tanh, 1 Linear", "");
        return data;
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
    [MemberData(nameof(FoldedExports))]
    public void An_export_imports_as_its_layers_with_the_rest_folded(string file, string layers, string folded)
    {
        var result = OnnxImport.Read(Path.Combine(Folder, file));

        $"{result.Spec.InputCount}: {string.Join(", ", result.Spec.Layers.Select(layer => $"{layer.Units} {layer.Activation}"))}".ShouldBe(layers);
        result.FoldSummary.ShouldBe(folded);
        result.Notes.Count.ShouldBe(file.StartsWith("batchnorm_first", StringComparison.Ordinal) ? 1 : 0, "only the LogSoftmax model's outputs differ from the file's");
    }

    [Fact]
    public void A_LogSoftmax_output_is_read_as_softmax_with_a_note()
    {
        var result = OnnxImport.Read(Path.Combine(Folder, "batchnorm_first.onnx"));

        result.Spec.Layers[^1].Activation.ShouldBe(Activation.Softmax);
        result.Notes.ShouldBe(["The output layer's LogSoftmax (node '/5/LogSoftmax') is read as softmax: the network's outputs are probabilities, " +
            "the exponentials of the log-probabilities the ONNX model gives, and pick the same class."]);
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void An_imported_pytorch_export_computes_what_ONNX_Runtime_computes_from_the_file(Export export)
    {
        var result = OnnxImport.Read(export.Path);
        var expected = export.AsGenNetOutputs(OnnxRuntimeRunner.Run(export.Path, export.Inputs, export.Examples, export.Features));
        foreach (INetwork network in new INetwork[] { new DynamicNetwork(result.Spec), new ReferenceNetwork(result.Spec) })
        {
            result.CopyTo(network);
            var outputs = new float[expected.Length];
            network.PredictBatch(export.Inputs, outputs);
            double worst = 0;
            for (int k = 0; k < outputs.Length; k++)
            {
                double relative = Math.Abs(outputs[k] - (double)expected[k]) / Math.Abs((double)expected[k]);
                relative.ShouldBeLessThanOrEqualTo(1e-5, $"{network.GetType().Name}, output {k}: {outputs[k]} where ONNX Runtime gives {expected[k]}");
                worst = Math.Max(worst, relative);
            }
            output.WriteLine($"{export.File}, {network.GetType().Name}: largest relative difference from ONNX Runtime {worst:E2}");
        }
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void An_imported_pytorch_export_computes_what_PyTorch_computed(Export export)
    {
        var spec = OnnxImport.ReadSpec(export.Path);
        spec.InputCount.ShouldBe(export.Features);
        var expected = export.AsGenNetOutputs(export.Outputs);
        foreach (INetwork network in new INetwork[] { new DynamicNetwork(spec), new ReferenceNetwork(spec) })
        {
            OnnxImport.Load(network, export.Path);
            var outputs = new float[expected.Length];
            network.PredictBatch(export.Inputs, outputs);
            for (int k = 0; k < outputs.Length; k++)
                outputs[k].ShouldBe(expected[k], 1e-6 + 1e-5 * Math.Abs(expected[k]), $"{network.GetType().Name}, output {k}");
        }
    }

    [Theory]
    [InlineData("dropout_training.onnx", "ONNX node '/1/Dropout' (Dropout) is not supported: its training_mode is true")]
    [InlineData("reshape_dynamic.onnx", "ONNX node '/Shape' (Shape) is not supported: it reads the shape of 'input'")]
    public void An_export_GenNet_cannot_read_is_refused_at_its_first_unreadable_node(string file, string message)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        document.RootElement.GetProperty("refused").EnumerateArray().Select(name => name.GetString()).ShouldContain(file);

        Should.Throw<InvalidDataException>(() => OnnxImport.Read(Path.Combine(Folder, file))).Message.ShouldStartWith(message);
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void ONNX_Runtime_agrees_with_PyTorch_on_the_file(Export export)
    {
        // The check on the check, with no GenNet code involved: the expected outputs belong to the
        // file, as an independent engine reads it.
        var outputs = OnnxRuntimeRunner.Run(export.Path, export.Inputs, export.Examples, export.Features);
        for (int k = 0; k < outputs.Length; k++)
            outputs[k].ShouldBe(export.Outputs[k], 1e-6 + 1e-5 * Math.Abs(export.Outputs[k]), $"output {k}");
    }
}
