namespace GenNet.Benchmarks;

// The benchmark networks: tanh or ReLU hidden layers, sigmoid outputs. Init.Small, so that
// `--write-weights` writes the committed weight files again (Program.cs).

[Network(2, Init = Init.Small)]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class Net2x4x1;

[Network(8, Init = Init.Small)]
[Layer(16, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class Net8x16x1;

[Network(16, Init = Init.Small)]
[Layer(32, Activation.ReLU)]
[Layer(16, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class Net16x32x16x1;

[Network(64, Init = Init.Small)]
[Layer(128, Activation.ReLU)]
[Layer(64, Activation.ReLU)]
[Layer(10, Activation.Sigmoid)]
public partial class Net64x128x64x10;

[Network(784, Init = Init.Small)]
[Layer(128, Activation.ReLU)]
[Layer(10, Activation.Sigmoid)]
public partial class Net784x128x10;

// The same five networks with their weights baked into the code as constants (files written by
// `-- --write-weights`, see Program.cs). Every engine of a benchmark runs with these weights.

[Network(2, Weights = "Weights/Net2x4x1.weights.json")]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class Net2x4x1Baked;

[Network(8, Weights = "Weights/Net8x16x1.weights.json")]
[Layer(16, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class Net8x16x1Baked;

[Network(16, Weights = "Weights/Net16x32x16x1.weights.json")]
[Layer(32, Activation.ReLU)]
[Layer(16, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class Net16x32x16x1Baked;

[Network(64, Weights = "Weights/Net64x128x64x10.weights.json")]
[Layer(128, Activation.ReLU)]
[Layer(64, Activation.ReLU)]
[Layer(10, Activation.Sigmoid)]
public partial class Net64x128x64x10Baked;

[Network(784, Weights = "Weights/Net784x128x10.weights.json")]
[Layer(128, Activation.ReLU)]
[Layer(10, Activation.Sigmoid)]
public partial class Net784x128x10Baked;

// The same shapes with the other emission strategy, for choosing the unroll limit.

[Network(8, UnrollLimit = 0)]
[Layer(16, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class Net8x16x1Loops;

[Network(16, UnrollLimit = int.MaxValue)]
[Layer(32, Activation.ReLU)]
[Layer(16, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class Net16x32x16x1Unrolled;

[Network(16, UnrollLimit = 0)]
[Layer(32, Activation.ReLU)]
[Layer(16, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class Net16x32x16x1Loops;

// Larger shapes, to find where straight-line code stops paying: 1,620 and 2,328 weights in one method.

[Network(20, UnrollLimit = int.MaxValue)]
[Layer(40, Activation.ReLU)]
[Layer(20, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class Net20x40x20x1Unrolled;

[Network(20, UnrollLimit = 0)]
[Layer(40, Activation.ReLU)]
[Layer(20, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class Net20x40x20x1Loops;

[Network(24, UnrollLimit = int.MaxValue)]
[Layer(48, Activation.ReLU)]
[Layer(24, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class Net24x48x24x1Unrolled;

[Network(24, UnrollLimit = 0)]
[Layer(48, Activation.ReLU)]
[Layer(24, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class Net24x48x24x1Loops;
