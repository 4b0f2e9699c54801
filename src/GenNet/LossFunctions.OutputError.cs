namespace GenNet;

public static partial class LossFunctions
{
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
