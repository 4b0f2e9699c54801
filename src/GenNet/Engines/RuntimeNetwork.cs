namespace GenNet;

/// <summary>
/// The shell every run-time engine shares (<see cref="ReferenceNetwork"/>, <see cref="DynamicNetwork"/>
/// and the benchmarks' engines): it implements <see cref="INetwork"/> once (the parameters in the
/// standard layout, initialisation, every argument check, the batch loop, averaging the gradient and
/// the guarded descent step) and leaves a derived engine only its mathematics: the forward pass of an
/// example (or of a batch), and forward and backward propagation that sums a batch's gradients.
/// </summary>
/// <remarks>
/// <para>
/// An engine overrides <see cref="PredictExample"/> and <see cref="Backpropagate"/>. An engine that
/// works on whole batches (as <see cref="ReferenceNetwork"/> does with matrices) also overrides
/// <see cref="PredictExamples"/>; otherwise the shell runs its examples one by one.
/// </para>
/// <para>
/// The hooks are called once per call or once per example, never per weight, so the virtual calls
/// cost nothing measurable beside the arithmetic. The shell allocates nothing per call, so an engine
/// that allocates nothing itself stays allocation-free.
/// </para>
/// </remarks>
public abstract class RuntimeNetwork : INetwork
{
    private readonly float[] parameters;
    private readonly float[] gradient; // what Backpropagate writes: Σ dθ(i), or its mean if GradientIsAveraged

    /// <summary>The most floats <see cref="PredictionScratchLength"/> may ask for on the stack (4 KB); longer scratch lives in a per-thread buffer.</summary>
    private const int StackScratchLimit = 1024;

    /// <summary>Each thread's prediction scratch for engines too wide for the stack: grown, never shrunk, shared by every instance.</summary>
    [ThreadStatic]
    private static float[]? threadScratch;

    /// <summary>Creates the shell of a network for <paramref name="spec"/>, with every parameter zero.</summary>
    /// <param name="spec">The network to run.</param>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    protected RuntimeNetwork(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        parameters = new float[spec.ParameterCount];
        gradient = new float[spec.ParameterCount];
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
        int length = PredictionScratchLength;
        PredictExample(input, output, length <= StackScratchLimit ? stackalloc float[length] : ThreadScratch(length));
    }

    /// <inheritdoc/>
    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int m = NetworkArgument.PredictionBatch(inputs, outputs, InputCount, OutputCount);
        if (m > 0)
            PredictExamples(inputs, outputs, m);
    }

    /// <inheritdoc/>
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients)
    {
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, InputCount, OutputCount);
        NetworkArgument.RequireLength(gradients.Length, ParameterCount, nameof(gradients), "the network's parameters");
        float cost = BackpropagateBatch(inputs, targets, m);
        if (GradientIsAveraged)
            gradient.CopyTo(gradients);
        else
        {
            float averageOverM = 1f / m; // dW = (1/m) Σ dW(i)
            for (int k = 0; k < gradient.Length; k++)
                gradients[k] = gradient[k] * averageOverM;
        }
        return cost;
    }

    /// <inheritdoc/>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate)
    {
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, InputCount, OutputCount);
        NetworkArgument.RequireLearningRate(learningRate);
        float cost = BackpropagateBatch(inputs, targets, m);
        // θ := θ - α dθ with dθ = (1/m) Σ dθ(i), or, for a non-finite gradient, the parameters as they were
        float scale = GradientIsAveraged ? -learningRate : -learningRate / m;
        return Kernels.GradientStep(gradient, scale, parameters, cost, inputs, targets);
    }

    /// <inheritdoc/>
    public void Initialize(int seed) => ParameterInitializer.Initialize(Spec, seed, parameters);

    /// <summary>
    /// How many floats of scratch <see cref="PredictExample"/> needs, e.g. two layers' activations.
    /// The shell provides them on the stack (or in a buffer of the calling thread), so that
    /// prediction can run on many threads at once; 0 by default.
    /// </summary>
    protected virtual int PredictionScratchLength => 0;

    /// <summary>
    /// The forward pass of one example: <c>ŷ = A[L]</c> from <c>x = A[0]</c>, reading the parameters only.
    /// The lengths have been checked.
    /// </summary>
    /// <param name="x">The example, <see cref="InputCount"/> values.</param>
    /// <param name="output">Receives <c>ŷ</c>, <see cref="OutputCount"/> values.</param>
    /// <param name="scratch"><see cref="PredictionScratchLength"/> floats of the calling thread, contents undefined.</param>
    protected abstract void PredictExample(ReadOnlySpan<float> x, Span<float> output, Span<float> scratch);

    /// <summary>
    /// The forward pass of a checked batch of at least one example, example-major. By default one
    /// <see cref="PredictExample"/> per example, all sharing one scratch; an engine that works on
    /// whole batches overrides it.
    /// </summary>
    /// <param name="inputs">The examples, <c>m * InputCount</c> values.</param>
    /// <param name="outputs">Receives their outputs, <c>m * OutputCount</c> values, not overlapping <paramref name="inputs"/>.</param>
    /// <param name="m">The number of examples, at least 1.</param>
    protected virtual void PredictExamples(ReadOnlySpan<float> inputs, Span<float> outputs, int m)
    {
        int length = PredictionScratchLength;
        Span<float> scratch = length <= StackScratchLimit ? stackalloc float[length] : ThreadScratch(length);
        for (int i = 0; i < m; i++)
            PredictExample(inputs.Slice(i * InputCount, InputCount), outputs.Slice(i * OutputCount, OutputCount), scratch);
    }

    /// <summary>
    /// Forward and backward propagation over a checked batch, reading the parameters only: adds every
    /// example's <c>dW[l]</c> and <c>db[l]</c>, in the parameter layout, to <paramref name="gradient"/>
    /// (zero on entry), and returns the cost <c>J = (1/m) Σ L(ŷ(i), y(i))</c>. The shell averages the
    /// sum (unless <see cref="GradientIsAveraged"/>) and takes the step.
    /// </summary>
    /// <param name="inputs">The examples <c>X</c>, <c>m * InputCount</c> values, example-major.</param>
    /// <param name="targets">The labels <c>Y</c>, <c>m * OutputCount</c> values, example-major.</param>
    /// <param name="m">The number of examples, at least 1.</param>
    /// <param name="gradient">Zero on entry; receives <c>Σ dW(i)</c> and <c>Σ db(i)</c> (or their means).</param>
    protected abstract float Backpropagate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int m, Span<float> gradient);

    /// <summary>
    /// Whether <see cref="Backpropagate"/> writes the mean gradient <c>(1/m) Σ</c> itself, as an engine
    /// that follows the course's batch equations does (<c>dW[l] = (1/m) dZ[l]·A[l-1]ᵀ</c>), rather than
    /// the sum, which the shell then averages. False by default.
    /// </summary>
    protected virtual bool GradientIsAveraged => false;

    /// <summary>
    /// One vector per layer, as long as the layer has units, for the per-example caches the course
    /// names <c>Z[l]</c>, <c>A[l]</c> and <c>dZ[l]</c>: index <c>l</c> from 1 to <c>L</c>, and an
    /// empty vector at 0 (<c>A[0]</c> is the input).
    /// </summary>
    /// <param name="spec">The network.</param>
    protected static float[][] LayerVectors(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var vectors = new float[spec.Layers.Count + 1][];
        vectors[0] = [];
        for (int l = 1; l <= spec.Layers.Count; l++)
            vectors[l] = new float[spec.UnitsOf(l)];
        return vectors;
    }

    private float BackpropagateBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int m)
    {
        Array.Clear(gradient);
        return Backpropagate(inputs, targets, m, gradient);
    }

    /// <summary>The calling thread's prediction scratch, at least <paramref name="length"/> floats.</summary>
    private static Span<float> ThreadScratch(int length)
    {
        if (threadScratch is null || threadScratch.Length < length)
            threadScratch = new float[length];
        return threadScratch.AsSpan(0, length);
    }
}
