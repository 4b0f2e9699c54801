using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace GenNet.Benchmarks;

/// <summary>
/// The fp32 multiply-add peak of one core, measured rather than taken from a data sheet (the VM does
/// not say how far the core boosts): twelve independent sums of the widest vector, enough to fill
/// every multiply-add pipe through its latency, and nothing else in the loop that matters. GFLOP/s =
/// <see cref="FlopsPerCall"/> / the mean time; benchmarks/README.md divides a kernel's rate by it.
/// </summary>
[MemoryDiagnoser]
public class FmaPeakBenchmarks
{
    private const int Iterations = 100_000;
    private const int Sums = 12;

    /// <summary>Two floating-point operations per lane per multiply-add.</summary>
    public static long FlopsPerCall => 2L * Iterations * Sums * (Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 4);

    private float factor = 0.999f, addend = 1e-3f;

    [Benchmark]
    public float MultiplyAdd_Peak() =>
        Vector512.IsHardwareAccelerated ? Run512() : Vector256.IsHardwareAccelerated ? Run256() : Run128();

    private float Run512()
    {
        var a = Vector512.Create(factor);
        var b = Vector512.Create(addend);
        Vector512<float> s0 = b, s1 = b, s2 = b, s3 = b, s4 = b, s5 = b, s6 = b, s7 = b, s8 = b, s9 = b, s10 = b, s11 = b;
        for (int i = 0; i < Iterations; i++)
        {
            s0 = Vector512.FusedMultiplyAdd(s0, a, b); s1 = Vector512.FusedMultiplyAdd(s1, a, b); s2 = Vector512.FusedMultiplyAdd(s2, a, b);
            s3 = Vector512.FusedMultiplyAdd(s3, a, b); s4 = Vector512.FusedMultiplyAdd(s4, a, b); s5 = Vector512.FusedMultiplyAdd(s5, a, b);
            s6 = Vector512.FusedMultiplyAdd(s6, a, b); s7 = Vector512.FusedMultiplyAdd(s7, a, b); s8 = Vector512.FusedMultiplyAdd(s8, a, b);
            s9 = Vector512.FusedMultiplyAdd(s9, a, b); s10 = Vector512.FusedMultiplyAdd(s10, a, b); s11 = Vector512.FusedMultiplyAdd(s11, a, b);
        }
        return Vector512.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11);
    }

    private float Run256()
    {
        var a = Vector256.Create(factor);
        var b = Vector256.Create(addend);
        Vector256<float> s0 = b, s1 = b, s2 = b, s3 = b, s4 = b, s5 = b, s6 = b, s7 = b, s8 = b, s9 = b, s10 = b, s11 = b;
        for (int i = 0; i < Iterations; i++)
        {
            s0 = Vector256.FusedMultiplyAdd(s0, a, b); s1 = Vector256.FusedMultiplyAdd(s1, a, b); s2 = Vector256.FusedMultiplyAdd(s2, a, b);
            s3 = Vector256.FusedMultiplyAdd(s3, a, b); s4 = Vector256.FusedMultiplyAdd(s4, a, b); s5 = Vector256.FusedMultiplyAdd(s5, a, b);
            s6 = Vector256.FusedMultiplyAdd(s6, a, b); s7 = Vector256.FusedMultiplyAdd(s7, a, b); s8 = Vector256.FusedMultiplyAdd(s8, a, b);
            s9 = Vector256.FusedMultiplyAdd(s9, a, b); s10 = Vector256.FusedMultiplyAdd(s10, a, b); s11 = Vector256.FusedMultiplyAdd(s11, a, b);
        }
        return Vector256.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11);
    }

    private float Run128()
    {
        var a = Vector128.Create(factor);
        var b = Vector128.Create(addend);
        Vector128<float> s0 = b, s1 = b, s2 = b, s3 = b, s4 = b, s5 = b, s6 = b, s7 = b, s8 = b, s9 = b, s10 = b, s11 = b;
        for (int i = 0; i < Iterations; i++)
        {
            s0 = Vector128.FusedMultiplyAdd(s0, a, b); s1 = Vector128.FusedMultiplyAdd(s1, a, b); s2 = Vector128.FusedMultiplyAdd(s2, a, b);
            s3 = Vector128.FusedMultiplyAdd(s3, a, b); s4 = Vector128.FusedMultiplyAdd(s4, a, b); s5 = Vector128.FusedMultiplyAdd(s5, a, b);
            s6 = Vector128.FusedMultiplyAdd(s6, a, b); s7 = Vector128.FusedMultiplyAdd(s7, a, b); s8 = Vector128.FusedMultiplyAdd(s8, a, b);
            s9 = Vector128.FusedMultiplyAdd(s9, a, b); s10 = Vector128.FusedMultiplyAdd(s10, a, b); s11 = Vector128.FusedMultiplyAdd(s11, a, b);
        }
        return Vector128.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11);
    }
}
