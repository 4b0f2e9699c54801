using GenNet;

namespace GenNet.Digits;

/// <summary>The digits classifier it trains: 64 pixels, 32 ReLU units, a softmax over the ten digits (categorical cross-entropy by <see cref="Loss.Auto"/>).</summary>
[Network(64)]
[Layer(32, Activation.ReLU)]
[Layer(10, Activation.Softmax)]
public partial class DigitsNet;

/// <summary>
/// The same layers with the weights of <c>digits.weights.json</c> written into the code at compile time:
/// nothing to load, and it takes raw pixel counts, since the scaling was folded into its first layer.
/// </summary>
[Network(64, Weights = "digits.weights.json")]
[Layer(32, Activation.ReLU)]
[Layer(10, Activation.Softmax)]
public partial class DigitsPredictor;
