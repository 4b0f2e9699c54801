namespace GenNet;

/// <summary>Gradient descent over a training set, for any <see cref="INetwork"/>.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place for <see cref="TrainingOptions.Iterations"/>
    /// iterations and returns the cost of every iteration.
    /// </summary>
    /// <typeparam name="TNetwork">The network type (generic, so a generated class is called directly).</typeparam>
    /// <param name="network">The network; call <see cref="INetwork.Initialize(int)"/> first.</param>
    /// <param name="inputs">The training examples, example-major.</param>
    /// <param name="targets">The labels, example-major.</param>
    /// <param name="options">Iterations, learning rate, batch size and reporting.</param>
    /// <param name="progress">Receives the cost every <see cref="TrainingOptions.ReportEvery"/> iterations and at the last.</param>
    /// <returns>The cost of each iteration: with mini-batches, the average of its batches' costs.</returns>
    /// <exception cref="ArgumentException">The data does not fit the network, or an option is out of range.</exception>
    /// <exception cref="TrainingDivergedException">The cost or the parameters became NaN or infinite.</exception>
    public static float[] Fit<TNetwork>(
        TNetwork network,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, network.InputCount, network.OutputCount);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Iterations, nameof(options) + "." + nameof(options.Iterations));
        ArgumentOutOfRangeException.ThrowIfNegative(options.BatchSize, nameof(options) + "." + nameof(options.BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReportEvery, 1, nameof(options) + "." + nameof(options.ReportEvery));
        NetworkArgument.RequireFiniteLearningRate(options.LearningRate);

        var batches = options.BatchSize == 0 || options.BatchSize >= m
            ? null
            : new MiniBatches(inputs, targets, network.InputCount, network.OutputCount, options.BatchSize, options.ShuffleSeed);

        var costs = new float[options.Iterations];
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            float cost = batches is null
                ? network.TrainStep(inputs, targets, options.LearningRate)
                : batches.RunEpoch(network, options.LearningRate);
            if (!float.IsFinite(cost))
                throw new TrainingDivergedException(iteration, cost, options.LearningRate);
            costs[iteration] = cost;
            if (iteration % options.ReportEvery == 0 || iteration == options.Iterations - 1)
                progress?.Report(new TrainingProgress(iteration, cost));
        }

        // The cost of the last iteration was computed before its update, so check what it left behind.
        if (options.Iterations > 0 && !AllFinite(network.Parameters))
            throw new TrainingDivergedException(options.Iterations - 1, costs[^1], options.LearningRate);
        return costs;
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
            if (!float.IsFinite(value))
                return false;
        return true;
    }

    /// <summary>A shuffled copy of the training set, cut into mini-batches; allocated once per fit.</summary>
    private sealed class MiniBatches
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

        /// <summary>Shuffles, then steps once per mini-batch; returns the example-weighted mean cost.</summary>
        public float RunEpoch<TNetwork>(TNetwork network, float learningRate)
            where TNetwork : INetwork
        {
            Shuffle();
            int m = order.Length;
            double costSum = 0;
            for (int start = 0; start < m; start += batchSize)
            {
                int size = Math.Min(batchSize, m - start);
                float cost = network.TrainStep(
                    shuffledInputs.AsSpan(start * inputCount, size * inputCount),
                    shuffledTargets.AsSpan(start * outputCount, size * outputCount),
                    learningRate);
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
}
