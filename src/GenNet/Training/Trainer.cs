namespace GenNet;

/// <summary>
/// Trains any <see cref="INetwork"/> over a training set: gradient descent or another
/// <see cref="Optimizer"/>, with optional L2 regularisation, learning-rate schedule, validation set and
/// early stopping (<see cref="TrainingOptions"/>).
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> in place with the default <see cref="TrainingOptions"/>
    /// (1,000 full-batch iterations of gradient descent at learning rate 0.01).
    /// </summary>
    /// <typeparam name="TNetwork">The network type (generic, so a generated class is called directly).</typeparam>
    /// <param name="network">The network; call <see cref="INetwork.Initialize(int)"/> (or load weights) first.</param>
    /// <param name="inputs">The training examples, example-major.</param>
    /// <param name="targets">The labels, example-major.</param>
    /// <returns>The cost of each iteration and the reports.</returns>
    /// <exception cref="ArgumentException">As the overload with options throws it.</exception>
    /// <exception cref="TrainingDivergedException">As the overload with options throws it.</exception>
    public static TrainingHistory Fit<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        where TNetwork : INetwork =>
        Fit(network, inputs, targets, new TrainingOptions());

    /// <summary>
    /// Trains <paramref name="network"/> in place for <see cref="TrainingOptions.Iterations"/> iterations.
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
    /// <param name="options">Iterations, optimiser, learning rate and schedule, L2, batch size and reporting.</param>
    /// <param name="progress">Receives a report every <see cref="TrainingOptions.ReportEvery"/> iterations and at the last.</param>
    /// <param name="cancellationToken">Stops training between two steps.</param>
    /// <returns>The cost of each iteration (with mini-batches, the average of its batches' costs) and the reports.</returns>
    /// <exception cref="ArgumentException">
    /// The data does not fit the network or holds a NaN or infinity, a cross-entropy target is outside
    /// [0, 1], an option is out of range (<see cref="TrainingOptions.Patience"/> needs a validation set),
    /// or the network's parameters are all zero.
    /// </exception>
    /// <exception cref="TrainingDivergedException">The cost or the parameters became NaN or infinite, or the cost kept rising.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TrainingHistory Fit<TNetwork>(
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
        CheckOptions(options, hasValidation: false);
        return Run(network, inputs, targets, validation: null, options, progress, cancellationToken);
    }

    /// <summary>
    /// Trains <paramref name="network"/> in place, evaluating a validation set at every report and, with
    /// <see cref="TrainingOptions.Patience"/>, stopping early when its cost stops improving.
    /// </summary>
    /// <remarks>
    /// The validation cost and class accuracy are measured after the reported iteration's update and
    /// carried by <see cref="TrainingProgress.ValidationCost"/> and <see cref="TrainingProgress.ValidationAccuracy"/>.
    /// With <see cref="TrainingOptions.Patience"/> set, training stops once that many evaluations in a row
    /// have not lowered the validation cost, and (<see cref="TrainingOptions.RestoreBestParameters"/>)
    /// the parameters of the lowest one are restored, also when every iteration ran.
    /// </remarks>
    /// <typeparam name="TNetwork">The network type (generic, so a generated class is called directly).</typeparam>
    /// <param name="network">The network, initialised (see the overload without a validation set).</param>
    /// <param name="inputs">The training examples, example-major; finite numbers.</param>
    /// <param name="targets">The training labels, example-major.</param>
    /// <param name="validationInputs">The validation examples, example-major: at least one, of <see cref="IPredictor.InputCount"/> values each.</param>
    /// <param name="validationTargets">The validation labels, <see cref="IPredictor.OutputCount"/> per validation example.</param>
    /// <param name="options">Iterations, optimiser, learning rate and schedule, L2, batch size, reporting and early stopping.</param>
    /// <param name="progress">Receives a report, with the validation cost and accuracy, every <see cref="TrainingOptions.ReportEvery"/> iterations and at the last.</param>
    /// <param name="cancellationToken">Stops training between two steps.</param>
    /// <returns>The cost of each iteration, the reports, the best iteration and whether training stopped early.</returns>
    /// <exception cref="ArgumentException">As the overload without a validation set, or the validation set does not fit the network or holds a NaN or infinity.</exception>
    /// <exception cref="TrainingDivergedException">The cost or the parameters became NaN or infinite, or the cost kept rising.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static TrainingHistory Fit<TNetwork>(
        TNetwork network,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets,
        ReadOnlySpan<float> validationInputs,
        ReadOnlySpan<float> validationTargets,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options, hasValidation: true);
        TrainingData.CheckValidation(network, validationInputs, validationTargets);
        var validation = new ValidationMonitor(validationInputs, validationTargets, network.ParameterCount, options.Patience, options.RestoreBestParameters);
        return Run(network, inputs, targets, validation, options, progress, cancellationToken);
    }

    private static TrainingHistory Run<TNetwork>(
        TNetwork network,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> targets,
        ValidationMonitor? validation,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
        where TNetwork : INetwork
    {
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, network.InputCount, network.OutputCount);
        TrainingData.Check(network, inputs, targets);

        var step = new TrainingStep(network.Spec, options.Optimizer, options.WeightDecay);
        var batches = options.BatchSize == 0 || options.BatchSize >= m
            ? null
            : new MiniBatches(inputs, targets, network.InputCount, network.OutputCount, options.BatchSize, options.ShuffleSeed);

        // Grown as training goes: Iterations may be far more than a run will ever reach before it is cancelled.
        var costs = new List<float>(Math.Min(options.Iterations, 4096));
        var reports = new List<TrainingProgress>();
        // Full batch: the first iteration's cost is the starting network's; an epoch of mini-batches has moved already.
        float? startingCost = batches is null || options.Iterations == 0 ? null : step.Cost(network, inputs, targets);
        RisingCostDetector? rise = null;
        bool stoppedEarly = false;
        for (int iteration = 0; iteration < options.Iterations && !stoppedEarly; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            float rate = options.Schedule.RateAt(options.LearningRate, iteration);
            float cost = batches is null
                ? step.Take(network, inputs, targets, rate)
                : batches.RunEpoch(network, step, rate, cancellationToken);
            if (!float.IsFinite(cost))
                throw new TrainingDivergedException(iteration, cost, rate);
            costs.Add(cost);
            rise ??= new RisingCostDetector(startingCost ?? cost);
            rise.Observe(iteration, cost, rate);
            if (iteration % options.ReportEvery == 0 || iteration == options.Iterations - 1)
            {
                var report = new TrainingProgress(iteration, cost) { LearningRate = rate };
                stoppedEarly = validation is not null && validation.Evaluate(network, step, ref report);
                reports.Add(report);
                progress?.Report(report);
            }
        }

        // The cost of the last iteration was computed before its update, so check what it left behind.
        if (costs.Count > 0 && !Kernels.AllFinite(network.Parameters))
            throw new TrainingDivergedException(costs.Count - 1, costs[^1], options.Schedule.RateAt(options.LearningRate, costs.Count - 1));
        bool restored = validation is not null && validation.RestoreBest(network);
        return new TrainingHistory([.. costs], [.. reports], validation?.BestIteration, stoppedEarly, restored);
    }

    /// <summary>Refuses every option out of range, before anything changes.</summary>
    private static void CheckOptions(TrainingOptions options, bool hasValidation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Iterations, nameof(options) + "." + nameof(options.Iterations));
        ArgumentOutOfRangeException.ThrowIfNegative(options.BatchSize, nameof(options) + "." + nameof(options.BatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReportEvery, 1, nameof(options) + "." + nameof(options.ReportEvery));
        NetworkArgument.RequireLearningRate(options.LearningRate);
        ArgumentNullException.ThrowIfNull(options.Optimizer, nameof(options) + "." + nameof(options.Optimizer));
        options.Optimizer.Validate(nameof(options) + "." + nameof(options.Optimizer));
        ArgumentNullException.ThrowIfNull(options.Schedule, nameof(options) + "." + nameof(options.Schedule));
        options.Schedule.Validate();
        TrainingStep.RequireWeightDecay(options.WeightDecay, nameof(options) + "." + nameof(options.WeightDecay));
        if (options.Patience is int patience)
        {
            if (patience < 1)
                throw new ArgumentException(
                    $"Patience counts evaluations without improvement before stopping; it must be at least 1, but it is {patience}.",
                    nameof(options) + "." + nameof(options.Patience));
            if (!hasValidation)
                throw new ArgumentException(
                    "Early stopping watches the validation cost: pass validationInputs and validationTargets to Trainer.Fit, or leave Patience null.",
                    nameof(options) + "." + nameof(options.Patience));
        }
    }
}
