using System.Numerics.Tensors;

namespace GenNet.Benchmarks.Engines;

/// <summary>
/// The best a dynamic .NET engine can do without generating code: the same per-example algorithm
/// as <see cref="DynamicNetwork"/>, with every dot product, scaled add and activation done by
/// <see cref="TensorPrimitives"/> (vectorised by the library). Allocation-free after construction.
/// </summary>
public sealed class TensorPrimitivesNetwork : INetwork
{
    private readonly float[] parameters;
    private readonly float[] gradientSum;
    private readonly float[][] z, a, dz;
    private readonly float[] scratch;

    /// <summary>Creates a network for <paramref name="spec"/>, with every parameter zero.</summary>
    public TensorPrimitivesNetwork(NetworkSpec spec)
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
        }
        scratch = new float[spec.Layers.Max(layer => layer.Units)];
    }

    public NetworkSpec Spec { get; }

    public int InputCount => Spec.InputCount;

    public int OutputCount => Spec.OutputCount;

    public int ParameterCount => Spec.ParameterCount;

    public Span<float> Parameters => parameters;

    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        NetworkArgument.RequireLength(input.Length, InputCount, nameof(input), "the input features");
        NetworkArgument.RequireLength(output.Length, OutputCount, nameof(output), "the output units");
        Forward(input);
        a[^1].CopyTo(output);
    }

    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int m = NetworkArgument.PredictionBatch(inputs, outputs, InputCount, OutputCount);
        for (int i = 0; i < m; i++)
        {
            Forward(inputs.Slice(i * InputCount, InputCount));
            a[^1].CopyTo(outputs.Slice(i * OutputCount, OutputCount));
        }
    }

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients)
    {
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, InputCount, OutputCount);
        NetworkArgument.RequireLength(gradients.Length, ParameterCount, nameof(gradients), "the network's parameters");
        float cost = Backpropagate(inputs, targets, m);
        TensorPrimitives.Multiply(gradientSum, 1f / m, gradients);
        return cost;
    }

    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate)
    {
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, InputCount, OutputCount);
        NetworkArgument.RequireLearningRate(learningRate);
        float cost = Backpropagate(inputs, targets, m);
        if (!Kernels.AllFinite(gradientSum)) // leave the parameters as they were
            return NetworkArgument.NonFiniteGradient(inputs, targets, cost);
        TensorPrimitives.MultiplyAdd(gradientSum, -learningRate / m, parameters, parameters); // θ := θ - α (1/m) Σ
        return cost;
    }

    public void Initialize(int seed) => ParameterInitializer.Initialize(Spec, seed, parameters);

    private void Forward(ReadOnlySpan<float> x)
    {
        for (int l = 1; l <= Spec.Layers.Count; l++)
        {
            ReadOnlySpan<float> previous = l == 1 ? x : a[l - 1];
            int fanIn = previous.Length;
            var w = parameters.AsSpan(Spec.Layout.WeightOffset(l), z[l].Length * fanIn);
            var b = parameters.AsSpan(Spec.Layout.BiasOffset(l), z[l].Length);
            for (int i = 0; i < z[l].Length; i++)
                z[l][i] = TensorPrimitives.Dot(w.Slice(i * fanIn, fanIn), previous) + b[i];
            Activate(Spec.Layers[l - 1].Activation, z[l], a[l]);
        }
    }

    private float Backpropagate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int m)
    {
        Array.Clear(gradientSum);
        int L = Spec.Layers.Count;
        float totalLoss = 0f;
        for (int example = 0; example < m; example++)
        {
            var x = inputs.Slice(example * InputCount, InputCount);
            var y = targets.Slice(example * OutputCount, OutputCount);
            Forward(x);

            for (int i = 0; i < OutputCount; i++)
                totalLoss += LossFunctions.Of(Spec.Loss, a[L][i], y[i]);
            TensorPrimitives.Subtract(a[L], y, dz[L]); // dZ[L] = A[L] - Y
            if (Spec.Loss == Loss.HalfSquaredError)
                MultiplyByDerivative(Spec.Layers[L - 1].Activation, L);

            for (int l = L; l >= 1; l--)
            {
                ReadOnlySpan<float> previous = l == 1 ? x : a[l - 1];
                int fanIn = previous.Length, units = dz[l].Length;
                var dw = gradientSum.AsSpan(Spec.Layout.WeightOffset(l), units * fanIn);
                for (int i = 0; i < units; i++)
                    TensorPrimitives.MultiplyAdd(previous, dz[l][i], dw.Slice(i * fanIn, fanIn), dw.Slice(i * fanIn, fanIn));
                var db = gradientSum.AsSpan(Spec.Layout.BiasOffset(l), units);
                TensorPrimitives.Add(db, dz[l], db);
                if (l == 1)
                    break;
                var w = parameters.AsSpan(Spec.Layout.WeightOffset(l), units * fanIn);
                Array.Clear(dz[l - 1]);
                for (int i = 0; i < units; i++)
                    TensorPrimitives.MultiplyAdd(w.Slice(i * fanIn, fanIn), dz[l][i], dz[l - 1], dz[l - 1]);
                MultiplyByDerivative(Spec.Layers[l - 2].Activation, l - 1);
            }
        }
        return totalLoss / m;
    }

    private static void Activate(Activation activation, ReadOnlySpan<float> z, Span<float> a)
    {
        switch (activation)
        {
            case Activation.Linear: z.CopyTo(a); break;
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(z, a); break;
            case Activation.Tanh: TensorPrimitives.Tanh(z, a); break;
            case Activation.ReLU: TensorPrimitives.Max(z, 0f, a); break;
            case Activation.LeakyReLU: // max(z, 0.01 z)
                TensorPrimitives.Multiply(z, (float)ActivationFunctions.LeakySlope, a);
                TensorPrimitives.Max(z, a, a);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>dZ[l] ∗= g'(Z[l]).</summary>
    private void MultiplyByDerivative(Activation activation, int l)
    {
        Span<float> derivative = scratch.AsSpan(0, dz[l].Length);
        switch (activation)
        {
            case Activation.Linear: return;
            case Activation.Sigmoid: // a (1 - a)
                TensorPrimitives.Subtract(1f, a[l], derivative);
                TensorPrimitives.Multiply(derivative, a[l], derivative);
                break;
            case Activation.Tanh: // 1 - a²
                TensorPrimitives.Multiply(a[l], a[l], derivative);
                TensorPrimitives.Subtract(1f, derivative, derivative);
                break;
            case Activation.ReLU:
            case Activation.LeakyReLU:
                float negative = activation == Activation.ReLU ? 0f : (float)ActivationFunctions.LeakySlope;
                for (int k = 0; k < derivative.Length; k++)
                    derivative[k] = z[l][k] > 0f ? 1f : negative;
                break;
            default: throw new ArgumentOutOfRangeException(nameof(activation));
        }
        TensorPrimitives.Multiply(dz[l], derivative, dz[l]);
    }
}
