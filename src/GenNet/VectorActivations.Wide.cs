using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet;

// The activations on eight and sixteen lanes (Vector256, Vector512), for batches that hold one example
// per lane. Each is the four-lane form's text with the vector type changed: the same operations in
// the same order, so every lane gets the bits the four-lane form gives (VectorActivationTests holds
// them to that), and a batch predicts exactly what Predict does. Change them together.
public static partial class VectorActivations
{
    /// <summary><c>σ(z) = 1 / (1 + e^-z)</c>, lane by lane.</summary>
    /// <param name="z">Eight pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z)
    {
        // e = e^-|z| never overflows. σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0: both
        // without cancellation, so σ keeps its relative precision far below zero too.
        var e = ExpOfNonPositive(z | Vector256.Create(-0f)); // -|z|, in one operation
        var numerator = Vector256.ConditionalSelect(Vector256.LessThan(z, Vector256<float>.Zero), e, Vector256<float>.One);
        return numerator / (Vector256<float>.One + e);
    }

    /// <summary><c>tanh(z)</c>, lane by lane.</summary>
    /// <param name="z">Eight pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z)
    {
        // tanh z = base - numerator / denominator, in one of two forms chosen per lane; each keeps
        // the divided term small beside the base, so its rounding errors barely show.
        // |z| < 1: Lambert's continued fraction for tanh, cut after z²/13, is the rational
        //   z (135135 + 17325 z² + 378 z⁴ + z⁶) / (135135 + 62370 z² + 3150 z⁴ + 28 z⁶) (relative error
        //   below 3e-12 there), rewritten as z - z³ (45045 + 2772 z² + 27 z⁴) / (that denominator):
        //   full relative precision near 0, where (1 - e)/(1 + e) would cancel.
        // |z| ≥ 1: tanh |z| = 1 - 2e / (1 + e) with e = e^-2|z| ≤ e^-2, never overflowing (e → 0,
        //   tanh → 1), and the sign of z put back.
        var magnitude = Vector256.Abs(z);
        var near0 = Vector256.LessThan(magnitude, Vector256<float>.One);
        var z2 = z * z;
        var correction = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(z2, Vector256.Create(27f), Vector256.Create(2772f)), z2, Vector256.Create(45045f)) * (z2 * z);
        var fraction = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(z2, Vector256.Create(28f), Vector256.Create(3150f)), z2, Vector256.Create(62370f)), z2, Vector256.Create(135135f));

        var negativeMagnitude = z | Vector256.Create(-0f); // -|z|, in one operation: e's path is the longest
        var e = ExpOfNonPositive(negativeMagnitude + negativeMagnitude);
        var sign = z & Vector256.Create(-0f);
        var @base = Vector256.ConditionalSelect(near0, z, Vector256<float>.One | sign);
        var numerator = Vector256.ConditionalSelect(near0, correction, (e + e) | sign);
        var denominator = Vector256.ConditionalSelect(near0, fraction, Vector256<float>.One + e);
        return @base - numerator / denominator;
    }

    /// <summary><c>relu(z) = z if z &gt; 0 else 0</c>, lane by lane (NaN gives 0, as the scalar form does).</summary>
    /// <param name="z">Eight pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLU(Vector256<float> z) => z & Vector256.GreaterThan(z, Vector256<float>.Zero);

    /// <summary><c>z if z &gt; 0 else 0.01 z</c>, lane by lane.</summary>
    /// <param name="z">Eight pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyReLU(Vector256<float> z) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), z, z * Vector256.Create((float)ActivationFunctions.LeakySlope));

    /// <summary>
    /// <c>e^x</c> for <c>x ≤ 0</c> (the only arguments σ and tanh need): <c>x = n ln 2 + r</c> with
    /// <c>n = round(x / ln 2)</c> and <c>|r| ≤ ln 2 / 2</c>; <c>e^r</c> by its Taylor series to
    /// <c>r⁷/7!</c> (truncation below 6e-9 relative, under half a unit in the last place); <c>2^n</c>
    /// written straight into the exponent bits. Below <c>ln 2^-126</c>, where the result would be
    /// subnormal, it returns 0. NaN stays NaN.
    /// </summary>
    /// <param name="x">Eight arguments, each ≤ 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpOfNonPositive(Vector256<float> x)
    {
        const float Log2E = 1.44269504f;
        const float Ln2High = 0.693359375f;       // ln 2 in few bits, so n·Ln2High is exact
        const float Ln2Low = -2.12194440e-4f;     // ln 2 - Ln2High
        const float SmallestNormalExponent = -87.3365448f; // ln 2^-126

        // Lanes below ln 2^-126 are computed like the others, from an n too small for an exponent,
        // and cleared at the end: no clamp on the way in, where it would lengthen every lane's path.
        var underflow = Vector256.LessThan(x, Vector256.Create(SmallestNormalExponent));
        var n = Vector256.Floor(Kernels.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(0.5f)));
        var r = Kernels.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = Kernels.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);

        // e^r = 1 + r (1 + r q), q = 1/2 + r/6 + r² (1/24 + r/120 + r² (1/720 + r/5040)): q's terms
        // in pairs, in powers of r², so that five multiply-adds wait on each other instead of seven
        // (a single example's Predict and TrainStep wait on σ and tanh); the last two steps are
        // Horner's, which keep the rounding error of the small terms small beside 1.
        var r2 = r * r;
        var q = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(r, Vector256.Create(1f / 5040f), Vector256.Create(1f / 720f)), r2, Kernels.FusedMultiplyAdd(r, Vector256.Create(1f / 120f), Vector256.Create(1f / 24f)));
        q = Kernels.FusedMultiplyAdd(q, r2, Kernels.FusedMultiplyAdd(r, Vector256.Create(1f / 6f), Vector256.Create(0.5f)));
        var p = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(q, r, Vector256<float>.One), r, Vector256<float>.One);

        // In every lane kept n ∈ [-126, 0], so n + 127 is a normal exponent. The hardware's own
        // conversion is exact for such n; .NET 9's ConvertToInt32 would add a saturation fix-up to
        // every activation's path.
#if NET9_0_OR_GREATER
        var integerN = Vector256.ConvertToInt32Native(n);
#else
        var integerN = Vector256.ConvertToInt32(n);
#endif
        var twoToTheN = Vector256.ShiftLeft(integerN + Vector256.Create(127), 23).AsSingle();
        return Vector256.AndNot(p * twoToTheN, underflow);
    }

    /// <summary>
    /// The larger of two values, lane by lane, NaN where either is NaN: the eight-lane form of
    /// <see cref="MaxPropagatingNaN(Vector128{float}, Vector128{float})"/>, for a softmax across a block's unit vectors.
    /// </summary>
    /// <param name="left">Eight values.</param>
    /// <param name="right">Eight values.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MaxPropagatingNaN(Vector256<float> left, Vector256<float> right)
    {
        var max = Vector256.ConditionalSelect(Vector256.GreaterThan(left, right), left, right);
        var nan = ~Vector256.Equals(left, left); // only a NaN differs from itself; right's NaN is already chosen
        return Vector256.ConditionalSelect(nan, left, max);
    }

    /// <summary>The activation's value <c>g(z)</c>, lane by lane, on eight lanes.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">Eight pre-activations.</param>
    public static Vector256<float> Value(Activation activation, Vector256<float> z) => activation switch
    {
        Activation.Linear => z,
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Tanh(z),
        Activation.ReLU => ReLU(z),
        Activation.LeakyReLU => LeakyReLU(z),
        _ => throw NotElementwise(activation),
    };

    /// <summary><c>σ(z) = 1 / (1 + e^-z)</c>, lane by lane.</summary>
    /// <param name="z">Sixteen pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> z)
    {
        // e = e^-|z| never overflows. σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0: both
        // without cancellation, so σ keeps its relative precision far below zero too.
        var e = ExpOfNonPositive(z | Vector512.Create(-0f)); // -|z|, in one operation
        var numerator = Vector512.ConditionalSelect(Vector512.LessThan(z, Vector512<float>.Zero), e, Vector512<float>.One);
        return numerator / (Vector512<float>.One + e);
    }

    /// <summary><c>tanh(z)</c>, lane by lane.</summary>
    /// <param name="z">Sixteen pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> z)
    {
        // tanh z = base - numerator / denominator, in one of two forms chosen per lane; each keeps
        // the divided term small beside the base, so its rounding errors barely show.
        // |z| < 1: Lambert's continued fraction for tanh, cut after z²/13, is the rational
        //   z (135135 + 17325 z² + 378 z⁴ + z⁶) / (135135 + 62370 z² + 3150 z⁴ + 28 z⁶) (relative error
        //   below 3e-12 there), rewritten as z - z³ (45045 + 2772 z² + 27 z⁴) / (that denominator):
        //   full relative precision near 0, where (1 - e)/(1 + e) would cancel.
        // |z| ≥ 1: tanh |z| = 1 - 2e / (1 + e) with e = e^-2|z| ≤ e^-2, never overflowing (e → 0,
        //   tanh → 1), and the sign of z put back.
        var magnitude = Vector512.Abs(z);
        var near0 = Vector512.LessThan(magnitude, Vector512<float>.One);
        var z2 = z * z;
        var correction = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(z2, Vector512.Create(27f), Vector512.Create(2772f)), z2, Vector512.Create(45045f)) * (z2 * z);
        var fraction = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(z2, Vector512.Create(28f), Vector512.Create(3150f)), z2, Vector512.Create(62370f)), z2, Vector512.Create(135135f));

        var negativeMagnitude = z | Vector512.Create(-0f); // -|z|, in one operation: e's path is the longest
        var e = ExpOfNonPositive(negativeMagnitude + negativeMagnitude);
        var sign = z & Vector512.Create(-0f);
        var @base = Vector512.ConditionalSelect(near0, z, Vector512<float>.One | sign);
        var numerator = Vector512.ConditionalSelect(near0, correction, (e + e) | sign);
        var denominator = Vector512.ConditionalSelect(near0, fraction, Vector512<float>.One + e);
        return @base - numerator / denominator;
    }

    /// <summary><c>relu(z) = z if z &gt; 0 else 0</c>, lane by lane (NaN gives 0, as the scalar form does).</summary>
    /// <param name="z">Sixteen pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ReLU(Vector512<float> z) => z & Vector512.GreaterThan(z, Vector512<float>.Zero);

    /// <summary><c>z if z &gt; 0 else 0.01 z</c>, lane by lane.</summary>
    /// <param name="z">Sixteen pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LeakyReLU(Vector512<float> z) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), z, z * Vector512.Create((float)ActivationFunctions.LeakySlope));

    /// <summary>
    /// <c>e^x</c> for <c>x ≤ 0</c> (the only arguments σ and tanh need): <c>x = n ln 2 + r</c> with
    /// <c>n = round(x / ln 2)</c> and <c>|r| ≤ ln 2 / 2</c>; <c>e^r</c> by its Taylor series to
    /// <c>r⁷/7!</c> (truncation below 6e-9 relative, under half a unit in the last place); <c>2^n</c>
    /// written straight into the exponent bits. Below <c>ln 2^-126</c>, where the result would be
    /// subnormal, it returns 0. NaN stays NaN.
    /// </summary>
    /// <param name="x">Sixteen arguments, each ≤ 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpOfNonPositive(Vector512<float> x)
    {
        const float Log2E = 1.44269504f;
        const float Ln2High = 0.693359375f;       // ln 2 in few bits, so n·Ln2High is exact
        const float Ln2Low = -2.12194440e-4f;     // ln 2 - Ln2High
        const float SmallestNormalExponent = -87.3365448f; // ln 2^-126

        // Lanes below ln 2^-126 are computed like the others, from an n too small for an exponent,
        // and cleared at the end: no clamp on the way in, where it would lengthen every lane's path.
        var underflow = Vector512.LessThan(x, Vector512.Create(SmallestNormalExponent));
        var n = Vector512.Floor(Kernels.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(0.5f)));
        var r = Kernels.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x);
        r = Kernels.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);

        // e^r = 1 + r (1 + r q), q = 1/2 + r/6 + r² (1/24 + r/120 + r² (1/720 + r/5040)): q's terms
        // in pairs, in powers of r², so that five multiply-adds wait on each other instead of seven
        // (a single example's Predict and TrainStep wait on σ and tanh); the last two steps are
        // Horner's, which keep the rounding error of the small terms small beside 1.
        var r2 = r * r;
        var q = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(r, Vector512.Create(1f / 5040f), Vector512.Create(1f / 720f)), r2, Kernels.FusedMultiplyAdd(r, Vector512.Create(1f / 120f), Vector512.Create(1f / 24f)));
        q = Kernels.FusedMultiplyAdd(q, r2, Kernels.FusedMultiplyAdd(r, Vector512.Create(1f / 6f), Vector512.Create(0.5f)));
        var p = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(q, r, Vector512<float>.One), r, Vector512<float>.One);

        // In every lane kept n ∈ [-126, 0], so n + 127 is a normal exponent. The hardware's own
        // conversion is exact for such n; .NET 9's ConvertToInt32 would add a saturation fix-up to
        // every activation's path.
#if NET9_0_OR_GREATER
        var integerN = Vector512.ConvertToInt32Native(n);
#else
        var integerN = Vector512.ConvertToInt32(n);
#endif
        var twoToTheN = Vector512.ShiftLeft(integerN + Vector512.Create(127), 23).AsSingle();
        return Vector512.AndNot(p * twoToTheN, underflow);
    }

    /// <summary>
    /// The larger of two values, lane by lane, NaN where either is NaN: the sixteen-lane form of
    /// <see cref="MaxPropagatingNaN(Vector128{float}, Vector128{float})"/>, for a softmax across a block's unit vectors.
    /// </summary>
    /// <param name="left">Sixteen values.</param>
    /// <param name="right">Sixteen values.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaxPropagatingNaN(Vector512<float> left, Vector512<float> right)
    {
        var max = Vector512.ConditionalSelect(Vector512.GreaterThan(left, right), left, right);
        var nan = ~Vector512.Equals(left, left); // only a NaN differs from itself; right's NaN is already chosen
        return Vector512.ConditionalSelect(nan, left, max);
    }

    /// <summary>The activation's value <c>g(z)</c>, lane by lane, on sixteen lanes.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">Sixteen pre-activations.</param>
    public static Vector512<float> Value(Activation activation, Vector512<float> z) => activation switch
    {
        Activation.Linear => z,
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Tanh(z),
        Activation.ReLU => ReLU(z),
        Activation.LeakyReLU => LeakyReLU(z),
        _ => throw NotElementwise(activation),
    };
}
