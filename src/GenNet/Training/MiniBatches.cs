namespace GenNet;

/// <summary>A shuffled copy of the training set, cut into mini-batches; allocated once per fit.</summary>
internal sealed class MiniBatches
{
    private readonly float[] inputs;
    private readonly float[] targets;
    private readonly float[] shuffledInputs;
    private readonly float[] shuffledTargets;
    private readonly int[] order;
    private readonly int inputCount;
    private readonly int outputCount;
    private readonly int batchSize;
    private readonly GaussianSource random;

    public MiniBatches(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int inputCount, int outputCount, int batchSize, int seed)
    {
        this.inputs = inputs.ToArray();
        this.targets = targets.ToArray();
        shuffledInputs = new float[this.inputs.Length];
        shuffledTargets = new float[this.targets.Length];
        order = Enumerable.Range(0, this.inputs.Length / inputCount).ToArray();
        this.inputCount = inputCount;
        this.outputCount = outputCount;
        this.batchSize = batchSize;
        random = new GaussianSource(seed);
    }

    /// <summary>Shuffles, then steps once per mini-batch; returns the example-weighted mean cost, or the first non-finite one.</summary>
    public float RunEpoch<TNetwork>(TNetwork network, TrainingStep step, float learningRate, CancellationToken cancellationToken)
        where TNetwork : INetwork
    {
        Shuffle();
        int m = order.Length;
        double costSum = 0;
        for (int start = 0; start < m; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int size = Math.Min(batchSize, m - start);
            float cost = step.Take(
                network,
                shuffledInputs.AsSpan(start * inputCount, size * inputCount),
                shuffledTargets.AsSpan(start * outputCount, size * outputCount),
                learningRate);
            if (!float.IsFinite(cost))
                return cost; // the step was not taken; the epoch has diverged
            costSum += (double)cost * size;
        }
        return (float)(costSum / m);
    }

    private void Shuffle()
    {
        for (int i = order.Length - 1; i > 0; i--) // Fisher–Yates
        {
            int j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        for (int i = 0; i < order.Length; i++)
        {
            inputs.AsSpan(order[i] * inputCount, inputCount).CopyTo(shuffledInputs.AsSpan(i * inputCount));
            targets.AsSpan(order[i] * outputCount, outputCount).CopyTo(shuffledTargets.AsSpan(i * outputCount));
        }
    }
}
