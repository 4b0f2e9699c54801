using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GenNet.CompilerServices;

namespace GenNet.Benchmarks;

/// <summary>
/// The vectorised activations that generated code calls, at each width, over 4,096 floats: the cost of
/// σ, tanh and the softmax's e^x per float, and what a change to how they are written (one text for
/// every width) does to it. The inputs are pre-activations of a trained-looking layer, in [-5, 5].
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ActivationBenchmarks
{
    private const int Count = 4096;

    private readonly float[] z = new float[Count], nonPositive = new float[Count], a = new float[Count];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(NetworkBenchmarks.Seed);
        for (int k = 0; k < Count; k++)
        {
            z[k] = (float)(random.NextDouble() * 10 - 5);
            nonPositive[k] = -Math.Abs(z[k]);
        }
    }

    [Benchmark, BenchmarkCategory("Tanh")] public void Tanh_128() => Apply128<TanhOperation>(z, a);
    [Benchmark, BenchmarkCategory("Tanh")] public void Tanh_256() => Apply256<TanhOperation>(z, a);
    [Benchmark, BenchmarkCategory("Tanh")] public void Tanh_512() => Apply512<TanhOperation>(z, a);
    [Benchmark, BenchmarkCategory("Sigmoid")] public void Sigmoid_128() => Apply128<SigmoidOperation>(z, a);
    [Benchmark, BenchmarkCategory("Sigmoid")] public void Sigmoid_256() => Apply256<SigmoidOperation>(z, a);
    [Benchmark, BenchmarkCategory("Sigmoid")] public void Sigmoid_512() => Apply512<SigmoidOperation>(z, a);
    [Benchmark, BenchmarkCategory("Exp")] public void ExpOfNonPositive_128() => Apply128<ExpOperation>(nonPositive, a);
    [Benchmark, BenchmarkCategory("Exp")] public void ExpOfNonPositive_256() => Apply256<ExpOperation>(nonPositive, a);
    [Benchmark, BenchmarkCategory("Exp")] public void ExpOfNonPositive_512() => Apply512<ExpOperation>(nonPositive, a);

    /// <summary>One activation at the three widths generated code calls it at.</summary>
    private interface IOperation
    {
        static abstract Vector128<float> Invoke(Vector128<float> x);
        static abstract Vector256<float> Invoke(Vector256<float> x);
        static abstract Vector512<float> Invoke(Vector512<float> x);
    }

    private readonly struct TanhOperation : IOperation
    {
        public static Vector128<float> Invoke(Vector128<float> x) => VectorActivations.Tanh(x);
        public static Vector256<float> Invoke(Vector256<float> x) => VectorActivations.Tanh<Vector256<float>, Lanes8>(x);
        public static Vector512<float> Invoke(Vector512<float> x) => VectorActivations.Tanh<Vector512<float>, Lanes16>(x);
    }

    private readonly struct SigmoidOperation : IOperation
    {
        public static Vector128<float> Invoke(Vector128<float> x) => VectorActivations.Sigmoid(x);
        public static Vector256<float> Invoke(Vector256<float> x) => VectorActivations.Sigmoid<Vector256<float>, Lanes8>(x);
        public static Vector512<float> Invoke(Vector512<float> x) => VectorActivations.Sigmoid<Vector512<float>, Lanes16>(x);
    }

    private readonly struct ExpOperation : IOperation
    {
        public static Vector128<float> Invoke(Vector128<float> x) => VectorActivations.ExpOfNonPositive(x);
        public static Vector256<float> Invoke(Vector256<float> x) => VectorActivations.ExpOfNonPositive<Vector256<float>, Lanes8>(x);
        public static Vector512<float> Invoke(Vector512<float> x) => VectorActivations.ExpOfNonPositive<Vector512<float>, Lanes16>(x);
    }

    // One loop per width, as a caller of the public forms writes it (the benchmarks see no internals).
    private static void Apply128<TOperation>(float[] input, float[] output) where TOperation : struct, IOperation
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(input);
        ref float y = ref MemoryMarshal.GetArrayDataReference(output);
        for (nuint k = 0; k < Count; k += (nuint)Vector128<float>.Count)
            TOperation.Invoke(Vector128.LoadUnsafe(ref x, k)).StoreUnsafe(ref y, k);
    }

    private static void Apply256<TOperation>(float[] input, float[] output) where TOperation : struct, IOperation
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(input);
        ref float y = ref MemoryMarshal.GetArrayDataReference(output);
        for (nuint k = 0; k < Count; k += (nuint)Vector256<float>.Count)
            TOperation.Invoke(Vector256.LoadUnsafe(ref x, k)).StoreUnsafe(ref y, k);
    }

    private static void Apply512<TOperation>(float[] input, float[] output) where TOperation : struct, IOperation
    {
        ref float x = ref MemoryMarshal.GetArrayDataReference(input);
        ref float y = ref MemoryMarshal.GetArrayDataReference(output);
        for (nuint k = 0; k < Count; k += (nuint)Vector512<float>.Count)
            TOperation.Invoke(Vector512.LoadUnsafe(ref x, k)).StoreUnsafe(ref y, k);
    }
}
