using GenNet.CompilerServices;
using System.Numerics.Tensors;

namespace GenNet.Benchmarks.Engines;

/// <summary>
/// The best a dynamic .NET engine can do without generating code: the same per-example algorithm
/// as <see cref="DynamicNetwork"/>, with every dot product and scaled add done by
/// <see cref="TensorPrimitives"/> (vectorised by the library) and every activation by the runtime's
/// <see cref="VectorActivations"/>. Allocation-free after construction.
/// </summary>
public sealed class TensorPrimitivesNetwork : RuntimeNetwork
{
    private readonly float[][] z, a, dz;

    /// <summary>Creates a network for <paramref name="spec"/>, with every parameter zero.</summary>
    public TensorPrimitivesNetwork(NetworkSpec spec)
        : base(spec)
    {
        z = LayerVectors(spec);
        a = LayerVectors(spec);
        dz = LayerVectors(spec);
    }

    /// <summary>Runs the forward pass in the training caches: prediction on one thread at a time.</summary>
    protected override void PredictExample(ReadOnlySpan<float> x, Span<float> output, Span<float> scratch)
    {
        Forward(x);
        a[^1].CopyTo(output);
    }

    protected override float Backpropagate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int m, Span<float> gradient)
    {
        ReadOnlySpan<float> θ = Parameters;
        int L = Spec.Layers.Count;
        float totalLoss = 0f;
        for (int example = 0; example < m; example++)
        {
            var x = inputs.Slice(example * InputCount, InputCount);
            var y = targets.Slice(example * OutputCount, OutputCount);
            Forward(x);

            totalLoss += LossFunctions.Of(Spec.Loss, z[L], a[L], y);
            LossKernels.OutputError(Spec.Loss, Spec.Layers[L - 1].Activation, z[L], a[L], y, dz[L]);

            for (int l = L; l >= 1; l--)
            {
                ReadOnlySpan<float> previous = l == 1 ? x : a[l - 1];
                int fanIn = previous.Length, units = dz[l].Length;
                var dw = gradient.Slice(Spec.Layout.WeightOffset(l), units * fanIn);
                for (int i = 0; i < units; i++) // dW[l] += dZ[l]·A[l-1]ᵀ, row by row
                    TensorPrimitives.MultiplyAdd(previous, dz[l][i], dw.Slice(i * fanIn, fanIn), dw.Slice(i * fanIn, fanIn));
                var db = gradient.Slice(Spec.Layout.BiasOffset(l), units);
                TensorPrimitives.Add(db, dz[l], db); // db[l] += dZ[l]
                if (l == 1)
                    break;
                var w = θ.Slice(Spec.Layout.WeightOffset(l), units * fanIn);
                Array.Clear(dz[l - 1]);
                for (int i = 0; i < units; i++) // dZ[l-1] = W[l]ᵀ·dZ[l] ∗ g'(Z[l-1])
                    TensorPrimitives.MultiplyAdd(w.Slice(i * fanIn, fanIn), dz[l][i], dz[l - 1], dz[l - 1]);
                VectorActivations.MultiplyByDerivative(Spec.Layers[l - 2].Activation, z[l - 1], a[l - 1], dz[l - 1]);
            }
        }
        return totalLoss / m;
    }

    /// <summary>Z[l] = W[l]·A[l-1] + b[l], A[l] = g[l](Z[l]) for one example, into the caches.</summary>
    private void Forward(ReadOnlySpan<float> x)
    {
        ReadOnlySpan<float> θ = Parameters;
        for (int l = 1; l <= Spec.Layers.Count; l++)
        {
            ReadOnlySpan<float> previous = l == 1 ? x : a[l - 1];
            int fanIn = previous.Length;
            var w = θ.Slice(Spec.Layout.WeightOffset(l), z[l].Length * fanIn);
            var b = θ.Slice(Spec.Layout.BiasOffset(l), z[l].Length);
            for (int i = 0; i < z[l].Length; i++)
                z[l][i] = TensorPrimitives.Dot(w.Slice(i * fanIn, fanIn), previous) + b[i];
            VectorActivations.Apply(Spec.Layers[l - 1].Activation, z[l], a[l]);
        }
    }
}
