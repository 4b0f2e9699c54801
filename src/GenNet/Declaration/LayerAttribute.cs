namespace GenNet;

/// <summary>
/// One fully connected layer of a <see cref="NetworkAttribute"/> network. Layers are taken in
/// source order: the first is hidden layer 1, the last is the output layer <c>L</c>. Put all of a
/// class's layers on one declaration of it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerAttribute : Attribute
{
    /// <summary>Declares a layer of <paramref name="units"/> units with activation <paramref name="activation"/>.</summary>
    /// <param name="units">The number of units, <c>n[l]</c>; at least 1.</param>
    /// <param name="activation">The activation <c>g[l]</c>.</param>
    public LayerAttribute(int units, Activation activation)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of units, <c>n[l]</c>.</summary>
    public int Units { get; }

    /// <summary>The activation <c>g[l]</c>.</summary>
    public Activation Activation { get; }
}
