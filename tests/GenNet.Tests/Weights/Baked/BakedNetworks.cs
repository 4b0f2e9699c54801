namespace GenNet.Tests.Baked;

// Networks whose weights the generator bakes into the code from the *.weights.json files beside
// this one (AdditionalFiles in the test project), each with a trainable twin of the same
// attributes, which the tests load from the same file. Between them they take every emission
// path: unrolled layers (full and partial lane groups), loop layers, and both mixed.

/// <summary>The main sample's flower classifier as trained: 2 → 4 tanh → 1 sigmoid, unrolled.</summary>
[Network(2, Weights = "flower.weights.json")]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class BakedFlowerNet;

/// <summary>Three layers, two outputs, groups of four lanes and partial groups.</summary>
[Network(3, Weights = "Baked/deep.weights.json")]
[Layer(5, Activation.ReLU)]
[Layer(3, Activation.LeakyReLU)]
[Layer(2, Activation.Sigmoid)]
public partial class BakedDeepNet;

[Network(3)]
[Layer(5, Activation.ReLU)]
[Layer(3, Activation.LeakyReLU)]
[Layer(2, Activation.Sigmoid)]
public partial class DeepTwin;

/// <summary>Unrolled, loop and unrolled layers in one network (as the mixed snapshot).</summary>
[Network(1, UnrollLimit = 24, Weights = "mixed.weights.json")]
[Layer(5, Activation.Tanh)]
[Layer(4, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class BakedMixedNet;

[Network(1, UnrollLimit = 24)]
[Layer(5, Activation.Tanh)]
[Layer(4, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class MixedTwin;

/// <summary>Every layer a loop, reading the baked constants as data.</summary>
[Network(6, UnrollLimit = 0, Weights = "loops.weights.json")]
[Layer(10, Activation.Tanh)]
[Layer(3, Activation.Linear)]
public partial class BakedLoopNet;

[Network(6, UnrollLimit = 0)]
[Layer(10, Activation.Tanh)]
[Layer(3, Activation.Linear)]
public partial class LoopTwin;

/// <summary>
/// Hand-written values at the edges of float: -0, the smallest subnormal, the largest float,
/// decimals with more digits than a float holds and integers past 2^24, which must round as
/// System.Text.Json rounds them.
/// </summary>
[Network(3, Weights = "edge.weights.json")]
[Layer(3, Activation.Linear)]
public partial class BakedEdgeNet;

[Network(3)]
[Layer(3, Activation.Linear)]
public partial class EdgeTwin;

/// <summary>A 2,100-unit loop layer: its forward caches (4,202 floats) are too large for the stack and live in a per-thread array.</summary>
[Network(1, Weights = "wide.weights.json")]
[Layer(2100, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class BakedWideNet;

[Network(1)]
[Layer(2100, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class WideTwin;

/// <summary>A softmax output of five classes, unrolled: the baked constants feed the max, exponentials and sum across lanes.</summary>
[Network(4, Weights = "softmax.weights.json")]
[Layer(6, Activation.Tanh)]
[Layer(5, Activation.Softmax)]
public partial class BakedSoftmaxNet;

[Network(4)]
[Layer(6, Activation.Tanh)]
[Layer(5, Activation.Softmax)]
public partial class SoftmaxTwin;

/// <summary>A softmax output in a loop layer, over the span of baked data.</summary>
[Network(6, UnrollLimit = 0, Weights = "softmax-loops.weights.json")]
[Layer(7, Activation.ReLU)]
[Layer(5, Activation.Softmax)]
public partial class BakedLoopSoftmaxNet;

[Network(6, UnrollLimit = 0)]
[Layer(7, Activation.ReLU)]
[Layer(5, Activation.Softmax)]
public partial class LoopSoftmaxTwin;
