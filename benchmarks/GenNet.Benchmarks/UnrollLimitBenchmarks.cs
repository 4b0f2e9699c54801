using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace GenNet.Benchmarks;

/// <summary>
/// The same shapes emitted both ways — straight-line code and loops — to choose the default
/// unroll limit: 8-16-1 has layers of 128 and 16 weights, 16-32-16-1 of 512, 512 and 16.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class UnrollLimitBenchmarks
{
    private readonly Net8x16x1 small = new();
    private readonly Net8x16x1Loops smallLoops = new();
    private readonly Net16x32x16x1Unrolled mediumUnrolled = new();
    private readonly Net16x32x16x1Loops mediumLoops = new();
    private float[] smallInput = null!, smallBatch = null!, smallTargets = null!, mediumInput = null!, mediumBatch = null!, mediumTargets = null!;
    private readonly float[] output = new float[1];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        small.Initialize(1);
        small.Parameters.CopyTo(smallLoops.Parameters);
        mediumUnrolled.Initialize(1);
        mediumUnrolled.Parameters.CopyTo(mediumLoops.Parameters);
        smallInput = Values(8);
        smallBatch = Values(32 * 8);
        smallTargets = Values(32).Select(v => v > 0 ? 1f : 0f).ToArray();
        mediumInput = Values(16);
        mediumBatch = Values(32 * 16);
        mediumTargets = Values(32).Select(v => v > 0 ? 1f : 0f).ToArray();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("8-16-1 Predict")] public void Small_Predict_Unrolled() => small.Predict(smallInput, output);
    [Benchmark, BenchmarkCategory("8-16-1 Predict")] public void Small_Predict_Loops() => smallLoops.Predict(smallInput, output);
    [Benchmark(Baseline = true), BenchmarkCategory("8-16-1 TrainStep m=32")] public float Small_Train_Unrolled() => small.TrainStep(smallBatch, smallTargets, 1e-4f);
    [Benchmark, BenchmarkCategory("8-16-1 TrainStep m=32")] public float Small_Train_Loops() => smallLoops.TrainStep(smallBatch, smallTargets, 1e-4f);
    [Benchmark(Baseline = true), BenchmarkCategory("16-32-16-1 Predict")] public void Medium_Predict_Unrolled() => mediumUnrolled.Predict(mediumInput, output);
    [Benchmark, BenchmarkCategory("16-32-16-1 Predict")] public void Medium_Predict_Loops() => mediumLoops.Predict(mediumInput, output);
    [Benchmark(Baseline = true), BenchmarkCategory("16-32-16-1 TrainStep m=32")] public float Medium_Train_Unrolled() => mediumUnrolled.TrainStep(mediumBatch, mediumTargets, 1e-4f);
    [Benchmark, BenchmarkCategory("16-32-16-1 TrainStep m=32")] public float Medium_Train_Loops() => mediumLoops.TrainStep(mediumBatch, mediumTargets, 1e-4f);
}
