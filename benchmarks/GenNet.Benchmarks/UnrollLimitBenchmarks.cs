using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace GenNet.Benchmarks;

/// <summary>
/// The same shapes emitted both ways — straight-line code and loops — to choose the default
/// unroll limit: 8-16-1 has layers of 128 and 16 weights (144 in all), 16-32-16-1 of 512, 512 and
/// 16 (1,040), 20-40-20-1 of 800, 800 and 20 (1,620), 24-48-24-1 of 1,152, 1,152 and 24 (2,328).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class UnrollLimitBenchmarks
{
    private readonly Shape small = new(new Net8x16x1(), new Net8x16x1Loops());
    private readonly Shape medium = new(new Net16x32x16x1Unrolled(), new Net16x32x16x1Loops());
    private readonly Shape large = new(new Net20x40x20x1Unrolled(), new Net20x40x20x1Loops());
    private readonly Shape larger = new(new Net24x48x24x1Unrolled(), new Net24x48x24x1Loops());

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        foreach (var shape in new[] { small, medium, large, larger })
            shape.Prepare(random);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("8-16-1 Predict")] public void Small_Predict_Unrolled() => small.Predict(small.Unrolled);
    [Benchmark, BenchmarkCategory("8-16-1 Predict")] public void Small_Predict_Loops() => small.Predict(small.Loops);
    [Benchmark(Baseline = true), BenchmarkCategory("8-16-1 TrainStep m=32")] public float Small_Train_Unrolled() => small.Train(small.Unrolled);
    [Benchmark, BenchmarkCategory("8-16-1 TrainStep m=32")] public float Small_Train_Loops() => small.Train(small.Loops);
    [Benchmark(Baseline = true), BenchmarkCategory("16-32-16-1 Predict")] public void Medium_Predict_Unrolled() => medium.Predict(medium.Unrolled);
    [Benchmark, BenchmarkCategory("16-32-16-1 Predict")] public void Medium_Predict_Loops() => medium.Predict(medium.Loops);
    [Benchmark(Baseline = true), BenchmarkCategory("16-32-16-1 TrainStep m=32")] public float Medium_Train_Unrolled() => medium.Train(medium.Unrolled);
    [Benchmark, BenchmarkCategory("16-32-16-1 TrainStep m=32")] public float Medium_Train_Loops() => medium.Train(medium.Loops);
    [Benchmark(Baseline = true), BenchmarkCategory("20-40-20-1 Predict")] public void Large_Predict_Unrolled() => large.Predict(large.Unrolled);
    [Benchmark, BenchmarkCategory("20-40-20-1 Predict")] public void Large_Predict_Loops() => large.Predict(large.Loops);
    [Benchmark(Baseline = true), BenchmarkCategory("20-40-20-1 TrainStep m=32")] public float Large_Train_Unrolled() => large.Train(large.Unrolled);
    [Benchmark, BenchmarkCategory("20-40-20-1 TrainStep m=32")] public float Large_Train_Loops() => large.Train(large.Loops);
    [Benchmark(Baseline = true), BenchmarkCategory("24-48-24-1 Predict")] public void Larger_Predict_Unrolled() => larger.Predict(larger.Unrolled);
    [Benchmark, BenchmarkCategory("24-48-24-1 Predict")] public void Larger_Predict_Loops() => larger.Predict(larger.Loops);
    [Benchmark(Baseline = true), BenchmarkCategory("24-48-24-1 TrainStep m=32")] public float Larger_Train_Unrolled() => larger.Train(larger.Unrolled);
    [Benchmark, BenchmarkCategory("24-48-24-1 TrainStep m=32")] public float Larger_Train_Loops() => larger.Train(larger.Loops);

    /// <summary>
    /// One shape emitted both ways, on the same parameters and data. The networks are called
    /// through <see cref="INetwork"/>: one interface call costs the same for both, and the
    /// comparison is between the methods behind it.
    /// </summary>
    private sealed class Shape(INetwork unrolled, INetwork loops)
    {
        private float[] input = null!, batch = null!, targets = null!, output = null!;

        public INetwork Unrolled { get; } = unrolled;

        public INetwork Loops { get; } = loops;

        public void Prepare(Random random)
        {
            float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            Unrolled.Initialize(1);
            Unrolled.Parameters.CopyTo(Loops.Parameters);
            input = Values(Unrolled.InputCount);
            batch = Values(32 * Unrolled.InputCount);
            targets = Values(32).Select(v => v > 0 ? 1f : 0f).ToArray();
            output = new float[Unrolled.OutputCount];
        }

        public void Predict(INetwork network) => network.Predict(input, output);

        public float Train(INetwork network) => network.TrainStep(batch, targets, 1e-4f);
    }
}
