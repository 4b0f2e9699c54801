namespace GenNet.Tests;

/// <summary>Random networks and batches for tests, reproducible from a seed.</summary>
internal static class TestData
{
    public static NetworkSpec Spec(int inputs, Loss loss, params (int Units, Activation Activation)[] layers) =>
        new(inputs, layers.Select(layer => new LayerSpec(layer.Units, layer.Activation)), loss);

    /// <summary>Values uniform in [-scale, scale].</summary>
    public static float[] Uniform(Random random, int count, double scale = 1) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    /// <summary>Targets that suit the loss: 0/1 labels for binary cross-entropy, any value for squared error.</summary>
    public static float[] Targets(Random random, Loss loss, int count) =>
        loss switch
        {
            Loss.BinaryCrossEntropy => Enumerable.Range(0, count).Select(_ => (float)random.Next(2)).ToArray(),
            Loss.CategoricalCrossEntropy => throw new ArgumentException("One-hot targets need the class count: call Targets(random, spec, m)."),
            _ => Uniform(random, count),
        };

    /// <summary>Targets of <paramref name="m"/> examples that suit the network's loss: one-hot rows for categorical cross-entropy.</summary>
    public static float[] Targets(Random random, NetworkSpec spec, int m)
    {
        if (spec.Loss != Loss.CategoricalCrossEntropy)
            return Targets(random, spec.Loss, m * spec.OutputCount);
        var targets = new float[m * spec.OutputCount];
        for (int i = 0; i < m; i++)
            targets[i * spec.OutputCount + random.Next(spec.OutputCount)] = 1f;
        return targets;
    }

    public static double[] ToDouble(ReadOnlySpan<float> values) => values.ToArray().Select(v => (double)v).ToArray();

    /// <summary>Example-major values (<paramref name="units"/> per example) as a training block's rows: row k holds unit k of every example.</summary>
    public static float[] Rows(float[] examples, int units)
    {
        int m = examples.Length / units;
        var rows = new float[examples.Length];
        for (int i = 0; i < m; i++)
            for (int k = 0; k < units; k++)
                rows[k * m + i] = examples[i * units + k];
        return rows;
    }
}
