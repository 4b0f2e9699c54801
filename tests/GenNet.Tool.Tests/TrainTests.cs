using System.Globalization;
using System.Text.Json;

namespace GenNet.Tool.Tests;

/// <summary><c>gennet train</c> on Iris, <c>evaluate</c>, <c>predict</c> and the ONNX round trip, checked against the library.</summary>
public class TrainTests(IrisRun iris) : IClassFixture<IrisRun>
{
    [Fact]
    public void Train_succeeds_and_writes_the_weight_file_and_the_side_file_with_the_class_labels()
    {
        iris.Train.ExitCode.ShouldBe(0, iris.Train.ToString());
        iris.Train.Error.ShouldBeEmpty();
        NetworkWeights.ReadSpec(iris.Weights).ToString().ShouldBe(new NetworkSpec(4, [new(16, Activation.ReLU), new(3, Activation.Softmax)]).ToString());
        using var notes = JsonDocument.Parse(File.ReadAllText(Path.Combine(iris.Folder, "iris.gennet.json")));
        notes.RootElement.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ShouldBe(DataFiles.IrisSpecies);
        notes.RootElement.GetProperty("features").EnumerateArray().Select(c => c.GetString()).ShouldBe(["sepal_length", "sepal_width", "petal_length", "petal_width"]);
        notes.RootElement.GetProperty("target").GetString().ShouldBe("species");
        notes.RootElement.GetProperty("curve").GetArrayLength().ShouldBeGreaterThan(10);
    }

    [Fact]
    public void The_saved_network_takes_raw_inputs_and_classifies_iris()
    {
        // The scaling is folded in: raw features straight into the saved network, measured by the library.
        var network = iris.Network();
        var predicted = new int[150];
        Evaluation.PredictClasses(network, iris.Features(), predicted);
        int right = predicted.Zip(iris.Labels()).Count(p => p.First == p.Second);
        right.ShouldBeGreaterThanOrEqualTo(140, "at least 93 % of Iris right");
    }

    [Fact]
    public void With_a_validation_set_training_stops_early_by_default_and_patience_0_trains_every_epoch()
    {
        var byDefault = ToolProcess.Run(iris.Folder, "train", "iris.csv", "--target", "species", "-o", "default.weights.json");
        byDefault.ExitCode.ShouldBe(0, byDefault.ToString());
        byDefault.Output.ShouldContain("Stopped early after epoch");
        byDefault.Output.ShouldContain("whose weights are kept");

        var everyEpoch = ToolProcess.Run(iris.Folder, "train", "iris.csv", "--target", "species", "--patience", "0", "--epochs", "150", "-o", "every.weights.json");
        everyEpoch.ExitCode.ShouldBe(0, everyEpoch.ToString());
        everyEpoch.Output.ShouldContain("Trained 150 epochs.");
    }

    [Fact]
    public void Train_prints_the_declaration_and_the_additional_files_line()
    {
        iris.Train.Output.ShouldContain("<AdditionalFiles Include=\"iris.weights.json\" />");
        iris.Train.Output.ShouldContain("""
            [Network(4, Weights = "iris.weights.json")]
            [Layer(16, Activation.ReLU)]
            [Layer(3, Activation.Softmax)]
            public partial class IrisNet;
            """.ReplaceLineEndings());
        iris.Train.Output.ShouldContain("// outputs: 0 = setosa, 1 = versicolor, 2 = virginica");
    }

    [Fact]
    public void Evaluate_prints_the_accuracy_the_library_measures_and_the_confusion_matrix()
    {
        var result = ToolProcess.Run(iris.Folder, "evaluate", "iris.weights.json", "iris.csv");
        result.ExitCode.ShouldBe(0, result.ToString());
        var network = iris.Network();
        var predicted = new int[150];
        Evaluation.PredictClasses(network, iris.Features(), predicted);
        double accuracy = predicted.Zip(iris.Labels()).Count(p => p.First == p.Second) / 150.0;
        result.Output.ShouldContain(accuracy.ToString("P1", CultureInfo.InvariantCulture));
        result.Output.ShouldContain("Confusion matrix");
        int setosaRight = predicted.Zip(iris.Labels()).Count(p => p.First == 0 && p.Second == 0);
        result.Output.ShouldMatch($@"│ setosa\s+│\s+{setosaRight} │");
    }

    [Fact]
    public void Predict_writes_the_outputs_the_library_computes_and_the_class_labels()
    {
        var result = ToolProcess.Run(iris.Folder, "predict", "iris.weights.json", "iris.csv", "-o", "predicted.csv");
        result.ExitCode.ShouldBe(0, result.ToString());
        string[] lines = File.ReadAllLines(Path.Combine(iris.Folder, "predicted.csv"));
        lines[0].ShouldBe("sepal_length,sepal_width,petal_length,petal_width,species,p(setosa),p(versicolor),p(virginica),predicted");
        lines.Length.ShouldBe(151);
        var network = iris.Network();
        float[] features = iris.Features();
        var expected = new float[3];
        for (int i = 0; i < 150; i++)
        {
            string[] cells = lines[i + 1].Split(',');
            network.Predict(features.AsSpan(4 * i, 4), expected);
            cells[5..8].Select(c => float.Parse(c, CultureInfo.InvariantCulture)).ShouldBe(expected, $"row {i + 1}");
            cells[8].ShouldBe(DataFiles.IrisSpecies[Evaluation.ClassOf(expected)]);
            expected.Sum().ShouldBe(1f, 1e-5f, "softmax outputs are class probabilities");
        }
    }

    [Fact]
    public void Export_onnx_then_import_onnx_gives_back_the_same_network()
    {
        ToolProcess.Run(iris.Folder, "export-onnx", "iris.weights.json", "-o", "iris.onnx").ExitCode.ShouldBe(0);
        var result = ToolProcess.Run(iris.Folder, "import-onnx", "iris.onnx", "-o", "back.weights.json");
        result.ExitCode.ShouldBe(0, result.ToString());
        string back = Path.Combine(iris.Folder, "back.weights.json");
        var imported = new DynamicNetwork(NetworkWeights.ReadSpec(back));
        NetworkWeights.Load(imported, back);
        imported.Spec.HasSameLayers(iris.Network().Spec).ShouldBeTrue();
        imported.Parameters.ToArray().ShouldBe(iris.Network().Parameters.ToArray());
    }
}
