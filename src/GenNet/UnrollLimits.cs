#if GENNET_GENERATOR
namespace GenNet.Generators.Model;
#else
namespace GenNet;
#endif

// Linked into the generator (GENNET_GENERATOR): the attribute's documented default and the
// parser's default are this one constant.

/// <summary>How much of a network the generator writes as straight-line code.</summary>
internal static class UnrollLimits
{
    /// <summary>
    /// The default <c>UnrollLimit</c>, chosen from the benchmarks (benchmarks/README.md): 1,040
    /// unrolled weights still beat loops, 1,620 make a training step twice as slow.
    /// </summary>
    public const int Default = 1024;
}
