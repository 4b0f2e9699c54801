// Linked into the generator (GENNET_GENERATOR), where it is internal and in the model's namespace:
// one definition for the runtime and the generator, nothing to keep in sync.
#if GENNET_GENERATOR
namespace GenNet.Generators.Model;
#else
namespace GenNet;
#endif

/// <summary>The activation function <c>g</c> of a layer: <c>A = g(Z)</c>.</summary>
/// <remarks>
/// The numeric values are part of the contract: the source generator reads them from attribute
/// arguments, so they must never be renumbered.
/// </remarks>
#if GENNET_GENERATOR
internal
#else
public
#endif
enum Activation
{
    /// <summary>The identity, <c>g(z) = z</c>; used for a regression output.</summary>
    Linear = 0,

    /// <summary>The logistic function, <c>g(z) = 1 / (1 + e^-z)</c>; used for a binary output.</summary>
    Sigmoid = 1,

    /// <summary>The hyperbolic tangent, <c>g(z) = tanh z</c>; zero-centred, usually better than sigmoid in hidden layers.</summary>
    Tanh = 2,

    /// <summary>The rectified linear unit, <c>g(z) = max(0, z)</c>.</summary>
    ReLU = 3,

    /// <summary>The leaky rectified linear unit, <c>g(z) = max(0.01 z, z)</c>.</summary>
    LeakyReLU = 4,

    /// <summary>
    /// The softmax, <c>a_k = e^(z_k) / Σ_j e^(z_j)</c> over the layer's units: outputs in (0, 1) that sum to 1,
    /// the probabilities of mutually exclusive classes. Not elementwise (each output depends on the whole
    /// layer), so it is only allowed on an output layer of at least 2 units, trained with
    /// <see cref="Loss.CategoricalCrossEntropy"/>.
    /// </summary>
    Softmax = 5,
}
