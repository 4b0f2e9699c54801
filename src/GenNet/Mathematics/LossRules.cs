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
    /// The loss <see cref="Loss.Auto"/> stands for after an output activation: the loss that requires it as
    /// its matching output (binary cross-entropy after σ, categorical cross-entropy after softmax), else
    /// half squared error.
    /// </summary>
    /// <param name="loss">The declared loss; any other than Auto is returned as it is.</param>
    /// <param name="outputActivation">The activation of the output layer.</param>
    public static Loss Resolve(Loss loss, Activation outputActivation)
    {
        if (loss != Loss.Auto)
            return loss;
        foreach (var entry in LossTable.Entries)
            if (entry.RequiresMatchingOutput && entry.MatchingOutput == outputActivation)
                return entry.Loss;
        return Loss.HalfSquaredError;
    }

    /// <summary>
    /// Whether <paramref name="loss"/> is defined after <paramref name="outputActivation"/>: a cross-entropy
    /// needs its own output (σ, softmax), and a whole-layer output (softmax) needs the loss that cancels its
    /// derivative, since it has no elementwise one.
    /// </summary>
    /// <param name="loss">A defined loss.</param>
    /// <param name="outputActivation">The activation of the output layer.</param>
    public static bool Fits(Loss loss, Activation outputActivation) => Misfit(loss, outputActivation) is null;

    /// <summary>
    /// Why <paramref name="loss"/> cannot train an output of <paramref name="outputActivation"/>, and what to
    /// write instead, as one sentence; null when it can. The runtime's exception and the generator's GN0008
    /// both say this.
    /// </summary>
    /// <param name="loss">A defined loss.</param>
    /// <param name="outputActivation">The activation of the output layer.</param>
    public static string? Misfit(Loss loss, Activation outputActivation)
    {
        var entry = LossTable.Of(Resolve(loss, outputActivation));
        if (entry.RequiresMatchingOutput && entry.MatchingOutput != outputActivation)
            return $"{Capitalised(entry.Name)} needs an Activation.{entry.MatchingOutput} output layer, but the output activation is {outputActivation}; " +
                   $"make the last layer Activation.{entry.MatchingOutput}, or use Loss.HalfSquaredError";
        if (ActivationTable.IsWholeLayer(outputActivation) && entry.MatchingOutput != outputActivation)
            return $"An Activation.{outputActivation} output layer has no elementwise derivative, so it trains only with the loss that cancels it, " +
                   $"but the loss is {entry.Loss}; use Loss.Auto (or name that loss)";
        return null;
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

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
