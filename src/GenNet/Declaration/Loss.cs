// Linked into the generator (GENNET_GENERATOR), where it is internal and in the model's namespace:
// one definition for the runtime and the generator, nothing to keep in sync.
#if GENNET_GENERATOR
namespace GenNet.Generators.Model;
#else
namespace GenNet;
#endif

/// <summary>The per-example loss <c>L(ŷ, y)</c> whose average over a batch is the cost <c>J</c>.</summary>
/// <remarks>The numeric values are part of the contract (the source generator reads them).</remarks>
#if GENNET_GENERATOR
internal
#else
public
#endif
enum Loss
{
    /// <summary>
    /// Chosen from the output activation: <see cref="BinaryCrossEntropy"/> after a
    /// <see cref="Activation.Sigmoid"/> output, <see cref="CategoricalCrossEntropy"/> after a
    /// <see cref="Activation.Softmax"/> output, <see cref="HalfSquaredError"/> after any other.
    /// </summary>
    Auto = 0,

    /// <summary>
    /// <c>L(ŷ, y) = -(y log ŷ + (1 - y) log(1 - ŷ))</c>, summed over output units; needs a sigmoid output.
    /// Computed from the logit <c>z</c> (<c>ŷ = σ(z)</c>) as <c>y softplus(-z) + (1 - y) softplus(z)</c>:
    /// exact and finite however saturated <c>ŷ</c> is.
    /// </summary>
    BinaryCrossEntropy = 1,

    /// <summary>
    /// <c>L(ŷ, y) = ½ (ŷ - y)²</c>, summed over output units; the cost <c>J</c> is its mean over the
    /// examples. With one output that is half the mean squared error (the ½ makes <c>dZ = ŷ - y</c>).
    /// </summary>
    HalfSquaredError = 2,

    /// <summary>
    /// <c>L(ŷ, y) = -Σ_k y_k log ŷ_k</c> over the output units; needs a softmax output, whose derivative it
    /// cancels (<c>dZ = ŷ - y</c>). The targets are one-hot (or any distribution: non-negative, summing to 1).
    /// Computed from the logits <c>z</c> (<c>ŷ = softmax(z)</c>) as <c>Σ_k y_k (log Σ_j e^(z_j) - z_k)</c>: exact
    /// and finite however small <c>ŷ_k</c> is.
    /// </summary>
    CategoricalCrossEntropy = 3,
}
