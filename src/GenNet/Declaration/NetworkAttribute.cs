namespace GenNet;

/// <summary>
/// Declares a fully connected network on a <c>partial class</c>; the GenNet source generator
/// implements <see cref="INetwork"/> on it. List the layers with <see cref="LayerAttribute"/>,
/// one per layer, in order from the first hidden layer to the output layer.
/// </summary>
/// <example>
/// <code>
/// [Network(2)]
/// [Layer(4, Activation.Tanh)]
/// [Layer(1, Activation.Sigmoid)]
/// public partial class XorNet;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network with <paramref name="inputs"/> input features, <c>n[0]</c>.</summary>
    /// <param name="inputs">The number of input features; at least 1.</param>
    public NetworkAttribute(int inputs) => Inputs = inputs;

    /// <summary>The number of input features, <c>n[0]</c>.</summary>
    public int Inputs { get; }

    /// <summary>The loss to minimise; <see cref="Loss.Auto"/> by default.</summary>
    public Loss Loss { get; set; } = Loss.Auto;

    /// <summary>How <see cref="INetwork.Initialize(int)"/> draws the weights; <see cref="Init.Auto"/> by default.</summary>
    public Init Init { get; set; } = Init.Auto;

    /// <summary>
    /// The most weights, over all layers, that the generator writes as straight-line code (a layer's
    /// units counted in whole groups of four, as they are emitted). Layers are unrolled smallest first
    /// while their total stays within the limit; the others become vectorised loops, one method per
    /// layer and pass. Every unrolled layer shares one forward and one backward
    /// method, and past a size the JIT stops optimising a method, so the limit bounds the total.
    /// 0 makes every layer a loop; no limit unrolls more than <see cref="MaxUnrollLimit"/> weights (a
    /// larger one unrolls as much as the cap allows, with the warning GN0021 where that changes a
    /// layer). <see cref="DefaultUnrollLimit"/> by default.
    /// </summary>
    public int UnrollLimit { get; set; } = DefaultUnrollLimit;

    /// <summary>
    /// A JSON weight file (as <see cref="NetworkWeights.Save(INetwork, string)"/> writes it) whose
    /// weights the generator bakes into the code as constants. The class then implements
    /// <see cref="IPredictor"/> only: it predicts with no field loads and no file access, and cannot
    /// train. List the file as an <c>AdditionalFiles</c> item in the project; this path must be the end
    /// of that item's path (<c>"xor.weights.json"</c>, or <c>"Models/xor.weights.json"</c> to tell two
    /// apart). The file's inputs and layers must be the ones the attributes declare. Null (the default)
    /// generates a trainable <see cref="INetwork"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// [Network(2, Weights = "xor.weights.json")]   // &lt;AdditionalFiles Include="xor.weights.json" /&gt;
    /// [Layer(4, Activation.Tanh)]
    /// [Layer(1, Activation.Sigmoid)]
    /// public partial class XorPredictor;
    /// </code>
    /// </example>
    public string? Weights { get; set; }

    /// <summary>
    /// The default <see cref="UnrollLimit"/>, chosen from the benchmarks (benchmarks/README.md): 1,040
    /// unrolled weights still beat loops, 1,620 make a training step twice as slow.
    /// </summary>
    public const int DefaultUnrollLimit = UnrollLimits.Default;

    /// <summary>
    /// The most weights any <see cref="UnrollLimit"/> unrolls: beyond it compiling the straight-line code
    /// costs seconds and gigabytes, and loops are faster anyway (benchmarks/README.md).
    /// </summary>
    public const int MaxUnrollLimit = UnrollLimits.Cap;
}
