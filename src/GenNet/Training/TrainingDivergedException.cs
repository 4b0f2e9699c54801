using System.Globalization;

namespace GenNet;

/// <summary>
/// Thrown by <see cref="Trainer"/> when the cost or the parameters stop being finite numbers, or the
/// cost keeps rising, almost always because the learning rate is too large.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for a run that diverged.</summary>
    /// <param name="iteration">The iteration at which it was noticed.</param>
    /// <param name="cost">The cost at that iteration.</param>
    /// <param name="learningRate">The learning rate in use.</param>
    public TrainingDivergedException(int iteration, float cost, float learningRate)
        : this(iteration, cost, learningRate, $"the cost became {Format(cost)}")
    {
    }

    /// <summary>Creates the exception for a run whose cost kept rising.</summary>
    internal TrainingDivergedException(int iteration, float cost, float learningRate, float lowestCost, int lowestIteration, int window, double windowMean)
        : this(iteration, cost, learningRate,
               $"the cost rose from {Format(lowestCost)} ({(lowestIteration < 0 ? "before training" : $"at iteration {lowestIteration}")}) " +
               $"to an average of {Format((float)windowMean)} over the last {window} iterations")
    {
    }

    private TrainingDivergedException(int iteration, float cost, float learningRate, string seen)
        : base($"Training diverged at iteration {iteration}: {seen}. " +
               $"The learning rate {Format(learningRate)} is probably too large; try {Format(learningRate / 10)} " +
               "(and scale the inputs to about [-1, 1] if they are large).")
    {
        Iteration = iteration;
        Cost = cost;
        LearningRate = learningRate;
    }

    /// <summary>The iteration, counted from 0, at which the cost or parameters stopped being finite.</summary>
    public int Iteration { get; }

    /// <summary>The cost at <see cref="Iteration"/>: NaN or infinite, finite with non-finite parameters, or the risen cost.</summary>
    public float Cost { get; }

    /// <summary>The learning rate that was in use.</summary>
    public float LearningRate { get; }

    /// <summary>Four significant digits, so 0.01 / 10 prints as 0.001 and not 0.0009999999.</summary>
    private static string Format(float value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
