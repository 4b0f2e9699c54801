namespace GenNet;

/// <summary>
/// Where each layer's weights and biases sit in the flat parameter vector: layer by layer,
/// <c>W[l]</c> row-major (<c>W[l][i, j]</c> at <c>WeightOffset(l) + i * n[l-1] + j</c>), then
/// <c>b[l]</c> (<c>b[l][i]</c> at <c>BiasOffset(l) + i</c>). Every engine uses this layout, so
/// parameters copy between engines unchanged.
/// </summary>
public sealed class ParameterLayout
{
    private readonly int[] weightOffsets;
    private readonly int[] biasOffsets;

    internal ParameterLayout(NetworkSpec spec)
    {
        int layerCount = spec.Layers.Count;
        weightOffsets = new int[layerCount + 1];
        biasOffsets = new int[layerCount + 1];
        int offset = 0;
        for (int l = 1; l <= layerCount; l++)
        {
            weightOffsets[l] = offset;
            offset = checked(offset + spec.UnitsOf(l) * spec.UnitsOf(l - 1));
            biasOffsets[l] = offset;
            offset = checked(offset + spec.UnitsOf(l));
        }
        ParameterCount = offset;
    }

    /// <summary>The total number of weights and biases.</summary>
    public int ParameterCount { get; }

    /// <summary>The index of <c>W[l][0, 0]</c>.</summary>
    /// <param name="l">The layer, 1 to <c>L</c>.</param>
    public int WeightOffset(int l) => weightOffsets[l];

    /// <summary>The index of <c>b[l][0]</c>.</summary>
    /// <param name="l">The layer, 1 to <c>L</c>.</param>
    public int BiasOffset(int l) => biasOffsets[l];
}
