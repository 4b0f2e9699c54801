namespace GenNet;

/// <summary>
/// How <see cref="Trainer"/> turns a gradient into a parameter update: <see cref="GradientDescent"/>
/// (the default), <see cref="Momentum"/>, <see cref="RmsProp"/> or <see cref="Adam"/>. Set it in
/// <see cref="TrainingOptions.Optimizer"/>.
/// </summary>
/// <remarks>
/// In the formulas, <c>θ</c> is every parameter (weights and biases), <c>g</c> its gradient averaged
/// over the batch (plus <c>λ·W</c> for the weights when <see cref="TrainingOptions.WeightDecay"/> is
/// set), <c>α</c> the learning rate of the iteration and <c>t</c> the number of the step (1, 2, …,
/// counting every mini-batch). The optimiser's state (<c>v</c>, <c>s</c>) starts at 0 at the start of
/// each <c>Fit</c>, is allocated once per fit, and is updated element by element, vectorised.
/// </remarks>
public abstract record Optimizer
{
    private protected Optimizer()
    {
    }

    /// <summary>Throws for a hyperparameter out of range, naming it as <c>{paramName}.Name</c>.</summary>
    internal abstract void Validate(string paramName);

    /// <summary>Throws unless <paramref name="value"/> is in [0, 1): a decay rate of a moving average.</summary>
    private protected static void RequireDecay(float value, string paramName, string name, string typical)
    {
        if (!(value is >= 0f and < 1f))
            throw new ArgumentException(
                $"{name} must be at least 0 and below 1 (typically {typical}), but it is {value}.", paramName + "." + name);
    }

    /// <summary>Throws unless <paramref name="value"/> is a finite number above 0.</summary>
    private protected static void RequireEpsilon(float value, string paramName, string name)
    {
        if (!float.IsFinite(value) || value <= 0f)
            throw new ArgumentException(
                $"{name} must be a finite number above 0 (typically 1e-8): it keeps the step finite where the gradient's average square is 0, but it is {value}.",
                paramName + "." + name);
    }
}

/// <summary>Plain gradient descent: <c>θ := θ − α·g</c>. The default; it has no state.</summary>
public sealed record GradientDescent : Optimizer
{
    internal override void Validate(string paramName)
    {
    }
}

/// <summary>
/// Gradient descent with momentum, as the course writes it: an exponentially weighted average of the
/// gradients, <c>v := β·v + (1 − β)·g</c>, then <c>θ := θ − α·v</c> (<c>v</c> starts at 0, no bias correction).
/// </summary>
/// <param name="Beta">The decay <c>β</c> of the average, in [0, 1); 0.9 by default. 0 is plain gradient descent.</param>
public sealed record Momentum(float Beta = 0.9f) : Optimizer
{
    internal override void Validate(string paramName) => RequireDecay(Beta, paramName, nameof(Beta), "0.9");
}

/// <summary>
/// RMSprop: an exponentially weighted average of the squared gradients, <c>s := ρ·s + (1 − ρ)·g²</c>,
/// then <c>θ := θ − α·g / (√s + ε)</c>, element by element (<c>s</c> starts at 0).
/// </summary>
/// <param name="Rho">The decay <c>ρ</c> of the average, in [0, 1); 0.9 by default.</param>
/// <param name="Epsilon">The <c>ε</c> added to <c>√s</c>, above 0; 1e-8 by default.</param>
public sealed record RmsProp(float Rho = 0.9f, float Epsilon = 1e-8f) : Optimizer
{
    internal override void Validate(string paramName)
    {
        RequireDecay(Rho, paramName, nameof(Rho), "0.9");
        RequireEpsilon(Epsilon, paramName, nameof(Epsilon));
    }
}

/// <summary>
/// Adam (Kingma and Ba, 2015) with bias correction, element by element:
/// <c>v := β₁·v + (1 − β₁)·g</c>, <c>s := β₂·s + (1 − β₂)·g²</c>,
/// <c>v̂ = v / (1 − β₁ᵗ)</c>, <c>ŝ = s / (1 − β₂ᵗ)</c>, <c>θ := θ − α·v̂ / (√ŝ + ε)</c>
/// (<c>v</c> and <c>s</c> start at 0; <c>t</c> counts steps from 1). Learning rates around 0.001 to 0.01 suit it.
/// </summary>
/// <param name="Beta1">The decay <c>β₁</c> of the gradients' average, in [0, 1); 0.9 by default.</param>
/// <param name="Beta2">The decay <c>β₂</c> of the squared gradients' average, in [0, 1); 0.999 by default.</param>
/// <param name="Epsilon">The <c>ε</c> added to <c>√ŝ</c>, above 0; 1e-8 by default.</param>
public sealed record Adam(float Beta1 = 0.9f, float Beta2 = 0.999f, float Epsilon = 1e-8f) : Optimizer
{
    internal override void Validate(string paramName)
    {
        RequireDecay(Beta1, paramName, nameof(Beta1), "0.9");
        RequireDecay(Beta2, paramName, nameof(Beta2), "0.999");
        RequireEpsilon(Epsilon, paramName, nameof(Epsilon));
    }
}
