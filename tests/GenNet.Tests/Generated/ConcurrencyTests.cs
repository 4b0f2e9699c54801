namespace GenNet.Tests.Generated;

/// <summary>
/// Many threads predicting with one instance get exactly the outputs one thread gets: prediction keeps
/// its per-example values on the stack or in per-thread arrays, never in the instance, whatever the size.
/// </summary>
public class ConcurrencyTests
{
    /// <summary>A network, set up (initialised or loaded) and ready to predict.</summary>
    public sealed record SharedNetwork(string Name, Func<IPredictor> Create)
    {
        public override string ToString() => Name;
    }

    private static Func<IPredictor> Initialized(Func<INetwork> create) => () =>
    {
        var network = create();
        network.Initialize(seed: 7);
        return network;
    };

    public static TheoryData<SharedNetwork> Networks =>
    [
        new SharedNetwork("loop layer with per-thread caches (2048 units)", Initialized(() => new WideLoopNet())),
        new SharedNetwork("loop layer with per-thread caches (1500 units)", Initialized(() => new ScratchCacheNet())),
        new SharedNetwork("mixed, per-thread caches", Initialized(() => new WideMixedNet())),
        new SharedNetwork("mixed, stack caches", Initialized(() => new MixedStrategyNet())),
        new SharedNetwork("fully unrolled", Initialized(() => new DeepMixedNet())),
        new SharedNetwork("every layer a loop", Initialized(() => new AllLoopsNet())),
        new SharedNetwork("baked, per-thread caches", () => new Baked.BakedWideNet()),
        new SharedNetwork("baked, mixed", () => new Baked.BakedMixedNet()),
    ];

    [Theory]
    [MemberData(nameof(Networks))]
    public void Concurrent_predictions_are_bit_identical_to_single_threaded_ones(SharedNetwork @case)
    {
        var network = @case.Create();
        const int examples = 64, threads = 8, rounds = 40;
        var inputs = TestData.Uniform(new Random(9), examples * network.InputCount, scale: 2);
        var expected = new float[examples * network.OutputCount];
        network.PredictBatch(inputs, expected);
        // Predict one at a time, apart from the batch: a loop layer's batch kernel sums in another order.
        var expectedOne = new float[expected.Length];
        for (int i = 0; i < examples; i++)
            network.Predict(inputs.AsSpan(i * network.InputCount, network.InputCount), expectedOne.AsSpan(i * network.OutputCount, network.OutputCount));

        int wrong = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var output = new float[network.OutputCount];
            var batch = new float[expected.Length];
            start.SignalAndWait();
            for (int round = 0; round < rounds; round++)
            {
                // Each thread walks the examples from a different start, so threads overlap on different inputs.
                for (int k = 0; k < examples; k++)
                {
                    int i = (k + t * 7) % examples;
                    network.Predict(inputs.AsSpan(i * network.InputCount, network.InputCount), output);
                    if (!output.AsSpan().SequenceEqual(expectedOne.AsSpan(i * network.OutputCount, network.OutputCount)))
                        Interlocked.Increment(ref wrong);
                }
                network.PredictBatch(inputs, batch);
                if (!batch.AsSpan().SequenceEqual(expected))
                    Interlocked.Increment(ref wrong);
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());

        wrong.ShouldBe(0, $"{wrong} of {threads * rounds * (examples + 1)} predictions differed from the single-threaded ones");
    }
}
