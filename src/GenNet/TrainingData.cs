namespace GenNet;

/// <summary>What <see cref="Trainer"/> checks about the data and the network before the first step.</summary>
internal static class TrainingData
{
    /// <summary>
    /// Throws for data that would train to nonsense without an error: a NaN or infinity (it spreads
    /// to every parameter), a cross-entropy target outside [0, 1] (the loss has no minimum there), or a
    /// network that was never initialised.
    /// </summary>
    public static void Check(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        NetworkArgument.RequireFinite(inputs, nameof(inputs));
        NetworkArgument.RequireFinite(targets, nameof(targets));
        if (network.Spec.Loss == Loss.BinaryCrossEntropy)
            RequireProbabilities(targets);
        if (network.Spec.Init != Init.Zeros && AllZero(network.Parameters))
            throw new ArgumentException(
                "Every parameter of the network is 0, as in a new instance. Call network.Initialize(seed) (or load a weight file) " +
                "before training: from all zeros, the hidden units of a layer receive the same gradient and stay identical, so " +
                "each layer learns one feature (declare Init = Init.Zeros to train from zeros on purpose).",
                nameof(network));
    }

    private static void RequireProbabilities(ReadOnlySpan<float> targets)
    {
        for (int k = 0; k < targets.Length; k++)
            if (targets[k] is < 0f or > 1f)
                throw new ArgumentException(
                    $"Binary cross-entropy needs targets from 0 to 1, but targets[{k}] is {targets[k]}; " +
                    "use 0/1 labels, or Loss.HalfSquaredError for other values.", nameof(targets));
    }

    private static bool AllZero(ReadOnlySpan<float> parameters)
    {
        foreach (float parameter in parameters)
            if (parameter != 0f)
                return false;
        return true;
    }
}
