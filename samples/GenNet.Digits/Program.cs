// The 8×8 handwritten digits (1,797 images, data/README.md): a 64-32-10 network with a softmax output
// learns to read them. A stratified fifth is held out; Adam trains on the rest, the held-out digits
// are evaluated after every epoch, and training stops once their cost has not improved for 20 epochs,
// keeping the best parameters. Then: the confusion matrix, the weights saved, and the same network
// baked into the code (DigitsPredictor, Networks.cs) predicting the held-out digits again.
//
//   dotnet run --project samples/GenNet.Digits -c Release [-- path/to/digits.weights.json]
//
// The weights go to the temporary folder unless a path is given. Given the sample's own
// samples/GenNet.Digits/digits.weights.json, the next build bakes what this run trained.
using System.Globalization;
using GenNet;
using GenNet.Datasets;
using GenNet.Digits;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string weightsPath = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "digits.weights.json");

var digits = ClassicDatasets.Digits();
var split = DataSplit.Stratified(digits.Labels, validationFraction: 0.2, seed: 1);   // each digit keeps its share
var (trainInputs, heldOutInputs) = split.CopyRows<float>(digits.Features, digits.FeatureCount);
var (trainTargets, heldOutTargets) = split.CopyRows<float>(digits.OneHotTargets, digits.ClassCount);   // one-hot
var (_, heldOutLabels) = split.CopyRows<int>(digits.Labels, 1);
Console.WriteLine($"8×8 digits: {digits.Count} images, {split.TrainingIndices.Length} for training, {split.ValidationIndices.Length} held out");

// Pixel counts 0–16 scaled to 0–1 for training: a fixed standardiser (μ = 0, σ = 16), folded into the
// first layer afterwards, so the saved and baked networks take raw pixel counts. (Standardizer.Fit
// would refuse these pixels: some are 0 in every image, a column with no spread.)
var scale = new Standardizer(new double[64], Enumerable.Repeat(16.0, 64).ToArray());
float[] scaledTrain = new float[trainInputs.Length], scaledHeldOut = new float[heldOutInputs.Length];
scale.Transform(trainInputs, scaledTrain);
scale.Transform(heldOutInputs, scaledHeldOut);

var network = new DigitsNet();
network.Initialize(seed: 1);
var options = new TrainingOptions
{
    Optimizer = new Adam(),
    LearningRate = 0.02f,          // chosen from a measured grid (tests/GenNet.Tests/Training/DigitsOptimizerTests.cs)
    Iterations = 300,              // full-batch epochs at most
    ReportEvery = 1,               // evaluate the held-out digits after every epoch
    Patience = 20,                 // stop after 20 epochs without a lower held-out cost, and keep the best
};
Console.WriteLine("\nepoch  training cost  validation cost  validation accuracy   (every 10th)");
var history = Trainer.Fit(network, scaledTrain, trainTargets, scaledHeldOut, heldOutTargets, options, new EpochPrinter(every: 10));

// One point per epoch: training and validation cost and accuracy (drawn into a PNG below).
var curve = LearningCurve.From(history);
var best = curve[history.BestIteration!.Value];
Console.WriteLine($"{(history.StoppedEarly ? "stopped early" : "ran every epoch")} after epoch {curve[^1].Epoch}; " +
                  $"best validation cost {best.ValidationCost:F4} at epoch {best.Epoch}, restored: {history.RestoredBest}");

// These digits chose the epoch, so their score flatters a little; a third, untouched split would not.
scale.FoldInto(network);           // W[1] := W[1] / 16: the network now reads raw pixel counts
int[] predicted = new int[heldOutLabels.Length];
Evaluation.PredictClasses(network, heldOutInputs, predicted);   // the index of the largest probability
var matrix = new ConfusionMatrix(heldOutLabels, predicted, digits.ClassCount, digits.ClassNames);
Console.WriteLine($"\nheld-out accuracy {matrix.Accuracy:P1} ({matrix.Correct} of {matrix.Total})\n");
Console.WriteLine(matrix);

NetworkWeights.Save(network, weightsPath);
Console.WriteLine($"\nsaved to {weightsPath}");

// The learning curve beside the weights: both costs per epoch, and the epoch whose weights were kept.
string picture = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!, "digits-cost.png");
GenNet.Plotting.LearningCurve.Save(picture, history, "64-32-10 softmax on the 8×8 digits: cost per epoch");
Console.WriteLine($"learning curve: {picture}");

// The baked network: the committed samples/GenNet.Digits/digits.weights.json, compiled in.
int[] bakedPredicted = new int[heldOutLabels.Length];
try
{
    Evaluation.PredictClasses(new DigitsPredictor(), heldOutInputs, bakedPredicted);
}
catch (InvalidOperationException e)
{
    Console.WriteLine($"baked: {e.Message}");
    return;
}
int disagreements = predicted.Zip(bakedPredicted).Count(pair => pair.First != pair.Second);
bool sameWeights = DigitsPredictor.Parameters.SequenceEqual(network.Parameters);
Console.WriteLine(disagreements == 0
    ? $"baked predicts the same classes as the trained network on all {predicted.Length} held-out digits"
    : $"baked predicts other classes than the trained network for {disagreements} of {predicted.Length} held-out digits");
Console.WriteLine(sameWeights
    ? "(its weights are this run's, bit for bit)"
    : "(its weights are not this run's: to bake this run's, run again with samples/GenNet.Digits/digits.weights.json as the argument and rebuild)");

/// <summary>Prints every <c>every</c>-th epoch's costs and accuracy, on the training thread, as training goes.</summary>
internal sealed class EpochPrinter(int every) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        int epoch = value.Iteration + 1;
        if (epoch == 1 || epoch % every == 0)
            Console.WriteLine($"{epoch,5}  {value.Cost,13:F4}  {value.ValidationCost,15:F4}  {value.ValidationAccuracy,19:P1}");
    }
}
