using GenNet;

namespace GenNet.Samples;

/// <summary>The course's planar classifier: 2 inputs, 4 tanh hidden units, 1 sigmoid output.</summary>
[Network(2)]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class FlowerNet;

/// <summary>Logistic regression: the same data through a single sigmoid unit.</summary>
[Network(2)]
[Layer(1, Activation.Sigmoid)]
public partial class LogisticRegression;
