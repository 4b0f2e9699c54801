namespace GenNet;

/// <summary>
/// Thrown by <see cref="Trainer.Fit{TNetwork}"/> when the cost or the parameters stop being
/// finite numbers, almost always because the learning rate is too large.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a run that diverged.</summary>
    /// <param name="iteration">The iteration at which it was noticed.</param>
    /// <param name="cost">The cost at that iteration.</param>
    /// <param name="learningRate">The learning rate in use.</param>
    public TrainingDivergedException(int iteration, float cost, float learningRate)
        : base($"Training diverged at iteration {iteration}: the cost became {cost}. " +
               $"The learning rate {learningRate} is probably too large; try {learningRate / 10} " +
               "(and scale the inputs to about [-1, 1] if they are large).")
    {
        Iteration = iteration;
        Cost = cost;
        LearningRate = learningRate;
    }

    /// <summary>The iteration, counted from 0, at which the cost or parameters stopped being finite.</summary>
    public int Iteration { get; }

    /// <summary>The cost at <see cref="Iteration"/>: NaN or infinite, or finite with non-finite parameters.</summary>
    public float Cost { get; }

    /// <summary>The learning rate that was in use.</summary>
    public float LearningRate { get; }
}
