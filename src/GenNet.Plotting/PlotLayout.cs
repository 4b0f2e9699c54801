namespace GenNet.Plotting;

/// <summary>
/// Where the data sit in every picture: fixed margins around the data area (room for the title and
/// the axis labels), so a pixel of the picture can be traced back to the inputs it shows.
/// </summary>
public static class PlotLayout
{
    /// <summary>Pixels left of the data area (the vertical axis and its label).</summary>
    public const int Left = 70;

    /// <summary>Pixels right of the data area.</summary>
    public const int Right = 20;

    /// <summary>Pixels above the data area (the title).</summary>
    public const int Top = 40;

    /// <summary>Pixels below the data area (the horizontal axis and its label).</summary>
    public const int Bottom = 55;

    /// <summary>The share of the data's range added on each side of it, so points at the edge are drawn whole.</summary>
    public const double Margin = 0.1;

    /// <summary>The axis range that shows values from <paramref name="min"/> to <paramref name="max"/> with <see cref="Margin"/> on each side.</summary>
    /// <param name="min">The smallest value shown.</param>
    /// <param name="max">The largest value shown.</param>
    public static (double Low, double High) Range(double min, double max)
    {
        double span = max > min ? max - min : 1;
        return (min - Margin * span, max + Margin * span);
    }

    internal static void Apply(ScottPlot.Plot plot) =>
        plot.Layout.Fixed(new ScottPlot.PixelPadding(Left, Right, Bottom, Top));
}
