using GenNet;

namespace GenNet.Digits;

/// <summary>One evaluated epoch: the costs and the accuracy a learning curve draws.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="TrainingCost">The cost over the training set, before the epoch's update.</param>
/// <param name="ValidationCost">The cost over the validation set, after it.</param>
/// <param name="ValidationAccuracy">The share of validation digits classified right, after it.</param>
internal readonly record struct LearningCurvePoint(int Epoch, float TrainingCost, float ValidationCost, double ValidationAccuracy);

/// <summary>The learning curve of a training run with a validation set, for printing or plotting.</summary>
internal static class LearningCurve
{
    /// <summary>Every evaluation of <paramref name="history"/>, in order: the data of a plot of cost and accuracy against epochs.</summary>
    public static IReadOnlyList<LearningCurvePoint> From(TrainingHistory history) =>
        [.. history.Evaluations.Select(e => new LearningCurvePoint(e.Iteration + 1, e.Cost, e.ValidationCost!.Value, e.ValidationAccuracy!.Value))];
}
