namespace GenNet;

/// <summary>
/// What <see cref="Trainer.Fit{TNetwork}(TNetwork, ReadOnlySpan{float}, ReadOnlySpan{float}, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>
/// returns: the training cost of every iteration, every report (with the validation cost and accuracy
/// when there is a validation set), and how training ended: what a learning curve is drawn from.
/// </summary>
public sealed class TrainingHistory
{
    internal TrainingHistory(float[] costs, TrainingProgress[] evaluations, int? bestIteration, bool stoppedEarly, bool restoredBest)
    {
        Costs = costs;
        Evaluations = evaluations;
        BestIteration = bestIteration;
        StoppedEarly = stoppedEarly;
        RestoredBest = restoredBest;
    }

    /// <summary>The training cost of each iteration that ran (see <see cref="TrainingProgress.Cost"/>).</summary>
    public float[] Costs { get; }

    /// <summary>Every report, in order: every <see cref="TrainingOptions.ReportEvery"/> iterations and the last one.</summary>
    public IReadOnlyList<TrainingProgress> Evaluations { get; }

    /// <summary>The iteration after which the validation cost was lowest; <c>null</c> without a validation set.</summary>
    public int? BestIteration { get; }

    /// <summary>The lowest validation cost, that of <see cref="BestIteration"/>; <c>null</c> without a validation set.</summary>
    public float? BestValidationCost =>
        BestIteration is int best ? Evaluations.First(report => report.Iteration == best).ValidationCost : null;

    /// <summary>Whether early stopping (<see cref="TrainingOptions.Patience"/>) ended training before <see cref="TrainingOptions.Iterations"/>.</summary>
    public bool StoppedEarly { get; }

    /// <summary>Whether the network's parameters were set back to those of <see cref="BestIteration"/> at the end.</summary>
    public bool RestoredBest { get; }
}
