namespace GenNet.Tests.Generated;

// Networks generated at compile time for the equivalence, allocation and training tests: every
// activation in hidden and output positions that make sense, both losses, 1–4 layers, widths 1–32.

/// <summary>Logistic regression: no hidden layer, one sigmoid unit.</summary>
[Network(2)]
[Layer(1, Activation.Sigmoid)]
public partial class LogisticNet;

/// <summary>The course's planar classifier, initialised as the course does (the course-result tests reproduce its numbers).</summary>
[Network(2, Init = Init.Small)]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class XorNet;

[Network(3)]
[Layer(5, Activation.ReLU)]
[Layer(2, Activation.Sigmoid)]
public partial class ReluClassifier;

[Network(2)]
[Layer(3, Activation.Sigmoid)]
[Layer(1, Activation.Sigmoid)]
public partial class SigmoidHiddenNet;

[Network(3)]
[Layer(2, Activation.Linear)]
[Layer(1, Activation.Sigmoid)]
public partial class LinearHiddenNet;

[Network(4)]
[Layer(6, Activation.LeakyReLU)]
[Layer(3, Activation.LeakyReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class LeakyNet;

/// <summary>Regression: squared error after a linear output.</summary>
[Network(3)]
[Layer(8, Activation.Tanh)]
[Layer(1, Activation.Linear)]
public partial class RegressionNet;

/// <summary>Linear regression with two outputs: no hidden layer, identity output.</summary>
[Network(3)]
[Layer(2, Activation.Linear)]
public partial class LinearRegressionNet;

/// <summary>Squared error after a tanh output, where dZ[L] carries g'(Z[L]).</summary>
[Network(2)]
[Layer(4, Activation.ReLU)]
[Layer(2, Activation.Tanh)]
public partial class TanhOutputNet;

[Network(2)]
[Layer(3, Activation.Tanh)]
[Layer(2, Activation.ReLU)]
public partial class ReluOutputNet;

/// <summary>The smallest network: one input, one unit.</summary>
[Network(1)]
[Layer(1, Activation.LeakyReLU)]
public partial class TinyLeakyNet;

/// <summary>Squared error chosen explicitly after a sigmoid output.</summary>
[Network(2, Loss = Loss.HalfSquaredError)]
[Layer(3, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class SigmoidSquaredErrorNet;

[Network(4)]
[Layer(6, Activation.Tanh)]
[Layer(5, Activation.Sigmoid)]
public partial class MultiLabelNet;

/// <summary>Four layers with four different activations.</summary>
[Network(5, Init = Init.He)]
[Layer(8, Activation.ReLU)]
[Layer(6, Activation.Tanh)]
[Layer(4, Activation.LeakyReLU)]
[Layer(3, Activation.Sigmoid)]
public partial class DeepMixedNet;

/// <summary>Width 32 in two hidden layers.</summary>
[Network(16, Init = Init.Xavier)]
[Layer(32, Activation.Tanh)]
[Layer(32, Activation.ReLU)]
[Layer(4, Activation.Sigmoid)]
public partial class WideNet;

[Network(32)]
[Layer(32, Activation.LeakyReLU)]
[Layer(1, Activation.Linear)]
public partial class WideRegressionNet;

// Emission strategies: the default unroll limit (1,024 weights in all, smallest layers first) makes
// WideNet's middle layer (1,024 weights) and WideRegressionNet's first layer loops; these make every
// combination explicit. UnrollChoiceTests pins each of these choices.

/// <summary>Every layer a loop.</summary>
[Network(3, UnrollLimit = 0)]
[Layer(5, Activation.Tanh)]
[Layer(4, Activation.ReLU)]
[Layer(2, Activation.Sigmoid)]
public partial class AllLoopsNet;

/// <summary>Unrolled → loop → unrolled: A and dZ cross between locals and spans both ways (see UnrollChoiceTests).</summary>
[Network(4, UnrollLimit = 64)]
[Layer(6, Activation.Tanh)]
[Layer(8, Activation.LeakyReLU)]
[Layer(2, Activation.Linear)]
public partial class MixedStrategyNet;

/// <summary>A loop output layer under squared error with a tanh output (dZ[L] carries g').</summary>
[Network(3, UnrollLimit = 0)]
[Layer(6, Activation.LeakyReLU)]
[Layer(3, Activation.Tanh)]
public partial class LoopTanhOutputNet;

/// <summary>8,449 parameters: the gradient sum is too large for the stack and lives in the instance.</summary>
[Network(64, Init = Init.He)]
[Layer(128, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class ScratchGradientNet;

/// <summary>A 1,500-unit layer: its caches (4,502 floats) are too large for the stack and live in the instance.</summary>
[Network(2, Init = Init.Xavier)]
[Layer(1500, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class ScratchCacheNet;

/// <summary>The 2,048-unit loop layer: 6,146 cache floats, in a per-thread array (ConcurrencyTests).</summary>
[Network(16, Init = Init.He)]
[Layer(2048, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class WideLoopNet;

/// <summary>Unrolled → loop → unrolled with a 1,500-unit loop layer: caches in a per-thread array, crossed by locals both ways.</summary>
[Network(3, UnrollLimit = 64, Init = Init.Xavier)]
[Layer(4, Activation.Tanh)]
[Layer(1500, Activation.LeakyReLU)]
[Layer(2, Activation.Linear)]
public partial class WideMixedNet;

// Softmax outputs (categorical cross-entropy), as every emission writes them: one partial vector of
// lanes, full vectors and a partial one, a loop output layer, and an unrolled output after a loop layer.

/// <summary>Three classes: the softmax across one partial vector (lanes 3 padded).</summary>
[Network(4)]
[Layer(8, Activation.Tanh)]
[Layer(3, Activation.Softmax)]
public partial class SoftmaxNet;

/// <summary>Ten classes: two full vectors and a partial one share one max and one sum.</summary>
[Network(5)]
[Layer(6, Activation.ReLU)]
[Layer(10, Activation.Softmax)]
public partial class TenClassSoftmaxNet;

/// <summary>A loop output layer: the softmax over a span.</summary>
[Network(6, UnrollLimit = 0)]
[Layer(7, Activation.LeakyReLU)]
[Layer(5, Activation.Softmax)]
public partial class LoopSoftmaxNet;

/// <summary>The digits classifier's shape: a loop layer (2,048 weights) feeding an unrolled softmax of ten classes.</summary>
[Network(64)]
[Layer(32, Activation.ReLU)]
[Layer(10, Activation.Softmax)]
public partial class DigitsShapedNet;

/// <summary>
/// One unrolled layer of 37 inputs (an odd count, more than NetworkModel.StraightBlockInputs) whose rows come
/// in and go out: PredictBatch's blocks sum it with BatchKernels.ForwardInTwoChains (groups of six units at
/// 8 and 4 lanes, eight at 16, and the one left alone), and every lane gets Predict's bits (BatchSizeTests).
/// </summary>
[Network(37)]
[Layer(7, Activation.Sigmoid)]
public partial class WideLogisticNet;

/// <summary>
/// All three layers unrolled, but in training blocks only layers 2 and 3 are straight-line code: layer
/// 1's 576 weights would take them past NetworkModel.TrainingBlockUnrollLimit, so the blocks run it
/// through the kernels, rows crossing to vector locals forward and back.
/// </summary>
[Network(24)]
[Layer(24, Activation.Tanh)]
[Layer(8, Activation.ReLU)]
[Layer(1, Activation.Sigmoid)]
public partial class BlockKernelNet;

/// <summary>
/// 700 outputs: training keeps the outputs of only 5 examples on the stack until it sums their loss
/// (NetworkModel.PendingLossExamples), so it sums it every 5 examples even where blocks of 8 run.
/// </summary>
[Network(3)]
[Layer(700, Activation.Sigmoid)]
public partial class ManyOutputsNet;

/// <summary>Every generated network of the tests, by name.</summary>
public static class GeneratedNetworks
{
    public static readonly IReadOnlyDictionary<string, Func<INetwork>> All = new Dictionary<string, Func<INetwork>>
    {
        [nameof(LogisticNet)] = () => new LogisticNet(),
        [nameof(XorNet)] = () => new XorNet(),
        [nameof(ReluClassifier)] = () => new ReluClassifier(),
        [nameof(SigmoidHiddenNet)] = () => new SigmoidHiddenNet(),
        [nameof(LinearHiddenNet)] = () => new LinearHiddenNet(),
        [nameof(LeakyNet)] = () => new LeakyNet(),
        [nameof(RegressionNet)] = () => new RegressionNet(),
        [nameof(LinearRegressionNet)] = () => new LinearRegressionNet(),
        [nameof(TanhOutputNet)] = () => new TanhOutputNet(),
        [nameof(ReluOutputNet)] = () => new ReluOutputNet(),
        [nameof(TinyLeakyNet)] = () => new TinyLeakyNet(),
        [nameof(SigmoidSquaredErrorNet)] = () => new SigmoidSquaredErrorNet(),
        [nameof(MultiLabelNet)] = () => new MultiLabelNet(),
        [nameof(DeepMixedNet)] = () => new DeepMixedNet(),
        [nameof(WideNet)] = () => new WideNet(),
        [nameof(WideRegressionNet)] = () => new WideRegressionNet(),
        [nameof(AllLoopsNet)] = () => new AllLoopsNet(),
        [nameof(MixedStrategyNet)] = () => new MixedStrategyNet(),
        [nameof(LoopTanhOutputNet)] = () => new LoopTanhOutputNet(),
        [nameof(ScratchGradientNet)] = () => new ScratchGradientNet(),
        [nameof(ScratchCacheNet)] = () => new ScratchCacheNet(),
        [nameof(BlockKernelNet)] = () => new BlockKernelNet(),
        [nameof(WideLogisticNet)] = () => new WideLogisticNet(),
        [nameof(SoftmaxNet)] = () => new SoftmaxNet(),
        [nameof(TenClassSoftmaxNet)] = () => new TenClassSoftmaxNet(),
        [nameof(LoopSoftmaxNet)] = () => new LoopSoftmaxNet(),
        [nameof(DigitsShapedNet)] = () => new DigitsShapedNet(),
        [nameof(ManyOutputsNet)] = () => new ManyOutputsNet(),
    };
}
