namespace GenNet;

/// <summary>
/// The interpreter: runs any <see cref="NetworkSpec"/> by following the course's vectorised
/// equations literally, with matrices that have one column per example and double precision
/// inside. It is the oracle the generated code is tested against; speed is not its job.
/// </summary>
/// <remarks>
/// <para>
/// A new network's parameters are all zero, so it predicts the same constant for every input until
/// <see cref="RuntimeNetwork.Initialize(int)"/> draws them or a weight file is loaded; <see cref="Trainer"/> refuses
/// to train it in that state.
/// </para>
/// <para>
/// <see cref="RuntimeNetwork.Predict"/> and <see cref="RuntimeNetwork.PredictBatch"/> may be called from many threads at once on one
/// instance: each call builds its own matrices and only reads the parameters. Training changes the
/// parameters: run it on one thread, with no prediction at the same time.
/// </para>
/// </remarks>
public sealed class ReferenceNetwork : RuntimeNetwork
{
    /// <summary>Creates an interpreter for <paramref name="spec"/>, with every parameter zero.</summary>
    /// <param name="spec">The network to run.</param>
    public ReferenceNetwork(NetworkSpec spec)
        : base(spec)
    {
    }

    /// <inheritdoc/>
    protected override void PredictExample(ReadOnlySpan<float> x, Span<float> output, Span<float> scratch) =>
        PredictExamples(x, output, m: 1);

    /// <summary>Ŷ = A[L] for the whole batch at once, one column per example.</summary>
    /// <inheritdoc/>
    protected override void PredictExamples(ReadOnlySpan<float> inputs, Span<float> outputs, int m) =>
        Forward(Spec, ToDouble(Parameters), Matrix.FromExamples(inputs, InputCount)).A[^1].CopyToExamples(outputs);

    /// <summary>The course's gradients are means over the batch: <c>dW[l] = (1/m) dZ[l]·A[l-1]ᵀ</c>.</summary>
    protected override bool GradientIsAveraged => true;

    /// <summary>The batch equations in double precision; the gradient and cost rounded to float once, at the end.</summary>
    /// <inheritdoc/>
    protected override float Backpropagate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int m, Span<float> gradient)
    {
        var dθ = new double[ParameterCount];
        double J = Backpropagate(Spec, ToDouble(Parameters), Matrix.FromExamples(inputs, InputCount), Matrix.FromExamples(targets, OutputCount), dθ);
        for (int k = 0; k < dθ.Length; k++)
            gradient[k] = (float)dθ[k];
        return (float)J;
    }

    /// <summary>The caches of forward propagation: <c>Z[l]</c> and <c>A[l]</c> for l = 0..L (<c>Z[0]</c> unused).</summary>
    internal readonly record struct ForwardCache(Matrix[] Z, Matrix[] A);

    /// <summary>Forward propagation: <c>Z[l] = W[l]·A[l-1] + b[l]</c>, <c>A[l] = g[l](Z[l])</c>, <c>A[0] = X</c>.</summary>
    internal static ForwardCache Forward(NetworkSpec spec, ReadOnlySpan<double> θ, Matrix X)
    {
        int L = spec.Layers.Count;
        var Z = new Matrix[L + 1];
        var A = new Matrix[L + 1];
        A[0] = X;
        for (int l = 1; l <= L; l++)
        {
            var g = spec.Layers[l - 1].Activation;
            Z[l] = (W(spec, θ, l) * A[l - 1]).AddToEachColumn(b(spec, θ, l));
            A[l] = Z[l].MapColumns((z, a) => ActivationFunctions.Apply(g, z, a)); // an example's layer at a time: softmax needs all of it
        }
        return new ForwardCache(Z, A);
    }

    /// <summary>
    /// Forward and backward propagation over the batch <paramref name="X"/> (one column per
    /// example). Writes <c>dW[l]</c>, <c>db[l]</c> into <paramref name="dθ"/> in the parameter
    /// layout, and returns the cost <c>J</c>.
    /// </summary>
    internal static double Backpropagate(NetworkSpec spec, ReadOnlySpan<double> θ, Matrix X, Matrix Y, Span<double> dθ)
    {
        int L = spec.Layers.Count;
        double m = X.Columns;
        var (Z, A) = Forward(spec, θ, X);

        // J = (1/m) Σ L(ŷ(i), y(i)), with L summed over the output units; a cross-entropy from the logits Z[L]
        double J = 0;
        for (int i = 0; i < X.Columns; i++)
            J += LossFunctions.Of(spec.Loss, Z[L].Column(i), A[L].Column(i), Y.Column(i));
        J /= m;

        // dZ[L] = A[L] - Y for the matching loss and output (cross-entropy after a sigmoid, squared error
        // after a linear output); otherwise dZ[L] = (A[L] - Y) ∗ g'(Z[L])
        var dZ = A[L] - Y;
        if (!LossKernels.OutputErrorIsAMinusY(spec.Loss, spec.Layers[L - 1].Activation))
            dZ = dZ.Hadamard(Derivative(spec, l: L, Z[L], A[L]));

        for (int l = L; l >= 1; l--)
        {
            var dW = (1 / m) * (dZ * A[l - 1].Transpose());   // dW[l] = (1/m) dZ[l]·A[l-1]ᵀ
            var db = (1 / m) * dZ.SumOverColumns();            // db[l] = (1/m) Σ_i dZ[l]
            dW.CopyToRowMajor(dθ.Slice(spec.Layout.WeightOffset(l)));
            db.CopyToRowMajor(dθ.Slice(spec.Layout.BiasOffset(l)));
            if (l > 1)                                         // dZ[l-1] = W[l]ᵀ·dZ[l] ∗ g'(Z[l-1])
                dZ = (W(spec, θ, l).Transpose() * dZ).Hadamard(Derivative(spec, l - 1, Z[l - 1], A[l - 1]));
        }
        return J;
    }

    private static Matrix W(NetworkSpec spec, ReadOnlySpan<double> θ, int l) =>
        Matrix.FromRowMajor(θ.Slice(spec.Layout.WeightOffset(l)), spec.UnitsOf(l), spec.UnitsOf(l - 1));

    private static Matrix b(NetworkSpec spec, ReadOnlySpan<double> θ, int l) =>
        Matrix.FromRowMajor(θ.Slice(spec.Layout.BiasOffset(l)), spec.UnitsOf(l), 1);

    private static Matrix Derivative(NetworkSpec spec, int l, Matrix Z, Matrix A)
    {
        var g = spec.Layers[l - 1].Activation;
        return Matrix.Zip(Z, A, (z, a) => ActivationFunctions.Derivative(g, z, a));
    }

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int k = 0; k < values.Length; k++)
            result[k] = values[k];
        return result;
    }
}
