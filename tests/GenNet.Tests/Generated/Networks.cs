namespace GenNet.Tests.Generated;

// Networks generated at compile time for the equivalence, allocation and training tests: every
// activation in hidden and output positions that make sense, both losses, 1–4 layers, widths 1–32.

[Network(2)]
[Layer(1, Activation.Sigmoid)]
public partial class LogisticNet;

[Network(2)]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class XorNet;
