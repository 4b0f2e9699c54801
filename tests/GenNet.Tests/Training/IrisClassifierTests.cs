using GenNet.Datasets;

namespace GenNet.Tests.Training;

/// <summary>
/// Iris, 4-8-3 with a softmax output (categorical cross-entropy by <see cref="Loss.Auto"/>), trained with
/// Adam on standardised features: at least 95 % of held-out flowers classified right, averaged over
/// eight stratified splits.
/// </summary>
/// <remarks>
/// Why eight splits and not one: a held-out fifth of Iris is 30 flowers, so one flower is 3.3 points,
/// and which versicolor and virginica flowers land in it decides the score more than training does.
/// Measured (Adam, α = 0.01, 500 full-batch iterations; split seed = initialisation seed = 1…8):
/// 93.3, 96.7, 96.7, 96.7, 96.7, 96.7, 100 and 96.7 %, mean 96.7 %. Of the twelve configurations
/// tried (gradient descent at α = 0.1 and 0.5, Adam at 0.01 and 0.05, each for 200, 500 and 1,000
/// iterations), split 1 scores 93.3 % under eleven; the means over the eight splits run from 95.4 to
/// 97.5 %, except gradient descent at 0.1 for 200 iterations, still undertrained (94.2 %). The test
/// uses a middle setting, not the best-scoring one (Adam at 0.01 for 200 iterations: 97.5 %).
/// </remarks>
public sealed class IrisClassifierTests(ITestOutputHelper output)
{
    private const int Splits = 8;

    [Fact]
    public void A_softmax_classifier_scores_at_least_95_percent_on_held_out_flowers()
    {
        var iris = ClassicDatasets.Iris();
        var accuracies = new double[Splits];
        for (int seed = 1; seed <= Splits; seed++)
        {
            var split = DataSplit.Stratified(iris.Labels, validationFraction: 0.2, seed: seed);
            var (trainInputs, heldOutInputs) = split.CopyRows<float>(iris.Features, iris.FeatureCount);
            var (trainTargets, heldOutTargets) = split.CopyRows<float>(iris.OneHotTargets, iris.ClassCount);
            var standardizer = Standardizer.Fit(trainInputs, iris.FeatureCount); // the training part only
            standardizer.Transform(trainInputs);
            standardizer.Transform(heldOutInputs);

            var network = new IrisNet();
            network.Initialize(seed: seed);
            Trainer.Fit(network, trainInputs, trainTargets, new TrainingOptions { Iterations = 500, LearningRate = 0.01f, Optimizer = new Adam() });
            accuracies[seed - 1] = Evaluation.ClassAccuracy(network, heldOutInputs, heldOutTargets);
            output.WriteLine($"split {seed}: {accuracies[seed - 1]:P1} of {heldOutTargets.Length / 3} held-out flowers");
        }
        output.WriteLine($"mean {accuracies.Average():P1}");

        accuracies.Average().ShouldBeGreaterThanOrEqualTo(0.95, string.Join(", ", accuracies.Select(a => a.ToString("P1"))));
        accuracies.ShouldAllBe(a => a >= 0.9, "no split much worse than the rest");
    }
}

/// <summary>The Iris classifier: 4 measurements, 8 tanh units, a softmax over the 3 species.</summary>
[Network(4)]
[Layer(8, Activation.Tanh)]
[Layer(3, Activation.Softmax)]
public partial class IrisNet;
