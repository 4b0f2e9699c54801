namespace GenNet;

/// <summary>
/// Training steps with an <see cref="Optimizer"/> and L2 regularisation, for one network's parameters:
/// what <see cref="Trainer"/> runs, and what a hand-written training loop can call. Plain gradient
/// descent without weight decay is the engine's own fused <see cref="INetwork.TrainStep"/> (so its
/// results stay exactly what they always were); otherwise a step is
/// <see cref="INetwork.ComputeGradients"/>, the L2 term on the weights, and the optimiser's update.
/// </summary>
/// <remarks>
/// The optimiser's state (<c>v</c>, <c>s</c>, the step count <c>t</c>) lives here and starts at 0:
/// use one instance per training run. Everything is allocated by the constructor; a step allocates
/// nothing. Not thread-safe.
/// </remarks>
public sealed class TrainingStep
{
    private readonly Optimizer optimizer;
    private readonly float weightDecay;
    private readonly NetworkSpec spec;
    private readonly float[] gradients;
    private readonly float[] firstMoments;  // v: momentum's velocity, Adam's mean gradient
    private readonly float[] secondMoments; // s: RMSprop's and Adam's mean squared gradient
    private int stepCount;

    /// <summary>Allocates the gradient buffer and the optimiser's state for networks of <paramref name="spec"/>.</summary>
    /// <param name="spec">The architecture of the network the steps will train (its layout locates the weights).</param>
    /// <param name="optimizer">The update rule; its hyperparameters are checked here.</param>
    /// <param name="weightDecay">The L2 strength <c>λ</c> on the weights (see <see cref="TrainingOptions.WeightDecay"/>), at least 0.</param>
    /// <exception cref="ArgumentException">A hyperparameter of <paramref name="optimizer"/> is out of range, or <paramref name="weightDecay"/> is negative or not finite.</exception>
    public TrainingStep(NetworkSpec spec, Optimizer optimizer, float weightDecay = 0f)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.Validate(nameof(optimizer));
        RequireWeightDecay(weightDecay, nameof(weightDecay));
        this.spec = spec;
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
        int n = spec.ParameterCount;
        gradients = new float[n];
        firstMoments = optimizer is Momentum or Adam ? new float[n] : [];
        secondMoments = optimizer is RmsProp or Adam ? new float[n] : [];
    }

    /// <summary>Throws unless the L2 strength is a finite number, at least 0.</summary>
    internal static void RequireWeightDecay(float weightDecay, string paramName)
    {
        if (!float.IsFinite(weightDecay) || weightDecay < 0f)
            throw new ArgumentException(
                $"The weight decay λ must be a finite number, at least 0 (typically 1e-4 to 1e-2), but it is {weightDecay}.", paramName);
    }

    /// <summary>Whether the step is the engine's own <see cref="INetwork.TrainStep"/>.</summary>
    private bool UsesEngineStep => optimizer is GradientDescent && weightDecay == 0f;

    /// <summary>
    /// Takes one step over a batch and returns its cost before the update (with the L2 term). A
    /// non-finite gradient leaves the parameters and the optimiser's state unchanged: it throws for
    /// non-finite data, and otherwise returns a non-finite cost (see <see cref="NetworkArgument.NonFiniteGradient"/>).
    /// </summary>
    /// <typeparam name="TNetwork">The network type.</typeparam>
    /// <param name="network">A network with the architecture given to the constructor.</param>
    /// <param name="inputs">The batch's examples, example-major.</param>
    /// <param name="targets">The batch's labels, example-major.</param>
    /// <param name="learningRate">The step size <c>α</c>, a finite number above 0.</param>
    /// <returns>The cost <c>J</c> (plus <c>(λ/2)·Σ W²</c>) before the update; a non-finite cost means nothing was updated.</returns>
    /// <exception cref="ArgumentException">
    /// The network has another number of parameters, a span has the wrong length, the learning rate is
    /// not above 0, or an input or target is NaN or infinite (nothing is then updated).
    /// </exception>
    public float Take<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.ParameterCount != gradients.Length)
            throw new ArgumentException(
                $"This step was made for networks of {gradients.Length} parameters ({spec}), but the network has {network.ParameterCount}.", nameof(network));
        if (UsesEngineStep)
            return network.TrainStep(inputs, targets, learningRate);

        NetworkArgument.RequireLearningRate(learningRate);
        float cost = network.ComputeGradients(inputs, targets, gradients);
        if (!Kernels.AllFinite(gradients))
            return NetworkArgument.NonFiniteGradient(inputs, targets, cost);
        var parameters = network.Parameters;
        if (weightDecay != 0f)
            cost += AddWeightDecay(parameters);
        Update(parameters, learningRate);
        return cost;
    }

    /// <summary>The cost of the network as it stands over a data set (with the L2 term), changing nothing but a scratch buffer.</summary>
    internal float Cost<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
        where TNetwork : INetwork =>
        network.ComputeGradients(inputs, targets, gradients) + WeightPenalty(network.Parameters);

    /// <summary>The L2 term <c>(λ/2)·Σ W²</c> over every layer's weights (not the biases).</summary>
    private float WeightPenalty(ReadOnlySpan<float> parameters)
    {
        if (weightDecay == 0f)
            return 0f;
        double sum = 0;
        for (int l = 1; l <= spec.Layers.Count; l++)
        {
            var weights = Weights(parameters, l);
            sum += Kernels.Dot(weights, weights);
        }
        return (float)(0.5 * weightDecay * sum);
    }

    /// <summary>Adds <c>λ·W</c> to the weights' gradients and returns the L2 term <c>(λ/2)·Σ W²</c>.</summary>
    private float AddWeightDecay(ReadOnlySpan<float> parameters)
    {
        float penalty = WeightPenalty(parameters);
        for (int l = 1; l <= spec.Layers.Count; l++)
        {
            int offset = spec.Layout.WeightOffset(l);
            Kernels.AddScaled(Weights(parameters, l), weightDecay, gradients.AsSpan(offset, spec.Layout.BiasOffset(l) - offset));
        }
        return penalty;
    }

    private ReadOnlySpan<float> Weights(ReadOnlySpan<float> parameters, int l)
    {
        int offset = spec.Layout.WeightOffset(l);
        return parameters.Slice(offset, spec.Layout.BiasOffset(l) - offset);
    }

    private void Update(Span<float> parameters, float learningRate)
    {
        stepCount++;
        switch (optimizer)
        {
            case Momentum momentum:
                OptimizerKernels.Momentum(gradients, parameters, firstMoments, momentum.Beta, learningRate);
                break;
            case RmsProp rms:
                OptimizerKernels.RmsProp(gradients, parameters, secondMoments, rms.Rho, rms.Epsilon, learningRate);
                break;
            case Adam adam:
                OptimizerKernels.Adam(gradients, parameters, firstMoments, secondMoments, adam.Beta1, adam.Beta2, adam.Epsilon, learningRate,
                    correction1: (float)(1 - Math.Pow(adam.Beta1, stepCount)), correction2: (float)(1 - Math.Pow(adam.Beta2, stepCount)));
                break;
            default:
                OptimizerKernels.GradientDescent(gradients, parameters, learningRate);
                break;
        }
    }
}
