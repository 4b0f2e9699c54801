#if GENNET_GENERATOR
namespace GenNet.Generators.Model;
#else
namespace GenNet;
#endif

// Linked into the generator (GENNET_GENERATOR): the runtime's NetworkSpec and engines and the
// generator's parser, model and emitter decide with these same functions.

/// <summary>
/// The rules that tie a loss to the output activation, as pure functions of the two: which loss
/// <see cref="Loss.Auto"/> stands for, which pairs are allowed, and the output error's form.
/// </summary>
internal static class LossRules
{
    /// <summary>
    /// The loss <see cref="Loss.Auto"/> stands for after an output activation: the loss whose
    /// matching output it is (cross-entropy after σ), else half squared error.
    /// </summary>
    /// <param name="loss">The declared loss; any other than Auto is returned as it is.</param>
    /// <param name="outputActivation">The activation of the output layer.</param>
    public static Loss Resolve(Loss loss, Activation outputActivation) =>
        loss != Loss.Auto ? loss
        : outputActivation == Activation.Sigmoid ? Loss.BinaryCrossEntropy
        : Loss.HalfSquaredError;

    /// <summary>Whether <paramref name="loss"/> is defined after <paramref name="outputActivation"/> (cross-entropy needs a σ output).</summary>
    /// <param name="loss">A defined loss.</param>
    /// <param name="outputActivation">The activation of the output layer.</param>
    public static bool Fits(Loss loss, Activation outputActivation)
    {
        var entry = LossTable.Of(loss);
        return !entry.RequiresMatchingOutput || entry.MatchingOutput == outputActivation;
    }

    /// <summary>
    /// Whether the output error needs the chain rule through <c>g'(Z[L])</c>:
    /// <c>dZ[L] = A[L] - Y</c> for a matching pair (the loss's derivative cancels <c>g'</c>), else
    /// <c>dZ[L] = (A[L] - Y) · g'(Z[L])</c> (squared error after σ, tanh, ReLU…).
    /// </summary>
    /// <param name="loss">A resolved loss (not Auto).</param>
    /// <param name="outputActivation">The activation of the output layer.</param>
    public static bool OutputErrorNeedsDerivative(Loss loss, Activation outputActivation) =>
        LossTable.Of(Resolve(loss, outputActivation)).MatchingOutput != outputActivation;
}
