using GenNet.Tests.Generated;

namespace GenNet.Tests.Training;

/// <summary>Fit with a validation set: what the reports carry, early stopping, and the restored parameters.</summary>
public class ValidationTests
{
    private static readonly float[] Inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] Xor = [0, 1, 1, 0];
    private static readonly float[] Or = [0, 1, 1, 1];
    private static readonly float[] NotOr = [1, 0, 0, 0]; // the opposite labels: the better training fits OR, the worse this set gets

    /// <summary>2-4-1 tanh/sigmoid with Xavier weights, so that every step moves the cost visibly.</summary>
    private static DynamicNetwork Initialized()
    {
        var network = new DynamicNetwork(new NetworkSpec(2, XorNet.Spec.Layers));
        network.Initialize(seed: 1);
        return network;
    }

    [Fact]
    public void Every_report_carries_the_validation_cost_and_accuracy_after_its_iteration()
    {
        var network = Initialized();
        var reports = new List<TrainingProgress>();
        var options = new TrainingOptions { Iterations = 25, LearningRate = 1f, ReportEvery = 10 };

        var history = Trainer.Fit(network, Inputs, Xor, Inputs, Xor, options, new SynchronousProgress(reports.Add));

        history.Costs.Length.ShouldBe(25);
        history.Evaluations.Select(r => r.Iteration).ShouldBe([0, 10, 20, 24]);
        reports.ShouldBe(history.Evaluations);
        history.Evaluations.ShouldAllBe(r => r.Cost == history.Costs[r.Iteration] && r.LearningRate == 1f);
        // The last report is of the network as training left it (no early stopping, nothing restored).
        var last = history.Evaluations[^1];
        last.ValidationCost.ShouldBe(network.ComputeGradients(Inputs, Xor, new float[XorNet.ParameterCount]));
        last.ValidationAccuracy.ShouldBe(Evaluation.ClassAccuracy(network, Inputs, Xor));
        // Validated on the training set, the validation cost after iteration t is the training cost of iteration t + 1.
        history.Evaluations[1].ValidationCost!.Value.ShouldBe(history.Costs[11], tolerance: 1e-6f);
        history.StoppedEarly.ShouldBeFalse();
        history.RestoredBest.ShouldBeFalse();
        history.BestIteration.ShouldBe(24);
    }

    [Fact]
    public void Reports_without_a_validation_set_carry_none()
    {
        var history = Trainer.Fit(Initialized(), Inputs, Xor, new TrainingOptions { Iterations = 3, ReportEvery = 1 });
        history.Evaluations.Count.ShouldBe(3);
        history.Evaluations.ShouldAllBe(r => r.ValidationCost == null && r.ValidationAccuracy == null);
        history.BestIteration.ShouldBeNull();
        history.BestValidationCost.ShouldBeNull();
    }

    [Fact]
    public void Early_stopping_stops_after_patience_evaluations_without_improvement_and_restores_the_best_parameters()
    {
        var network = Initialized();
        var options = new TrainingOptions { Iterations = 500, LearningRate = 1f, ReportEvery = 1, Patience = 3 };

        var history = Trainer.Fit(network, Inputs, Or, Inputs, NotOr, options);

        // Training on OR makes every step worse on the opposite labels: the best is after iteration 0,
        // and evaluations 1, 2 and 3 do not improve on it, so iteration 3 is the last.
        history.BestIteration.ShouldBe(0);
        history.Costs.Length.ShouldBe(4);
        history.StoppedEarly.ShouldBeTrue();
        history.RestoredBest.ShouldBeTrue();
        var costs = history.Evaluations.Select(r => r.ValidationCost!.Value).ToArray();
        costs.Skip(1).ShouldAllBe(c => c > costs[0]);
        history.BestValidationCost.ShouldBe(costs[0]);
        network.Parameters.ToArray().ShouldBe(AfterIterations(1));
    }

    [Fact]
    public void Without_restoring_the_parameters_are_those_of_the_last_iteration()
    {
        var network = Initialized();
        var options = new TrainingOptions { Iterations = 500, LearningRate = 1f, ReportEvery = 1, Patience = 3, RestoreBestParameters = false };

        var history = Trainer.Fit(network, Inputs, Or, Inputs, NotOr, options);

        history.StoppedEarly.ShouldBeTrue();
        history.RestoredBest.ShouldBeFalse();
        network.Parameters.ToArray().ShouldBe(AfterIterations(4));
    }

    [Fact]
    public void Without_patience_every_iteration_runs_however_the_validation_cost_goes()
    {
        var network = Initialized();
        var history = Trainer.Fit(network, Inputs, Or, Inputs, NotOr, new TrainingOptions { Iterations = 30, LearningRate = 1f, ReportEvery = 1 });

        history.Costs.Length.ShouldBe(30);
        history.StoppedEarly.ShouldBeFalse();
        history.RestoredBest.ShouldBeFalse();
        network.Parameters.ToArray().ShouldBe(AfterIterations(30));
    }

    [Fact]
    public void Patience_counts_evaluations_not_iterations()
    {
        var options = new TrainingOptions { Iterations = 500, LearningRate = 1f, ReportEvery = 5, Patience = 2 };
        var history = Trainer.Fit(Initialized(), Inputs, Or, Inputs, NotOr, options);
        // Evaluations after iterations 0, 5 and 10: the last two do not improve on the first.
        history.Evaluations.Select(r => r.Iteration).ShouldBe([0, 5, 10]);
        history.Costs.Length.ShouldBe(11);
    }

    private static float[] AfterIterations(int iterations)
    {
        var network = Initialized();
        Trainer.Fit(network, Inputs, Or, new TrainingOptions { Iterations = iterations, LearningRate = 1f });
        return network.Parameters.ToArray();
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
