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
/// <see cref="RuntimeNetwork.Initialize(int)"/> draws them or a weight file is loaded; <see cref="Trainer"/> refuses
/// to train it in that state.
/// </para>
/// <para>
/// <see cref="RuntimeNetwork.Predict"/> and <see cref="RuntimeNetwork.PredictBatch"/> may be called from many threads at once on one
/// instance: they keep their activations on the stack (or, for wide layers, in a buffer of the
/// calling thread) and only read the parameters. Training (<see cref="RuntimeNetwork.TrainStep"/>,
/// <see cref="RuntimeNetwork.ComputeGradients"/>) uses the instance's caches and changes the parameters: run it
/// on one thread, with no prediction at the same time.
/// </para>
/// </remarks>
public sealed class DynamicNetwork : RuntimeNetwork
{
    private readonly float[][] z;   // z[l]: Z[l] of the current example, l = 1..L
    private readonly float[][] a;   // a[l]: A[l], l = 1..L (A[0] is the input span)
    private readonly float[][] dz;  // dz[l]: dZ[l]
    private readonly int widest;    // the most units of any layer: prediction needs two such buffers

    /// <summary>Creates a network for <paramref name="spec"/>, with every parameter zero.</summary>
    /// <param name="spec">The network to run.</param>
    public DynamicNetwork(NetworkSpec spec)
        : base(spec)
    {
        z = LayerVectors(spec);
        a = LayerVectors(spec);
        dz = LayerVectors(spec);
        widest = spec.Layers.Max(layer => layer.Units);
    }

    /// <inheritdoc/>
    protected override int PredictionScratchLength => 2 * widest;

    /// <summary>The forward pass of one example for prediction: the activations alternate between the two halves of <paramref name="scratch"/>.</summary>
    /// <inheritdoc/>
    protected override void PredictExample(ReadOnlySpan<float> x, Span<float> output, Span<float> scratch)
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

    /// <summary>Forward and backward propagation of every example in turn, into the training caches.</summary>
    /// <inheritdoc/>
    protected override float Backpropagate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int m, Span<float> gradient)
    {
        ReadOnlySpan<float> θ = Parameters;
        var layout = Spec.Layout;
        int L = Spec.Layers.Count;
        float totalLoss = 0f;
        for (int example = 0; example < m; example++)
        {
            var x = inputs.Slice(example * InputCount, InputCount);
            var y = targets.Slice(example * OutputCount, OutputCount);
            for (int l = 1; l <= L; l++) // Z[l] = W[l]·A[l-1] + b[l], A[l] = g[l](Z[l])
                ForwardLayer(l, l == 1 ? x : a[l - 1], z[l], a[l]);

            totalLoss += LossFunctions.Of(Spec.Loss, z[L], a[L], y);
            LossKernels.OutputError(Spec.Loss, Spec.Layers[L - 1].Activation, z[L], a[L], y, dz[L]);

            for (int l = L; l >= 1; l--)
            {
                ReadOnlySpan<float> previous = l == 1 ? x : a[l - 1];
                int units = dz[l].Length, fanIn = previous.Length;
                int w = layout.WeightOffset(l), b = layout.BiasOffset(l);
                for (int i = 0; i < units; i++) // dW[l] += dZ[l]·A[l-1]ᵀ, db[l] += dZ[l]
                {
                    for (int j = 0; j < fanIn; j++)
                        gradient[w + i * fanIn + j] += dz[l][i] * previous[j];
                    gradient[b + i] += dz[l][i];
                }
                if (l == 1)
                    break;
                var g = Spec.Layers[l - 2].Activation;
                for (int j = 0; j < fanIn; j++) // dZ[l-1] = W[l]ᵀ·dZ[l] ∗ g'(Z[l-1])
                {
                    float sum = 0f;
                    for (int i = 0; i < units; i++)
                        sum += θ[w + i * fanIn + j] * dz[l][i];
                    dz[l - 1][j] = sum * ActivationFunctions.Derivative(g, z[l - 1][j], a[l - 1][j]);
                }
            }
        }
        return totalLoss / m;
    }

    /// <summary>One layer of the forward pass; <paramref name="z"/> receives Z[l] unless empty (prediction needs only A[l]).</summary>
    private void ForwardLayer(int l, ReadOnlySpan<float> previous, Span<float> z, Span<float> a)
    {
        ReadOnlySpan<float> θ = Parameters;
        var g = Spec.Layers[l - 1].Activation;
        int units = a.Length, fanIn = previous.Length;
        int w = Spec.Layout.WeightOffset(l), b = Spec.Layout.BiasOffset(l);
        for (int i = 0; i < units; i++)
        {
            float sum = θ[b + i];
            for (int j = 0; j < fanIn; j++)
                sum += θ[w + i * fanIn + j] * previous[j];
            a[i] = sum;
        }
        if (!z.IsEmpty)
            a.CopyTo(z);
        ActivationFunctions.Apply(g, a, a); // unit by unit, or the softmax of the layer
    }
}
