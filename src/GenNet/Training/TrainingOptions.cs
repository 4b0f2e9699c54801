namespace GenNet;

/// <summary>How <see cref="Trainer"/> trains: iterations, optimiser, learning rate and its schedule, L2, batches, reporting and early stopping.</summary>
public sealed record TrainingOptions
{
    /// <summary>The number of iterations (passes over the whole training set, epochs); 1,000 by default.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>The step size <c>α</c> (of iteration 0, when a <see cref="Schedule"/> changes it); 0.01 by default.</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>
    /// Examples per gradient step. 0 (the default) means full-batch gradient descent, one step per
    /// iteration; a smaller number shuffles the set each iteration and steps once per mini-batch.
    /// </summary>
    public int BatchSize { get; init; }

    /// <summary>
    /// How often, in iterations, to report progress and evaluate the validation set; 1,000 by default.
    /// The last iteration is always reported. With a validation set, 1 evaluates after every iteration.
    /// </summary>
    public int ReportEvery { get; init; } = 1000;

    /// <summary>The seed of the mini-batch shuffle, so runs repeat exactly.</summary>
    public int ShuffleSeed { get; init; }

    /// <summary>
    /// How a gradient becomes an update: <see cref="GradientDescent"/> (the default), <see cref="Momentum"/>,
    /// <see cref="RmsProp"/> or <see cref="Adam"/>. Their formulas are in their documentation.
    /// </summary>
    public Optimizer Optimizer { get; init; } = new GradientDescent();

    /// <summary>
    /// The L2 regularisation strength <c>λ</c>, at least 0; 0 (none) by default. The cost becomes
    /// <c>J + (λ/2)·Σ W²</c> over every layer's weights (not the biases), so each weight's gradient
    /// gains <c>λ·W</c>. Every cost <see cref="Trainer"/> reports, training and validation, includes the
    /// term, so the two curves compare like with like.
    /// </summary>
    public float WeightDecay { get; init; }

    /// <summary>How the learning rate changes over the iterations; <see cref="ConstantLearningRate"/> by default.</summary>
    public LearningRateSchedule Schedule { get; init; } = new ConstantLearningRate();

    /// <summary>
    /// Early stopping: stop when the validation cost has not improved (gone below its lowest so far) for
    /// this many evaluations in a row (every <see cref="ReportEvery"/> iterations). <c>null</c> (the
    /// default) trains every iteration. Needs a validation set; at least 1.
    /// </summary>
    public int? Patience { get; init; }

    /// <summary>
    /// With <see cref="Patience"/> set, whether training ends by restoring the parameters of the
    /// evaluation with the lowest validation cost; <c>true</c> by default.
    /// </summary>
    public bool RestoreBestParameters { get; init; } = true;
}

/// <summary>One report of training progress.</summary>
/// <param name="Iteration">The iteration, counted from 0.</param>
/// <param name="Cost">
/// The cost <c>J</c> over the training set at that iteration, before its update (with mini-batches, the
/// mean of the iteration's batches as each was before its own update), with the L2 term when
/// <see cref="TrainingOptions.WeightDecay"/> is set.
/// </param>
public readonly record struct TrainingProgress(int Iteration, float Cost)
{
    /// <summary>The learning rate the iteration used.</summary>
    public float LearningRate { get; init; }

    /// <summary>
    /// The cost over the validation set after the iteration's update (with the L2 term, as <see cref="Cost"/>);
    /// <c>null</c> without a validation set.
    /// </summary>
    public float? ValidationCost { get; init; }

    /// <summary>
    /// The class accuracy over the validation set after the iteration's update
    /// (<see cref="Evaluation.ClassAccuracy"/>: meaningful for classifiers); <c>null</c> without a validation set.
    /// </summary>
    public double? ValidationAccuracy { get; init; }
}
