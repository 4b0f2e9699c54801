namespace GenNet;

/// <summary>Measures of how well a trained network fits a data set.</summary>
public static class Evaluation
{
    /// <summary>
    /// The fraction of output values on the right side of 0.5: a prediction counts as 1 when
    /// <c>ŷ &gt; 0.5</c>, and is right when that matches <c>y &gt; 0.5</c>. For sigmoid outputs.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">The examples, example-major.</param>
    /// <param name="targets">The 0/1 labels, example-major.</param>
    /// <returns>The accuracy, from 0 to 1.</returns>
    public static double BinaryAccuracy(IPredictor network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        ArgumentNullException.ThrowIfNull(network);
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, network.InputCount, network.OutputCount);
        var predictions = new float[targets.Length];
        network.PredictBatch(inputs, predictions);
        int right = 0;
        for (int k = 0; k < predictions.Length; k++)
            if (predictions[k] > 0.5f == targets[k] > 0.5f)
                right++;
        return (double)right / (m * network.OutputCount);
    }
}
