namespace GenNet.Plotting;

/// <summary>
/// The colour of each class in every picture: points in the class colour, the region a network
/// assigns to a class in a light tint of it (<see cref="RegionColor"/>), so a misclassified point
/// stands out on the other class's region.
/// </summary>
public static class ClassPalette
{
    // Tableau 10, the palette matplotlib draws classes with: distinct in print and for the common colour-vision deficiencies.
    private static readonly uint[] Colors =
    [
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    ];

    /// <summary>How much of the class colour a region's tint keeps; the rest is white.</summary>
    public const double RegionStrength = 0.35;

    /// <summary>The colour of class <paramref name="c"/>'s points, as 0xRRGGBB (the palette repeats after 10 classes).</summary>
    /// <param name="c">The class index, 0 or more.</param>
    public static uint PointColor(int c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        return Colors[c % Colors.Length];
    }

    /// <summary>The colour of class <paramref name="c"/>'s region, as 0xRRGGBB: <see cref="RegionStrength"/> of the class colour, the rest white.</summary>
    /// <param name="c">The class index, 0 or more.</param>
    public static uint RegionColor(int c)
    {
        uint color = PointColor(c);
        uint Tint(int shift) => (uint)Math.Round(255 - RegionStrength * (255 - ((color >> shift) & 0xFF)));
        return (Tint(16) << 16) | (Tint(8) << 8) | Tint(0);
    }

    internal static ScottPlot.Color ToScottPlot(uint rgb) =>
        new((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
}
