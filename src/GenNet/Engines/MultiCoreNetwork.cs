namespace GenNet;

/// <summary>
/// Trains with large batches on several cores: an <see cref="INetwork"/> over one network and a replica
/// of it per extra thread, which cuts each batch of <see cref="ComputeGradients"/> and
/// <see cref="TrainStep"/> into one contiguous run per thread, computes each run's gradient on its own
/// replica at once, and combines them into the gradient of the whole batch. Hand it to
/// <c>Trainer.Fit</c>
/// like any network.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Parameters"/> are the first network's; before each shared step the replicas receive a copy
/// of them, so the step computes what one network would, up to the order in which the runs' float sums
/// are added (the gradients agree to rounding). A call allocates nothing. Batches too small to share
/// (fewer than <see cref="MinimumExamplesPerThread"/> examples per thread) run on the first network alone.
/// </para>
/// <para>
/// Like any network, it trains on one thread at a time. Dispose it to stop its worker threads.
/// </para>
/// </remarks>
public sealed class MultiCoreNetwork : INetwork, IDisposable
{
    /// <summary>About how many multiply-adds of forward and backward propagation a thread should have before sharing pays.</summary>
    private const int MultiplyAddsWorthAThread = 1 << 19;

    private readonly INetwork[] replicas;   // replicas[0] is the network whose parameters these are
    private readonly float[][] runGradients; // the gradient of run k, for k ≥ 1 (run 0 writes the caller's span)
    private readonly float[] stepGradients;  // TrainStep's gradient of the whole batch
    private readonly float[] runCosts;
    private readonly WorkerCrew crew;        // the one set of worker threads, for training and prediction
    private readonly Action<int> computeRun;
    private readonly MultiCorePredictor predictor;
    private bool disposed;

    // The batch of the call under way, which every part reads: the caller's spans, pinned.
    private unsafe float* batchInputs, batchTargets, batchGradients;
    private int batchCount, perThread;

    /// <summary>
    /// Creates the network and its replicas with <paramref name="create"/>, called once per thread, and copies
    /// the first one's parameters to the others (the replicas' own are never used).
    /// </summary>
    /// <param name="create">Makes a new network, the same one each time: e.g. <c>() =&gt; new DigitsNet()</c>.</param>
    /// <param name="threads">The most threads a batch uses, the calling one included; by default the processor count. At least 1.</param>
    /// <param name="minimumExamplesPerThread">The fewest examples worth a thread; by default about 2^19 multiply-adds' worth, at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is null or returns null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> or <paramref name="minimumExamplesPerThread"/> is below 1.</exception>
    /// <exception cref="PlatformNotSupportedException"><paramref name="threads"/> is above 1 in a browser (or WASI), where .NET runs on one thread and starts no other.</exception>
    /// <exception cref="ArgumentException"><paramref name="create"/> returned networks of different specs, or the same instance twice.</exception>
    public MultiCoreNetwork(Func<INetwork> create, int? threads = null, int? minimumExamplesPerThread = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        int threadCount = WorkerCrew.CheckedThreads(threads, minimumExamplesPerThread);

        replicas = new INetwork[threadCount];
        for (int k = 0; k < threadCount; k++)
        {
            var replica = create() ?? throw new ArgumentNullException(nameof(create), "The factory returned null; it must return a new network.");
            if (k > 0 && !replica.Spec.Equals(replicas[0].Spec))
                throw new ArgumentException($"The factory must make the same network each time, but it made {replicas[0].Spec} and then {replica.Spec}.", nameof(create));
            if (Array.IndexOf(replicas, replica, 0, k) >= 0)
                throw new ArgumentException("The factory returned the same instance twice; each thread needs a network of its own (return a new one).", nameof(create));
            replicas[k] = replica;
        }
        int n = replicas[0].ParameterCount;
        runGradients = [.. Enumerable.Range(0, threadCount).Select(k => k == 0 ? [] : new float[n])];
        stepGradients = new float[n];
        runCosts = new float[threadCount];
        MinimumExamplesPerThread = minimumExamplesPerThread ?? Math.Max(1, MultiplyAddsWorthAThread / Math.Max(1, 3 * n));
        computeRun = ComputeRun;
        crew = new WorkerCrew(threadCount - 1, "GenNet worker");
        predictor = new MultiCorePredictor(replicas[0], crew, ownsCrew: false, minimumExamplesPerThread);
    }

    /// <summary>The most threads a batch uses, the calling one included.</summary>
    public int Threads => replicas.Length;

    /// <summary>The fewest examples per thread before a training batch is shared.</summary>
    public int MinimumExamplesPerThread { get; }

    /// <inheritdoc/>
    public NetworkSpec Spec => replicas[0].Spec;

    /// <inheritdoc/>
    public int InputCount => replicas[0].InputCount;

    /// <inheritdoc/>
    public int OutputCount => replicas[0].OutputCount;

    /// <inheritdoc/>
    public int ParameterCount => replicas[0].ParameterCount;

    /// <summary>The first network's parameters: the ones this network trains and predicts with.</summary>
    public Span<float> Parameters => replicas[0].Parameters;

    /// <inheritdoc/>
    public void Initialize(int seed) => replicas[0].Initialize(seed);

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> input, Span<float> output) => predictor.Predict(input, output);

    /// <summary>The outputs of a batch, shared among the threads as <see cref="MultiCorePredictor"/> shares them.</summary>
    /// <inheritdoc/>
    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs) => predictor.PredictBatch(inputs, outputs);

    /// <summary>
    /// The gradient of the whole batch, <c>(1/m) Σ_i</c>, computed in runs on several threads: each run's mean
    /// gradient weighted by its share of the examples.
    /// </summary>
    /// <inheritdoc/>
    public unsafe float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, InputCount, OutputCount);
        NetworkArgument.RequireLength(gradients.Length, ParameterCount, nameof(gradients), "the network's parameters");
        var (run, runs) = crew.Cut(m, MinimumExamplesPerThread);
        if (runs == 1)
            return replicas[0].ComputeGradients(inputs, targets, gradients);

        var parameters = replicas[0].Parameters;
        for (int k = 1; k < runs; k++)
            parameters.CopyTo(replicas[k].Parameters);
        fixed (float* inputStart = inputs, targetStart = targets, gradientStart = gradients)
        {
            batchInputs = inputStart;
            batchTargets = targetStart;
            batchGradients = gradientStart;
            batchCount = m;
            perThread = run;
            try
            {
                crew.Run(computeRun, runs);
            }
            finally
            {
                batchInputs = batchTargets = batchGradients = null;
            }
        }

        // ∇J = Σ_k (m_k / m) ∇J_k and J = Σ_k (m_k / m) J_k: run 0 already in the caller's span.
        float cost = runCosts[0] * RunShare(0, m, run);
        Kernels.AddScaled(gradients, RunShare(0, m, run) - 1f, gradients); // g += (share - 1) g: g scaled by its share, in place
        for (int k = 1; k < runs; k++)
        {
            float share = RunShare(k, m, run);
            Kernels.AddScaled(runGradients[k], share, gradients);
            cost += runCosts[k] * share;
        }
        return cost;
    }

    /// <summary>One step of gradient descent on the whole batch, its gradient computed on several threads.</summary>
    /// <inheritdoc/>
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        NetworkArgument.RequireLearningRate(learningRate);
        float cost = ComputeGradients(inputs, targets, stepGradients); // checks the spans
        return Kernels.GradientStep(stepGradients, -learningRate, replicas[0].Parameters, cost, inputs, targets);
    }

    /// <summary>Stops the worker threads. Using the network afterwards throws <see cref="ObjectDisposedException"/> (its parameters stay readable).</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        predictor.Dispose();
        crew.Dispose();
    }

    private static float RunShare(int k, int m, int run) => (float)Math.Min(run, m - k * run) / m;

    /// <summary>Run <paramref name="part"/>'s mean gradient and cost, on replica <paramref name="part"/>.</summary>
    private unsafe void ComputeRun(int part)
    {
        int first = part * perThread, count = Math.Min(perThread, batchCount - first);
        var gradients = part == 0 ? new Span<float>(batchGradients, ParameterCount) : runGradients[part];
        runCosts[part] = replicas[part].ComputeGradients(
            new ReadOnlySpan<float>(batchInputs + (long)first * InputCount, count * InputCount),
            new ReadOnlySpan<float>(batchTargets + (long)first * OutputCount, count * OutputCount),
            gradients);
    }
}
