using System.Globalization;
using System.Text.RegularExpressions;
using GenNet.Tool.Commands;
using ScottPlot.Plottables;
using SkiaSharp;

namespace GenNet.Tool.Tests;

/// <summary>
/// <c>gennet plot</c> after <c>gennet train</c> on Iris, as a new user tries it: the data of a 4-input
/// classifier still gives the learning curve, and the curve numbers epochs as training printed them.
/// </summary>
public sealed partial class IrisPlotTests(IrisRun iris) : IClassFixture<IrisRun>
{
    [Fact]
    public void With_the_data_of_4_inputs_plot_writes_the_learning_curve_and_says_why_there_are_no_regions()
    {
        iris.Train.ExitCode.ShouldBe(0, iris.Train.ToString());

        var plot = ToolProcess.Run(iris.Folder, "plot", "iris.weights.json", "iris.csv", "-o", "four");

        plot.ExitCode.ShouldBe(0, plot.ToString());
        plot.Error.ShouldBeEmpty();
        plot.Output.ShouldContain("Wrote four-cost.png.");
        plot.Output.ShouldContain("No decision regions: they colour a plane, one input along each axis, so they need a classifier of exactly 2 inputs, " +
            "and this one takes 4 (sepal_length, sepal_width, petal_length, petal_width).");
        using var curve = SKBitmap.Decode(Path.Combine(iris.Folder, "four-cost.png"));
        curve.ShouldNotBeNull("a valid PNG");
        File.Exists(Path.Combine(iris.Folder, "four-regions.png")).ShouldBeFalse();
    }

    [Fact]
    public void The_plot_marks_the_kept_epoch_that_training_printed_and_places_each_printed_epoch_where_it_said()
    {
        iris.Train.ExitCode.ShouldBe(0, iris.Train.ToString());
        var kept = KeptEpochLine().Match(iris.Train.Output);
        kept.Success.ShouldBeTrue(iris.Train.Output);
        int keptEpoch = int.Parse(kept.Groups["epoch"].Value, CultureInfo.InvariantCulture);

        var plot = PlotCommand.LearningCurveOf(LoadedModel.Load(iris.Weights), "iris").ShouldNotBeNull("train wrote a learning curve");

        plot.Axes.Bottom.Label.Text.ShouldBe("epoch");
        var line = plot.GetPlottables<VerticalLine>().ShouldHaveSingleItem();
        line.LegendText.ShouldBe($"kept: epoch {keptEpoch}");
        line.X.ShouldBe(keptEpoch);
        var (training, validation) = (Points(plot, "training cost"), Points(plot, "validation cost"));
        validation.MinBy(p => p.Y).X.ShouldBe(keptEpoch, "the line sits on the lowest validation cost");

        // Each progress line ("epoch N: training cost C, validation cost V") is the curves' point at x = N.
        var progress = ProgressLine().Matches(iris.Train.Output);
        progress.Count.ShouldBeGreaterThan(2, iris.Train.Output);
        foreach (Match printed in progress)
        {
            double epoch = double.Parse(printed.Groups["epoch"].Value, CultureInfo.InvariantCulture);
            training.Single(p => p.X == epoch).Y.ShouldBe(double.Parse(printed.Groups["training"].Value, CultureInfo.InvariantCulture), 0.00005, printed.Value);
            validation.Single(p => p.X == epoch).Y.ShouldBe(double.Parse(printed.Groups["validation"].Value, CultureInfo.InvariantCulture), 0.00005, printed.Value);
        }
        training[0].X.ShouldBe(1, "the first epoch is epoch 1, as the first progress line says");
    }

    /// <summary>The points of the curve whose legend reads <paramref name="legend"/>.</summary>
    private static IReadOnlyList<ScottPlot.Coordinates> Points(ScottPlot.Plot plot, string legend) =>
        plot.GetPlottables<Scatter>().Single(s => s.LegendText == legend).Data.GetScatterPoints();

    [GeneratedRegex(@"the validation cost was lowest after epoch (?<epoch>\d+), whose weights are kept")]
    private static partial Regex KeptEpochLine();

    [GeneratedRegex(@"^epoch +(?<epoch>\d+): training cost (?<training>[0-9.]+), validation cost (?<validation>[0-9.]+)$", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();
}
