namespace GenNet;

/// <summary>
/// Evaluates the validation set at each report, remembers the parameters of the lowest validation
/// cost, and says when early stopping should end training. Its buffers are allocated once per fit.
/// </summary>
internal sealed class ValidationMonitor
{
    private readonly float[] inputs;
    private readonly float[] targets;
    private readonly int? patience;
    private readonly float[]? bestParameters; // kept only when early stopping may restore them
    private float bestCost = float.PositiveInfinity;
    private int evaluationsWithoutImprovement;

    public ValidationMonitor(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int parameterCount, int? patience, bool restoreBest)
    {
        this.inputs = inputs.ToArray();
        this.targets = targets.ToArray();
        this.patience = patience;
        bestParameters = patience is not null && restoreBest ? new float[parameterCount] : null;
    }

    /// <summary>The iteration with the lowest validation cost so far; <c>null</c> before the first evaluation.</summary>
    public int? BestIteration { get; private set; }

    /// <summary>
    /// Adds the validation cost and accuracy of the network as it stands to <paramref name="report"/>,
    /// and returns whether early stopping ends training now.
    /// </summary>
    public bool Evaluate<TNetwork>(TNetwork network, TrainingStep step, ref TrainingProgress report)
        where TNetwork : INetwork
    {
        float cost = step.Cost(network, inputs, targets);
        report = report with { ValidationCost = cost, ValidationAccuracy = Evaluation.ClassAccuracy(network, inputs, targets) };
        if (cost < bestCost) // a NaN or ∞ never counts as an improvement
        {
            bestCost = cost;
            BestIteration = report.Iteration;
            evaluationsWithoutImprovement = 0;
            if (bestParameters is not null)
                network.Parameters.CopyTo(bestParameters);
            return false;
        }
        evaluationsWithoutImprovement++;
        return evaluationsWithoutImprovement >= patience;
    }

    /// <summary>Sets the network back to the parameters of the best evaluation; returns whether it did.</summary>
    public bool RestoreBest<TNetwork>(TNetwork network)
        where TNetwork : INetwork
    {
        if (bestParameters is null || BestIteration is null)
            return false;
        bestParameters.CopyTo(network.Parameters);
        return true;
    }
}
