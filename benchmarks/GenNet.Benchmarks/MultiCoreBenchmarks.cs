using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace GenNet.Benchmarks;

/// <summary>
/// <see cref="MultiCorePredictor"/> against the generated network's own <c>PredictBatch</c> (the baseline) on
/// the largest benchmark networks, for a batch of 256 and of 4,096 examples, on every core of the machine;
/// and <see cref="MultiCoreNetwork"/>'s <c>TrainStep</c> of such a batch against the generated network's.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MultiCoreBenchmarks
{
    private readonly Net784x128x10 mnist = new();
    private readonly Net64x128x64x10 deep = new();
    private MultiCorePredictor mnistShared = null!, deepShared = null!;
    private MultiCoreNetwork mnistTrainer = null!;
    private float[] mnistTargets = null!;
    private float[] mnistInputs = null!, mnistOutputs = null!, deepInputs = null!, deepOutputs = null!;

    [Params(256, 4096)]
    public int M { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(NetworkBenchmarks.Seed);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        mnist.Initialize(NetworkBenchmarks.Seed);
        deep.Initialize(NetworkBenchmarks.Seed);
        mnistShared = new MultiCorePredictor(mnist);
        deepShared = new MultiCorePredictor(deep);
        (mnistInputs, mnistOutputs) = (Values(M * Net784x128x10.InputCount), new float[M * Net784x128x10.OutputCount]);
        (deepInputs, deepOutputs) = (Values(M * Net64x128x64x10.InputCount), new float[M * Net64x128x64x10.OutputCount]);
        mnistTargets = Enumerable.Range(0, M * Net784x128x10.OutputCount).Select(_ => (float)random.Next(2)).ToArray();
        mnistTrainer = new MultiCoreNetwork(() => new Net784x128x10());
        mnist.Parameters.CopyTo(mnistTrainer.Parameters);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        mnistShared.Dispose();
        deepShared.Dispose();
        mnistTrainer.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("784-128-10")] public void Mnist_OneCore() => mnist.PredictBatch(mnistInputs, mnistOutputs);
    [Benchmark, BenchmarkCategory("784-128-10")] public void Mnist_EveryCore() => mnistShared.PredictBatch(mnistInputs, mnistOutputs);
    // Tiny steps, so that thousands of them stay far from divergence.
    [Benchmark(Baseline = true), BenchmarkCategory("784-128-10 TrainStep")] public float MnistTrain_OneCore() => mnist.TrainStep(mnistInputs, mnistTargets, 1e-5f);
    [Benchmark, BenchmarkCategory("784-128-10 TrainStep")] public float MnistTrain_EveryCore() => mnistTrainer.TrainStep(mnistInputs, mnistTargets, 1e-5f);
    [Benchmark(Baseline = true), BenchmarkCategory("64-128-64-10")] public void Deep_OneCore() => deep.PredictBatch(deepInputs, deepOutputs);
    [Benchmark, BenchmarkCategory("64-128-64-10")] public void Deep_EveryCore() => deepShared.PredictBatch(deepInputs, deepOutputs);
}
