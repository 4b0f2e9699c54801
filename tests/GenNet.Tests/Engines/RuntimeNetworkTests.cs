namespace GenNet.Tests.Engines;

/// <summary>
/// What <see cref="RuntimeNetwork"/> does for every engine derived from it, seen through a probe
/// engine whose hooks record their calls and write numbers chosen so the expected results can be
/// worked out by hand.
/// </summary>
public class RuntimeNetworkTests
{
    private static readonly NetworkSpec Spec = TestData.Spec(2, Loss.HalfSquaredError, (1, Activation.Linear)); // 3 parameters

    [Theory]
    [InlineData(8)]      // on the stack
    [InlineData(5000)]   // too long for the stack: the thread's buffer
    public void PredictBatch_runs_each_example_through_the_example_hook_with_the_scratch_it_asked_for(int scratchLength)
    {
        var probe = new ProbeEngine(Spec) { ScratchLength = scratchLength };
        var outputs = new float[3];

        probe.PredictBatch([1, 2, 3, 4, 5, 6], outputs);

        outputs.ShouldBe([21f, 43f, 65f]); // x0 + 10 x1 per example
        probe.ScratchLengthsSeen.ShouldBe([scratchLength, scratchLength, scratchLength]);
    }

    [Fact]
    public void Predict_runs_the_example_hook_once()
    {
        var probe = new ProbeEngine(Spec) { ScratchLength = 4 };
        var output = new float[1];
        probe.Predict([7, 1], output);
        output[0].ShouldBe(17f);
        probe.ScratchLengthsSeen.ShouldBe([4]);
    }

    [Fact]
    public void ComputeGradients_averages_the_sum_over_the_batch_and_every_call_starts_from_zero()
    {
        var probe = new ProbeEngine(Spec);
        var gradients = new float[3];
        float[] inputs = [1, 2, 3, 4, 5, 6, 7, 8], targets = [0, 0, 0, 0];

        probe.ComputeGradients(inputs, targets, gradients).ShouldBe(0.5f);
        probe.ComputeGradients(inputs, targets, gradients); // the second call must not see the first one's sum

        probe.GradientWasZeroOnEntry.ShouldBe([true, true]);
        gradients.ShouldBe([1f, 2f, 3f]); // Σ over 4 examples of (k + 1), divided by m = 4
    }

    [Fact]
    public void An_engine_that_averages_itself_is_not_averaged_again()
    {
        var probe = new ProbeEngine(Spec) { Averages = true };
        var gradients = new float[3];
        probe.ComputeGradients([1, 2, 3, 4, 5, 6, 7, 8], [0, 0, 0, 0], gradients);
        gradients.ShouldBe([1f, 2f, 3f]);
    }

    [Fact]
    public void TrainStep_descends_by_the_mean_gradient()
    {
        var probe = new ProbeEngine(Spec);
        probe.Parameters.Fill(1f);

        probe.TrainStep([1, 2, 3, 4, 5, 6, 7, 8], [0, 0, 0, 0], learningRate: 0.5f).ShouldBe(0.5f);

        probe.Parameters.ToArray().ShouldBe([0.5f, 0f, -0.5f]); // 1 - 0.5 (k + 1)
    }

    [Fact]
    public void TrainStep_leaves_the_parameters_alone_when_the_gradient_overflows()
    {
        var probe = new ProbeEngine(Spec) { WritesInfinity = true };
        probe.Parameters.Fill(1f);

        float cost = probe.TrainStep([1, 2], [0], learningRate: 0.5f);

        float.IsFinite(cost).ShouldBeFalse();
        probe.Parameters.ToArray().ShouldBe([1f, 1f, 1f]);
    }

    [Fact]
    public void Bad_arguments_are_refused_before_any_hook_runs()
    {
        var probe = new ProbeEngine(Spec);
        Should.Throw<ArgumentException>(() => probe.Predict(new float[3], new float[1])).ParamName.ShouldBe("input");
        Should.Throw<ArgumentException>(() => probe.PredictBatch(new float[3], new float[1])).ParamName.ShouldBe("inputs");
        Should.Throw<ArgumentException>(() => probe.ComputeGradients(new float[2], new float[1], new float[2])).ParamName.ShouldBe("gradients");
        Should.Throw<ArgumentException>(() => probe.TrainStep(new float[2], new float[2], 0.1f)).ParamName.ShouldBe("targets");
        Should.Throw<ArgumentException>(() => probe.TrainStep(new float[2], new float[1], 0f)).ParamName.ShouldBe("learningRate");
        probe.HookCalls.ShouldBe(0);
    }

    /// <summary>Predicts <c>x0 + 10 x1</c>; its "gradient" of each example is <c>k + 1</c> at index <c>k</c>, its cost 0.5.</summary>
    private sealed class ProbeEngine(NetworkSpec spec) : RuntimeNetwork(spec)
    {
        public int ScratchLength { get; init; }

        public bool Averages { get; init; }

        public bool WritesInfinity { get; init; }

        public List<int> ScratchLengthsSeen { get; } = [];

        public List<bool> GradientWasZeroOnEntry { get; } = [];

        public int HookCalls { get; private set; }

        protected override int PredictionScratchLength => ScratchLength;

        protected override bool GradientIsAveraged => Averages;

        protected override void PredictExample(ReadOnlySpan<float> x, Span<float> output, Span<float> scratch)
        {
            HookCalls++;
            ScratchLengthsSeen.Add(scratch.Length);
            output[0] = x[0] + 10 * x[1];
        }

        protected override float Backpropagate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int m, Span<float> gradient)
        {
            HookCalls++;
            GradientWasZeroOnEntry.Add(!gradient.ContainsAnyExcept(0f));
            for (int k = 0; k < gradient.Length; k++)
                gradient[k] = Averages ? k + 1 : gradient[k] + m * (k + 1);
            if (WritesInfinity)
                gradient[1] = float.PositiveInfinity;
            return 0.5f;
        }
    }
}
