using GenNet;

namespace GenNet.Browser.Tests;

/// <summary>The page's digits network (samples/GenNet.Browser/Networks.cs), baked from the same weight file, run in this process.</summary>
[Network(64, Weights = "digits.weights.json")]
[Layer(32, Activation.ReLU)]
[Layer(10, Activation.Softmax)]
public partial class DigitsPredictor;
