namespace GenNet.Tool;

/// <summary>How well a network fits examples: the cost it was trained to lower, and the figures a person reads.</summary>
internal sealed record Metrics(int Count, double Cost, double? Accuracy, double? MeanAbsoluteError, double? RootMeanSquaredError, ConfusionMatrix? Confusion)
{
    /// <summary>Measures <paramref name="network"/> on <paramref name="examples"/> (raw inputs).</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="examples">The examples.</param>
    /// <param name="classes">The class labels, or <c>null</c> for regression.</param>
    public static Metrics Of(IPredictor network, Examples examples, IReadOnlyList<string>? classes)
    {
        int m = examples.Count, n = network.OutputCount;
        var outputs = new float[m * n];
        network.PredictBatch(examples.Inputs, outputs);
        var spec = network.Spec;
        var loss = NetworkSpec.ResolveLoss(spec.Loss, spec.Layers[^1].Activation);
        double cost = 0;
        for (int i = 0; i < m; i++)
            cost += LossFunctions.Of(loss, outputs.AsSpan(i * n, n), examples.Targets.AsSpan(i * n, n));
        cost /= m;
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
