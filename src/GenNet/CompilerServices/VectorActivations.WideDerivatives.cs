using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

// The derivatives on eight and sixteen lanes, for batched training, which holds one example per lane.
// As with the activations beside them (VectorActivations.Wide.cs), each is the four-lane form's text
// with the vector type changed, so every lane gets the four-lane form's bits. Change them together.
public static partial class VectorActivations
{
    /// <summary><c>σ'(z) = a (1 - a)</c> from the activation <c>a = σ(z)</c>, lane by lane.</summary>
    /// <param name="a">Eight activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SigmoidDerivative(Vector256<float> a) => a * (Vector256<float>.One - a);

    /// <summary><c>tanh'(z) = 1 - a²</c> from the activation <c>a = tanh(z)</c>, lane by lane.</summary>
    /// <param name="a">Eight activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TanhDerivative(Vector256<float> a) => Vector256<float>.One - a * a;

    /// <summary><c>relu'(z) = 1 if z &gt; 0 else 0</c>, lane by lane.</summary>
    /// <param name="z">Eight pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLUDerivative(Vector256<float> z) => Vector256<float>.One & Vector256.GreaterThan(z, Vector256<float>.Zero);

    /// <summary><c>1 if z &gt; 0 else 0.01</c>, lane by lane.</summary>
    /// <param name="z">Eight pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyReLUDerivative(Vector256<float> z) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), Vector256<float>.One, Vector256.Create((float)ActivationFunctions.LeakySlope));

    /// <summary><c>σ'(z) = a (1 - a)</c> from the activation <c>a = σ(z)</c>, lane by lane.</summary>
    /// <param name="a">Sixteen activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SigmoidDerivative(Vector512<float> a) => a * (Vector512<float>.One - a);

    /// <summary><c>tanh'(z) = 1 - a²</c> from the activation <c>a = tanh(z)</c>, lane by lane.</summary>
    /// <param name="a">Sixteen activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> TanhDerivative(Vector512<float> a) => Vector512<float>.One - a * a;

    /// <summary><c>relu'(z) = 1 if z &gt; 0 else 0</c>, lane by lane.</summary>
    /// <param name="z">Sixteen pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ReLUDerivative(Vector512<float> z) => Vector512<float>.One & Vector512.GreaterThan(z, Vector512<float>.Zero);

    /// <summary><c>1 if z &gt; 0 else 0.01</c>, lane by lane.</summary>
    /// <param name="z">Sixteen pre-activations.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LeakyReLUDerivative(Vector512<float> z) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), Vector512<float>.One, Vector512.Create((float)ActivationFunctions.LeakySlope));
}
