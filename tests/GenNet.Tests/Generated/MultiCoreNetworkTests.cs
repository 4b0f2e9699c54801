namespace GenNet.Tests.Generated;

/// <summary>
/// <see cref="MultiCoreNetwork"/>: the gradient and cost of a batch computed in runs on replicas agree with
/// one network's to float rounding for every size around the cuts; a step and a whole fit follow one
/// network's; nothing is allocated per call on any thread; bad arguments are refused by name.
/// </summary>
public class MultiCoreNetworkTests
{
    public static TheoryData<int, int> BatchesAndThreads()
    {
        var data = new TheoryData<int, int>();
        foreach (int m in new[] { 1, 2, 3, 33, 256, 257 })
            foreach (int threads in new[] { 2, 3 })
                data.Add(m, threads);
        return data;
    }

    [Theory]
    [MemberData(nameof(BatchesAndThreads))]
    public void The_gradient_of_a_batch_in_runs_is_the_gradient_of_the_batch(int m, int threads)
    {
        var single = new DigitsShapedNet();
        single.Initialize(seed: 3);
        using var shared = new MultiCoreNetwork(() => new DigitsShapedNet(), threads, minimumExamplesPerThread: 1);
        single.Parameters.CopyTo(shared.Parameters);
        var random = new Random(m);
        var inputs = TestData.Uniform(random, m * DigitsShapedNet.InputCount, 2);
        var targets = TestData.Targets(random, DigitsShapedNet.Spec, m);

        var expected = new float[DigitsShapedNet.ParameterCount];
        float expectedCost = single.ComputeGradients(inputs, targets, expected);
        var gradients = new float[DigitsShapedNet.ParameterCount];
        float cost = shared.ComputeGradients(inputs, targets, gradients);

        cost.ShouldBe(expectedCost, 1e-5f * Math.Max(1f, expectedCost));
        float largest = expected.Max(Math.Abs);
        for (int k = 0; k < gradients.Length; k++)
            Math.Abs(gradients[k] - expected[k]).ShouldBeLessThanOrEqualTo(1e-5f * largest, $"parameter {k}: {gradients[k]} vs {expected[k]}");
        expected.ShouldContain(g => Math.Abs(g) > 1e-4f, "a comparison of zero gradients would prove nothing");
    }

    [Fact]
    public void A_fit_with_Adam_follows_one_network_s_fit()
    {
        var random = new Random(4);
        const int m = 200;
        var inputs = TestData.Uniform(random, m * DigitsShapedNet.InputCount, 1);
        var targets = TestData.Targets(random, DigitsShapedNet.Spec, m);
        var options = new TrainingOptions { Iterations = 30, LearningRate = 0.01f, Optimizer = new Adam() };

        var single = new DigitsShapedNet();
        single.Initialize(seed: 5);
        var alone = Trainer.Fit(single, inputs, targets, options);
        using var shared = new MultiCoreNetwork(() => new DigitsShapedNet(), threads: 2, minimumExamplesPerThread: 1);
        shared.Initialize(seed: 5);
        var together = Trainer.Fit(shared, inputs, targets, options);

        together.Costs[^1].ShouldBeLessThan(together.Costs[0] / 2, "it trains");
        for (int i = 0; i < alone.Costs.Length; i++)
            together.Costs[i].ShouldBe(alone.Costs[i], 1e-3f * alone.Costs[i], $"cost after iteration {i}");
    }

    [Fact]
    public void A_step_updates_the_first_network_as_one_step_would_and_refuses_a_non_finite_input_before_any_change()
    {
        var single = new DigitsShapedNet();
        single.Initialize(seed: 6);
        using var shared = new MultiCoreNetwork(() => new DigitsShapedNet(), threads: 2, minimumExamplesPerThread: 1);
        single.Parameters.CopyTo(shared.Parameters);
        var random = new Random(6);
        var inputs = TestData.Uniform(random, 64 * DigitsShapedNet.InputCount, 1);
        var targets = TestData.Targets(random, DigitsShapedNet.Spec, 64);

        single.TrainStep(inputs, targets, 0.1f).ShouldBe(shared.TrainStep(inputs, targets, 0.1f), 1e-5f);
        for (int k = 0; k < DigitsShapedNet.ParameterCount; k++)
            shared.Parameters[k].ShouldBe(single.Parameters[k], 1e-6f, $"parameter {k}");

        var before = shared.Parameters.ToArray();
        inputs[40 * DigitsShapedNet.InputCount + 3] = float.NaN; // in the second run
        Should.Throw<ArgumentException>(() => shared.TrainStep(inputs, targets, 0.1f)).ParamName.ShouldBe("inputs");
        shared.Parameters.ToArray().ShouldBe(before, "nothing changed");
    }

    [Fact]
    public void A_step_allocates_nothing_once_warm_on_the_caller_or_the_workers()
    {
        var recorders = new List<AllocationRecorder>();
        using var shared = new MultiCoreNetwork(() =>
        {
            var recorder = new AllocationRecorder(new DigitsShapedNet());
            recorders.Add(recorder);
            return recorder;
        }, threads: 2, minimumExamplesPerThread: 1);
        shared.Initialize(seed: 1);
        var random = new Random(1);
        var inputs = TestData.Uniform(random, 100 * DigitsShapedNet.InputCount, 1);
        var targets = TestData.Targets(random, DigitsShapedNet.Spec, 100);
        for (int warmUp = 0; warmUp < 200; warmUp++)
            shared.TrainStep(inputs, targets, 1e-4f);

        var windows = new List<long>();
        for (int window = 0; window < 3 && (windows.Count == 0 || windows[^1] != 0); window++)
        {
            recorders.ForEach(r => r.Reset());
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 100; call++)
                shared.TrainStep(inputs, targets, 1e-4f);
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before + recorders.Sum(r => r.Allocated));
        }
        recorders.ShouldAllBe(r => r.Calls > 0, "both replicas computed runs");
        windows[^1].ShouldBe(0, $"allocated {string.Join(", then ", windows)} bytes in windows of 100 steps");
    }

    [Fact]
    public void Bad_arguments_are_refused_by_name()
    {
        Should.Throw<ArgumentNullException>(() => new MultiCoreNetwork(null!)).ParamName.ShouldBe("create");
        Should.Throw<ArgumentNullException>(() => new MultiCoreNetwork(() => null!)).ParamName.ShouldBe("create");
        Should.Throw<ArgumentOutOfRangeException>(() => new MultiCoreNetwork(() => new XorNet(), threads: 0)).ParamName.ShouldBe("threads");
        Should.Throw<ArgumentOutOfRangeException>(() => new MultiCoreNetwork(() => new XorNet(), minimumExamplesPerThread: 0)).ParamName.ShouldBe("minimumExamplesPerThread");
        var one = new XorNet();
        Should.Throw<ArgumentException>(() => new MultiCoreNetwork(() => one, threads: 2)).Message.ShouldContain("same instance twice");
        int made = 0;
        Should.Throw<ArgumentException>(() => new MultiCoreNetwork(() => made++ == 0 ? new XorNet() : new LogisticNet(), threads: 2))
            .ParamName.ShouldBe("create");

        var shared = new MultiCoreNetwork(() => new XorNet(), threads: 2, minimumExamplesPerThread: 1);
        Should.Throw<ArgumentException>(() => shared.ComputeGradients(new float[8], new float[4], new float[3])).ParamName.ShouldBe("gradients");
        Should.Throw<ArgumentException>(() => shared.TrainStep(new float[8], new float[4], 0f)).ParamName.ShouldBe("learningRate");
        Should.Throw<ArgumentException>(() => shared.TrainStep(new float[8], new float[3], 0.1f)).ParamName.ShouldBe("targets");
        shared.Dispose();
        shared.Dispose();
        Should.Throw<ObjectDisposedException>(() => shared.TrainStep(new float[8], new float[4], 0.1f));
    }
}
