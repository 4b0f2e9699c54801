namespace GenNet.Tests.Training;

/// <summary>The learning-rate schedules, by their formulas and in training.</summary>
public class ScheduleTests
{
    private static readonly int[] Iterations = [0, 9, 10, 19, 20, 25];

    [Fact]
    public void Step_decay_multiplies_the_rate_by_its_factor_every_so_many_iterations()
    {
        var schedule = new StepDecay(Every: 10, Factor: 0.5f);
        // 0.1·0.5^⌊t/10⌋: 0.1 up to iteration 9, 0.05 from 10, 0.025 from 20.
        Iterations.Select(t => schedule.RateAt(0.1f, t)).ShouldBe([0.1f, 0.1f, 0.05f, 0.05f, 0.025f, 0.025f], tolerance: 1e-9f);
    }

    [Fact]
    public void Exponential_decay_multiplies_the_rate_by_its_factor_every_iteration()
    {
        var schedule = new ExponentialDecay(Factor: 0.9f);
        // 0.1·0.9^t: 0.1, 0.09, 0.081, 0.0729.
        Enumerable.Range(0, 4).Select(t => schedule.RateAt(0.1f, t)).ShouldBe([0.1f, 0.09f, 0.081f, 0.0729f], tolerance: 1e-7f);
        new ConstantLearningRate().RateAt(0.1f, 1000).ShouldBe(0.1f);
    }

    [Fact]
    public void A_decayed_rate_never_reaches_zero()
    {
        new ExponentialDecay(0.5f).RateAt(0.1f, 10_000).ShouldBeGreaterThan(0f);
    }

    [Fact]
    public void Training_steps_with_each_iterations_rate_and_reports_it()
    {
        // y = w·x + b, x = 2, y = 1, w = 1, b = 0.5, squared error; exponential decay 0.5 from α = 0.1.
        // Iteration 0, α = 0.1:  dz = 1.5, dw = 3, db = 1.5;  w = 0.7, b = 0.35.
        // Iteration 1, α = 0.05: ŷ = 1.75, dz = 0.75, dw = 1.5, db = 0.75;  w = 0.7 − 0.075 = 0.625, b = 0.35 − 0.0375 = 0.3125.
        var network = new DynamicNetwork(new NetworkSpec(1, [new(1, Activation.Linear)]));
        network.Parameters[0] = 1f;
        network.Parameters[1] = 0.5f;

        var history = Trainer.Fit(network, [2f], [1f],
            new TrainingOptions { Iterations = 2, LearningRate = 0.1f, ReportEvery = 1, Schedule = new ExponentialDecay(0.5f) });

        network.Parameters.ToArray().ShouldBe([0.625f, 0.3125f], tolerance: 1e-6f);
        history.Evaluations.Select(r => r.LearningRate).ShouldBe([0.1f, 0.05f]);
    }
}
