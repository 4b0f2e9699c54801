// Linked into the generator (GENNET_GENERATOR), where it is internal and in the model's namespace:
// one definition for the runtime and the generator, nothing to keep in sync.
#if GENNET_GENERATOR
namespace GenNet.Generators.Model;
#else
namespace GenNet;
#endif

/// <summary>How <see cref="INetwork.Initialize(int)"/> draws the weights; biases always start at zero.</summary>
/// <remarks>The numeric values are part of the contract (the source generator reads them).</remarks>
#if GENNET_GENERATOR
internal
#else
public
#endif
enum Init
{
    /// <summary>
    /// <c>W = randn · 0.01</c>, the course's choice: fine for the shallow nets it is used with, but so
    /// small that a tanh/sigmoid net on XOR often stays at cost log 2 with every output 0.5.
    /// </summary>
    Small = 0,

    /// <summary><c>W = randn · √(1 / n[l-1])</c>: keeps the variance of tanh and sigmoid layers steady in deeper nets.</summary>
    Xavier = 1,

    /// <summary><c>W = randn · √(2 / n[l-1])</c>: keeps the variance of ReLU layers steady in deeper nets.</summary>
    He = 2,

    /// <summary>
    /// All weights zero. Every hidden unit of a layer then computes the same function forever, so
    /// the network cannot learn more than one feature per layer; offered to demonstrate that.
    /// </summary>
    Zeros = 3,

    /// <summary>
    /// The default: per layer, <see cref="He"/> for <see cref="Activation.ReLU"/> and
    /// <see cref="Activation.LeakyReLU"/> layers and <see cref="Xavier"/> for tanh, sigmoid and linear
    /// ones, so each layer's outputs start with a variance that neither vanishes nor explodes.
    /// Unlike <see cref="Small"/>, it trains XOR-like problems from most seeds.
    /// </summary>
    Auto = 4,
}
