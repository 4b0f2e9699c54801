using System.ComponentModel;

namespace GenNet.CompilerServices;

/// <summary>
/// The loss computations of training that generated code calls: the output error <c>dZ[L]</c> that
/// backpropagation starts from, and the cost summed over a block of examples. Every engine uses them,
/// so every engine's training agrees.
/// </summary>
/// <remarks>For generated code only: public because the code GenNet generates into your assembly
/// calls it, hidden from IntelliSense, and with no compatibility promise between versions.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class LossKernels
{
    /// <summary>
    /// The output error of one example, <c>dZ[L] = A[L] - Y</c>, times <c>g'(Z[L])</c> unless
    /// <see cref="OutputErrorIsAMinusY"/>: where backpropagation starts.
    /// </summary>
    /// <param name="loss">A resolved loss (not <see cref="Loss.Auto"/>).</param>
    /// <param name="outputActivation">The activation of the output layer <c>g[L]</c>.</param>
    /// <param name="z">The output layer's pre-activations <c>Z[L]</c>.</param>
    /// <param name="a">Its activations <c>A[L] = ŷ</c>, as long as <paramref name="z"/>.</param>
    /// <param name="y">The targets <c>Y</c>, as long as <paramref name="z"/>.</param>
    /// <param name="dz">Receives <c>dZ[L]</c>; as long as <paramref name="z"/>.</param>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="z"/>'s.</exception>
    public static void OutputError(Loss loss, Activation outputActivation, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> y, Span<float> dz)
    {
        if (y.Length != z.Length)
            throw new ArgumentException($"Expected {z.Length} targets, but the span has {y.Length}.", nameof(y));
        if (dz.Length != z.Length)
            throw new ArgumentException($"Expected {z.Length} errors, but the span has {dz.Length}.", nameof(dz));
        if (a.Length != z.Length)
            throw new ArgumentException($"Expected {z.Length} activations, but the span has {a.Length}.", nameof(a));
        for (int i = 0; i < dz.Length; i++)
            dz[i] = a[i] - y[i];
        if (!OutputErrorIsAMinusY(loss, outputActivation))
            VectorActivations.MultiplyByDerivative(outputActivation, z, a, dz);
    }

    /// <summary>
    /// Whether the output error <c>dZ[L] = ∂L/∂Z[L]</c> is just <c>A[L] - Y</c>: true for the matching
    /// pairs, cross-entropy after a sigmoid and half squared error after a linear output, whose
    /// derivatives cancel <c>g'(Z[L])</c>. Otherwise (half squared error after a non-linear output)
    /// <c>dZ[L] = (A[L] - Y) ∗ g'(Z[L])</c>. Every engine decides by this rule, and the generator by the
    /// same <c>LossRules</c> source file it compiles.
    /// </summary>
    /// <param name="loss">A resolved loss (not <see cref="Loss.Auto"/>).</param>
    /// <param name="outputActivation">The activation of the output layer <c>g[L]</c>.</param>
    public static bool OutputErrorIsAMinusY(Loss loss, Activation outputActivation) =>
        !LossRules.OutputErrorNeedsDerivative(loss, outputActivation);
}
