namespace GenNet;

/// <summary>
/// How the learning rate changes from one iteration (epoch) to the next, starting from
/// <see cref="TrainingOptions.LearningRate"/> <c>α₀</c>: <see cref="ConstantLearningRate"/> (the default),
/// <see cref="StepDecay"/> or <see cref="ExponentialDecay"/>. Every mini-batch of an iteration uses the
/// iteration's rate. Set it in <see cref="TrainingOptions.Schedule"/>.
/// </summary>
public abstract record LearningRateSchedule
{
    private protected LearningRateSchedule()
    {
    }

    /// <summary>The learning rate of iteration <paramref name="iteration"/> (counted from 0).</summary>
    /// <param name="initialRate">The rate <c>α₀</c> of iteration 0.</param>
    /// <param name="iteration">The iteration, from 0.</param>
    public abstract float RateAt(float initialRate, int iteration);

    /// <summary>Throws for a factor out of range, naming it as <c>options.Schedule.Name</c>.</summary>
    internal abstract void Validate();

    /// <summary>A decayed rate as a float, never rounded down to 0 (a step needs a rate above 0).</summary>
    private protected static float Positive(double rate) => Math.Max((float)rate, float.Epsilon);

    /// <summary>Throws unless <paramref name="factor"/> is in (0, 1]: a decay that neither grows nor stops the rate.</summary>
    private protected static void RequireFactor(float factor, string name)
    {
        if (!(factor is > 0f and <= 1f))
            throw new ArgumentException(
                $"{name} must be above 0 and at most 1 (the rate is multiplied by it; typically 0.5 to 0.99), but it is {factor}.",
                "options.Schedule." + name);
    }
}

/// <summary>The same learning rate every iteration: <c>α = α₀</c>.</summary>
public sealed record ConstantLearningRate : LearningRateSchedule
{
    /// <inheritdoc/>
    public override float RateAt(float initialRate, int iteration) => initialRate;

    internal override void Validate()
    {
    }
}

/// <summary>
/// Step decay: the rate is multiplied by <paramref name="Factor"/> every <paramref name="Every"/>
/// iterations, <c>α = α₀ · Factor^⌊iteration / Every⌋</c>.
/// </summary>
/// <param name="Every">The iterations between two drops, at least 1.</param>
/// <param name="Factor">The factor of each drop, in (0, 1]; 0.5 by default.</param>
public sealed record StepDecay(int Every, float Factor = 0.5f) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override float RateAt(float initialRate, int iteration) =>
        Positive(initialRate * Math.Pow(Factor, iteration / Every));

    internal override void Validate()
    {
        if (Every < 1)
            throw new ArgumentException($"{nameof(Every)} must be at least 1 iteration, but it is {Every}.", "options.Schedule." + nameof(Every));
        RequireFactor(Factor, nameof(Factor));
    }
}

/// <summary>Exponential decay: the rate is multiplied by <paramref name="Factor"/> every iteration, <c>α = α₀ · Factor^iteration</c>.</summary>
/// <param name="Factor">The factor per iteration, in (0, 1]; e.g. 0.99.</param>
public sealed record ExponentialDecay(float Factor) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override float RateAt(float initialRate, int iteration) =>
        Positive(initialRate * Math.Pow(Factor, iteration));

    internal override void Validate() => RequireFactor(Factor, nameof(Factor));
}
