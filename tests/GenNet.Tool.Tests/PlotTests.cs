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
    public void Plot_refuses_decision_regions_for_a_network_without_2_inputs()
    {
        DataFiles.Write(folder, "three.csv", "a,b,c,label\n1,2,3,x\n3,4,5,y\n1,3,2,x\n3,5,4,y\n");
        ToolProcess.Run(folder, "train", "three.csv", "--epochs", "2", "--validation", "0").ExitCode.ShouldBe(0);
        var before = Directory.GetFiles(folder).Order().ToArray();

        var result = ToolProcess.Run(folder, "plot", "three.weights.json", "three.csv");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldStartWith("gennet: three.weights.json: decision regions are drawn for classifiers of 2 inputs");
        Directory.GetFiles(folder).Order().ToArray().ShouldBe(before, "no picture, not even the learning curve");
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
