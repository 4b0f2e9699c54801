using System.Runtime.ExceptionServices;

namespace GenNet;

/// <summary>
/// Worker threads started once and kept, for work cut into parts: part 0 runs on the calling thread,
/// parts 1 to n on the workers, and <see cref="Run"/> returns when every part is done. Nothing is
/// allocated per run: the work is a delegate its owner made once, and what a part works on is state
/// the owner sets before the run. One crew may serve several owners (a network's training and its
/// prediction); runs never overlap.
/// </summary>
internal sealed class WorkerCrew : IDisposable
{
    /// <summary>Runs of examples start at multiples of this, so that batch kernels working on blocks of examples keep whole blocks.</summary>
    private const int ExampleAlignment = 16;

    private readonly Worker[] workers;
    private readonly CountdownEvent unfinished = new(1);
    private readonly object oneRunAtATime = new();
    private Action<int> work = static _ => { };

    /// <param name="helpers">How many worker threads to start (parts 1 to <paramref name="helpers"/>).</param>
    /// <param name="name">Names the threads, for debuggers and profilers.</param>
    public WorkerCrew(int helpers, string name)
    {
        workers = new Worker[helpers];
        for (int w = 0; w < helpers; w++)
            workers[w] = new Worker(this, w + 1, $"{name} {w + 1}");
    }

    /// <summary>
    /// The threads a public constructor asked for (the processor count by default), checked: the one rule
    /// of <see cref="MultiCorePredictor"/> and <see cref="MultiCoreNetwork"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 thread, or fewer than 1 example per thread.</exception>
    /// <exception cref="PlatformNotSupportedException">More than 1 thread in a browser or WASI, where no thread can start.</exception>
    public static int CheckedThreads(int? threads, int? minimumExamplesPerThread)
    {
        int threadCount = threads ?? Environment.ProcessorCount;
        if (threadCount < 1)
            throw new ArgumentOutOfRangeException(nameof(threads), threadCount, "Expected at least 1 thread (1 runs on the calling thread alone).");
        if (minimumExamplesPerThread is < 1)
            throw new ArgumentOutOfRangeException(nameof(minimumExamplesPerThread), minimumExamplesPerThread, "Expected at least 1 example per thread.");
        if (threadCount > 1 && !CanStartThreads)
            throw new PlatformNotSupportedException(
                $"{threadCount} threads were asked for, but WebAssembly here runs .NET on one thread and cannot start others. " +
                "Use threads: 1 (the default where there is one processor), or the network's own PredictBatch and Trainer.");
        return threadCount;
    }

    /// <summary>
    /// Whether worker threads can start: not in a browser or WASI, whose .NET runs on the page's (or host's)
    /// one thread. Asked up front so that a crew is refused whole, with a message that says why.
    /// </summary>
    private static bool CanStartThreads => !OperatingSystem.IsBrowser() && !OperatingSystem.IsWasi();

    /// <summary>
    /// How many examples of a batch of <paramref name="m"/> each part takes, and how many parts: at most one
    /// per thread, none below <paramref name="minimumExamplesPerThread"/>, each but the last a whole number of
    /// blocks of examples. One part means the batch is not worth sharing.
    /// </summary>
    public (int Run, int Parts) Cut(int m, int minimumExamplesPerThread)
    {
        int threads = Math.Min(workers.Length + 1, m / minimumExamplesPerThread);
        if (threads <= 1)
            return (m, 1);
        int run = (m + threads - 1) / threads;
        run = Math.Min(m, (run + ExampleAlignment - 1) / ExampleAlignment * ExampleAlignment);
        return (run, (m + run - 1) / run);
    }

    /// <summary>How many worker threads there are, besides the caller.</summary>
    public int Helpers => workers.Length;

    /// <summary>
    /// Runs <paramref name="work"/> for parts 0 to <paramref name="parts"/> - 1 (at most <see cref="Helpers"/> + 1)
    /// and waits for all; then rethrows the first exception any part threw. A second caller waits for the
    /// first's run to end.
    /// </summary>
    /// <param name="work">Runs one part, given its number; a delegate the owner made once, so a run allocates nothing.</param>
    /// <param name="parts">How many parts.</param>
    public void Run(Action<int> work, int parts)
    {
        lock (oneRunAtATime)
        {
            this.work = work; // the workers read it after Go, whose Set is a full fence
            int helpers = parts - 1;
            unfinished.Reset(helpers);
            for (int w = 0; w < helpers; w++)
                workers[w].Go();
            Exception? callerError = null;
            try
            {
                work(0);
            }
            catch (Exception e)
            {
                callerError = e;
            }
            unfinished.Wait();

            if (callerError is not null)
                ExceptionDispatchInfo.Throw(callerError);
            for (int w = 0; w < helpers; w++)
                if (workers[w].TakeError() is { } error)
                    ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>Ends every worker thread and waits for it.</summary>
    public void Dispose()
    {
        foreach (var worker in workers)
            worker.Dispose();
        unfinished.Dispose();
    }

    /// <summary>One worker thread: waits for its part, runs it, signals the caller.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly WorkerCrew crew;
        private readonly int part;
        private readonly Thread thread;
        private readonly ManualResetEventSlim go = new(false);
        private bool stopping;
        private Exception? error;

        public Worker(WorkerCrew crew, int part, string name)
        {
            this.crew = crew;
            this.part = part;
            thread = new Thread(Loop) { IsBackground = true, Name = name };
            thread.Start();
        }

        /// <summary>Starts the part; the owner's state written before this call is visible to it (Set is a full fence).</summary>
        public void Go() => go.Set();

        public Exception? TakeError()
        {
            var taken = error;
            error = null;
            return taken;
        }

        public void Dispose()
        {
            stopping = true;
            go.Set();
            thread.Join();
            go.Dispose();
        }

        private void Loop()
        {
            while (true)
            {
                go.Wait();
                go.Reset();
                if (stopping)
                    return;
                try
                {
                    crew.work(part);
                }
                catch (Exception e)
                {
                    error = e;
                }
                finally
                {
                    crew.unfinished.Signal();
                }
            }
        }
    }
}
