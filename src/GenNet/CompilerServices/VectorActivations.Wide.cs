using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

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
        // tanh z = tanh(y/2) with y = -2|z|, and the sign of z put back. With h = (e^y - 1)/2 in (-1/2, 0],
        // tanh(y/2) = h/(1 + h) = h - h²/(1 + h): h plus a correction that is small beside h where
        // |z| is small, so that h's precision carries over. h comes without cancellation: y = n ln 2 + r
        // and h = 2^(n-1) (e^r - 1) + (2^(n-1) - 1/2), where e^r - 1 = r + r² q(r) keeps r's relative
        // precision near 0 and 2^(n-1) - 1/2 is exact. One path for every lane (no second form near 0):
        // about half the operations of two forms, for 2 ulp instead of 1.1 (MathF.Tanh: 2.1).
        // y stops at -20 (tanh 10 rounds to 1), so 2^(n-1) stays a normal float. A NaN passes the clamp
        // as its second operand (x86's max returns that operand when either is NaN; Arm's propagates
        // NaN) and every step after it; the NaN tests hold each width to it.
        var negativeMagnitude = z | Vector256.Create(-0f); // -|z|, in one operation
#if NET9_0_OR_GREATER
        var y = Vector256.MaxNative(Vector256.Create(TanhArgumentFloor), negativeMagnitude + negativeMagnitude);
#else
        var y = Vector256.Max(Vector256.Create(TanhArgumentFloor), negativeMagnitude + negativeMagnitude);
#endif
        var n = NearestMultipleOfLn2(y);
        var r = ReducedByLn2(y, n);
        var r2 = r * r;
        var expMinusOneOfR = Kernels.FusedMultiplyAdd(r2, ExpSeriesTail(r, r2), r);
        var halfPowerOfTwo = PowerOfTwo(n, ExponentBias - 1); // 2^(n-1)
        var h = Kernels.FusedMultiplyAdd(halfPowerOfTwo, expMinusOneOfR, halfPowerOfTwo - Vector256.Create(0.5f));
        var negativeRatio = h / (Vector256.Create(-1f) - h); // -h/(1 + h): the sign in the divisor, where it costs nothing
        var tanhOfY = Kernels.FusedMultiplyAdd(h, negativeRatio, h);
        return Vector256.ConditionalSelect(Vector256.Create(-0f), z, tanhOfY); // |tanh| with the sign bit of z
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
    /// <c>e^x</c> for <c>x ≤ 0</c> (the only arguments σ and the shifted softmax need): <c>x = n ln 2 + r</c> with
    /// <c>n = round(x / ln 2)</c> and <c>|r| ≤ ln 2 / 2</c>; <c>e^r</c> by its Taylor series to
    /// <c>r⁷/7!</c> (truncation below 6e-9 relative, under half a unit in the last place); <c>2^n</c>
    /// written straight into the exponent bits. Below <c>ln 2^-126</c>, where the result would be
    /// subnormal, it returns 0. NaN stays NaN.
    /// </summary>
    /// <param name="x">Eight arguments, each ≤ 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpOfNonPositive(Vector256<float> x)
    {
        // Lanes below ln 2^-126 are computed like the others, from an n too small for an exponent,
        // and cleared at the end: no clamp on the way in, where it would lengthen every lane's path.
        var underflow = Vector256.LessThan(x, Vector256.Create(SmallestNormalExponent));
        var n = NearestMultipleOfLn2(x);
        var r = ReducedByLn2(x, n);

        // e^r = 1 + r (1 + r q): Horner's last two steps keep the rounding error of the small terms
        // small beside 1. In every lane kept n ∈ [-126, 0], so n + 127 is a normal exponent.
        var r2 = r * r;
        var p = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(ExpSeriesTail(r, r2), r, Vector256<float>.One), r, Vector256<float>.One);
        return Vector256.AndNot(p * PowerOfTwo(n, ExponentBias), underflow);
    }

    /// <summary><c>n = round(x / ln 2)</c>, the multiple of ln 2 nearest <paramref name="x"/> (as a float), for <see cref="ReducedByLn2(Vector256{float}, Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> NearestMultipleOfLn2(Vector256<float> x) =>
        Vector256.Floor(Kernels.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(0.5f)));

    /// <summary><c>r = x - n ln 2</c>, <c>|r| ≤ ln 2 / 2</c>, in two steps (ln 2's leading bits, then the rest) so that r keeps its precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ReducedByLn2(Vector256<float> x, Vector256<float> n) =>
        Kernels.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), Kernels.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), x));

    /// <summary>
    /// <c>q(r) = 1/2 + r/6 + r² (1/24 + r/120 + r² (1/720 + r/5040))</c>, so that <c>e^r = 1 + r + r² q(r)</c> to
    /// <c>r⁷/7!</c> for <c>|r| ≤ ln 2 / 2</c>: the terms in pairs, in powers of <paramref name="r2"/>, so that
    /// five multiply-adds wait on each other instead of seven (a single example's Predict and TrainStep
    /// wait on σ and tanh).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpSeriesTail(Vector256<float> r, Vector256<float> r2)
    {
        var q = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(r, Vector256.Create(1f / 5040f), Vector256.Create(1f / 720f)), r2, Kernels.FusedMultiplyAdd(r, Vector256.Create(1f / 120f), Vector256.Create(1f / 24f)));
        return Kernels.FusedMultiplyAdd(q, r2, Kernels.FusedMultiplyAdd(r, Vector256.Create(1f / 6f), Vector256.Create(0.5f)));
    }

    /// <summary>
    /// <c>2^(n + bias - 127)</c> for integral <paramref name="n"/> with <c>n + bias</c> in 1 … 254 (a normal
    /// exponent), written straight into the exponent bits. The hardware's own conversion is exact for
    /// such n; .NET 9's ConvertToInt32 would add a saturation fix-up to every activation's path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PowerOfTwo(Vector256<float> n, int bias)
    {
#if NET9_0_OR_GREATER
        var integerN = Vector256.ConvertToInt32Native(n);
#else
        var integerN = Vector256.ConvertToInt32(n);
#endif
        return Vector256.ShiftLeft(integerN + Vector256.Create(bias), 23).AsSingle();
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
        // tanh z = tanh(y/2) with y = -2|z|, and the sign of z put back. With h = (e^y - 1)/2 in (-1/2, 0],
        // tanh(y/2) = h/(1 + h) = h - h²/(1 + h): h plus a correction that is small beside h where
        // |z| is small, so that h's precision carries over. h comes without cancellation: y = n ln 2 + r
        // and h = 2^(n-1) (e^r - 1) + (2^(n-1) - 1/2), where e^r - 1 = r + r² q(r) keeps r's relative
        // precision near 0 and 2^(n-1) - 1/2 is exact. One path for every lane (no second form near 0):
        // about half the operations of two forms, for 2 ulp instead of 1.1 (MathF.Tanh: 2.1).
        // y stops at -20 (tanh 10 rounds to 1), so 2^(n-1) stays a normal float. A NaN passes the clamp
        // as its second operand (x86's max returns that operand when either is NaN; Arm's propagates
        // NaN) and every step after it; the NaN tests hold each width to it.
        var negativeMagnitude = z | Vector512.Create(-0f); // -|z|, in one operation
#if NET9_0_OR_GREATER
        var y = Vector512.MaxNative(Vector512.Create(TanhArgumentFloor), negativeMagnitude + negativeMagnitude);
#else
        var y = Vector512.Max(Vector512.Create(TanhArgumentFloor), negativeMagnitude + negativeMagnitude);
#endif
        var n = NearestMultipleOfLn2(y);
        var r = ReducedByLn2(y, n);
        var r2 = r * r;
        var expMinusOneOfR = Kernels.FusedMultiplyAdd(r2, ExpSeriesTail(r, r2), r);
        var halfPowerOfTwo = PowerOfTwo(n, ExponentBias - 1); // 2^(n-1)
        var h = Kernels.FusedMultiplyAdd(halfPowerOfTwo, expMinusOneOfR, halfPowerOfTwo - Vector512.Create(0.5f));
        var negativeRatio = h / (Vector512.Create(-1f) - h); // -h/(1 + h): the sign in the divisor, where it costs nothing
        var tanhOfY = Kernels.FusedMultiplyAdd(h, negativeRatio, h);
        return Vector512.ConditionalSelect(Vector512.Create(-0f), z, tanhOfY); // |tanh| with the sign bit of z
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
    /// <c>e^x</c> for <c>x ≤ 0</c> (the only arguments σ and the shifted softmax need): <c>x = n ln 2 + r</c> with
    /// <c>n = round(x / ln 2)</c> and <c>|r| ≤ ln 2 / 2</c>; <c>e^r</c> by its Taylor series to
    /// <c>r⁷/7!</c> (truncation below 6e-9 relative, under half a unit in the last place); <c>2^n</c>
    /// written straight into the exponent bits. Below <c>ln 2^-126</c>, where the result would be
    /// subnormal, it returns 0. NaN stays NaN.
    /// </summary>
    /// <param name="x">Sixteen arguments, each ≤ 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpOfNonPositive(Vector512<float> x)
    {
        // Lanes below ln 2^-126 are computed like the others, from an n too small for an exponent,
        // and cleared at the end: no clamp on the way in, where it would lengthen every lane's path.
        var underflow = Vector512.LessThan(x, Vector512.Create(SmallestNormalExponent));
        var n = NearestMultipleOfLn2(x);
        var r = ReducedByLn2(x, n);

        // e^r = 1 + r (1 + r q): Horner's last two steps keep the rounding error of the small terms
        // small beside 1. In every lane kept n ∈ [-126, 0], so n + 127 is a normal exponent.
        var r2 = r * r;
        var p = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(ExpSeriesTail(r, r2), r, Vector512<float>.One), r, Vector512<float>.One);
        return Vector512.AndNot(p * PowerOfTwo(n, ExponentBias), underflow);
    }

    /// <summary><c>n = round(x / ln 2)</c>, the multiple of ln 2 nearest <paramref name="x"/> (as a float), for <see cref="ReducedByLn2(Vector512{float}, Vector512{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> NearestMultipleOfLn2(Vector512<float> x) =>
        Vector512.Floor(Kernels.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(0.5f)));

    /// <summary><c>r = x - n ln 2</c>, <c>|r| ≤ ln 2 / 2</c>, in two steps (ln 2's leading bits, then the rest) so that r keeps its precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ReducedByLn2(Vector512<float> x, Vector512<float> n) =>
        Kernels.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), Kernels.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x));

    /// <summary>
    /// <c>q(r) = 1/2 + r/6 + r² (1/24 + r/120 + r² (1/720 + r/5040))</c>, so that <c>e^r = 1 + r + r² q(r)</c> to
    /// <c>r⁷/7!</c> for <c>|r| ≤ ln 2 / 2</c>: the terms in pairs, in powers of <paramref name="r2"/>, so that
    /// five multiply-adds wait on each other instead of seven (a single example's Predict and TrainStep
    /// wait on σ and tanh).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpSeriesTail(Vector512<float> r, Vector512<float> r2)
    {
        var q = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(r, Vector512.Create(1f / 5040f), Vector512.Create(1f / 720f)), r2, Kernels.FusedMultiplyAdd(r, Vector512.Create(1f / 120f), Vector512.Create(1f / 24f)));
        return Kernels.FusedMultiplyAdd(q, r2, Kernels.FusedMultiplyAdd(r, Vector512.Create(1f / 6f), Vector512.Create(0.5f)));
    }

    /// <summary>
    /// <c>2^(n + bias - 127)</c> for integral <paramref name="n"/> with <c>n + bias</c> in 1 … 254 (a normal
    /// exponent), written straight into the exponent bits. The hardware's own conversion is exact for
    /// such n; .NET 9's ConvertToInt32 would add a saturation fix-up to every activation's path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PowerOfTwo(Vector512<float> n, int bias)
    {
#if NET9_0_OR_GREATER
        var integerN = Vector512.ConvertToInt32Native(n);
#else
        var integerN = Vector512.ConvertToInt32(n);
#endif
        return Vector512.ShiftLeft(integerN + Vector512.Create(bias), 23).AsSingle();
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
