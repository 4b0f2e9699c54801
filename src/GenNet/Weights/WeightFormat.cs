namespace GenNet;

/// <summary>The two forms of a GenNet weight file; both store the architecture with the parameters.</summary>
public enum WeightFormat
{
    /// <summary>
    /// Human-readable JSON: <c>{"format": "GenNet.Weights", "version": 1, "inputs": …, "layers": [{"units": …,
    /// "activation": …}, …], "loss": …, "parameters": […]}</c>, each parameter written so that it reads
    /// back to the same float.
    /// </summary>
    Json,

    /// <summary>
    /// Compact binary: the magic bytes <c>GNNW</c>, a version, the architecture, the parameters as
    /// float32 in the <see cref="INetwork.Parameters"/> layout, and a CRC-32 of all that precedes it.
    /// Every field is little-endian:
    /// <code>
    /// offset   size   field
    ///      0      4   magic "GNNW"
    ///      4      2   version (1)
    ///      6      2   reserved, 0
    ///      8      4   n[0], the input count (int32)
    ///     12      4   L, the layer count (int32)
    ///     16    8·L   per layer: n[l] (int32), activation (int32, the Activation value)
    ///      …      4   loss (int32, the Loss value)
    ///      …      4   P, the parameter count (int32)
    ///      …    4·P   the parameters (float32)
    ///      …      4   CRC-32 (zip's: polynomial 0xEDB88320) of every byte before it
    /// </code>
    /// </summary>
    Binary,
}
