// The course's planar-data exercise: a network with one hidden layer of 4 tanh units learns to
// separate the two classes of the "flower", which logistic regression cannot.
using System.Globalization;
using GenNet;
using GenNet.Datasets;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var flower = PlanarFlower.Generate(count: 400, seed: 1);
var options = new TrainingOptions { Iterations = 10_000, LearningRate = 1.2f, ReportEvery = 1000 };
var printCost = new ConsoleProgress(p => Console.WriteLine($"  cost after iteration {p.Iteration,5}: {p.Cost:F6}"));

Console.WriteLine($"Planar flower: {flower.Count} points, 2 classes\n");

Console.WriteLine("2-4-1 network (tanh hidden layer, sigmoid output):");
var network = new ReferenceNetwork(new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)]));
network.Initialize(seed: 2);
Trainer.Fit(network, flower.Inputs, flower.Targets, options, printCost);
double networkAccuracy = Evaluation.BinaryAccuracy(network, flower.Inputs, flower.Targets);

Console.WriteLine("\nLogistic regression (no hidden layer):");
var logistic = new ReferenceNetwork(new NetworkSpec(2, [new(1, Activation.Sigmoid)]));
logistic.Initialize(seed: 2);
Trainer.Fit(logistic, flower.Inputs, flower.Targets, options, printCost);
double logisticAccuracy = Evaluation.BinaryAccuracy(logistic, flower.Inputs, flower.Targets);

Console.WriteLine();
Console.WriteLine($"Training accuracy, 2-4-1 network:       {networkAccuracy:P1}");
Console.WriteLine($"Training accuracy, logistic regression: {logisticAccuracy:P1}");

/// <summary>
/// Reports on the training thread. <see cref="Progress{T}"/> would post each report to the thread
/// pool, and the lines could come out after the results.
/// </summary>
internal sealed class ConsoleProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
