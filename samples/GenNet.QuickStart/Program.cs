using GenNet;

float[] inputs  = [0, 0,  0, 1,  1, 0,  1, 1];     // 4 examples of 2 features, one after another
float[] targets = [0, 1, 1, 0];                    // XOR of each example's two features

var network = new XorNet();
network.Initialize(seed: 1);                       // Init.Auto: Xavier for tanh and sigmoid layers, b = 0
float[] costs = Trainer.Fit(network, inputs, targets, new TrainingOptions { Iterations = 2000, LearningRate = 1f }).Costs;
Console.WriteLine($"cost {costs[0]:F3} → {costs[^1]:F3}");

Span<float> output = stackalloc float[XorNet.OutputCount];
for (int i = 0; i < 4; i++)
{
    network.Predict(inputs.AsSpan(2 * i, 2), output);    // ŷ for one example, no allocation
    Console.WriteLine($"{inputs[2 * i]} xor {inputs[2 * i + 1]} → {output[0]:F2}");
}

[Network(2)]                        // n[0] = 2 inputs
[Layer(4, Activation.Tanh)]         // n[1] = 4 hidden units
[Layer(1, Activation.Sigmoid)]      // n[2] = 1 output; loss: binary cross-entropy (Loss.Auto)
public partial class XorNet;
