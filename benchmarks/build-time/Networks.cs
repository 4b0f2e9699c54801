using GenNet;

namespace BuildTime;

// Ten networks in one file, as an app might declare them: the seven shapes issue 28 measured (2-1 to
// 64-128-64-10) and three more (8-16-1, a softmax 64-32-10, 784-128-10), over every activation and
// loss. benchmarks/build-time.sh times rebuilds after touching this file against rebuilds of the same
// app built from this file without its attribute lines; GeneratorBenchmarks runs the generator over
// it (embedded in the benchmarks).

[Network(2)]
[Layer(1, Activation.Sigmoid)]
public partial class Net2x1;

[Network(2)]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class Net2x4x1;

[Network(2)]
[Layer(3, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class Net2x3x1;

[Network(4)]
[Layer(3, Activation.Tanh)]
[Layer(1, Activation.Linear)]
public partial class Net4x3x1;

[Network(3)]
[Layer(5, Activation.Tanh)]
[Layer(4, Activation.LeakyReLU)]
[Layer(2, Activation.Sigmoid)]
public partial class Net3x5x4x2;

[Network(8)]
[Layer(16, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class Net8x16x1;

[Network(16)]
[Layer(32, Activation.ReLU)]
[Layer(16, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class Net16x32x16x1;

[Network(64)]
[Layer(32, Activation.ReLU)]
[Layer(10, Activation.Softmax)]
public partial class Net64x32x10;

[Network(64)]
[Layer(128, Activation.ReLU)]
[Layer(64, Activation.ReLU)]
[Layer(10, Activation.Sigmoid)]
public partial class Net64x128x64x10;

[Network(784)]
[Layer(128, Activation.ReLU)]
[Layer(10, Activation.Sigmoid)]
public partial class Net784x128x10;
