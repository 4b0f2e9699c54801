using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

/// <summary>
/// Each activation <c>g</c> and its derivative <c>g'</c> on four units at once, in the lanes of a
/// <see cref="Vector128{T}"/>: what generated code calls, so that a layer's transcendental
/// functions cost one vector evaluation instead of one library call per unit. They compute what
/// <see cref="ActivationFunctions"/> computes, to within a few units in the last place (the tests
/// measure it over the whole float range), and, like <see cref="MathF"/>, never turn a finite
/// input into NaN and let a NaN through.
/// </summary>
/// <remarks>
/// Written with <see cref="Vector128{T}"/> only, which every .NET 8 target accelerates (SSE on x64,
/// AdvSimd on Arm64), and with an exponential of their own rather than .NET 9's
/// <c>Vector128.Exp</c>, so that both target frameworks compute the same bits.
/// For generated code only: public because the code GenNet generates into your assembly calls it,
/// hidden from IntelliSense, and with no compatibility promise between versions.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class VectorActivations
{
    // The exponential's constants, one set for every width.
    private const float Log2E = 1.44269504f;
    private const float Ln2High = 0.693359375f;           // ln 2 in few bits, so that n·Ln2High is exact
    private const float Ln2Low = -2.12194440e-4f;         // ln 2 - Ln2High
    private const float SmallestNormalExponent = -87.3365448f; // ln 2^-126
    private const int ExponentBias = 127;                 // a float's exponent field holds exponent + 127
    private const float TanhArgumentFloor = -20f;         // y = -2|z| below it changes no tanh: tanh 10 rounds to 1

    /// <summary><c>σ(z) = 1 / (1 + e^-z)</c>, lane by lane.</summary>
    /// <param name="z">Four pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z)
    {
        // e = e^-|z| never overflows. σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0: both
        // without cancellation, so σ keeps its relative precision far below zero too.
        var e = ExpOfNonPositive(z | Vector128.Create(-0f)); // -|z|, in one operation
        var numerator = Vector128.ConditionalSelect(Vector128.LessThan(z, Vector128<float>.Zero), e, Vector128<float>.One);
        return numerator / (Vector128<float>.One + e);
    }

    /// <summary><c>σ'(z) = a (1 - a)</c> from the activation <c>a = σ(z)</c>, lane by lane.</summary>
    /// <param name="a">Four activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SigmoidDerivative(Vector128<float> a) => a * (Vector128<float>.One - a);

    /// <summary><c>tanh(z)</c>, lane by lane.</summary>
    /// <param name="z">Four pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z)
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
        var negativeMagnitude = z | Vector128.Create(-0f); // -|z|, in one operation
#if NET9_0_OR_GREATER
        var y = Vector128.MaxNative(Vector128.Create(TanhArgumentFloor), negativeMagnitude + negativeMagnitude);
#else
        var y = Vector128.Max(Vector128.Create(TanhArgumentFloor), negativeMagnitude + negativeMagnitude);
#endif
        var n = NearestMultipleOfLn2(y);
        var r = ReducedByLn2(y, n);
        var r2 = r * r;
        var expMinusOneOfR = Kernels.FusedMultiplyAdd(r2, ExpSeriesTail(r, r2), r);
        var halfPowerOfTwo = PowerOfTwo(n, ExponentBias - 1); // 2^(n-1)
        var h = Kernels.FusedMultiplyAdd(halfPowerOfTwo, expMinusOneOfR, halfPowerOfTwo - Vector128.Create(0.5f));
        var negativeRatio = h / (Vector128.Create(-1f) - h); // -h/(1 + h): the sign in the divisor, where it costs nothing
        var tanhOfY = Kernels.FusedMultiplyAdd(h, negativeRatio, h);
        return Vector128.ConditionalSelect(Vector128.Create(-0f), z, tanhOfY); // |tanh| with the sign bit of z
    }

    /// <summary><c>tanh'(z) = 1 - a²</c> from the activation <c>a = tanh(z)</c>, lane by lane.</summary>
    /// <param name="a">Four activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> TanhDerivative(Vector128<float> a) => Vector128<float>.One - a * a;

    /// <summary><c>relu(z) = z if z &gt; 0 else 0</c>, lane by lane (NaN gives 0, as the scalar form does).</summary>
    /// <param name="z">Four pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReLU(Vector128<float> z) => z & Vector128.GreaterThan(z, Vector128<float>.Zero);

    /// <summary><c>relu'(z) = 1 if z &gt; 0 else 0</c>, lane by lane.</summary>
    /// <param name="z">Four pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReLUDerivative(Vector128<float> z) => Vector128<float>.One & Vector128.GreaterThan(z, Vector128<float>.Zero);

    /// <summary><c>z if z &gt; 0 else 0.01 z</c>, lane by lane.</summary>
    /// <param name="z">Four pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyReLU(Vector128<float> z) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), z, z * Vector128.Create((float)ActivationFunctions.LeakySlope));

    /// <summary><c>1 if z &gt; 0 else 0.01</c>, lane by lane.</summary>
    /// <param name="z">Four pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyReLUDerivative(Vector128<float> z) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), Vector128<float>.One, Vector128.Create((float)ActivationFunctions.LeakySlope));

    /// <summary>The activation's value <c>g(z)</c>, lane by lane.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">Four pre-activations.</param>
    public static Vector128<float> Value(Activation activation, Vector128<float> z) => activation switch
    {
        Activation.Linear => z,
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Tanh(z),
        Activation.ReLU => ReLU(z),
        Activation.LeakyReLU => LeakyReLU(z),
        _ => throw NotElementwise(activation),
    };

    /// <summary>The derivative <c>g'(z)</c>, lane by lane, from the pre-activation or the activation as the course writes it.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">Four pre-activations.</param>
    /// <param name="a">Their activations, <c>g(z)</c>.</param>
    public static Vector128<float> Derivative(Activation activation, Vector128<float> z, Vector128<float> a) => activation switch
    {
        Activation.Linear => Vector128<float>.One,
        Activation.Sigmoid => SigmoidDerivative(a),
        Activation.Tanh => TanhDerivative(a),
        Activation.ReLU => ReLUDerivative(z),
        Activation.LeakyReLU => LeakyReLUDerivative(z),
        _ => throw NotElementwise(activation),
    };

    /// <summary><c>a[k] = g(z[k])</c> over a whole layer, four units at a time; the softmax of the whole span for <see cref="Activation.Softmax"/>.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The layer's pre-activations.</param>
    /// <param name="a">Receives the activations; at least as long as <paramref name="z"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="a"/> is shorter than <paramref name="z"/>.</exception>
    public static void Apply(Activation activation, ReadOnlySpan<float> z, Span<float> a)
    {
        if (a.Length < z.Length)
            throw new ArgumentException($"Expected at least {z.Length} values, but the span has {a.Length}.", nameof(a));
        if (activation == Activation.Softmax)
        {
            Softmax(z, a[..z.Length]);
            return;
        }
        int k = 0;
        for (; k <= z.Length - 4; k += 4)
            Value(activation, Vector128.Create(z.Slice(k, 4))).CopyTo(a.Slice(k, 4));
        if (k < z.Length)
            StorePartial(Value(activation, LoadPartial(z[k..])), a[k..z.Length]);
    }

    /// <summary><c>dz[k] ∗= g'(z[k])</c> over a whole layer, four units at a time: the last factor of <c>dZ[l] = W[l+1]ᵀ·dZ[l+1] ∗ g'(Z[l])</c>.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The layer's pre-activations.</param>
    /// <param name="a">The layer's activations, as long as <paramref name="z"/>.</param>
    /// <param name="dz">Multiplied in place; as long as <paramref name="z"/>.</param>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="z"/>'s.</exception>
    public static void MultiplyByDerivative(Activation activation, ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> dz)
    {
        if (a.Length != z.Length)
            throw new ArgumentException($"Expected {z.Length} activations, but the span has {a.Length}.", nameof(a));
        if (dz.Length != z.Length)
            throw new ArgumentException($"Expected {z.Length} errors, but the span has {dz.Length}.", nameof(dz));
        var derivativeInput = ActivationTable.Of(activation).DerivativeInput;
        if (derivativeInput == DerivativeInput.None)
            return; // g' is 1: dZ stays as it is
        if (derivativeInput == DerivativeInput.WholeLayer)
            throw NotElementwise(activation);
        int k = 0;
        for (; k <= z.Length - 4; k += 4)
        {
            var product = Vector128.Create((ReadOnlySpan<float>)dz.Slice(k, 4)) * Derivative(activation, Vector128.Create(z.Slice(k, 4)), Vector128.Create(a.Slice(k, 4)));
            product.CopyTo(dz.Slice(k, 4));
        }
        if (k < z.Length)
            StorePartial(LoadPartial(dz[k..]) * Derivative(activation, LoadPartial(z[k..]), LoadPartial(a[k..])), dz[k..]);
    }

    /// <summary>
    /// The softmax of a whole layer, <c>a_k = e^(z_k - max z) / Σ_j e^(z_j - max z)</c>, four units at a
    /// time: the largest <c>z</c> is subtracted first, so every exponential is of a number ≤ 0 and none
    /// overflows, and the sum is at least 1 (the largest unit's term is e^0). A NaN anywhere makes every
    /// output NaN.
    /// </summary>
    /// <param name="z">The layer's pre-activations; at least one.</param>
    /// <param name="a">Receives the probabilities; as long as <paramref name="z"/> (it may be the same memory).</param>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, or <paramref name="a"/>'s length differs.</exception>
    public static void Softmax(ReadOnlySpan<float> z, Span<float> a)
    {
        if (z.IsEmpty)
            throw new ArgumentException("Softmax needs at least one value.", nameof(z));
        if (a.Length != z.Length)
            throw new ArgumentException($"Expected {z.Length} activations, but the span has {a.Length}.", nameof(a));
        int full = z.Length & ~3, tail = z.Length - full;

        var max = Vector128.Create(z[0]);
        for (int k = 0; k < full; k += 4)
            max = MaxPropagatingNaN(max, Vector128.Create(z.Slice(k, 4)));
        if (tail > 0)
            max = MaxPropagatingNaN(max, PadLanes(LoadPartial(z[full..]), tail, float.NegativeInfinity));
        max = MaxOfLanes(max);

        var sum = Vector128<float>.Zero;
        for (int k = 0; k < full; k += 4)
        {
            var e = ExpOfNonPositive(Vector128.Create(z.Slice(k, 4)) - max);
            e.CopyTo(a.Slice(k, 4));
            sum += e;
        }
        if (tail > 0)
        {
            var e = PadLanes(ExpOfNonPositive(LoadPartial(z[full..]) - max), tail, 0f);
            StorePartial(e, a[full..]);
            sum += e;
        }
        sum = SumOfLanes(sum);

        for (int k = 0; k < full; k += 4)
            (Vector128.Create((ReadOnlySpan<float>)a.Slice(k, 4)) / sum).CopyTo(a.Slice(k, 4));
        if (tail > 0)
            StorePartial(LoadPartial(a[full..]) / sum, a[full..]);
    }

    /// <summary>The largest of the four lanes in every lane (NaN if any lane is NaN); the softmax's shift.</summary>
    /// <param name="v">Four values.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxOfLanes(Vector128<float> v)
    {
        v = MaxPropagatingNaN(v, Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1)));
        return MaxPropagatingNaN(v, Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2)));
    }

    /// <summary>The sum of the four lanes in every lane; the softmax's denominator.</summary>
    /// <param name="v">Four values.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SumOfLanes(Vector128<float> v)
    {
        v += Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1));
        return v + Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2));
    }

    /// <summary>
    /// The larger of two values, lane by lane, NaN where either is NaN (the hardware's max would drop a NaN
    /// in its first operand, and a softmax over it would look like a valid distribution).
    /// </summary>
    /// <param name="left">Four values.</param>
    /// <param name="right">Four values.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxPropagatingNaN(Vector128<float> left, Vector128<float> right)
    {
        var max = Vector128.ConditionalSelect(Vector128.GreaterThan(left, right), left, right);
        var nan = ~Vector128.Equals(left, left); // only a NaN differs from itself; right's NaN is already chosen
        return Vector128.ConditionalSelect(nan, left, max);
    }

    /// <summary>
    /// <paramref name="v"/> with the lanes from <paramref name="count"/> on replaced by <paramref name="padding"/>:
    /// the padding lanes of a layer's last, partial vector, which must not count in its max (padding −∞)
    /// or its sum (padding 0).
    /// </summary>
    /// <param name="v">Four values, of which the first <paramref name="count"/> are units.</param>
    /// <param name="count">How many lanes are units, 1 to 4.</param>
    /// <param name="padding">The value of the other lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> PadLanes(Vector128<float> v, int count, float padding) =>
        Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Create(0, 1, 2, 3), Vector128.Create(count)).AsSingle(), v, Vector128.Create(padding));

    /// <summary>
    /// <c>e^x</c> for <c>x ≤ 0</c> (the only arguments σ and the shifted softmax need): <c>x = n ln 2 + r</c> with
    /// <c>n = round(x / ln 2)</c> and <c>|r| ≤ ln 2 / 2</c>; <c>e^r</c> by its Taylor series to
    /// <c>r⁷/7!</c> (truncation below 6e-9 relative, under half a unit in the last place); <c>2^n</c>
    /// written straight into the exponent bits. Below <c>ln 2^-126</c>, where the result would be
    /// subnormal, it returns 0. NaN stays NaN.
    /// </summary>
    /// <param name="x">Four arguments, each ≤ 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpOfNonPositive(Vector128<float> x)
    {
        // Lanes below ln 2^-126 are computed like the others, from an n too small for an exponent,
        // and cleared at the end: no clamp on the way in, where it would lengthen every lane's path.
        var underflow = Vector128.LessThan(x, Vector128.Create(SmallestNormalExponent));
        var n = NearestMultipleOfLn2(x);
        var r = ReducedByLn2(x, n);

        // e^r = 1 + r (1 + r q): Horner's last two steps keep the rounding error of the small terms
        // small beside 1. In every lane kept n ∈ [-126, 0], so n + 127 is a normal exponent.
        var r2 = r * r;
        var p = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(ExpSeriesTail(r, r2), r, Vector128<float>.One), r, Vector128<float>.One);
        return Vector128.AndNot(p * PowerOfTwo(n, ExponentBias), underflow);
    }

    /// <summary><c>n = round(x / ln 2)</c>, the multiple of ln 2 nearest <paramref name="x"/> (as a float), for <see cref="ReducedByLn2(Vector128{float}, Vector128{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> NearestMultipleOfLn2(Vector128<float> x) =>
        Vector128.Floor(Kernels.FusedMultiplyAdd(x, Vector128.Create(Log2E), Vector128.Create(0.5f)));

    /// <summary><c>r = x - n ln 2</c>, <c>|r| ≤ ln 2 / 2</c>, in two steps (ln 2's leading bits, then the rest) so that r keeps its precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ReducedByLn2(Vector128<float> x, Vector128<float> n) =>
        Kernels.FusedMultiplyAdd(n, Vector128.Create(-Ln2Low), Kernels.FusedMultiplyAdd(n, Vector128.Create(-Ln2High), x));

    /// <summary>
    /// <c>q(r) = 1/2 + r/6 + r² (1/24 + r/120 + r² (1/720 + r/5040))</c>, so that <c>e^r = 1 + r + r² q(r)</c> to
    /// <c>r⁷/7!</c> for <c>|r| ≤ ln 2 / 2</c>: the terms in pairs, in powers of <paramref name="r2"/>, so that
    /// five multiply-adds wait on each other instead of seven (a single example's Predict and TrainStep
    /// wait on σ and tanh).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpSeriesTail(Vector128<float> r, Vector128<float> r2)
    {
        var q = Kernels.FusedMultiplyAdd(Kernels.FusedMultiplyAdd(r, Vector128.Create(1f / 5040f), Vector128.Create(1f / 720f)), r2, Kernels.FusedMultiplyAdd(r, Vector128.Create(1f / 120f), Vector128.Create(1f / 24f)));
        return Kernels.FusedMultiplyAdd(q, r2, Kernels.FusedMultiplyAdd(r, Vector128.Create(1f / 6f), Vector128.Create(0.5f)));
    }

    /// <summary>
    /// <c>2^(n + bias - 127)</c> for integral <paramref name="n"/> with <c>n + bias</c> in 1 … 254 (a normal
    /// exponent), written straight into the exponent bits. The hardware's own conversion is exact for
    /// such n; .NET 9's ConvertToInt32 would add a saturation fix-up to every activation's path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> PowerOfTwo(Vector128<float> n, int bias)
    {
#if NET9_0_OR_GREATER
        var integerN = Vector128.ConvertToInt32Native(n);
#else
        var integerN = Vector128.ConvertToInt32(n);
#endif
        return Vector128.ShiftLeft(integerN + Vector128.Create(bias), 23).AsSingle();
    }

    private static Vector128<float> LoadPartial(ReadOnlySpan<float> values)
    {
        Span<float> lanes = stackalloc float[4];
        lanes.Clear();
        values.CopyTo(lanes);
        return Vector128.Create((ReadOnlySpan<float>)lanes);
    }

    private static void StorePartial(Vector128<float> value, Span<float> destination)
    {
        Span<float> lanes = stackalloc float[4];
        value.CopyTo(lanes);
        lanes[..destination.Length].CopyTo(destination);
    }

    private static ArgumentException NotElementwise(Activation activation) => ActivationFunctions.NotElementwise(activation);
}
