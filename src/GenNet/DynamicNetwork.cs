namespace GenNet;

/// <summary>
/// Runs any <see cref="NetworkSpec"/> with plain single-precision loops: the network a developer
/// would write by hand when the architecture is only known at run time. Faster than
/// <see cref="ReferenceNetwork"/>, slower than generated code, and like generated code it
/// allocates nothing per call: its training caches are allocated once, with the network.
/// </summary>
/// <remarks>
/// <para>
/// A new network's parameters are all zero, so it predicts the same constant for every input until
/// <see cref="Initialize(int)"/> draws them or a weight file is loaded; <see cref="Trainer"/> refuses
/// to train it in that state.
/// </para>
/// <para>
/// <see cref="Predict"/> and <see cref="PredictBatch"/> may be called from many threads at once on one
/// instance: they keep their activations on the stack (or, for wide layers, in a buffer of the
/// calling thread) and only read the parameters. Training (<see cref="TrainStep"/>,
/// <see cref="ComputeGradients"/>) uses the instance's caches and changes the parameters: run it
/// on one thread, with no prediction at the same time.
/// </para>
/// </remarks>
public sealed class DynamicNetwork : INetwork
{
    private readonly float[] parameters;
    private readonly float[] gradientSum;
    private readonly float[][] z;   // z[l]: Z[l] of the current example, l = 1..L
    private readonly float[][] a;   // a[l]: A[l], l = 1..L (A[0] is the input span)
    private readonly float[][] dz;  // dz[l]: dZ[l]
    private readonly int widest;    // the most units of any layer: prediction needs two such buffers

    /// <summary>The most floats a prediction keeps on the stack (4 KB); wider networks use <see cref="threadScratch"/>.</summary>
    private const int StackScratchLimit = 1024;

    /// <summary>Each thread's prediction buffer for networks too wide for the stack: grown, never shrunk, shared by every instance.</summary>
    [ThreadStatic]
    private static float[]? threadScratch;

    /// <summary>Creates a network for <paramref name="spec"/>, with every parameter zero.</summary>
    /// <param name="spec">The network to run.</param>
    public DynamicNetwork(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        parameters = new float[spec.ParameterCount];
        gradientSum = new float[spec.ParameterCount];
        int L = spec.Layers.Count;
        z = new float[L + 1][];
        a = new float[L + 1][];
        dz = new float[L + 1][];
        z[0] = a[0] = dz[0] = [];
        for (int l = 1; l <= L; l++)
        {
            z[l] = new float[spec.UnitsOf(l)];
            a[l] = new float[spec.UnitsOf(l)];
            dz[l] = new float[spec.UnitsOf(l)];
            widest = Math.Max(widest, spec.UnitsOf(l));
        }
    }

    /// <inheritdoc/>
    public NetworkSpec Spec { get; }

    /// <inheritdoc/>
    public int InputCount => Spec.InputCount;

    /// <inheritdoc/>
    public int OutputCount => Spec.OutputCount;

    /// <inheritdoc/>
    public int ParameterCount => Spec.ParameterCount;

    /// <inheritdoc/>
    public Span<float> Parameters => parameters;

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        NetworkArgument.RequireLength(input.Length, InputCount, nameof(input), "the input features");
        NetworkArgument.RequireLength(output.Length, OutputCount, nameof(output), "the output units");
        int length = 2 * widest;
        PredictOne(input, output, length <= StackScratchLimit ? stackalloc float[length] : ThreadScratch(length));
    }

    /// <inheritdoc/>
    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int m = NetworkArgument.PredictionBatch(inputs, outputs, InputCount, OutputCount);
        int length = 2 * widest;
        Span<float> scratch = length <= StackScratchLimit ? stackalloc float[length] : ThreadScratch(length);
        for (int i = 0; i < m; i++)
            PredictOne(inputs.Slice(i * InputCount, InputCount), outputs.Slice(i * OutputCount, OutputCount), scratch);
    }

    /// <inheritdoc/>
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients)
    {
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, InputCount, OutputCount);
        NetworkArgument.RequireLength(gradients.Length, ParameterCount, nameof(gradients), "the network's parameters");
        float cost = Backpropagate(inputs, targets, m);
        float averageOverM = 1f / m;
        for (int k = 0; k < gradientSum.Length; k++)
            gradients[k] = gradientSum[k] * averageOverM;
        return cost;
    }

    /// <inheritdoc/>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate)
    {
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, InputCount, OutputCount);
        NetworkArgument.RequireLearningRate(learningRate);
        float cost = Backpropagate(inputs, targets, m);
        if (!Kernels.AllFinite(gradientSum)) // leave the parameters as they were
            return NetworkArgument.NonFiniteGradient(inputs, targets, cost);
        float averageOverM = 1f / m;
        for (int k = 0; k < parameters.Length; k++)
            parameters[k] -= learningRate * (gradientSum[k] * averageOverM);
        return cost;
    }

    /// <inheritdoc/>
    public void Initialize(int seed) => ParameterInitializer.Initialize(Spec, seed, parameters);

    /// <summary>The calling thread's prediction buffer, at least <paramref name="length"/> floats.</summary>
    private static Span<float> ThreadScratch(int length)
    {
        if (threadScratch is null || threadScratch.Length < length)
            threadScratch = new float[length];
        return threadScratch.AsSpan(0, length);
    }

    /// <summary>The forward pass of one example for prediction: the activations alternate between the two halves of <paramref name="scratch"/>.</summary>
    private void PredictOne(ReadOnlySpan<float> x, Span<float> output, Span<float> scratch)
    {
        ReadOnlySpan<float> previous = x;
        for (int l = 1; l <= Spec.Layers.Count; l++)
        {
            var current = scratch.Slice(l % 2 * widest, Spec.UnitsOf(l));
            ForwardLayer(l, previous, z: default, current);
            previous = current;
        }
        previous.CopyTo(output);
    }

    /// <summary>Z[l] = W[l]·A[l-1] + b[l], A[l] = g[l](Z[l]) for one example, into the training caches.</summary>
    private void Forward(ReadOnlySpan<float> x)
    {
        for (int l = 1; l <= Spec.Layers.Count; l++)
            ForwardLayer(l, l == 1 ? x : a[l - 1], z[l], a[l]);
    }

    /// <summary>One layer of the forward pass; <paramref name="z"/> receives Z[l] unless empty (prediction needs only A[l]).</summary>
    private void ForwardLayer(int l, ReadOnlySpan<float> previous, Span<float> z, Span<float> a)
    {
        var g = Spec.Layers[l - 1].Activation;
        int units = a.Length, fanIn = previous.Length;
        int w = Spec.Layout.WeightOffset(l), b = Spec.Layout.BiasOffset(l);
        for (int i = 0; i < units; i++)
        {
            float sum = parameters[b + i];
            for (int j = 0; j < fanIn; j++)
                sum += parameters[w + i * fanIn + j] * previous[j];
            if (!z.IsEmpty)
                z[i] = sum;
            a[i] = ActivationFunctions.Value(g, sum);
        }
    }

    /// <summary>Forward and backward propagation of every example, summing dW and db into <see cref="gradientSum"/>; returns J.</summary>
    private float Backpropagate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int m)
    {
        Array.Clear(gradientSum);
        var layout = Spec.Layout;
        int L = Spec.Layers.Count;
        float totalLoss = 0f;
        for (int example = 0; example < m; example++)
        {
            var x = inputs.Slice(example * InputCount, InputCount);
            var y = targets.Slice(example * OutputCount, OutputCount);
            Forward(x);

            // L(ŷ, y), and dZ[L] = A[L] - Y (times g'(Z[L]) for squared error after a non-linear output)
            var output = Spec.Layers[L - 1].Activation;
            for (int i = 0; i < OutputCount; i++)
            {
                float prediction = a[L][i];
                totalLoss += LossFunctions.Of(Spec.Loss, prediction, y[i]);
                dz[L][i] = Spec.Loss == Loss.BinaryCrossEntropy
                    ? prediction - y[i]
                    : (prediction - y[i]) * ActivationFunctions.Derivative(output, z[L][i], prediction);
            }

            for (int l = L; l >= 1; l--)
            {
                ReadOnlySpan<float> previous = l == 1 ? x : a[l - 1];
                int units = dz[l].Length, fanIn = previous.Length;
                int w = layout.WeightOffset(l), b = layout.BiasOffset(l);
                for (int i = 0; i < units; i++) // dW[l] += dZ[l]·A[l-1]ᵀ, db[l] += dZ[l]
                {
                    for (int j = 0; j < fanIn; j++)
                        gradientSum[w + i * fanIn + j] += dz[l][i] * previous[j];
                    gradientSum[b + i] += dz[l][i];
                }
                if (l == 1)
                    break;
                var g = Spec.Layers[l - 2].Activation;
                for (int j = 0; j < fanIn; j++) // dZ[l-1] = W[l]ᵀ·dZ[l] ∗ g'(Z[l-1])
                {
                    float sum = 0f;
                    for (int i = 0; i < units; i++)
                        sum += parameters[w + i * fanIn + j] * dz[l][i];
                    dz[l - 1][j] = sum * ActivationFunctions.Derivative(g, z[l - 1][j], a[l - 1][j]);
                }
            }
        }
        return totalLoss / m;
    }
}
