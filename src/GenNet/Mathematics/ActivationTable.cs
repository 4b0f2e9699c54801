#if GENNET_GENERATOR
namespace GenNet.Generators.Model;
#else
namespace GenNet;
#endif

// Linked into the generator (GENNET_GENERATOR), where it is internal and in the model's namespace.
// Only netstandard2.0 APIs here: the generator loads into the compiler.

/// <summary>What the derivative <c>g'</c> of an activation is computed from, as the course writes it.</summary>
internal enum DerivativeInput
{
    /// <summary><c>g'</c> is 1 everywhere (the identity): the factor is left out.</summary>
    None,

    /// <summary><c>g'(z)</c> from the pre-activation <c>z</c> (ReLU, leaky ReLU).</summary>
    PreActivation,

    /// <summary><c>g'</c> from the activation <c>a = g(z)</c> (σ' = a(1 - a), tanh' = 1 - a²).</summary>
    Activation,

    /// <summary>
    /// No elementwise <c>g'</c>: each output depends on the whole layer (softmax, whose derivative is a
    /// Jacobian). Such an activation is only allowed where its loss cancels the derivative, so nothing
    /// ever multiplies by it.
    /// </summary>
    WholeLayer,
}

/// <summary>
/// One activation as everything but its mathematics sees it: how equation comments name it, which
/// <c>VectorActivations</c> methods generated code calls, and which ONNX operator it is.
/// </summary>
/// <param name="Activation">The activation this entry describes.</param>
/// <param name="Symbol">Its name in the equation comments of generated code: <c>σ</c>, <c>tanh</c>.</param>
/// <param name="VectorValue">The <c>VectorActivations</c> method for <c>g(z)</c>; null for the identity.</param>
/// <param name="VectorDerivative">The <c>VectorActivations</c> method for <c>g'</c>; null when <c>g'</c> is 1.</param>
/// <param name="DerivativeInput">What <see cref="VectorDerivative"/> takes: <c>z</c> or <c>a</c>.</param>
/// <param name="AutoInit">
/// What <see cref="Init.Auto"/> draws its layers' weights with: <see cref="Init.He"/> for the rectifiers
/// (half their inputs are cut to zero), <see cref="Init.Xavier"/> for the others.
/// </param>
/// <param name="OnnxOperator">The ONNX operator after the layer's <c>Gemm</c>; null for the identity (no node).</param>
/// <param name="OnnxAlpha">The operator's <c>alpha</c> attribute, where it has one (<c>LeakyRelu</c>).</param>
/// <param name="OnnxAxis">
/// The operator's <c>axis</c> attribute, where it has one: <c>Softmax</c> over axis 1, the units of each row
/// of a [batch, units] tensor (which every opset's reading of <c>axis</c> agrees on).
/// </param>
/// <param name="EvaluatesExponential">
/// Whether its elementwise vector form evaluates an exponential (σ, tanh): some forty instructions and a score of
/// constants, enough to crowd a block's registers when written inline beside a layer's inputs.
/// </param>
/// <remarks>
/// A whole-layer activation (<see cref="DerivativeInput.WholeLayer"/>) has no per-vector methods: generated
/// code computes it across the layer's vectors (max, exponentials, sum), and spans go through
/// <c>VectorActivations.Apply</c>.
/// </remarks>
internal sealed record ActivationEntry(
    Activation Activation,
    string Symbol,
    string? VectorValue,
    string? VectorDerivative,
    DerivativeInput DerivativeInput,
    Init AutoInit,
    string? OnnxOperator,
    float? OnnxAlpha = null,
    int? OnnxAxis = null,
    bool EvaluatesExponential = false);

/// <summary>
/// The one table of activations: an entry per <see cref="Activation"/> value, read by the code
/// emitter, the ONNX export and import, the initialiser and the tests. A new elementwise activation is its enum
/// member, its entry here, and its mathematics (<c>ActivationFunctions</c>, <c>VectorActivations</c>). Softmax,
/// the one whole-layer activation, is also written out by the emitter (<c>NetworkEmitter.Softmax</c>).
/// </summary>
internal static class ActivationTable
{
    /// <summary>The slope of leaky ReLU below zero, <c>g(z) = max(LeakySlope · z, z)</c>.</summary>
    public const double LeakySlope = 0.01;

    /// <summary>Every activation, in the order of its enum value (a test checks each value has its entry).</summary>
    public static readonly IReadOnlyList<ActivationEntry> Entries =
    [
        new(Activation.Linear, "identity", null, null, DerivativeInput.None, Init.Xavier, null),
        new(Activation.Sigmoid, "σ", "Sigmoid", "SigmoidDerivative", DerivativeInput.Activation, Init.Xavier, "Sigmoid", EvaluatesExponential: true),
        new(Activation.Tanh, "tanh", "Tanh", "TanhDerivative", DerivativeInput.Activation, Init.Xavier, "Tanh", EvaluatesExponential: true),
        new(Activation.ReLU, "relu", "ReLU", "ReLUDerivative", DerivativeInput.PreActivation, Init.He, "Relu"),
        new(Activation.LeakyReLU, "leaky relu", "LeakyReLU", "LeakyReLUDerivative", DerivativeInput.PreActivation, Init.He, "LeakyRelu", (float)LeakySlope),
        new(Activation.Softmax, "softmax", null, null, DerivativeInput.WholeLayer, Init.Xavier, "Softmax", OnnxAxis: 1),
    ];

    /// <summary>The fewest units an output layer of a whole-layer activation has: a softmax of one unit is always 1.</summary>
    public const int WholeLayerMinimumUnits = 2;

    /// <summary>Whether <paramref name="activation"/> is computed over the whole layer (softmax): output layer only, at least <see cref="WholeLayerMinimumUnits"/> units.</summary>
    public static bool IsWholeLayer(Activation activation) => Of(activation).DerivativeInput == DerivativeInput.WholeLayer;

    /// <summary>The entry of <paramref name="activation"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value has no entry (it is not a defined activation).</exception>
    public static ActivationEntry Of(Activation activation)
    {
        int index = (int)activation;
        if (index < 0 || index >= Entries.Count || Entries[index].Activation != activation)
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation: it has no entry in ActivationTable.");
        return Entries[index];
    }

    /// <summary>Whether <paramref name="activation"/> is a value with an entry.</summary>
    public static bool IsDefined(Activation activation) =>
        (int)activation >= 0 && (int)activation < Entries.Count && Entries[(int)activation].Activation == activation;

    /// <summary>The activation an ONNX operator computes, or null when no activation is that operator.</summary>
    /// <param name="onnxOperator">The node's <c>op_type</c>.</param>
    public static ActivationEntry? OfOnnxOperator(string onnxOperator)
    {
        foreach (var entry in Entries)
            if (entry.OnnxOperator == onnxOperator)
                return entry;
        return null;
    }
}
