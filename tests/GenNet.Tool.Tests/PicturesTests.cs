using GenNet.Plotting;
using SkiaSharp;

namespace GenNet.Tool.Tests;

/// <summary>
/// GenNet.Plotting as the flower sample uses it, with networks whose regions are known by
/// construction: panels side by side, each coloured by its own network's classes.
/// </summary>
public sealed class PicturesTests : IDisposable
{
    private const int PanelWidth = 400, Height = 300;

    // 35 % of Tableau's blue (class 0) and orange (class 1), the rest white; 0xB1CFE5 and 0xFFD2AB.
    private static readonly SKColor Class0 = new(0xB1, 0xCF, 0xE5);
    private static readonly SKColor Class1 = new(0xFF, 0xD2, 0xAB);

    private readonly string folder = Directory.CreateTempSubdirectory("gennet-pictures-").FullName;

    [Fact]
    public void Two_panels_side_by_side_each_show_their_own_networks_regions()
    {
        // σ(4x) is above 0.5 right of x = 0; σ(4y) above y = 0.
        var byX = SigmoidOf(4, 0);
        var byY = SigmoidOf(0, 4);
        float[] points = [-1, -1, 1, -1, -1, 1, 1, 1];
        int[] classes = [0, 1, 0, 1];
        string path = Path.Combine(folder, "regions.png");

        DecisionRegions.Save(path, [new RegionPanel("by x", byX), new RegionPanel("by y", byY)], points, classes, ["0", "1"], ("x", "y"), PanelWidth, Height);

        using var picture = SKBitmap.Decode(path);
        picture.ShouldNotBeNull();
        (picture.Width, picture.Height).ShouldBe((2 * PanelWidth, Height));
        ColorAt(picture, panel: 0, -0.5, -0.5).ShouldBe(Class0);
        ColorAt(picture, panel: 0, 0.5, -0.5).ShouldBe(Class1);
        ColorAt(picture, panel: 1, -0.5, -0.5).ShouldBe(Class0);
        ColorAt(picture, panel: 1, 0.5, -0.5).ShouldBe(Class0, "the second panel is its own network's, not the first's");
        ColorAt(picture, panel: 1, -0.5, 0.5).ShouldBe(Class1);
    }

    [Fact]
    public void The_learning_curve_is_a_png_of_the_asked_size()
    {
        string path = Path.Combine(folder, "cost.png");
        LearningCurve.Save(path, [0, 1, 2, 3], [1f, 0.5f, 0.3f, 0.2f], [0, 2], [1.1f, 0.4f], "curve", 500, 320);
        using var picture = SKBitmap.Decode(path);
        picture.ShouldNotBeNull();
        (picture.Width, picture.Height).ShouldBe((500, 320));
    }

    [Fact]
    public void The_learning_curve_of_a_history_counts_epochs_from_1_and_marks_the_restored_one()
    {
        // σ(w·x + b) fit to a step, with a validation set on which it soon overfits: a restored best epoch.
        float[] inputs = [-2, -1, -0.5f, 0.5f, 1, 2], targets = [0, 0, 0, 1, 1, 1];
        float[] validationInputs = [-1.5f, 0.2f], validationTargets = [0, 0];
        var network = new DynamicNetwork(new NetworkSpec(1, [new(1, Activation.Sigmoid)]));
        network.Initialize(seed: 1);
        var history = Trainer.Fit(network, inputs, targets, validationInputs, validationTargets,
            new TrainingOptions { Iterations = 60, LearningRate = 0.5f, ReportEvery = 1, Patience = 5 });
        history.RestoredBest.ShouldBeTrue("the test needs a restored epoch");
        int kept = history.BestIteration!.Value + 1;

        var plot = LearningCurve.Draw(history, "curve");

        plot.Axes.Bottom.Label.Text.ShouldBe("epoch");
        var line = plot.GetPlottables<ScottPlot.Plottables.VerticalLine>().ShouldHaveSingleItem();
        (line.X, line.LegendText).ShouldBe((kept, $"kept: epoch {kept}"));
        var training = plot.GetPlottables<ScottPlot.Plottables.Scatter>().Single(s => s.LegendText == "training cost").Data.GetScatterPoints();
        training.Select(p => p.X).ShouldBe(Enumerable.Range(1, history.Costs.Length).Select(e => (double)e));
    }

    private static DynamicNetwork SigmoidOf(float wx, float wy)
    {
        var network = new DynamicNetwork(new NetworkSpec(2, [new(1, Activation.Sigmoid)]));
        float[] parameters = [wx, wy, 0];
        parameters.CopyTo(network.Parameters);
        return network;
    }

    /// <summary>The pixel showing (x, y) in a panel whose data span [-1, 1]², by PlotLayout's margins.</summary>
    private static SKColor ColorAt(SKBitmap picture, int panel, double x, double y)
    {
        double low = -1 - PlotLayout.Margin * 2, high = 1 + PlotLayout.Margin * 2;
        int areaWidth = PanelWidth - PlotLayout.Left - PlotLayout.Right, areaHeight = Height - PlotLayout.Top - PlotLayout.Bottom;
        int px = panel * PanelWidth + PlotLayout.Left + (int)((x - low) / (high - low) * areaWidth);
        int py = PlotLayout.Top + (int)((high - y) / (high - low) * areaHeight);
        return picture.GetPixel(px, py);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
