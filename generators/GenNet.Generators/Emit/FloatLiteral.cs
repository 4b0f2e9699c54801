using System.Globalization;

namespace GenNet.Generators.Emit;

/// <summary>Writes a float as a C# literal that the compiler reads back to the same bits, in as few digits as that takes.</summary>
internal static class FloatLiteral
{
    /// <summary><c>-10.880654f</c>, <c>0.01f</c>, <c>1E-05f</c>, <c>-0f</c>: the shortest round-trip text plus the suffix.</summary>
    public static string Format(float value)
    {
        // G9 always round-trips a float; fewer digits usually do, and read better.
        for (int digits = 1; digits < 9; digits++)
        {
            string text = value.ToString("G" + digits, CultureInfo.InvariantCulture);
            if (Bits(float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)) == Bits(value))
                return text + "f";
        }
        return value.ToString("G9", CultureInfo.InvariantCulture) + "f";
    }

    // BitConverter.SingleToInt32Bits is not in netstandard2.0. Bits, not ==, so that -0 stays -0.
    private static int Bits(float value) => BitConverter.ToInt32(BitConverter.GetBytes(value), 0);
}
