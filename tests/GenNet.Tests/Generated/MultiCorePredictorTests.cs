namespace GenNet.Tests.Generated;

/// <summary>
/// <see cref="MultiCorePredictor"/>: a batch shared among threads gives the network's own outputs bit for
/// bit, for every size around the cuts; allocates nothing per call; refuses bad arguments before any
/// thread starts; rethrows a network's exception; serves callers on several threads; stops when disposed.
/// </summary>
public class MultiCorePredictorTests
{
    /// <summary>Unrolled, loop-and-unrolled, all loops, and per-thread caches (WideMixedNet: each worker has its own).</summary>
    public static TheoryData<string, int> NetworksAndBatches()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { nameof(XorNet), nameof(DigitsShapedNet), nameof(AllLoopsNet), nameof(WideMixedNet) })
            foreach (int m in new[] { 0, 1, 2, 15, 16, 17, 33, 255, 256, 257, 1000 })
                data.Add(name, m);
        return data;
    }

    [Theory]
    [MemberData(nameof(NetworksAndBatches))]
    public void Shared_batches_give_the_network_s_own_outputs_bit_for_bit(string name, int m)
    {
        INetwork network = name == nameof(WideMixedNet) ? new WideMixedNet() : GeneratedNetworks.All[name]();
        network.Initialize(seed: 5);
        var inputs = TestData.Uniform(new Random(m), m * network.InputCount, 2);
        var expected = new float[m * network.OutputCount];
        network.PredictBatch(inputs, expected);

        foreach (int threads in new[] { 1, 2, 3, 4 })
        {
            using var shared = new MultiCorePredictor(network, threads, minimumExamplesPerThread: 1);
            var outputs = Enumerable.Repeat(float.NaN, m * network.OutputCount).ToArray();
            shared.PredictBatch(inputs, outputs);
            outputs.ShouldBe(expected, $"{name}, m = {m}, {threads} threads");
        }
    }

    [Fact]
    public void Bad_arguments_are_refused_by_name()
    {
        var network = new XorNet();
        Should.Throw<ArgumentNullException>(() => new MultiCorePredictor(null!)).ParamName.ShouldBe("network");
        Should.Throw<ArgumentOutOfRangeException>(() => new MultiCorePredictor(network, threads: 0)).ParamName.ShouldBe("threads");
        Should.Throw<ArgumentOutOfRangeException>(() => new MultiCorePredictor(network, minimumExamplesPerThread: 0)).ParamName.ShouldBe("minimumExamplesPerThread");

        using var shared = new MultiCorePredictor(network, threads: 2, minimumExamplesPerThread: 1);
        Should.Throw<ArgumentException>(() => shared.PredictBatch(new float[64], new float[31])).ParamName.ShouldBe("outputs");
        Should.Throw<ArgumentException>(() => shared.PredictBatch(new float[63], new float[31])).ParamName.ShouldBe("inputs");
        var both = new float[64];
        Should.Throw<ArgumentException>(() => shared.PredictBatch(both, both.AsSpan(0, 32))).ParamName.ShouldBe("outputs");
    }

    [Fact]
    public void An_exception_on_a_worker_reaches_the_caller_and_the_predictor_stays_usable()
    {
        var failing = new FailOnNegativeFirstInput(new XorNet());
        using var shared = new MultiCorePredictor(failing, threads: 2, minimumExamplesPerThread: 1);
        var inputs = new float[2 * 64];
        inputs[2 * 60] = -1f; // example 60: in the worker's half
        Should.Throw<InvalidOperationException>(() => shared.PredictBatch(inputs, new float[64])).Message.ShouldContain("negative");

        inputs[2 * 60] = 0f;
        shared.PredictBatch(inputs, new float[64]); // the next call runs as usual
    }

    [Fact]
    public void Callers_on_several_threads_each_get_their_own_outputs()
    {
        var network = new DigitsShapedNet();
        network.Initialize(seed: 2);
        using var shared = new MultiCorePredictor(network, threads: 2, minimumExamplesPerThread: 1);
        Parallel.For(0, 8, caller =>
        {
            var inputs = TestData.Uniform(new Random(caller), 100 * DigitsShapedNet.InputCount, 2);
            var expected = new float[100 * DigitsShapedNet.OutputCount];
            network.PredictBatch(inputs, expected);
            for (int repeat = 0; repeat < 20; repeat++)
            {
                var outputs = new float[expected.Length];
                shared.PredictBatch(inputs, outputs);
                outputs.ShouldBe(expected, $"caller {caller}");
            }
        });
    }

    [Fact]
    public void Small_batches_stay_on_the_calling_thread_and_a_disposed_predictor_refuses_calls()
    {
        var network = new XorNet();
        var shared = new MultiCorePredictor(network, threads: 4);
        shared.MinimumExamplesPerThread.ShouldBe((1 << 18) / XorNet.ParameterCount, "about 2^18 multiply-adds per thread");
        shared.Threads.ShouldBe(4);
        shared.Spec.ShouldBe(XorNet.Spec);
        shared.Dispose();
        shared.Dispose(); // twice is fine
        Should.Throw<ObjectDisposedException>(() => shared.PredictBatch(new float[2], new float[1]));
        Should.Throw<ObjectDisposedException>(() => shared.Predict(new float[2], new float[1]));
    }

    /// <summary>A network that throws for an example whose first input is negative, on whichever thread predicts it.</summary>
    private sealed class FailOnNegativeFirstInput(IPredictor inner) : IPredictor
    {
        public NetworkSpec Spec => inner.Spec;
        public int InputCount => inner.InputCount;
        public int OutputCount => inner.OutputCount;
        public void Predict(ReadOnlySpan<float> input, Span<float> output) => inner.Predict(input, output);

        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
        {
            for (int k = 0; k < inputs.Length; k += InputCount)
                if (inputs[k] < 0)
                    throw new InvalidOperationException("An example with a negative first input.");
            inner.PredictBatch(inputs, outputs);
        }
    }

    [Fact]
    public void A_call_allocates_nothing_once_warm_on_the_caller_or_the_workers()
    {
        var network = new DigitsShapedNet();
        network.Initialize(seed: 1);
        var recording = new AllocationRecorder(network);
        using var shared = new MultiCorePredictor(recording, threads: 3, minimumExamplesPerThread: 1);
        var inputs = TestData.Uniform(new Random(1), 300 * DigitsShapedNet.InputCount);
        var outputs = new float[300 * DigitsShapedNet.OutputCount];
        for (int warmUp = 0; warmUp < 200; warmUp++)
            shared.PredictBatch(inputs, outputs);

        var windows = new List<long>();
        for (int window = 0; window < 3 && (windows.Count == 0 || windows[^1] != 0); window++)
        {
            recording.Reset();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 100; call++)
                shared.PredictBatch(inputs, outputs);
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before + recording.Allocated);
        }
        recording.Threads.ShouldBe(3, "the caller and both workers predicted");
        windows[^1].ShouldBe(0, $"allocated {string.Join(", then ", windows)} bytes in windows of 100 calls");
    }
}
