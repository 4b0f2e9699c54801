using SkiaSharp;

namespace GenNet.Tool.Tests;

/// <summary>
/// <c>gennet plot</c> writes PNG files of the asked size; in the decision-region picture, pixels over
/// points of the plane that the data put in one class have that class's region colour.
/// </summary>
public sealed class PlotTests : IDisposable
{
    // The picture's geometry as GenNet.Plotting documents it (PlotLayout): fixed margins around the
    // data area, and axes that show the data's range with a tenth of it added on each side.
    private const int Left = 70, Right = 20, Top = 40, Bottom = 55;
    private const double Margin = 0.1;

    // ClassPalette's region tints: 35 % of Tableau's blue (class 0) and orange (class 1), the rest white.
    private static readonly SKColor LeftRegion = new(0xB1, 0xCF, 0xE5);
    private static readonly SKColor RightRegion = new(0xFF, 0xD2, 0xAB);

    private readonly string folder = Directory.CreateTempSubdirectory("gennet-tool-plot-").FullName;

    [Fact]
    public void Plot_draws_the_learning_curve_and_the_decision_regions_in_each_class_colour()
    {
        DataFiles.LeftRight(folder);
        var train = ToolProcess.Run(folder, "train", "leftright.csv", "--layers", "4:tanh,1:sigmoid", "--epochs", "200", "--rate", "0.05", "--validation", "0.25");
        train.ExitCode.ShouldBe(0, train.ToString());

        var plot = ToolProcess.Run(folder, "plot", "leftright.weights.json", "leftright.csv", "--width", "640", "--height", "480");
        plot.ExitCode.ShouldBe(0, plot.ToString());

        using var curve = SKBitmap.Decode(Path.Combine(folder, "leftright-cost.png"));
        curve.ShouldNotBeNull("a valid PNG");
        (curve.Width, curve.Height).ShouldBe((640, 480));

        using var regions = SKBitmap.Decode(Path.Combine(folder, "leftright-regions.png"));
        regions.ShouldNotBeNull("a valid PNG");
        (regions.Width, regions.Height).ShouldBe((640, 480));
        // The data span [-1, 1] on both axes (classes "left" = 0 and "right" = 1, in ordinal order).
        // Below the middle, away from the legend (upper right), at points the grid of data leaves out.
        ColorAt(regions, -0.6, -0.6).ShouldBe(LeftRegion, "left of x = 0 is the class 'left'");
        ColorAt(regions, 0.6, -0.6).ShouldBe(RightRegion, "right of x = 0 is the class 'right'");
        ColorAt(regions, -0.75, -0.5).ShouldBe(LeftRegion);
        ColorAt(regions, 0.75, -0.5).ShouldBe(RightRegion);
    }

    [Fact]
    public void Without_a_learning_curve_plot_refuses_the_data_of_a_network_without_2_inputs_and_writes_nothing()
    {
        DataFiles.Write(folder, "three.csv", "a,b,c,label\n1,2,3,x\n3,4,5,y\n1,3,2,x\n3,5,4,y\n");
        ToolProcess.Run(folder, "train", "three.csv", "--epochs", "2", "--validation", "0").ExitCode.ShouldBe(0);
        File.Delete(Path.Combine(folder, "three.gennet.json")); // as for a weight file from import-onnx
        var before = Directory.GetFiles(folder).Order().ToArray();

        var result = ToolProcess.Run(folder, "plot", "three.weights.json", "three.csv");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldStartWith("gennet: three.weights.json: nothing to draw: no side file with a learning curve");
        result.Error.ShouldContain("no decision regions: they colour a plane, one input along each axis, so they need a classifier of exactly 2 inputs, and this one takes 3.");
        Directory.GetFiles(folder).Order().ToArray().ShouldBe(before);
    }

    [Fact]
    public void With_the_data_of_a_regression_plot_writes_the_learning_curve_and_says_regions_are_for_classes()
    {
        DataFiles.Write(folder, "plane.csv", "x,y,z\n0,0,0\n1,0,1\n0,1,1\n1,1,2\n");
        ToolProcess.Run(folder, "train", "plane.csv", "--layers", "1:linear", "--epochs", "2", "--validation", "0").ExitCode.ShouldBe(0);

        var result = ToolProcess.Run(folder, "plot", "plane.weights.json", "plane.csv");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Output.ShouldContain("No decision regions: they colour the plane by class, and this network is a regression.");
        File.Exists(Path.Combine(folder, "plane-cost.png")).ShouldBeTrue();
        File.Exists(Path.Combine(folder, "plane-regions.png")).ShouldBeFalse();
    }

    [Fact]
    public void The_help_says_what_the_exit_code_means()
    {
        var help = ToolProcess.Run(folder, "plot", "--help");

        help.ExitCode.ShouldBe(0, help.ToString());
        help.Output.ShouldContain("Exit code 0 when it wrote a picture (with a note when the network's decision regions cannot be drawn), " +
            "1 when there was nothing to draw or the input was refused");
    }

    /// <summary>The colour of the pixel showing the point (x, y) of data spanning [-1, 1]².</summary>
    private static SKColor ColorAt(SKBitmap picture, double x, double y)
    {
        double low = -1 - Margin * 2, high = 1 + Margin * 2;
        int areaWidth = picture.Width - Left - Right, areaHeight = picture.Height - Top - Bottom;
        int px = Left + (int)((x - low) / (high - low) * areaWidth);
        int py = Top + (int)((high - y) / (high - low) * areaHeight);
        return picture.GetPixel(px, py);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
