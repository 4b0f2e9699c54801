using System.Globalization;
using System.Text.Json;

namespace GenNet.Tool.Tests;

/// <summary>
/// <c>gennet import-onnx</c> on the files PyTorch's exporter wrote (tests/GenNet.Tests/Onnx/PyTorch, where
/// export_models.py made them): it says what it folded into which layer, and <c>gennet predict</c> with the
/// imported weights computes what the model computes, the outputs PyTorch recorded in expected.json for the
/// same inputs (which GenNet.Tests also checks ONNX Runtime gives from each file, within 1e-5 relative).
/// </summary>
public sealed class ImportOnnxFoldTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(GenNet.Tests.Repository.Root(), "tests", "GenNet.Tests", "Onnx", "PyTorch");

    private readonly string folder = Directory.CreateTempSubdirectory("gennet-import-onnx-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("scaled_classifier.onnx", "folded: Sub, Div into layer 1; Reshape dropped")]
    [InlineData("scaled_regression_fixed_batch.onnx", "folded: Mul, Add into layer 1; Mul, Add into layer 2")]
    [InlineData("batchnorm_first.onnx", "folded: BatchNormalization into layer 1")]
    [InlineData("batchnorm_between_fixed_batch.onnx", "folded: BatchNormalization into layer 1; BatchNormalization into layer 3")]
    [InlineData("matmul_regression.onnx", null)]
    public void Import_onnx_says_what_it_folded_and_predict_computes_what_the_model_computes(string file, string? folded)
    {
        var (examples, features, inputs, outputs, logProbabilities) = Case(file);
        File.Copy(Path.Combine(Fixtures, file), Path.Combine(folder, file));

        var import = ToolProcess.Run(folder, "import-onnx", file, "-o", "model.weights.json");

        import.ExitCode.ShouldBe(0, import.ToString());
        string[] lines = import.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Wrote model.weights.json (");
        lines.Where(line => line.StartsWith("folded: ", StringComparison.Ordinal)).ShouldBe(folded is null ? [] : [folded]);
        lines.Where(line => line.StartsWith("note: ", StringComparison.Ordinal)).ShouldBe(logProbabilities
            ? ["note: The output layer's LogSoftmax (node '/5/LogSoftmax') is read as softmax: the network's outputs are probabilities, " +
               "the exponentials of the log-probabilities the ONNX model gives, and pick the same class."]
            : []);

        var rows = Enumerable.Range(0, examples).Select(i => string.Join(',', inputs.Skip(i * features).Take(features).Select(x => x.ToString("R", CultureInfo.InvariantCulture))));
        File.WriteAllLines(Path.Combine(folder, "inputs.csv"), [string.Join(',', Enumerable.Range(0, features).Select(j => $"x{j}")), .. rows]);
        var predict = ToolProcess.Run(folder, "predict", "model.weights.json", "inputs.csv", "-o", "outputs.csv");

        predict.ExitCode.ShouldBe(0, predict.ToString());
        int units = outputs.Length / examples;
        var predicted = File.ReadAllLines(Path.Combine(folder, "outputs.csv")).Skip(1)
            .SelectMany(line => line.Split(',').Skip(features).Take(units).Select(cell => double.Parse(cell, CultureInfo.InvariantCulture))).ToArray();
        predicted.Length.ShouldBe(outputs.Length);
        for (int k = 0; k < outputs.Length; k++)
        {
            double expected = logProbabilities ? Math.Exp(outputs[k]) : outputs[k];
            Math.Abs(predicted[k] - expected).ShouldBeLessThanOrEqualTo(1e-5 * Math.Abs(expected), $"output {k}: {predicted[k]} where the model gives {expected}");
        }
    }

    [Fact]
    public void Import_onnx_refuses_a_dropout_left_in_training_mode_naming_it_and_writes_nothing()
    {
        File.Copy(Path.Combine(Fixtures, "dropout_training.onnx"), Path.Combine(folder, "dropout_training.onnx"));

        var result = ToolProcess.Run(folder, "import-onnx", "dropout_training.onnx", "-o", "model.weights.json");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldBe("gennet: dropout_training.onnx: ONNX node '/1/Dropout' (Dropout) is not supported: its training_mode is true: it drops units at random, " +
            "as in training; exported from a model in eval mode (model.eval()) it is the identity, which PyTorch writes as no node at all." + Environment.NewLine);
        File.Exists(Path.Combine(folder, "model.weights.json")).ShouldBeFalse();
    }

    /// <summary>The inputs PyTorch ran the exported model on, and its outputs (log-probabilities when it ends in LogSoftmax).</summary>
    private static (int Examples, int Features, float[] Inputs, double[] Outputs, bool LogProbabilities) Case(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "expected.json")));
        var found = document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("file").GetString() == file);
        return (found.GetProperty("examples").GetInt32(), found.GetProperty("features").GetInt32(),
            [.. found.GetProperty("inputs").EnumerateArray().Select(value => value.GetSingle())],
            [.. found.GetProperty("outputs").EnumerateArray().Select(value => value.GetDouble())],
            found.GetProperty("log_probabilities").GetBoolean());
    }
}
