namespace GenNet;

/// <summary>How <see cref="Trainer"/> runs gradient descent.</summary>
public sealed record TrainingOptions
{
    /// <summary>The number of iterations (passes over the whole training set); 1,000 by default.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>The step size <c>α</c>; 0.01 by default.</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>
    /// Examples per gradient step. 0 (the default) means full-batch gradient descent, one step per
    /// iteration; a smaller number shuffles the set each iteration and steps once per mini-batch.
    /// </summary>
    public int BatchSize { get; init; }

    /// <summary>How often, in iterations, to report progress; 1,000 by default. The last iteration is always reported.</summary>
    public int ReportEvery { get; init; } = 1000;

    /// <summary>The seed of the mini-batch shuffle, so runs repeat exactly.</summary>
    public int ShuffleSeed { get; init; }
}

/// <summary>One report of training progress.</summary>
/// <param name="Iteration">The iteration, counted from 0.</param>
/// <param name="Cost">The cost <c>J</c> over the training set at that iteration, before its update.</param>
public readonly record struct TrainingProgress(int Iteration, float Cost);
