namespace GenNet;

/// <summary>
/// Runs <see cref="IPredictor.PredictBatch"/> of a large batch on several cores: the batch is cut into one
/// contiguous run of examples per thread, the calling thread predicts the first run itself, and worker
/// threads that this object starts once and keeps predict the others, all with the one network. Opt-in:
/// wrap a network in it where batches are big enough to pay for waking the workers.
/// </summary>
/// <remarks>
/// <para>
/// The outputs are bit for bit those of the network's own <see cref="IPredictor.PredictBatch"/>: every
/// example is computed as it would be alone. A call allocates nothing; the workers wait on events
/// between calls and cost nothing while idle. Batches too small to share (fewer than
/// <see cref="MinimumExamplesPerThread"/> examples per thread) run on the calling thread alone.
/// </para>
/// <para>
/// The network must allow prediction from several threads at once, as generated classes,
/// <see cref="ReferenceNetwork"/> and <see cref="DynamicNetwork"/> do; and it must not train while this
/// predicts. Calls on one instance from several threads run one after another. Dispose the instance to
/// stop its threads.
/// </para>
/// </remarks>
public sealed class MultiCorePredictor : IPredictor, IDisposable
{
    /// <summary>
    /// About how many multiply-adds a thread should have before sharing a batch pays: waking a worker
    /// and waiting for it costs some microseconds, the time of roughly this much arithmetic.
    /// </summary>
    private const int MultiplyAddsWorthAThread = 1 << 18;

    private readonly IPredictor network;
    private readonly WorkerCrew crew;
    private readonly bool ownsCrew;
    private readonly Action<int> predictRun;
    private readonly object oneCallAtATime = new();
    private bool disposed;

    // The batch of the call under way, which every part reads: the caller's spans, pinned, and where the runs start.
    private unsafe float* batchInputs, batchOutputs;
    private int batchCount, perThread;

    /// <summary>Wraps <paramref name="network"/> for batches predicted on up to <paramref name="threads"/> threads.</summary>
    /// <param name="network">The network; its prediction must be safe from several threads at once.</param>
    /// <param name="threads">
    /// The most threads a batch uses, the calling one included; by default the machine's processor count.
    /// At least 1 (1 predicts on the calling thread only).
    /// </param>
    /// <param name="minimumExamplesPerThread">
    /// The fewest examples worth a thread; by default about 2^18 multiply-adds' worth (the parameter count
    /// times the examples), at least 1.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> or <paramref name="minimumExamplesPerThread"/> is below 1.</exception>
    /// <exception cref="PlatformNotSupportedException"><paramref name="threads"/> is above 1 in a browser (or WASI), where .NET runs on one thread and starts no other.</exception>
    public MultiCorePredictor(IPredictor network, int? threads = null, int? minimumExamplesPerThread = null)
        : this(network ?? throw new ArgumentNullException(nameof(network)),
               new WorkerCrew(WorkerCrew.CheckedThreads(threads, minimumExamplesPerThread) - 1, "GenNet prediction worker"),
               ownsCrew: true, minimumExamplesPerThread)
    {
    }

    /// <summary>Predicts with the threads of <paramref name="crew"/>, which a <see cref="MultiCoreNetwork"/> shares with its training.</summary>
    internal MultiCorePredictor(IPredictor network, WorkerCrew crew, bool ownsCrew, int? minimumExamplesPerThread)
    {
        this.network = network;
        this.crew = crew;
        this.ownsCrew = ownsCrew;
        predictRun = PredictRun;
        MinimumExamplesPerThread = minimumExamplesPerThread ?? Math.Max(1, MultiplyAddsWorthAThread / Math.Max(1, network.Spec.ParameterCount));
    }

    /// <summary>The most threads a batch uses, the calling one included.</summary>
    public int Threads => crew.Helpers + 1;

    /// <summary>The fewest examples per thread before a batch is shared.</summary>
    public int MinimumExamplesPerThread { get; }

    /// <inheritdoc/>
    public NetworkSpec Spec => network.Spec;

    /// <inheritdoc/>
    public int InputCount => network.InputCount;

    /// <inheritdoc/>
    public int OutputCount => network.OutputCount;

    /// <summary>Predicts one example on the calling thread: one example is not worth sharing.</summary>
    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        network.Predict(input, output);
    }

    /// <summary>
    /// Computes the outputs of <c>m = inputs.Length / InputCount</c> examples, shared among up to
    /// <see cref="Threads"/> threads when the batch is large enough; returns when all are written.
    /// </summary>
    /// <param name="inputs">The examples, a whole multiple of <see cref="InputCount"/> values.</param>
    /// <param name="outputs">Receives <c>m * OutputCount</c> values, example-major; separate from <paramref name="inputs"/>.</param>
    /// <exception cref="ArgumentException">The spans do not hold whole examples, differ in example count, or overlap.</exception>
    /// <exception cref="ObjectDisposedException">The instance was disposed.</exception>
    /// <remarks>An exception thrown by the network on any thread is rethrown here, after every thread has finished.</remarks>
    public unsafe void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int m = NetworkArgument.PredictionBatch(inputs, outputs, InputCount, OutputCount);
        var (run, parts) = crew.Cut(m, MinimumExamplesPerThread);
        if (parts == 1)
        {
            network.PredictBatch(inputs, outputs);
            return;
        }

        lock (oneCallAtATime)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            // The workers read and write the caller's memory while the caller waits for them in Run, so
            // the spans stay valid (and, pinned, in place) for as long as any worker uses them.
            fixed (float* inputStart = inputs, outputStart = outputs)
            {
                batchInputs = inputStart;
                batchOutputs = outputStart;
                batchCount = m;
                perThread = run;
                try
                {
                    crew.Run(predictRun, parts);
                }
                finally
                {
                    batchInputs = batchOutputs = null;
                }
            }
        }
    }

    /// <summary>Predicts run <paramref name="part"/> of the batch under way: examples from <c>part · perThread</c>.</summary>
    private unsafe void PredictRun(int part)
    {
        int first = part * perThread, count = Math.Min(perThread, batchCount - first);
        network.PredictBatch(
            new ReadOnlySpan<float>(batchInputs + (long)first * InputCount, count * InputCount),
            new Span<float>(batchOutputs + (long)first * OutputCount, count * OutputCount));
    }

    /// <summary>Stops the worker threads. Predicting afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (oneCallAtATime)
        {
            if (disposed)
                return;
            disposed = true;
        }
        if (ownsCrew)
            crew.Dispose();
    }
}
