using System.Globalization;

namespace GenNet.Tool.Tests;

/// <summary>A regression through the tool: a linear output, the error figures of <c>evaluate</c>, and <c>predict</c>'s numbers.</summary>
public sealed class RegressionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gennet-tool-regression-").FullName;

    [Fact]
    public void A_linear_output_layer_trains_a_regression_whose_error_figures_are_the_librarys()
    {
        // y = 2a − b on a grid: a target the network can fit, read as a number, not as classes.
        var rows = new List<string> { "a,b,y" };
        var features = new List<float>();
        var targets = new List<float>();
        for (int i = 0; i < 12; i++)
            for (int j = 0; j < 10; j++)
            {
                float a = i / 4f, b = j / 3f, y = 2 * a - b;
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"{a},{b},{y}"));
                features.AddRange([a, b]);
                targets.Add(y);
            }
        File.WriteAllLines(Path.Combine(folder, "line.csv"), rows);

        var train = ToolProcess.Run(folder, "train", "line.csv", "--layers", "8:tanh,1:linear", "--epochs", "150", "--rate", "0.02");
        train.ExitCode.ShouldBe(0, train.ToString());
        train.Output.ShouldContain("[Layer(1, Activation.Linear)]");
        train.Output.ShouldContain("// output: y");

        var evaluate = ToolProcess.Run(folder, "evaluate", "line.weights.json", "line.csv");
        evaluate.ExitCode.ShouldBe(0, evaluate.ToString());
        var network = new DynamicNetwork(NetworkWeights.ReadSpec(Path.Combine(folder, "line.weights.json")));
        NetworkWeights.Load(network, Path.Combine(folder, "line.weights.json"));
        var predicted = new float[targets.Count];
        network.PredictBatch(features.ToArray(), predicted);
        double rmse = Math.Sqrt(predicted.Zip(targets).Average(p => (double)(p.First - p.Second) * (p.First - p.Second)));
        rmse.ShouldBeLessThan(0.3, "the line is learnt");
        evaluate.Output.ShouldContain(rmse.ToString("G4", CultureInfo.InvariantCulture));
        evaluate.Output.ShouldNotContain("accuracy");

        ToolProcess.Run(folder, "predict", "line.weights.json", "line.csv", "-o", "out.csv").ExitCode.ShouldBe(0);
        var written = File.ReadAllLines(Path.Combine(folder, "out.csv"));
        written[0].ShouldBe("a,b,y,prediction");
        written.Skip(1).Select(l => float.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ShouldBe(predicted);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
