namespace GenNet.Browser;

/// <summary>
/// Turns a drawing into the digits data set's input, as the data set's makers turned scanned digits into
/// it: the image as a 32×32 grid of black and white cells, then the count of black cells in each 4×4 block
/// of them, an 8×8 image of values 0 to 16 (row by row).
/// </summary>
public static class DigitImage
{
    /// <summary>The side of the image the network takes.</summary>
    public const int Side = 8;

    /// <summary>The side of the black-and-white grid the counts are taken over.</summary>
    public const int BitmapSide = 32;

    /// <summary>The 64 pixel counts of a square drawing.</summary>
    /// <param name="ink">How much ink covers each pixel of the drawing, 0 to 255, row by row.</param>
    /// <param name="side">The drawing's side in pixels: a multiple of 32.</param>
    /// <exception cref="ArgumentException">The side is not a positive multiple of 32, or <paramref name="ink"/> is not side² long.</exception>
    public static float[] FromInk(ReadOnlySpan<byte> ink, int side)
    {
        if (side < BitmapSide || side % BitmapSide != 0)
            throw new ArgumentException($"The drawing's side must be a multiple of {BitmapSide}, but it is {side}.", nameof(side));
        if (ink.Length != side * side)
            throw new ArgumentException($"A drawing of side {side} has {side * side} pixels, but {ink.Length} were given.", nameof(ink));

        int cell = side / BitmapSide, perCount = BitmapSide / Side;
        var counts = new float[Side * Side];
        for (int row = 0; row < BitmapSide; row++)
        {
            for (int column = 0; column < BitmapSide; column++)
            {
                int sum = 0;
                for (int y = row * cell; y < (row + 1) * cell; y++)
                    foreach (byte value in ink.Slice(y * side + column * cell, cell))
                        sum += value;
                // A cell is black when ink covers at least half of it.
                if (2 * sum >= byte.MaxValue * cell * cell)
                    counts[row / perCount * Side + column / perCount]++;
            }
        }
        return counts;
    }
}
