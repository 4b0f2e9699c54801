namespace GenNet.Datasets;

/// <summary>A labelled data set stored example-major, ready for <see cref="INetwork"/> and <see cref="Trainer"/>.</summary>
/// <param name="Inputs">The examples, <see cref="InputCount"/> values each.</param>
/// <param name="Targets">The labels, <see cref="OutputCount"/> values each.</param>
/// <param name="InputCount">The values per example.</param>
/// <param name="OutputCount">The labels per example.</param>
public sealed record Dataset(float[] Inputs, float[] Targets, int InputCount, int OutputCount)
{
    /// <summary>The number of examples <c>m</c>.</summary>
    public int Count => Inputs.Length / InputCount;
}
