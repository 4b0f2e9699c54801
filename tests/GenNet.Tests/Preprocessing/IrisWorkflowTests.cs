using GenNet.Datasets;

namespace GenNet.Tests.Preprocessing;

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
        // Three sigmoid outputs, one per class, until softmax exists.
        var network = new DynamicNetwork(TestData.Spec(4, Loss.Auto, (8, Activation.Tanh), (3, Activation.Sigmoid)));
        network.Initialize(seed: 1);
        Trainer.Fit(network, standardized, trainTargets, new TrainingOptions { Iterations = 2000, LearningRate = 0.5f });
        standardizer.FoldInto(network);

        var outputs = new float[validationLabels.Length * 3];
        network.PredictBatch(validationInputs, outputs);
        int[] predicted = [.. Enumerable.Range(0, validationLabels.Length).Select(i => ArgMax(outputs.AsSpan(i * 3, 3)))];
        var matrix = new ConfusionMatrix(validationLabels, predicted, iris.ClassCount, iris.ClassNames);

        matrix.Total.ShouldBe(30);
        matrix.Accuracy.ShouldBeGreaterThanOrEqualTo(0.9, matrix.ToString());
        matrix.Recall(0).ShouldBe(1.0, matrix.ToString()); // setosa is linearly separable from the others
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
            if (values[k] > values[best])
                best = k;
        return best;
    }
}
