// The flower classifier as an app would ship it: the network's code generated at compile time, its
// trained weights embedded in the executable, published with NativeAOT. Nothing is read from disk.
//   dotnet publish samples/GenNet.AotSample -c Release -r linux-x64 -o out && out/GenNet.AotSample
using System.Globalization;
using GenNet;
using GenNet.Datasets;

var network = new FlowerNet();
using (var weights = typeof(FlowerNet).Assembly.GetManifestResourceStream("flower.weights.json")
    ?? throw new InvalidOperationException("The embedded weights are missing."))
    NetworkWeights.Read(network, weights);

Span<float> output = stackalloc float[FlowerNet.OutputCount];
foreach (var (x1, x2) in new[] { (0f, 0f), (1.5f, 2.5f), (-3f, 1f) })
{
    network.Predict([x1, x2], output);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P(red | x = ({x1}, {x2})) = {output[0]:F4}"));
}

var flower = PlanarFlower.Generate(count: 400, seed: 1);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"training accuracy {Evaluation.BinaryAccuracy(network, flower.Inputs, flower.Targets):P1}"));

/// <summary>The main sample's classifier: 2 inputs, 4 tanh hidden units, 1 sigmoid output.</summary>
[Network(2)]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
internal sealed partial class FlowerNet;
