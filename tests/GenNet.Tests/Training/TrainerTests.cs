namespace GenNet.Tests.Training;

public class TrainerTests
{
    private static readonly NetworkSpec LinearRegression = TestData.Spec(1, Loss.Auto, (1, Activation.Linear));
    private static readonly float[] Inputs = [1, 2, 3, 4];
    private static readonly float[] Targets = [3, 5, 7, 9]; // y = 2x + 1

    [Fact]
    public void Stops_with_a_clear_exception_when_the_learning_rate_blows_up()
    {
        var network = new ReferenceNetwork(LinearRegression);
        network.Initialize(seed: 1);

        var error = Should.Throw<TrainingDivergedException>(() =>
            Trainer.Fit(network, Inputs, Targets, new TrainingOptions { Iterations = 1000, LearningRate = 10f }));

        error.Iteration.ShouldBeGreaterThan(0);
        error.Iteration.ShouldBeLessThan(1000);
        error.LearningRate.ShouldBe(10f);
        error.Message.ShouldContain($"iteration {error.Iteration}");
        error.Message.ShouldContain("learning rate 10 is probably too large");
    }

    [Fact]
    public void Returns_one_cost_per_iteration_and_reports_every_k_iterations_and_the_last()
    {
        var network = new ReferenceNetwork(LinearRegression);
        network.Initialize(seed: 1);
        var reports = new List<TrainingProgress>();

        var costs = Trainer.Fit(network, Inputs, Targets,
            new TrainingOptions { Iterations = 25, LearningRate = 0.02f, ReportEvery = 10 },
            new SynchronousProgress(reports.Add)).Costs;

        costs.Length.ShouldBe(25);
        reports.Select(r => r.Iteration).ShouldBe([0, 10, 20, 24]);
        reports.ShouldAllBe(r => r.Cost == costs[r.Iteration]);
        costs[^1].ShouldBeLessThan(costs[0]);
    }

    [Fact]
    public void Full_batch_descent_finds_the_line()
    {
        var network = new ReferenceNetwork(LinearRegression);
        network.Initialize(seed: 1);

        Trainer.Fit(network, Inputs, Targets, new TrainingOptions { Iterations = 3000, LearningRate = 0.05f });

        network.Parameters[0].ShouldBe(2f, 1e-3f);
        network.Parameters[1].ShouldBe(1f, 1e-3f);
    }

    [Fact]
    public void Mini_batches_find_the_line_and_repeat_exactly_for_a_seed()
    {
        float[] RunOnce()
        {
            var network = new ReferenceNetwork(LinearRegression);
            network.Initialize(seed: 1);
            Trainer.Fit(network, Inputs, Targets, new TrainingOptions { Iterations = 2000, LearningRate = 0.02f, BatchSize = 3, ShuffleSeed = 9 });
            return network.Parameters.ToArray();
        }

        var first = RunOnce();
        first[0].ShouldBe(2f, 1e-3f);
        first[1].ShouldBe(1f, 1e-3f);
        RunOnce().ShouldBe(first);
    }

    [Fact]
    public void Rejects_options_out_of_range_naming_them()
    {
        var network = new ReferenceNetwork(LinearRegression);
        Should.Throw<ArgumentOutOfRangeException>(() => Trainer.Fit(network, Inputs, Targets, new TrainingOptions { Iterations = -1 }))
            .ParamName.ShouldBe("options.Iterations");
        Should.Throw<ArgumentOutOfRangeException>(() => Trainer.Fit(network, Inputs, Targets, new TrainingOptions { BatchSize = -1 }))
            .ParamName.ShouldBe("options.BatchSize");
        Should.Throw<ArgumentOutOfRangeException>(() => Trainer.Fit(network, Inputs, Targets, new TrainingOptions { ReportEvery = 0 }))
            .ParamName.ShouldBe("options.ReportEvery");
        Should.Throw<ArgumentException>(() => Trainer.Fit(network, Inputs, Targets, new TrainingOptions { LearningRate = float.NaN }))
            .ParamName.ShouldBe("learningRate");
        Should.Throw<ArgumentException>(() => Trainer.Fit(network, Inputs, Targets.AsSpan(1).ToArray(), new TrainingOptions()))
            .ParamName.ShouldBe("targets");
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so the test sees every report in order.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
