// The course's planar-data exercise: a network with one hidden layer of 4 tanh units learns to
// separate the two classes of the "flower", which logistic regression cannot. Both networks are
// generated at compile time (Networks.cs); the interpreter trains the same network for comparison.
using System.Diagnostics;
using System.Globalization;
using GenNet;
using GenNet.Datasets;
using GenNet.Plotting;
using GenNet.Samples;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var flower = PlanarFlower.Generate(count: 400, seed: 1);
var options = new TrainingOptions { Iterations = 10_000, LearningRate = 1.2f, ReportEvery = 1000 };
var printCost = new ConsoleProgress(p => Console.WriteLine($"  cost after iteration {p.Iteration,5}: {p.Cost:F6}"));

Console.WriteLine($"Planar flower: {flower.Count} points, 2 classes\n");

Console.WriteLine("2-4-1 network (tanh hidden layer, sigmoid output), generated code:");
var network = new FlowerNet();
network.Initialize(seed: 2);
TrainingHistory history = null!;
var generatedTime = Time(() => history = Trainer.Fit(network, flower.Inputs, flower.Targets, options, printCost));
double networkAccuracy = Evaluation.UnitAccuracy(network, flower.Inputs, flower.Targets);

Console.WriteLine("\nLogistic regression (no hidden layer), generated code:");
var logistic = new LogisticRegression();
logistic.Initialize(seed: 2);
Trainer.Fit(logistic, flower.Inputs, flower.Targets, options, printCost);
double logisticAccuracy = Evaluation.UnitAccuracy(logistic, flower.Inputs, flower.Targets);

Console.WriteLine("\nThe same 2-4-1 network in the reference interpreter (the oracle the generated code is tested against)...");
var interpreted = new ReferenceNetwork(FlowerNet.Spec);
interpreted.Initialize(seed: 2);
var referenceTime = Time(() => Trainer.Fit(interpreted, flower.Inputs, flower.Targets, options));
double interpretedAccuracy = Evaluation.UnitAccuracy(interpreted, flower.Inputs, flower.Targets);

Console.WriteLine();
Console.WriteLine($"Training accuracy, 2-4-1 network:       {networkAccuracy:P1}   (interpreter: {interpretedAccuracy:P1})");
Console.WriteLine($"Training accuracy, logistic regression: {logisticAccuracy:P1}");
Console.WriteLine($"Training time for 10,000 iterations over 400 points: generated {generatedTime.TotalMilliseconds:F0} ms, " +
                  $"interpreter {referenceTime.TotalMilliseconds:F0} ms ({referenceTime / generatedTime:F0}× slower)");
Console.WriteLine("(one run, wall clock; benchmarks/ has the careful measurements)");

// Keep the trained network: a weight file holds the architecture with the parameters, and any engine
// of the same layers loads it, here the plain-loops engine for a network known only at run time.
string weights = Path.Combine(Path.GetTempPath(), "flower.weights.json");
NetworkWeights.Save(network, weights);
var reloaded = new DynamicNetwork(NetworkWeights.ReadSpec(weights));
NetworkWeights.Load(reloaded, weights);
Console.WriteLine($"\nSaved to {weights} ({new FileInfo(weights).Length:N0} bytes) and loaded into a {nameof(DynamicNetwork)}: " +
                  $"training accuracy {Evaluation.UnitAccuracy(reloaded, flower.Inputs, flower.Targets):P1}");

// The course's pictures: where each network puts the boundary between the classes, and how the cost fell.
string folder = Path.GetTempPath();
string boundary = Path.Combine(folder, "flower-boundary.png"), cost = Path.Combine(folder, "flower-cost.png");
int[] classes = flower.Targets.Select(t => (int)t).ToArray();
DecisionRegions.Save(boundary,
    [new RegionPanel($"2-4-1 network: {networkAccuracy:P1}", network), new RegionPanel($"logistic regression: {logisticAccuracy:P1}", logistic)],
    flower.Inputs, classes, ["y = 0", "y = 1"], ("x1", "x2"));
LearningCurve.Save(cost, history, "2-4-1 network on the flower: training cost");
Console.WriteLine($"Pictures: {boundary} (decision regions) and {cost} (learning curve)");

static TimeSpan Time(Action action)
{
    var stopwatch = Stopwatch.StartNew();
    action();
    return stopwatch.Elapsed;
}

/// <summary>
/// Reports on the training thread. <see cref="Progress{T}"/> would post each report to the thread
/// pool, and the lines could come out after the results.
/// </summary>
internal sealed class ConsoleProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
