using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GenNet.Benchmarks.Engines;

namespace GenNet.Benchmarks;

/// <summary>What every network benchmark shares.</summary>
public static class NetworkBenchmarks
{
    /// <summary>The seed of the benchmark networks' weights (written to the baked networks' files by <c>--write-weights</c>).</summary>
    public const int Seed = 1;
}

/// <summary>
/// Every engine on one network, on the same parameters and data. The dynamic engines are called
/// here, through <see cref="INetwork"/>; each derived class calls its generated network, and the
/// same network with its weights baked in (<typeparamref name="TBaked"/>), directly, as the concrete
/// classes. Within each operation the plain-loops engine is the baseline (Ratio 1).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public abstract class NetworkBenchmarks<TNetwork, TBaked>
    where TNetwork : class, INetwork, new()
    where TBaked : class, IPredictor, new()
{
    public const string Predict = "Predict", Batch = "PredictBatch m=256", Train1 = "TrainStep m=1", Train32 = "TrainStep m=32", Train256 = "TrainStep m=256";

    // Small enough that thousands of steps stay far from divergence.
    protected const float LearningRate = 1e-4f;

    protected TNetwork Generated = null!;
    protected TBaked Baked = null!;
    protected INetwork Reference = null!, Dynamic = null!, Tensor = null!;
    protected OnnxRuntimeEngine Onnx = null!;
    // Adam on the generated network, as Trainer runs it: ComputeGradients, then the vectorised update.
    protected TrainingStep AdamStep = null!;
    protected float[] Input = null!, Output = null!, BatchInputs = null!, BatchOutputs = null!;
    protected float[] Inputs1 = null!, Targets1 = null!, Inputs32 = null!, Targets32 = null!, Inputs256 = null!, Targets256 = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Every engine runs with the weights the baked network carries as constants.
        Baked = new TBaked();
        Generated = new TNetwork();
        BakedParameters.CopyTo(Generated.Parameters);
        var spec = Generated.Spec;
        Reference = new ReferenceNetwork(spec);
        Dynamic = new DynamicNetwork(spec);
        Tensor = new TensorPrimitivesNetwork(spec);
        foreach (var engine in new[] { Reference, Dynamic, Tensor })
            Generated.Parameters.CopyTo(engine.Parameters);

        var random = new Random(1);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] Labels(int count) => Enumerable.Range(0, count).Select(_ => (float)random.Next(2)).ToArray();
        Input = Values(spec.InputCount);
        Output = new float[spec.OutputCount];
        BatchInputs = Values(256 * spec.InputCount);
        BatchOutputs = new float[256 * spec.OutputCount];
        Inputs1 = Values(spec.InputCount);
        Targets1 = Labels(spec.OutputCount);
        Inputs32 = Values(32 * spec.InputCount);
        Targets32 = Labels(32 * spec.OutputCount);
        Inputs256 = Values(256 * spec.InputCount);
        Targets256 = Labels(256 * spec.OutputCount);
        Onnx = new OnnxRuntimeEngine(Generated, 256);
        AdamStep = new TrainingStep(spec, new Adam());
        Input.CopyTo(Onnx.Input, 0);
        BatchInputs.CopyTo(Onnx.BatchInputs, 0);
    }

    /// <summary>The baked network's constants (a static member of <typeparamref name="TBaked"/>), which every engine is given.</summary>
    protected abstract ReadOnlySpan<float> BakedParameters { get; }

    [GlobalCleanup]
    public void Cleanup() => Onnx.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory(Predict)] public void Predict_Loops() => Dynamic.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_TensorPrimitives() => Tensor.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Reference() => Reference.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_OnnxRuntime() => Onnx.Predict();

    [Benchmark(Baseline = true), BenchmarkCategory(Batch)] public void PredictBatch_Loops() => Dynamic.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_TensorPrimitives() => Tensor.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Reference() => Reference.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_OnnxRuntime() => Onnx.PredictBatch();

    [Benchmark(Baseline = true), BenchmarkCategory(Train1)] public float TrainStep1_Loops() => Dynamic.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_TensorPrimitives() => Tensor.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Reference() => Reference.TrainStep(Inputs1, Targets1, LearningRate);

    [Benchmark(Baseline = true), BenchmarkCategory(Train32)] public float TrainStep32_Loops() => Dynamic.TrainStep(Inputs32, Targets32, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_TensorPrimitives() => Tensor.TrainStep(Inputs32, Targets32, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Reference() => Reference.TrainStep(Inputs32, Targets32, LearningRate);

    [Benchmark(Baseline = true), BenchmarkCategory(Train256)] public float TrainStep256_Loops() => Dynamic.TrainStep(Inputs256, Targets256, LearningRate);
    [Benchmark, BenchmarkCategory(Train256)] public float TrainStep256_TensorPrimitives() => Tensor.TrainStep(Inputs256, Targets256, LearningRate);
}

// One class per network: the generated calls must name the concrete class to be direct calls.
// (A generic method over a class type runs shared code that calls through the interface.)

public class Net2x4x1Benchmarks : NetworkBenchmarks<Net2x4x1, Net2x4x1Baked>
{
    protected override ReadOnlySpan<float> BakedParameters => Net2x4x1Baked.Parameters;

    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Generated() => Generated.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Baked() => Baked.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Generated() => Generated.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Baked() => Baked.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Generated() => Generated.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Generated() => Generated.TrainStep(Inputs32, Targets32, LearningRate);
    [Benchmark, BenchmarkCategory(Train256)] public float TrainStep256_Generated() => Generated.TrainStep(Inputs256, Targets256, LearningRate);
}

public class Net8x16x1Benchmarks : NetworkBenchmarks<Net8x16x1, Net8x16x1Baked>
{
    protected override ReadOnlySpan<float> BakedParameters => Net8x16x1Baked.Parameters;

    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Generated() => Generated.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Baked() => Baked.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Generated() => Generated.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Baked() => Baked.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Generated() => Generated.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Generated() => Generated.TrainStep(Inputs32, Targets32, LearningRate);
    [Benchmark, BenchmarkCategory(Train256)] public float TrainStep256_Generated() => Generated.TrainStep(Inputs256, Targets256, LearningRate);
    // Beside the plain step above (issue 13's target: Adam at most 1.3× the plain step).
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Adam_Generated() => AdamStep.Take(Generated, Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Adam_Generated() => AdamStep.Take(Generated, Inputs32, Targets32, LearningRate);
}

public class Net16x32x16x1Benchmarks : NetworkBenchmarks<Net16x32x16x1, Net16x32x16x1Baked>
{
    protected override ReadOnlySpan<float> BakedParameters => Net16x32x16x1Baked.Parameters;

    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Generated() => Generated.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Baked() => Baked.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Generated() => Generated.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Baked() => Baked.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Generated() => Generated.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Generated() => Generated.TrainStep(Inputs32, Targets32, LearningRate);
    [Benchmark, BenchmarkCategory(Train256)] public float TrainStep256_Generated() => Generated.TrainStep(Inputs256, Targets256, LearningRate);
}

public class Net64x128x64x10Benchmarks : NetworkBenchmarks<Net64x128x64x10, Net64x128x64x10Baked>
{
    protected override ReadOnlySpan<float> BakedParameters => Net64x128x64x10Baked.Parameters;

    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Generated() => Generated.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Baked() => Baked.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Generated() => Generated.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Baked() => Baked.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Generated() => Generated.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Generated() => Generated.TrainStep(Inputs32, Targets32, LearningRate);
    [Benchmark, BenchmarkCategory(Train256)] public float TrainStep256_Generated() => Generated.TrainStep(Inputs256, Targets256, LearningRate);
    // Beside the plain step above (issue 13's target: Adam at most 1.3× the plain step).
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Adam_Generated() => AdamStep.Take(Generated, Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Adam_Generated() => AdamStep.Take(Generated, Inputs32, Targets32, LearningRate);
}

public class Net784x128x10Benchmarks : NetworkBenchmarks<Net784x128x10, Net784x128x10Baked>
{
    protected override ReadOnlySpan<float> BakedParameters => Net784x128x10Baked.Parameters;

    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Generated() => Generated.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Baked() => Baked.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Generated() => Generated.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Baked() => Baked.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Generated() => Generated.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Generated() => Generated.TrainStep(Inputs32, Targets32, LearningRate);
    [Benchmark, BenchmarkCategory(Train256)] public float TrainStep256_Generated() => Generated.TrainStep(Inputs256, Targets256, LearningRate);
}
