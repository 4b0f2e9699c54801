using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

// e^x for x ≤ 0, the one exponential of σ, tanh and the softmax, and its steps.
public static partial class VectorActivations
{
    private const float Log2E = 1.44269504f;
    private const float Ln2High = 0.693359375f;           // ln 2 in few bits, so that n·Ln2High is exact
    private const float Ln2Low = -2.12194440e-4f;         // ln 2 - Ln2High
    private const float SmallestNormalExponent = -87.3365448f; // ln 2^-126
    private const int ExponentBias = 127;                 // a float's exponent field holds exponent + 127

    /// <summary>
    /// <c>e^x</c> for <c>x ≤ 0</c> (the only arguments σ and the shifted softmax need), lane by lane:
    /// <c>x = n ln 2 + r</c> with <c>n = round(x / ln 2)</c> and <c>|r| ≤ ln 2 / 2</c>; <c>e^r</c> by its
    /// Taylor series to <c>r⁷/7!</c> (truncation below 6e-9 relative, under half a unit in the last place);
    /// <c>2^n</c> written straight into the exponent bits. Below <c>ln 2^-126</c>, where the result would
    /// be subnormal, it returns 0. NaN stays NaN.
    /// </summary>
    /// <param name="x">The arguments, each ≤ 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpOfNonPositive(Vector128<float> x) => ExpOfNonPositive<Vector128<float>, Lanes4>(x);

    /// <summary>The one text of <see cref="ExpOfNonPositive(Vector128{float})"/> for every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ExpOfNonPositive<TVector, TLanes>(TVector x)
        where TLanes : struct, ILanes<TVector>
    {
        // Lanes below ln 2^-126 are computed like the others, from an n too small for an exponent,
        // and cleared at the end: no clamp on the way in, where it would lengthen every lane's path.
        var underflow = TLanes.LessThan(x, TLanes.Broadcast(SmallestNormalExponent));
        var n = NearestMultipleOfLn2<TVector, TLanes>(x);
        var r = ReducedByLn2<TVector, TLanes>(x, n);

        // e^r = 1 + r (1 + r q): Horner's last two steps keep the rounding error of the small terms
        // small beside 1. In every lane kept n ∈ [-126, 0], so n + 127 is a normal exponent.
        var r2 = TLanes.Multiply(r, r);
        var p = TLanes.MultiplyAdd(TLanes.MultiplyAdd(ExpSeriesTail<TVector, TLanes>(r, r2), r, TLanes.Broadcast(1f)), r, TLanes.Broadcast(1f));
        return TLanes.AndNot(TLanes.Multiply(p, PowerOfTwo<TVector, TLanes>(n, ExponentBias)), underflow);
    }

    /// <summary><c>n = round(x / ln 2)</c>, the multiple of ln 2 nearest <paramref name="x"/> (as a float), for <see cref="ReducedByLn2"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector NearestMultipleOfLn2<TVector, TLanes>(TVector x)
        where TLanes : struct, ILanes<TVector> =>
        TLanes.Floor(TLanes.MultiplyAdd(x, TLanes.Broadcast(Log2E), TLanes.Broadcast(0.5f)));

    /// <summary><c>r = x - n ln 2</c>, <c>|r| ≤ ln 2 / 2</c>, in two steps (ln 2's leading bits, then the rest) so that r keeps its precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ReducedByLn2<TVector, TLanes>(TVector x, TVector n)
        where TLanes : struct, ILanes<TVector> =>
        TLanes.MultiplyAdd(n, TLanes.Broadcast(-Ln2Low), TLanes.MultiplyAdd(n, TLanes.Broadcast(-Ln2High), x));

    /// <summary>
    /// <c>q(r) = 1/2 + r/6 + r² (1/24 + r/120 + r² (1/720 + r/5040))</c>, so that <c>e^r = 1 + r + r² q(r)</c> to
    /// <c>r⁷/7!</c> for <c>|r| ≤ ln 2 / 2</c>: the terms in pairs, in powers of <paramref name="r2"/>, so that
    /// five multiply-adds wait on each other instead of seven (a single example's Predict and TrainStep
    /// wait on σ and tanh).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpSeriesTail<TVector, TLanes>(TVector r, TVector r2)
        where TLanes : struct, ILanes<TVector>
    {
        var fourToSeven = TLanes.MultiplyAdd(
            TLanes.MultiplyAdd(r, TLanes.Broadcast(1f / 5040f), TLanes.Broadcast(1f / 720f)), r2,
            TLanes.MultiplyAdd(r, TLanes.Broadcast(1f / 120f), TLanes.Broadcast(1f / 24f)));
        return TLanes.MultiplyAdd(fourToSeven, r2, TLanes.MultiplyAdd(r, TLanes.Broadcast(1f / 6f), TLanes.Broadcast(0.5f)));
    }

    /// <summary>
    /// <c>2^(n + bias - 127)</c> for integral <paramref name="n"/> with <c>n + bias</c> in 1 … 254 (a normal
    /// exponent), written straight into the exponent bits (the conversion is exact for such n).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector PowerOfTwo<TVector, TLanes>(TVector n, int bias)
        where TLanes : struct, ILanes<TVector> =>
        TLanes.ShiftLeftBits(TLanes.AddToBits(TLanes.ConvertToInt32Bits(n), bias), 23);
}
