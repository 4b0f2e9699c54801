using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GenNet.Benchmarks.Engines;

namespace GenNet.Benchmarks;

// Classifiers of the multi-class kind (the Iris and digits shapes), each with a softmax output and, for
// comparison, the same layers with sigmoid outputs: what the softmax costs over an elementwise output.

[Network(4, Init = Init.Small)]
[Layer(8, Activation.ReLU)]
[Layer(3, Activation.Softmax)]
public partial class Softmax4x8x3;

[Network(4, Init = Init.Small)]
[Layer(8, Activation.ReLU)]
[Layer(3, Activation.Sigmoid)]
public partial class Sigmoid4x8x3;

[Network(64, Init = Init.Small)]
[Layer(32, Activation.ReLU)]
[Layer(10, Activation.Softmax)]
public partial class Softmax64x32x10;

[Network(64, Init = Init.Small)]
[Layer(32, Activation.ReLU)]
[Layer(10, Activation.Sigmoid)]
public partial class Sigmoid64x32x10;

/// <summary>
/// Predict of one example with a softmax output: the generated class against the plain-loops engine
/// (the baseline), <c>TensorPrimitives</c>, ONNX Runtime, and the generated class with sigmoid outputs.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SoftmaxBenchmarks
{
    private const string Iris = "Predict 4-8-3", Digits = "Predict 64-32-10";

    private readonly Softmax4x8x3 irisSoftmax = new();
    private readonly Sigmoid4x8x3 irisSigmoid = new();
    private readonly Softmax64x32x10 digitsSoftmax = new();
    private readonly Sigmoid64x32x10 digitsSigmoid = new();
    private INetwork irisLoops = null!, irisTensor = null!, digitsLoops = null!, digitsTensor = null!;
    private OnnxRuntimeEngine irisOnnx = null!, digitsOnnx = null!;
    private float[] irisInput = null!, digitsInput = null!;
    private readonly float[] irisOutput = new float[3], digitsOutput = new float[10];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(NetworkBenchmarks.Seed);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        irisSoftmax.Initialize(NetworkBenchmarks.Seed);
        irisSoftmax.Parameters.CopyTo(irisSigmoid.Parameters);
        digitsSoftmax.Initialize(NetworkBenchmarks.Seed);
        digitsSoftmax.Parameters.CopyTo(digitsSigmoid.Parameters);
        (irisLoops, irisTensor) = (Copy(new DynamicNetwork(Softmax4x8x3.Spec), irisSoftmax), Copy(new TensorPrimitivesNetwork(Softmax4x8x3.Spec), irisSoftmax));
        (digitsLoops, digitsTensor) = (Copy(new DynamicNetwork(Softmax64x32x10.Spec), digitsSoftmax), Copy(new TensorPrimitivesNetwork(Softmax64x32x10.Spec), digitsSoftmax));
        irisInput = Values(4);
        digitsInput = Values(64);
        irisOnnx = new OnnxRuntimeEngine(irisSoftmax, 1);
        digitsOnnx = new OnnxRuntimeEngine(digitsSoftmax, 1);
        irisInput.CopyTo(irisOnnx.Input, 0);
        digitsInput.CopyTo(digitsOnnx.Input, 0);
    }

    private static INetwork Copy(INetwork engine, INetwork from)
    {
        from.Parameters.CopyTo(engine.Parameters);
        return engine;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        irisOnnx.Dispose();
        digitsOnnx.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Iris)] public void Iris_Loops() => irisLoops.Predict(irisInput, irisOutput);
    [Benchmark, BenchmarkCategory(Iris)] public void Iris_TensorPrimitives() => irisTensor.Predict(irisInput, irisOutput);
    [Benchmark, BenchmarkCategory(Iris)] public void Iris_OnnxRuntime() => irisOnnx.Predict();
    [Benchmark, BenchmarkCategory(Iris)] public void Iris_Generated() => irisSoftmax.Predict(irisInput, irisOutput);
    [Benchmark, BenchmarkCategory(Iris)] public void Iris_Generated_SigmoidOutputs() => irisSigmoid.Predict(irisInput, irisOutput);

    [Benchmark(Baseline = true), BenchmarkCategory(Digits)] public void Digits_Loops() => digitsLoops.Predict(digitsInput, digitsOutput);
    [Benchmark, BenchmarkCategory(Digits)] public void Digits_TensorPrimitives() => digitsTensor.Predict(digitsInput, digitsOutput);
    [Benchmark, BenchmarkCategory(Digits)] public void Digits_OnnxRuntime() => digitsOnnx.Predict();
    [Benchmark, BenchmarkCategory(Digits)] public void Digits_Generated() => digitsSoftmax.Predict(digitsInput, digitsOutput);
    [Benchmark, BenchmarkCategory(Digits)] public void Digits_Generated_SigmoidOutputs() => digitsSigmoid.Predict(digitsInput, digitsOutput);
}
