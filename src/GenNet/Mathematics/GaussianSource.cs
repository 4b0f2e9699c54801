namespace GenNet;

/// <summary>
/// Standard normal samples from a seed, the same sequence on every machine and .NET version.
/// </summary>
/// <remarks>
/// <see cref="System.Random"/> is avoided on purpose: its algorithm for a given seed is not a
/// documented guarantee. The uniform source is SplitMix64 (integer arithmetic only, so exact
/// everywhere); normals come from the Marsaglia polar method. The method takes one logarithm and
/// one square root in double precision; the square root is exact by IEEE 754, and a one-ulp
/// difference in a platform's logarithm would have to land on a float rounding boundary to
/// change a sampled parameter.
/// </remarks>
internal sealed class GaussianSource
{
    private ulong state;
    private double spare;
    private bool hasSpare;

    public GaussianSource(int seed) => state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);

    private GaussianSource(ulong state) => this.state = state;

    /// <summary>A source started from a raw SplitMix64 state, to check it against published outputs.</summary>
    internal static GaussianSource FromState(ulong state) => new(state);

    /// <summary>The next sample of N(0, 1).</summary>
    public double NextStandardNormal()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextUniform() - 1;
            v = 2 * NextUniform() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        spare = v * factor;
        hasSpare = true;
        return u * factor;
    }

    /// <summary>A uniform sample in [0, 1) with 53 random bits.</summary>
    public double NextUniform() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>), for shuffling.</summary>
    public int NextInt(int exclusiveMax) => (int)((NextUInt64() >> 33) % (ulong)exclusiveMax);

    internal ulong NextUInt64()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
