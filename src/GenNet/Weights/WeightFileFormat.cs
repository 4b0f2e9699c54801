#if GENNET_GENERATOR
namespace GenNet.Generators.Weights;
#else
namespace GenNet;
#endif

// Linked into the generator (GENNET_GENERATOR), whose weight file reader checks the same name and
// version that the runtime writes.

/// <summary>The identity of a GenNet weight file: the format name its JSON form carries, and the version of both forms.</summary>
internal static class WeightFileFormat
{
    /// <summary>The <c>"format"</c> of the JSON form.</summary>
    public const string Name = "GenNet.Weights";

    /// <summary>The format version written and read; a reader refuses any other.</summary>
    public const ushort Version = 1;
}
