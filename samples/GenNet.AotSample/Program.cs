// The flower classifier as an app would ship it: trained by the main sample, saved to
// flower.weights.json, and baked into this program at compile time: its weights are constants in
// the generated code, so nothing is loaded or read at run time. Published with NativeAOT:
//   dotnet publish samples/GenNet.AotSample -c Release -r linux-x64 -o out && out/GenNet.AotSample
using System.Globalization;
using GenNet;
using GenNet.Datasets;

var network = new FlowerNet();

Span<float> output = stackalloc float[FlowerNet.OutputCount];
foreach (var (x1, x2) in new[] { (0f, 0f), (1.5f, 2.5f), (-3f, 1f) })
{
    network.Predict([x1, x2], output);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P(red | x = ({x1}, {x2})) = {output[0]:F4}"));
}

var flower = PlanarFlower.Generate(count: 400, seed: 1);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training accuracy {Evaluation.UnitAccuracy(network, flower.Inputs, flower.Targets):P1}"));

/// <summary>The main sample's classifier (2 inputs, 4 tanh hidden units, 1 sigmoid output) with its trained weights baked in.</summary>
[Network(2, Weights = "flower.weights.json")]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
internal sealed partial class FlowerNet;
