#if GENNET_GENERATOR
namespace GenNet.Generators.Model;
#else
namespace GenNet;
#endif

// Linked into the generator (GENNET_GENERATOR): the attribute's documented default and cap and the
// parser's are these constants.

/// <summary>How much of a network the generator writes as straight-line code.</summary>
internal static class UnrollLimits
{
    /// <summary>
    /// The default <c>UnrollLimit</c>, chosen from the benchmarks (benchmarks/README.md): 1,040
    /// unrolled weights still beat loops, 1,620 make a training step twice as slow.
    /// </summary>
    public const int Default = 1024;

    /// <summary>
    /// The most weights any <c>UnrollLimit</c> unrolls; a larger limit still makes every layer above it a
    /// loop (GN0021 says so where it matters). Measured with Roslyn in-process (one network of n inputs
    /// and an n-unit layer, all unrolled): 4,096 weights compile in 1.6 s and 160 MB of allocations,
    /// 16,384 in 14 s and 1 GB, 32,761 in 30 s and 3.4 GB, 65,536 in 53 s and 11 GB (the compiler ran
    /// out of memory there). The benchmarks find straight-line code slower than loops past about 1,600
    /// weights, so nothing is lost by stopping at 4,096.
    /// </summary>
    public const int Cap = 4096;
}
