namespace GenNet;

/// <summary>What <see cref="Trainer"/> checks about the data and the network before the first step.</summary>
internal static class TrainingData
{
    /// <summary>
    /// Throws for data that would train to nonsense without an error: a NaN or infinity (it spreads
    /// to every parameter), a binary cross-entropy target outside [0, 1] (the loss has no minimum there), softmax
    /// targets that are not a distribution over the classes, or a
    /// network that was never initialised.
    /// </summary>
    public static void Check(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        CheckValues(network, inputs, targets, nameof(inputs), nameof(targets));
        if (network.Spec.Init != Init.Zeros && AllZero(network.Parameters))
            throw new ArgumentException(
                "Every parameter of the network is 0, as in a new instance. Call network.Initialize(seed) (or load a weight file) " +
                "before training: from all zeros, the hidden units of a layer receive the same gradient and stay identical, so " +
                "each layer learns one feature (declare Init = Init.Zeros to train from zeros on purpose).",
                nameof(network));
    }

    /// <summary>Throws for a validation set that does not fit the network or holds values training data may not.</summary>
    public static void CheckValidation(INetwork network, ReadOnlySpan<float> validationInputs, ReadOnlySpan<float> validationTargets)
    {
        int m = NetworkArgument.ExampleCount(validationInputs.Length, network.InputCount, nameof(validationInputs), allowEmpty: false);
        NetworkArgument.RequireBatchLength(validationTargets.Length, m, network.OutputCount, nameof(validationTargets), "targets");
        CheckValues(network, validationInputs, validationTargets, nameof(validationInputs), nameof(validationTargets));
    }

    private static void CheckValues(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, string inputsName, string targetsName)
    {
        NetworkArgument.RequireFinite(inputs, inputsName);
        NetworkArgument.RequireFinite(targets, targetsName);
        if (network.Spec.Loss == Loss.BinaryCrossEntropy)
            RequireProbabilities(targets, targetsName);
        if (network.Spec.Loss == Loss.CategoricalCrossEntropy)
            RequireDistributions(targets, network.OutputCount, targetsName);
    }

    /// <summary>How far an example's softmax targets may sum from 1: float rounding of a computed distribution, not a mistake.</summary>
    private const float DistributionTolerance = 1e-3f;

    /// <summary>
    /// Categorical cross-entropy compares ŷ, which sums to 1, with y: each example's targets must be a
    /// distribution (one-hot: 1 for its class, 0 elsewhere), or the minimum is not where the classes are.
    /// </summary>
    private static void RequireDistributions(ReadOnlySpan<float> targets, int classes, string targetsName)
    {
        for (int start = 0; start < targets.Length; start += classes)
        {
            float sum = 0f;
            for (int k = start; k < start + classes; k++)
            {
                if (targets[k] < 0f)
                    throw new ArgumentException(
                        $"Categorical cross-entropy needs each example's targets to be non-negative and sum to 1 (one-hot: 1 for its class), " +
                        $"but {targetsName}[{k}] is {targets[k]}.", targetsName);
                sum += targets[k];
            }
            if (MathF.Abs(sum - 1f) > DistributionTolerance)
                throw new ArgumentException(
                    $"Categorical cross-entropy needs each example's targets to sum to 1 (one-hot: 1 for its class, 0 for the others), " +
                    $"but example {start / classes} ({targetsName}[{start}..{start + classes - 1}]) sums to {sum}; " +
                    "for several independent yes/no outputs use sigmoid outputs (binary cross-entropy).", targetsName);
        }
    }

    private static void RequireProbabilities(ReadOnlySpan<float> targets, string targetsName)
    {
        for (int k = 0; k < targets.Length; k++)
            if (targets[k] is < 0f or > 1f)
                throw new ArgumentException(
                    $"Binary cross-entropy needs targets from 0 to 1, but {targetsName}[{k}] is {targets[k]}; " +
                    "use 0/1 labels, or Loss.HalfSquaredError for other values.", targetsName);
    }

    private static bool AllZero(ReadOnlySpan<float> parameters)
    {
        foreach (float parameter in parameters)
            if (parameter != 0f)
                return false;
        return true;
    }
}
