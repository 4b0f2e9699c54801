using GenNet;

namespace GenNet.Samples;

/// <summary>The course's planar classifier: 2 inputs, 4 tanh hidden units, 1 sigmoid output, initialised as the course does.</summary>
[Network(2, Init = Init.Small)]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class FlowerNet;

/// <summary>Logistic regression: the same data through a single sigmoid unit.</summary>
[Network(2, Init = Init.Small)]
[Layer(1, Activation.Sigmoid)]
public partial class LogisticRegression;
