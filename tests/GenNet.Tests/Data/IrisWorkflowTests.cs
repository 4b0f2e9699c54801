using GenNet.Datasets;
using GenNet.Tests.Training;

namespace GenNet.Tests.Data;

/// <summary>
/// The pieces together, as a user would chain them on real data: split Iris by class, standardise
/// with statistics of the training part only, train, fold the scaling into the network, and
/// score the held-out flowers, given raw, with a confusion matrix.
/// </summary>
public sealed class IrisWorkflowTests
{
    [Fact]
    public void A_folded_iris_classifier_scores_held_out_raw_flowers()
    {
        var iris = ClassicDatasets.Iris();
        var split = DataSplit.Stratified(iris.Labels, validationFraction: 0.2, seed: 1);
        var (trainInputs, validationInputs) = split.CopyRows<float>(iris.Features, iris.FeatureCount);
        var (trainTargets, _) = split.CopyRows<float>(iris.OneHotTargets, iris.ClassCount);
        var (_, validationLabels) = split.CopyRows<int>(iris.Labels, 1);

        var standardizer = Standardizer.Fit(trainInputs, iris.FeatureCount);
        var standardized = new float[trainInputs.Length];
        standardizer.Transform(trainInputs, standardized);
        var network = new IrisNet(); // 4-8-3, softmax output
        network.Initialize(seed: 1);
        Trainer.Fit(network, standardized, trainTargets, new TrainingOptions { Iterations = 500, LearningRate = 0.01f, Optimizer = new Adam() });
        var standardizedValidation = new float[validationInputs.Length];
        standardizer.Transform(validationInputs, standardizedValidation);
        var unfolded = new int[validationLabels.Length];
        Evaluation.PredictClasses(network, standardizedValidation, unfolded);
        standardizer.FoldInto(network);

        var predicted = new int[validationLabels.Length];
        Evaluation.PredictClasses(network, validationInputs, predicted); // raw measurements
        predicted.ShouldBe(unfolded, "the folded network on raw flowers predicts what it did on standardised ones");
        var matrix = new ConfusionMatrix(validationLabels, predicted, iris.ClassCount, iris.ClassNames);

        matrix.Total.ShouldBe(30);
        matrix.Accuracy.ShouldBeGreaterThanOrEqualTo(0.9, matrix.ToString());
        matrix.Recall(0).ShouldBe(1.0, matrix.ToString()); // setosa is linearly separable from the others
    }
}
