namespace GenNet;

/// <summary>
/// One training step as <see cref="TrainingOptions"/> asks for it: the engine's own fused
/// <see cref="INetwork.TrainStep"/> for plain gradient descent without weight decay (so those results
/// stay exactly what they always were), otherwise <see cref="INetwork.ComputeGradients"/>, the L2 term
/// on the weights, and the optimiser's update. Everything it needs is allocated here, once per fit;
/// a step allocates nothing.
/// </summary>
internal sealed class TrainingStep
{
    private readonly Optimizer optimizer;
    private readonly float weightDecay;
    private readonly NetworkSpec spec;
    private readonly float[] gradients;
    private readonly float[] firstMoments;  // v: momentum's velocity, Adam's mean gradient
    private readonly float[] secondMoments; // s: RMSprop's and Adam's mean squared gradient
    private int stepCount;

    public TrainingStep(NetworkSpec spec, Optimizer optimizer, float weightDecay)
    {
        this.spec = spec;
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
        int n = spec.ParameterCount;
        gradients = new float[n];
        firstMoments = optimizer is Momentum or Adam ? new float[n] : [];
        secondMoments = optimizer is RmsProp or Adam ? new float[n] : [];
    }

    /// <summary>Whether the step is the engine's own <see cref="INetwork.TrainStep"/>.</summary>
    private bool UsesEngineStep => optimizer is GradientDescent && weightDecay == 0f;

    /// <summary>
    /// Takes one step over a batch and returns its cost before the update (with the L2 term). A
    /// non-finite gradient leaves the parameters and the optimiser's state unchanged: it throws for
    /// non-finite data, and otherwise returns a non-finite cost (see <see cref="NetworkArgument.NonFiniteGradient"/>).
    /// </summary>
    public float Take<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate)
        where TNetwork : INetwork
    {
        if (UsesEngineStep)
            return network.TrainStep(inputs, targets, learningRate);

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
    public float Cost<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
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
