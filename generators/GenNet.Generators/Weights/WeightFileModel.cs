using GenNet.Generators.Model;

namespace GenNet.Generators.Weights;

/// <summary>Whether an additional file could be read as a weight file.</summary>
internal enum WeightFileStatus
{
    /// <summary>A GenNet JSON weight file, read and checked.</summary>
    Read,

    /// <summary>Listed as an additional file, but the compiler could not read it (it does not exist on disk).</summary>
    Missing,

    /// <summary>Read, but not a GenNet JSON weight file this generator understands; <see cref="WeightFileModel.Problem"/> says why.</summary>
    Unreadable,
}

/// <summary>One layer as a weight file describes it.</summary>
internal readonly record struct LayerShape(int Units, Activation Activation);

/// <summary>
/// An additional file read as a weight file, as plain values: the parse stage of the
/// <c>Weights = "…"</c> feature, run once per file and cached until the file changes.
/// </summary>
/// <param name="Path">The file's path as the compiler lists it.</param>
/// <param name="Status">Whether it was read.</param>
/// <param name="Problem">Why it is <see cref="WeightFileStatus.Unreadable"/>; empty otherwise.</param>
/// <param name="Inputs">The file's <c>n[0]</c>.</param>
/// <param name="Layers">The file's layers.</param>
/// <param name="Parameters">The weights and biases in the <c>INetwork.Parameters</c> layout, all finite.</param>
internal sealed record WeightFileModel(
    string Path, WeightFileStatus Status, string Problem, int Inputs, EquatableArray<LayerShape> Layers, EquatableArray<float> Parameters)
{
    public static WeightFileModel Missing(string path) =>
        new(path, WeightFileStatus.Missing, "", 0, EquatableArray<LayerShape>.Empty, EquatableArray<float>.Empty);

    public static WeightFileModel Unreadable(string path, string problem) =>
        new(path, WeightFileStatus.Unreadable, problem, 0, EquatableArray<LayerShape>.Empty, EquatableArray<float>.Empty);

    /// <summary>The architecture as diagnostics write it: <c>2 inputs → 4 Tanh → 1 Sigmoid</c>.</summary>
    public string Architecture => NetworkModel.Describe(Inputs, Layers.Select(layer => (layer.Units, layer.Activation)));
}
