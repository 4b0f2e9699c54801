namespace GenNet;

/// <summary>One fully connected layer: <c>n[l]</c> units and the activation <c>g[l]</c>.</summary>
/// <param name="Units">The number of units, <c>n[l]</c>; at least 1.</param>
/// <param name="Activation">The activation <c>g[l]</c>.</param>
public readonly record struct LayerSpec(int Units, Activation Activation)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Units} {Activation}";
}
