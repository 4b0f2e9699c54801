using SkiaSharp;

namespace GenNet.Plotting;

/// <summary>What every picture shares: the size check and writing several plots side by side into one PNG.</summary>
internal static class Pictures
{
    public const int MinimumWidth = 200, MinimumHeight = 150;

    public static void RequireSize(int width, int height)
    {
        if (width < MinimumWidth || height < MinimumHeight)
            throw new ArgumentException($"Expected a picture of at least {MinimumWidth} × {MinimumHeight} pixels, but it is {width} × {height}.", nameof(width));
    }

    /// <summary>Renders <paramref name="plots"/> left to right, each <paramref name="width"/> × <paramref name="height"/>, into one PNG file.</summary>
    public static void SideBySide(string path, IReadOnlyList<ScottPlot.Plot> plots, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width * plots.Count, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        // Each plot is rendered alone first: a plot paints its background over the whole canvas it is given.
        for (int p = 0; p < plots.Count; p++)
        {
            using var panel = SKBitmap.Decode(plots[p].GetImageBytes(width, height, ScottPlot.ImageFormat.Png));
            surface.Canvas.DrawBitmap(panel, p * width, 0);
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }
}
