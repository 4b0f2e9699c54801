namespace GenNet.Tests.Generated;

/// <summary>
/// Wraps a network and adds up, on every thread that calls its <see cref="PredictBatch"/> or
/// <see cref="ComputeGradients"/>, what that thread allocated from one call to the next: for a worker of
/// <see cref="MultiCorePredictor"/> or <see cref="MultiCoreNetwork"/>, its whole loop (waiting, working,
/// signalling). The first gap after <see cref="Reset"/> is left out: on the test's own thread it holds the
/// test's bookkeeping between windows (that thread is measured directly). Each thread leaves out its own
/// first gap, whichever thread arrives first.
/// </summary>
internal sealed class AllocationRecorder(INetwork inner) : INetwork
{
    // Per thread: the recorder it last called and its allocation count then. Each thread of these tests calls
    // one recorder, so a thread that meets another (in a later test) starts afresh instead of adding the gap.
    [ThreadStatic] private static AllocationRecorder? lastRecorder;
    [ThreadStatic] private static long lastSeen;
    [ThreadStatic] private static int lastWindow;

    private long allocated;
    private int threads, calls;
    private volatile int window;

    /// <summary>The bytes allocated between calls since <see cref="Reset"/>, on every calling thread.</summary>
    public long Allocated => Interlocked.Read(ref allocated);

    /// <summary>How many threads have called it.</summary>
    public int Threads => Volatile.Read(ref threads);

    /// <summary>How many calls it has had.</summary>
    public int Calls => Volatile.Read(ref calls);

    public void Reset()
    {
        Interlocked.Exchange(ref allocated, 0);
        window++;
    }

    public NetworkSpec Spec => inner.Spec;
    public int InputCount => inner.InputCount;
    public int OutputCount => inner.OutputCount;
    public int ParameterCount => inner.ParameterCount;
    public Span<float> Parameters => inner.Parameters;
    public void Initialize(int seed) => inner.Initialize(seed);
    public void Predict(ReadOnlySpan<float> input, Span<float> output) => inner.Predict(input, output);
    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate) => inner.TrainStep(inputs, targets, learningRate);

    public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        Arrive();
        inner.PredictBatch(inputs, outputs);
        Leave();
    }

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients)
    {
        Arrive();
        float cost = inner.ComputeGradients(inputs, targets, gradients);
        Leave();
        return cost;
    }

    private void Arrive()
    {
        long now = GC.GetAllocatedBytesForCurrentThread();
        int current = window;
        if (lastRecorder != this)
            Interlocked.Increment(ref threads);
        else if (lastWindow == current)
            Interlocked.Add(ref allocated, now - lastSeen);
        lastWindow = current;
        Interlocked.Increment(ref calls);
    }

    private void Leave()
    {
        lastRecorder = this;
        lastSeen = GC.GetAllocatedBytesForCurrentThread();
    }
}
