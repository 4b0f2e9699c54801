using GenNet.Tests.Generated;

namespace GenNet.Tests.Training;

/// <summary>
/// What <see cref="Trainer.Fit{TNetwork}(TNetwork, ReadOnlySpan{float}, ReadOnlySpan{float}, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>
/// refuses before the first step (and leaves the network as it was), and how it stops.
/// </summary>
public class TrainingGuardTests
{
    private static readonly float[] Inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] Targets = [0, 1, 1, 0];

    [Theory]
    [InlineData(3, float.NaN)]
    [InlineData(6, float.PositiveInfinity)]
    public void Non_finite_inputs_are_refused_naming_the_first(int index, float value)
    {
        var network = Initialized();
        var before = network.Parameters.ToArray();
        float[] inputs = [.. Inputs];
        inputs[index] = value;
        inputs[7] = float.NaN;

        // In mini-batches of one, a check made only by each step would come after some steps, and name
        // the index within its batch.
        var error = Should.Throw<ArgumentException>(() => Trainer.Fit(network, inputs, Targets, new TrainingOptions { BatchSize = 1 }));

        error.ParamName.ShouldBe("inputs");
        error.Message.ShouldContain($"inputs[{index}] is {value}");
        network.Parameters.ToArray().ShouldBe(before);
    }

    [Fact]
    public void Non_finite_targets_are_refused_naming_the_first()
    {
        var network = Initialized();
        var error = Should.Throw<ArgumentException>(() => Trainer.Fit(network, Inputs, [0, 1, float.NegativeInfinity, 0], new TrainingOptions()));
        error.ParamName.ShouldBe("targets");
        error.Message.ShouldContain("targets[2]");
    }

    [Theory]
    [InlineData(-0.5f)]
    [InlineData(1.5f)]
    public void Cross_entropy_targets_outside_0_to_1_are_refused(float target)
    {
        var network = Initialized();
        var error = Should.Throw<ArgumentException>(() => Trainer.Fit(network, Inputs, [0, 1, 1, target], new TrainingOptions()));
        error.ParamName.ShouldBe("targets");
        error.Message.ShouldContain("targets[3]");
        // Squared error takes any target.
        var regression = new DynamicNetwork(new NetworkSpec(2, [new(1, Activation.Linear)]));
        regression.Initialize(seed: 1);
        Trainer.Fit(regression, Inputs, [0, 1, 1, target], new TrainingOptions { Iterations = 5 }).Costs.Length.ShouldBe(5);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.1f)]
    public void A_learning_rate_not_above_zero_is_refused(float learningRate)
    {
        var network = Initialized();
        var before = network.Parameters.ToArray();
        Should.Throw<ArgumentException>(() => Trainer.Fit(network, Inputs, Targets, new TrainingOptions { LearningRate = learningRate }))
            .ParamName.ShouldBe("learningRate");
        network.Parameters.ToArray().ShouldBe(before);
    }

    [Fact]
    public void A_network_never_initialised_is_refused_with_what_to_do()
    {
        var network = new XorNet();
        var error = Should.Throw<ArgumentException>(() => Trainer.Fit(network, Inputs, Targets, new TrainingOptions()));
        error.ParamName.ShouldBe("network");
        error.Message.ShouldContain("Initialize(seed)");
        network.Parameters.ToArray().ShouldAllBe(p => p == 0f);
    }

    [Fact]
    public void A_network_declared_to_start_from_zeros_trains_from_zeros()
    {
        var network = new DynamicNetwork(new NetworkSpec(2, XorNet.Spec.Layers, init: Init.Zeros));
        Trainer.Fit(network, Inputs, Targets, new TrainingOptions { Iterations = 10 }).Costs.Length.ShouldBe(10);
    }

    [Fact]
    public void Fit_without_options_runs_the_defaults()
    {
        var network = Initialized();
        var defaults = new TrainingOptions();
        Trainer.Fit(network, Inputs, Targets).Costs.Length.ShouldBe(defaults.Iterations);
        defaults.Iterations.ShouldBe(1000);
    }

    [Fact]
    public void Cancelling_stops_between_steps_and_leaves_the_last_completed_step()
    {
        // Iterations = int.MaxValue would need a 8 GB cost history if it were allocated up front.
        var network = Initialized();
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Iteration == 6)
                cancellation.Cancel();
        });

        Should.Throw<OperationCanceledException>(() => Trainer.Fit(network, Inputs, Targets,
            new TrainingOptions { Iterations = int.MaxValue, LearningRate = 0.5f, ReportEvery = 1 }, progress, cancellation.Token));

        // Iterations 0 to 6 completed (the cancellation came in the report of iteration 6).
        var expected = Initialized();
        for (int step = 0; step < 7; step++)
            expected.TrainStep(Inputs, Targets, 0.5f);
        network.Parameters.ToArray().ShouldBe(expected.Parameters.ToArray());
    }

    [Fact]
    public void Cancelling_stops_between_mini_batches()
    {
        // Four mini-batches of one example per iteration; the cancellation comes during the third step.
        using var cancellation = new CancellationTokenSource();
        var network = new CountingNetwork(Initialized(), afterSteps: 3, cancellation.Cancel);

        Should.Throw<OperationCanceledException>(() => Trainer.Fit(network, Inputs, Targets,
            new TrainingOptions { BatchSize = 1 }, cancellationToken: cancellation.Token));

        network.Steps.ShouldBe(3);
    }

    /// <summary>Counts the training steps of a network, and calls an action in one of them.</summary>
    private sealed class CountingNetwork(INetwork inner, int afterSteps, Action action) : INetwork
    {
        public int Steps { get; private set; }
        public NetworkSpec Spec => inner.Spec;
        public int InputCount => inner.InputCount;
        public int OutputCount => inner.OutputCount;
        public int ParameterCount => inner.ParameterCount;
        public Span<float> Parameters => inner.Parameters;
        public void Predict(ReadOnlySpan<float> input, Span<float> output) => inner.Predict(input, output);
        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => inner.PredictBatch(inputs, outputs);
        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients) =>
            inner.ComputeGradients(inputs, targets, gradients);
        public void Initialize(int seed) => inner.Initialize(seed);

        public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate)
        {
            if (++Steps == afterSteps)
                action();
            return inner.TrainStep(inputs, targets, learningRate);
        }
    }

    private static XorNet Initialized()
    {
        var network = new XorNet();
        network.Initialize(seed: 1);
        return network;
    }

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
