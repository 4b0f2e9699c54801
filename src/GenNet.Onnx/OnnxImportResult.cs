namespace GenNet.Onnx;

/// <summary>
/// A network read from an ONNX file by <see cref="OnnxImport.Read"/>: its architecture and parameters, what
/// the import folded into its layers or dropped, and notes on anything it computes differently from the file.
/// </summary>
public sealed class OnnxImportResult
{
    private readonly float[] parameters;

    internal OnnxImportResult(NetworkSpec spec, float[] parameters, IReadOnlyList<OnnxFold> folds, IReadOnlyList<string> notes)
    {
        Spec = spec;
        this.parameters = parameters;
        Folds = folds;
        Notes = notes;
    }

    /// <summary>The architecture the file describes (loss from the output activation, as <see cref="Loss.Auto"/> picks it).</summary>
    public NetworkSpec Spec { get; }

    /// <summary>The weights and biases in GenNet's layout (<see cref="NetworkSpec.Layout"/>), with every fold applied.</summary>
    public ReadOnlySpan<float> Parameters => parameters;

    /// <summary>The nodes that became no layer of their own: folded into a layer, or dropped; empty for a plain chain of layers.</summary>
    public IReadOnlyList<OnnxFold> Folds { get; }

    /// <summary>
    /// Where the network's outputs differ from the file's, one sentence each: a <c>LogSoftmax</c> output is
    /// read as softmax, so the network gives the probabilities whose logarithms the file gives. Empty when
    /// the network computes what the file computes.
    /// </summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// <see cref="Folds"/> in a line, layer by layer and then what was dropped:
    /// <c>Sub, Div into layer 1; BatchNormalization into layer 2; Dropout dropped</c>. Empty when nothing was folded or dropped.
    /// </summary>
    public string FoldSummary =>
        string.Join("; ", Folds.Where(fold => fold.Layer is not null).GroupBy(fold => fold.Layer).OrderBy(layer => layer.Key)
                .Select(layer => $"{string.Join(", ", layer.Select(fold => fold.Operator))} into layer {layer.Key}")
            .Concat(Folds.Any(fold => fold.Layer is null)
                ? [$"{string.Join(", ", Folds.Where(fold => fold.Layer is null).Select(fold => fold.Operator))} dropped"]
                : []));

    /// <summary>Copies the parameters into <paramref name="network"/>.</summary>
    /// <param name="network">A network of the same layers as <see cref="Spec"/>.</param>
    /// <exception cref="ArgumentException">The network has other layers; the message names both.</exception>
    public void CopyTo(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!Spec.HasSameLayers(network.Spec))
            throw new ArgumentException($"The ONNX file holds a {Spec} network, but this network is {network.Spec}: their layers differ.", nameof(network));
        parameters.CopyTo(network.Parameters);
    }
}
