using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

/// <summary>
/// Each activation <c>g</c> and its derivative <c>g'</c> on the lanes of a vector: what generated code
/// calls, so that a layer's transcendental functions cost one vector evaluation instead of one library
/// call per unit. Four lanes hold a layer's units in the one-example code, eight or sixteen a block's
/// examples in batches. They compute what <see cref="ActivationFunctions"/> computes, to within a few
/// units in the last place (the tests measure it over the whole float range), and, like
/// <see cref="MathF"/>, never turn a finite input into NaN and let a NaN through.
/// </summary>
/// <remarks>
/// Each operation is written once, over <see cref="ILanes{TVector}"/>, and the JIT compiles that one text
/// for each width: the same operations in the same order, so every lane of every width gets the same bits
/// and a batch predicts exactly what Predict does. Generated batch blocks, themselves generic over the
/// width, call that one text; its four-lane form, which the one-example code calls, stands right above it. An exponential of their own rather than .NET 9's <c>Vector128.Exp</c>,
/// so that both target frameworks compute the same bits.
/// For generated code only: public because the code GenNet generates into your assembly calls it,
/// hidden from IntelliSense, and with no compatibility promise between versions.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class VectorActivations
{
    private const float TanhArgumentFloor = -20f; // y = -2|z| below it changes no tanh: tanh 10 rounds to 1

    /// <summary><c>σ(z) = 1 / (1 + e^-z)</c>, lane by lane.</summary>
    /// <param name="z">The pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> z) => Sigmoid<Vector128<float>, Lanes4>(z);

    /// <summary>The one text of <see cref="Sigmoid(Vector128{float})"/> for every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Sigmoid<TVector, TLanes>(TVector z)
        where TLanes : struct, ILanes<TVector>
    {
        // e = e^-|z| never overflows. σ(z) = 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0: both
        // without cancellation, so σ keeps its relative precision far below zero too.
        var e = ExpOfNonPositive<TVector, TLanes>(TLanes.BitwiseOr(z, TLanes.Broadcast(-0f))); // -|z|, in one operation
        var numerator = TLanes.ConditionalSelect(TLanes.LessThan(z, TLanes.Broadcast(0f)), e, TLanes.Broadcast(1f));
        return TLanes.Divide(numerator, TLanes.Add(TLanes.Broadcast(1f), e));
    }

    /// <summary><c>σ'(z) = a (1 - a)</c> from the activation <c>a = σ(z)</c>, lane by lane.</summary>
    /// <param name="a">The activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SigmoidDerivative(Vector128<float> a) => SigmoidDerivative<Vector128<float>, Lanes4>(a);

    /// <summary>The one text of <see cref="SigmoidDerivative(Vector128{float})"/> for every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector SigmoidDerivative<TVector, TLanes>(TVector a)
        where TLanes : struct, ILanes<TVector> =>
        TLanes.Multiply(a, TLanes.Subtract(TLanes.Broadcast(1f), a));

    /// <summary><c>tanh(z)</c>, lane by lane.</summary>
    /// <param name="z">The pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z) => Tanh<Vector128<float>, Lanes4>(z);

    /// <summary>The one text of <see cref="Tanh(Vector128{float})"/> for every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Tanh<TVector, TLanes>(TVector z)
        where TLanes : struct, ILanes<TVector>
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
        var negativeMagnitude = TLanes.BitwiseOr(z, TLanes.Broadcast(-0f)); // -|z|, in one operation
        var y = TLanes.MaxNative(TLanes.Broadcast(TanhArgumentFloor), TLanes.Add(negativeMagnitude, negativeMagnitude));
        var n = NearestMultipleOfLn2<TVector, TLanes>(y);
        var r = ReducedByLn2<TVector, TLanes>(y, n);
        var r2 = TLanes.Multiply(r, r);
        var expMinusOneOfR = TLanes.MultiplyAdd(r2, ExpSeriesTail<TVector, TLanes>(r, r2), r);
        var halfPowerOfTwo = PowerOfTwo<TVector, TLanes>(n, ExponentBias - 1); // 2^(n-1)
        var h = TLanes.MultiplyAdd(halfPowerOfTwo, expMinusOneOfR, TLanes.Subtract(halfPowerOfTwo, TLanes.Broadcast(0.5f)));
        var negativeRatio = TLanes.Divide(h, TLanes.Subtract(TLanes.Broadcast(-1f), h)); // -h/(1 + h): the sign in the divisor, where it costs nothing
        var tanhOfY = TLanes.MultiplyAdd(h, negativeRatio, h);
        return TLanes.ConditionalSelect(TLanes.Broadcast(-0f), z, tanhOfY); // |tanh| with the sign bit of z
    }

    /// <summary><c>tanh'(z) = 1 - a²</c> from the activation <c>a = tanh(z)</c>, lane by lane.</summary>
    /// <param name="a">The activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> TanhDerivative(Vector128<float> a) => TanhDerivative<Vector128<float>, Lanes4>(a);

    /// <summary>The one text of <see cref="TanhDerivative(Vector128{float})"/> for every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector TanhDerivative<TVector, TLanes>(TVector a)
        where TLanes : struct, ILanes<TVector> =>
        TLanes.Subtract(TLanes.Broadcast(1f), TLanes.Multiply(a, a));

    /// <summary><c>relu(z) = z if z &gt; 0 else 0</c>, lane by lane (NaN gives 0, as the scalar form does).</summary>
    /// <param name="z">The pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReLU(Vector128<float> z) => ReLU<Vector128<float>, Lanes4>(z);

    /// <summary>The one text of <see cref="ReLU(Vector128{float})"/> for every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ReLU<TVector, TLanes>(TVector z)
        where TLanes : struct, ILanes<TVector> =>
        TLanes.BitwiseAnd(z, TLanes.GreaterThan(z, TLanes.Broadcast(0f)));

    /// <summary><c>relu'(z) = 1 if z &gt; 0 else 0</c>, lane by lane.</summary>
    /// <param name="z">The pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReLUDerivative(Vector128<float> z) => ReLUDerivative<Vector128<float>, Lanes4>(z);

    /// <summary>The one text of <see cref="ReLUDerivative(Vector128{float})"/> for every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector ReLUDerivative<TVector, TLanes>(TVector z)
        where TLanes : struct, ILanes<TVector> =>
        TLanes.BitwiseAnd(TLanes.Broadcast(1f), TLanes.GreaterThan(z, TLanes.Broadcast(0f)));

    /// <summary><c>z if z &gt; 0 else 0.01 z</c>, lane by lane.</summary>
    /// <param name="z">The pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyReLU(Vector128<float> z) => LeakyReLU<Vector128<float>, Lanes4>(z);

    /// <summary>The one text of <see cref="LeakyReLU(Vector128{float})"/> for every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector LeakyReLU<TVector, TLanes>(TVector z)
        where TLanes : struct, ILanes<TVector> =>
        TLanes.ConditionalSelect(TLanes.GreaterThan(z, TLanes.Broadcast(0f)), z, TLanes.Multiply(z, TLanes.Broadcast((float)ActivationFunctions.LeakySlope)));

    /// <summary><c>1 if z &gt; 0 else 0.01</c>, lane by lane.</summary>
    /// <param name="z">The pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LeakyReLUDerivative(Vector128<float> z) => LeakyReLUDerivative<Vector128<float>, Lanes4>(z);

    /// <summary>The one text of <see cref="LeakyReLUDerivative(Vector128{float})"/> for every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector LeakyReLUDerivative<TVector, TLanes>(TVector z)
        where TLanes : struct, ILanes<TVector> =>
        TLanes.ConditionalSelect(TLanes.GreaterThan(z, TLanes.Broadcast(0f)), TLanes.Broadcast(1f), TLanes.Broadcast((float)ActivationFunctions.LeakySlope));

    /// <summary>The activation's value <c>g(z)</c>, lane by lane, at any width.</summary>
    /// <param name="activation">The activation <c>g</c>; elementwise (not softmax).</param>
    /// <param name="z">The pre-activations.</param>
    internal static TVector Value<TVector, TLanes>(Activation activation, TVector z)
        where TLanes : struct, ILanes<TVector> => activation switch
        {
            Activation.Linear => z,
            Activation.Sigmoid => Sigmoid<TVector, TLanes>(z),
            Activation.Tanh => Tanh<TVector, TLanes>(z),
            Activation.ReLU => ReLU<TVector, TLanes>(z),
            Activation.LeakyReLU => LeakyReLU<TVector, TLanes>(z),
            _ => throw NotElementwise(activation),
        };

    /// <summary>The derivative <c>g'(z)</c>, lane by lane, from the pre-activation or the activation as the course writes it.</summary>
    /// <param name="activation">The activation <c>g</c>; elementwise (not softmax).</param>
    /// <param name="z">The pre-activations.</param>
    /// <param name="a">Their activations, <c>g(z)</c>.</param>
    internal static TVector Derivative<TVector, TLanes>(Activation activation, TVector z, TVector a)
        where TLanes : struct, ILanes<TVector> => activation switch
        {
            Activation.Linear => TLanes.Broadcast(1f),
            Activation.Sigmoid => SigmoidDerivative<TVector, TLanes>(a),
            Activation.Tanh => TanhDerivative<TVector, TLanes>(a),
            Activation.ReLU => ReLUDerivative<TVector, TLanes>(z),
            Activation.LeakyReLU => LeakyReLUDerivative<TVector, TLanes>(z),
            _ => throw NotElementwise(activation),
        };

    /// <summary><see cref="Value{TVector, TLanes}"/> on four lanes.</summary>
    internal static Vector128<float> Value(Activation activation, Vector128<float> z) => Value<Vector128<float>, Lanes4>(activation, z);

    /// <summary><see cref="Derivative{TVector, TLanes}"/> on four lanes.</summary>
    internal static Vector128<float> Derivative(Activation activation, Vector128<float> z, Vector128<float> a) => Derivative<Vector128<float>, Lanes4>(activation, z, a);

    private static ArgumentException NotElementwise(Activation activation) => ActivationFunctions.NotElementwise(activation);
}
