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
    /// Compact little-endian binary: the magic bytes <c>GNNW</c>, a version, the architecture, the
    /// parameters as float32 in the <see cref="INetwork.Parameters"/> layout, and a CRC-32 of all that
    /// precedes it. The layout is documented on <see cref="NetworkWeights"/>.
    /// </summary>
    Binary,
}
