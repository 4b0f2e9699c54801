using GenNet;

namespace GenNet.Browser;

/// <summary>
/// The digits classifier <c>samples/GenNet.Digits</c> trains (64 pixel counts, 32 ReLU units, a softmax over
/// the ten digits), its weights baked into the code at compile time: the page downloads no weight file to use it.
/// </summary>
[Network(64, Weights = "digits.weights.json")]
[Layer(32, Activation.ReLU)]
[Layer(10, Activation.Softmax)]
public partial class DigitsPredictor;

// The flower networks the page trains: the course's 2-H-1 with H hidden units of one activation and a sigmoid
// output, initialised as the course does (randn · 0.01). Networks are declared at compile time, so the page
// offers this grid of them.
[Network(2, Init = Init.Small)][Layer(1, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class FlowerTanh1;
[Network(2, Init = Init.Small)][Layer(2, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class FlowerTanh2;
[Network(2, Init = Init.Small)][Layer(3, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class FlowerTanh3;
[Network(2, Init = Init.Small)][Layer(4, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class FlowerTanh4;
[Network(2, Init = Init.Small)][Layer(5, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class FlowerTanh5;
[Network(2, Init = Init.Small)][Layer(20, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class FlowerTanh20;
[Network(2, Init = Init.Small)][Layer(50, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class FlowerTanh50;
[Network(2, Init = Init.Small)][Layer(1, Activation.ReLU)][Layer(1, Activation.Sigmoid)] public partial class FlowerReLU1;
[Network(2, Init = Init.Small)][Layer(2, Activation.ReLU)][Layer(1, Activation.Sigmoid)] public partial class FlowerReLU2;
[Network(2, Init = Init.Small)][Layer(3, Activation.ReLU)][Layer(1, Activation.Sigmoid)] public partial class FlowerReLU3;
[Network(2, Init = Init.Small)][Layer(4, Activation.ReLU)][Layer(1, Activation.Sigmoid)] public partial class FlowerReLU4;
[Network(2, Init = Init.Small)][Layer(5, Activation.ReLU)][Layer(1, Activation.Sigmoid)] public partial class FlowerReLU5;
[Network(2, Init = Init.Small)][Layer(20, Activation.ReLU)][Layer(1, Activation.Sigmoid)] public partial class FlowerReLU20;
[Network(2, Init = Init.Small)][Layer(50, Activation.ReLU)][Layer(1, Activation.Sigmoid)] public partial class FlowerReLU50;
[Network(2, Init = Init.Small)][Layer(1, Activation.Sigmoid)][Layer(1, Activation.Sigmoid)] public partial class FlowerSigmoid1;
[Network(2, Init = Init.Small)][Layer(2, Activation.Sigmoid)][Layer(1, Activation.Sigmoid)] public partial class FlowerSigmoid2;
[Network(2, Init = Init.Small)][Layer(3, Activation.Sigmoid)][Layer(1, Activation.Sigmoid)] public partial class FlowerSigmoid3;
[Network(2, Init = Init.Small)][Layer(4, Activation.Sigmoid)][Layer(1, Activation.Sigmoid)] public partial class FlowerSigmoid4;
[Network(2, Init = Init.Small)][Layer(5, Activation.Sigmoid)][Layer(1, Activation.Sigmoid)] public partial class FlowerSigmoid5;
[Network(2, Init = Init.Small)][Layer(20, Activation.Sigmoid)][Layer(1, Activation.Sigmoid)] public partial class FlowerSigmoid20;
[Network(2, Init = Init.Small)][Layer(50, Activation.Sigmoid)][Layer(1, Activation.Sigmoid)] public partial class FlowerSigmoid50;

/// <summary>The flower networks above, by hidden layer size and activation.</summary>
public static class FlowerNetworks
{
    /// <summary>The hidden layer sizes offered: the course's.</summary>
    public static IReadOnlyList<int> HiddenUnits { get; } = [1, 2, 3, 4, 5, 20, 50];

    /// <summary>The hidden activations offered.</summary>
    public static IReadOnlyList<Activation> Activations { get; } = [Activation.Tanh, Activation.ReLU, Activation.Sigmoid];

    /// <summary>A new, uninitialised 2-<paramref name="hidden"/>-1 network with <paramref name="activation"/> hidden units.</summary>
    /// <exception cref="ArgumentException">No such network is declared.</exception>
    public static INetwork Create(int hidden, Activation activation) => (activation, hidden) switch
    {
        (Activation.Tanh, 1) => new FlowerTanh1(),
        (Activation.Tanh, 2) => new FlowerTanh2(),
        (Activation.Tanh, 3) => new FlowerTanh3(),
        (Activation.Tanh, 4) => new FlowerTanh4(),
        (Activation.Tanh, 5) => new FlowerTanh5(),
        (Activation.Tanh, 20) => new FlowerTanh20(),
        (Activation.Tanh, 50) => new FlowerTanh50(),
        (Activation.ReLU, 1) => new FlowerReLU1(),
        (Activation.ReLU, 2) => new FlowerReLU2(),
        (Activation.ReLU, 3) => new FlowerReLU3(),
        (Activation.ReLU, 4) => new FlowerReLU4(),
        (Activation.ReLU, 5) => new FlowerReLU5(),
        (Activation.ReLU, 20) => new FlowerReLU20(),
        (Activation.ReLU, 50) => new FlowerReLU50(),
        (Activation.Sigmoid, 1) => new FlowerSigmoid1(),
        (Activation.Sigmoid, 2) => new FlowerSigmoid2(),
        (Activation.Sigmoid, 3) => new FlowerSigmoid3(),
        (Activation.Sigmoid, 4) => new FlowerSigmoid4(),
        (Activation.Sigmoid, 5) => new FlowerSigmoid5(),
        (Activation.Sigmoid, 20) => new FlowerSigmoid20(),
        (Activation.Sigmoid, 50) => new FlowerSigmoid50(),
        _ => throw new ArgumentException($"No 2-{hidden}-1 flower network with {activation} hidden units is declared.", nameof(hidden)),
    };
}
