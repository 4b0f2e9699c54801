namespace GenNet;

/// <summary>Gradient descent over a training set, for any <see cref="INetwork"/>.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place with the default <see cref="TrainingOptions"/>
    /// (1,000 full-batch iterations at learning rate 0.01) and returns the cost of every iteration.
    /// </summary>
    /// <typeparam name="TNetwork">The network type (generic, so a generated class is called directly).</typeparam>
    /// <param name="network">The network; call <see cref="INetwork.Initialize(int)"/> (or load weights) first.</param>
    /// <param name="inputs">The training examples, example-major.</param>
    /// <param name="targets">The labels, example-major.</param>
    /// <returns>The cost of each iteration.</returns>
    /// <exception cref="ArgumentException">As the overload with options throws it.</exception>
    /// <exception cref="TrainingDivergedException">As the overload with options throws it.</exception>
    public static float[] Fit<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        where TNetwork : INetwork =>
        Fit(network, inputs, targets, new TrainingOptions());

    /// <summary>
    /// Trains <paramref name="network"/> in place for <see cref="TrainingOptions.Iterations"/>
    /// iterations and returns the cost of every iteration.
    /// </summary>
    /// <remarks>
    /// Everything is checked before the first step, so a refused call leaves the network as it was. A
    /// cancellation is noticed between iterations and between mini-batches: the parameters are then
    /// those of the last completed step.
    /// </remarks>
    /// <typeparam name="TNetwork">The network type (generic, so a generated class is called directly).</typeparam>
    /// <param name="network">
    /// The network; call <see cref="INetwork.Initialize(int)"/> (or load weights) first: a new instance is
    /// all zeros, which is refused unless its <see cref="NetworkSpec.Init"/> is <see cref="Init.Zeros"/>.
    /// </param>
    /// <param name="inputs">The training examples, example-major; finite numbers.</param>
    /// <param name="targets">The labels, example-major; finite numbers, and within [0, 1] for binary cross-entropy.</param>
    /// <param name="options">Iterations, learning rate, batch size and reporting.</param>
    /// <param name="progress">Receives the cost every <see cref="TrainingOptions.ReportEvery"/> iterations and at the last.</param>
    /// <param name="cancellationToken">Stops training between two steps.</param>
    /// <returns>The cost of each iteration: with mini-batches, the average of its batches' costs.</returns>
    /// <exception cref="ArgumentException">
    /// The data does not fit the network or holds a NaN or infinity, a cross-entropy target is outside
    /// [0, 1], an option is out of range, or the network's parameters are all zero.
    /// </exception>
    /// <exception cref="TrainingDivergedException">The cost or the parameters became NaN or infinite, or the cost kept rising.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static float[] Fit<TNetwork>(
        TNetwork network,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, network.InputCount, network.OutputCount);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Iterations, nameof(options) + "." + nameof(options.Iterations));
        ArgumentOutOfRangeException.ThrowIfNegative(options.BatchSize, nameof(options) + "." + nameof(options.BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReportEvery, 1, nameof(options) + "." + nameof(options.ReportEvery));
        NetworkArgument.RequireLearningRate(options.LearningRate);
        TrainingData.Check(network, inputs, targets);

        var batches = options.BatchSize == 0 || options.BatchSize >= m
            ? null
            : new MiniBatches(inputs, targets, network.InputCount, network.OutputCount, options.BatchSize, options.ShuffleSeed);

        // Grown as training goes: Iterations may be far more than a run will ever reach before it is cancelled.
        var costs = new List<float>(Math.Min(options.Iterations, 4096));
        // Full batch: the first iteration's cost is the starting network's; an epoch of mini-batches has moved already.
        float? startingCost = batches is null || options.Iterations == 0 ? null : StartingCost(network, inputs, targets);
        RisingCostDetector? rise = null;
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            float cost = batches is null
                ? network.TrainStep(inputs, targets, options.LearningRate)
                : batches.RunEpoch(network, options.LearningRate, cancellationToken);
            if (!float.IsFinite(cost))
                throw new TrainingDivergedException(iteration, cost, options.LearningRate);
            costs.Add(cost);
            rise ??= new RisingCostDetector(startingCost ?? cost);
            rise.Observe(iteration, cost, options.LearningRate);
            if (iteration % options.ReportEvery == 0 || iteration == options.Iterations - 1)
                progress?.Report(new TrainingProgress(iteration, cost));
        }

        // The cost of the last iteration was computed before its update, so check what it left behind.
        if (options.Iterations > 0 && !Kernels.AllFinite(network.Parameters))
            throw new TrainingDivergedException(options.Iterations - 1, costs[^1], options.LearningRate);
        return [.. costs];
    }

    /// <summary>The cost of the network as it is, over the whole training set, before training changes it.</summary>
    private static float StartingCost(INetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) =>
        network.ComputeGradients(inputs, targets, new float[network.ParameterCount]);

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

        /// <summary>Shuffles, then steps once per mini-batch; returns the example-weighted mean cost, or the first non-finite one.</summary>
        public float RunEpoch<TNetwork>(TNetwork network, float learningRate, CancellationToken cancellationToken)
            where TNetwork : INetwork
        {
            Shuffle();
            int m = order.Length;
            double costSum = 0;
            for (int start = 0; start < m; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int size = Math.Min(batchSize, m - start);
                float cost = network.TrainStep(
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
}
