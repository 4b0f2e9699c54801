namespace GenNet.Generators.Emit;

/// <summary>
/// The members the emitter writes into a network class, listed next to the code that writes them: a
/// class that already declares one cannot take the generated code, and the parser reports that
/// (GN0012, GN0022) from these lists. Loop layers add their methods (<c>LayerModel.MethodNames</c>).
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>The inline array that holds the parameters.</summary>
    public const string ParameterBuffer = "ParameterBuffer";

    /// <summary>The inline array where training keeps the outputs of examples whose loss is still to be summed (<c>NetworkModel.PendingLossExamples</c>).</summary>
    public const string PendingOutputBuffer = "PendingOutputBuffer";

    /// <summary>The instance's parameters, a <see cref="ParameterBuffer"/>.</summary>
    public const string Parameters = "_parameters";

    /// <summary>The gradient sum of a network too large to sum on the stack.</summary>
    public const string GradientSum = "_gradientSum";

    /// <summary>The per-thread cache array of a network whose caches are too large for the stack.</summary>
    public const string ThreadCaches = "_threadCaches";

    /// <summary>The per-thread rows of PredictBatch's blocks, where they are too large for the stack.</summary>
    public const string ThreadBatchRows = "_threadBatchRows";

    /// <summary>PredictBatch's method that predicts whole blocks of examples, generic over the block's width.</summary>
    public const string BatchBlock = "PredictBlocks";

    /// <summary>Batched training's method that trains on whole blocks of examples (<c>NetworkModel.TrainingBatchLanes</c>).</summary>
    public const string TrainingBlock = "TrainBlocks";

    /// <summary>The rows of a training block, where they are too large for the stack.</summary>
    public const string TrainingRows = "_trainingRows";

    /// <summary>What every trainable network gets (<c>INetwork</c> and the private members above).</summary>
    public static readonly string[] Trainable =
    [
        "InputCount", "OutputCount", "ParameterCount", "Spec", "Parameters", "Predict", "PredictBatch",
        "ComputeGradients", "TrainStep", "Initialize", "Forward", "Backpropagate", Parameters, ParameterBuffer, PendingOutputBuffer,
        GradientSum, ThreadCaches, ThreadBatchRows, TrainingRows, TrainingBlock, BatchBlock,
    ];

    /// <summary>What a network with baked weights gets (<c>IPredictor</c>): it predicts only.</summary>
    public static readonly string[] Baked =
        ["InputCount", "OutputCount", "ParameterCount", "Spec", "Parameters", "Predict", "PredictBatch", "Forward", ThreadCaches, ThreadBatchRows, BatchBlock];

    /// <summary>The members of a network, trainable or baked.</summary>
    public static string[] Of(bool baked) => baked ? Baked : Trainable;
}
