using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GenNet.Benchmarks.Engines;

namespace GenNet.Benchmarks;

/// <summary>
/// Every engine on one network, on the same parameters and data. The dynamic engines are called
/// here, through <see cref="INetwork"/>; each derived class calls its generated network directly,
/// as the concrete class. Within each operation the plain-loops engine is the baseline (Ratio 1).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public abstract class NetworkBenchmarks<TNetwork>
    where TNetwork : class, INetwork, new()
{
    public const string Predict = "Predict", Batch = "PredictBatch m=256", Train1 = "TrainStep m=1", Train32 = "TrainStep m=32";

    // Small enough that thousands of steps stay far from divergence.
    protected const float LearningRate = 1e-4f;

    protected TNetwork Generated = null!;
    protected INetwork Reference = null!, Dynamic = null!, Tensor = null!;
    protected OnnxRuntimeEngine Onnx = null!;
    protected float[] Input = null!, Output = null!, BatchInputs = null!, BatchOutputs = null!;
    protected float[] Inputs1 = null!, Targets1 = null!, Inputs32 = null!, Targets32 = null!;

    [GlobalSetup]
    public void Setup()
    {
        Generated = new TNetwork();
        Generated.Initialize(seed: 1);
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
        Onnx = new OnnxRuntimeEngine(Generated, 256);
        Input.CopyTo(Onnx.Input, 0);
        BatchInputs.CopyTo(Onnx.BatchInputs, 0);
    }

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
}

// One class per network: the generated calls must name the concrete class to be direct calls.
// (A generic method over a class type runs shared code that calls through the interface.)

public class Net2x4x1Benchmarks : NetworkBenchmarks<Net2x4x1>
{
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Generated() => Generated.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Generated() => Generated.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Generated() => Generated.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Generated() => Generated.TrainStep(Inputs32, Targets32, LearningRate);
}

public class Net8x16x1Benchmarks : NetworkBenchmarks<Net8x16x1>
{
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Generated() => Generated.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Generated() => Generated.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Generated() => Generated.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Generated() => Generated.TrainStep(Inputs32, Targets32, LearningRate);
}

public class Net16x32x16x1Benchmarks : NetworkBenchmarks<Net16x32x16x1>
{
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Generated() => Generated.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Generated() => Generated.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Generated() => Generated.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Generated() => Generated.TrainStep(Inputs32, Targets32, LearningRate);
}

public class Net64x128x64x10Benchmarks : NetworkBenchmarks<Net64x128x64x10>
{
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Generated() => Generated.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Generated() => Generated.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Generated() => Generated.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Generated() => Generated.TrainStep(Inputs32, Targets32, LearningRate);
}

public class Net784x128x10Benchmarks : NetworkBenchmarks<Net784x128x10>
{
    [Benchmark, BenchmarkCategory(Predict)] public void Predict_Generated() => Generated.Predict(Input, Output);
    [Benchmark, BenchmarkCategory(Batch)] public void PredictBatch_Generated() => Generated.PredictBatch(BatchInputs, BatchOutputs);
    [Benchmark, BenchmarkCategory(Train1)] public float TrainStep1_Generated() => Generated.TrainStep(Inputs1, Targets1, LearningRate);
    [Benchmark, BenchmarkCategory(Train32)] public float TrainStep32_Generated() => Generated.TrainStep(Inputs32, Targets32, LearningRate);
}
