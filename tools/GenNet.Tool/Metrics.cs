namespace GenNet.Tool;

/// <summary>How well a network fits examples: the cost it was trained to lower, and the figures a person reads.</summary>
internal sealed record Metrics(int Count, double Cost, double? Accuracy, double? MeanAbsoluteError, double? RootMeanSquaredError, ConfusionMatrix? Confusion)
{
    /// <summary>Measures <paramref name="network"/> on <paramref name="examples"/> (raw inputs).</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="examples">The examples.</param>
    /// <param name="classes">The class labels, or <c>null</c> for regression.</param>
    public static Metrics Of(INetwork network, Examples examples, IReadOnlyList<string>? classes)
    {
        int m = examples.Count, n = network.OutputCount;
        var outputs = new float[m * n];
        network.PredictBatch(examples.Inputs, outputs);
        // The cost as training computes it (a cross-entropy from the logits, which the outputs no longer hold
        // once they round to 0 or 1); the gradient is a by-product.
        double cost = network.ComputeGradients(examples.Inputs, examples.Targets, new float[network.ParameterCount]);
        if (examples.Labels is { } labels && classes is not null)
        {
            var predicted = new int[m];
            for (int i = 0; i < m; i++)
                predicted[i] = Evaluation.ClassOf(outputs.AsSpan(i * n, n));
            var confusion = new ConfusionMatrix(labels, predicted, classes.Count, classes);
            return new Metrics(m, cost, confusion.Accuracy, null, null, confusion);
        }
        double absolute = 0, squared = 0;
        for (int i = 0; i < m; i++)
        {
            double error = outputs[i] - examples.Targets[i];
            absolute += Math.Abs(error);
            squared += error * error;
        }
        return new Metrics(m, cost, null, absolute / m, Math.Sqrt(squared / m), null);
    }
}
