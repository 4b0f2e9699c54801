namespace GenNet.Generators;

/// <summary>Names of the pipeline steps, so tests can check what the generator recomputed.</summary>
internal static class TrackingNames
{
    /// <summary>Each <c>[Network]</c> class parsed into a model or diagnostics.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The trainable models that parsed without errors.</summary>
    public const string Models = nameof(Models);

    /// <summary>Each additional file read as a weight file.</summary>
    public const string WeightFiles = nameof(WeightFiles);

    /// <summary>Each network with <c>Weights = "…"</c> joined with its file: a baked model or diagnostics.</summary>
    public const string Baked = nameof(Baked);

    /// <summary>Each class with <c>[Layer]</c> attributes, checked for a <c>[Network]</c> one: a warning or nothing.</summary>
    public const string LayersWithoutNetwork = nameof(LayersWithoutNetwork);
}
