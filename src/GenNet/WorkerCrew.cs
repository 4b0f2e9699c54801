using System.Runtime.ExceptionServices;

namespace GenNet;

/// <summary>
/// Worker threads started once and kept, for work cut into parts: part 0 runs on the calling thread,
/// parts 1 to n on the workers, and <see cref="Run"/> returns when every part is done. Nothing is
/// allocated per run: the work is one delegate given at construction, and what a part works on is
/// state its owner sets before the run.
/// </summary>
internal sealed class WorkerCrew : IDisposable
{
    private readonly Action<int> work;
    private readonly Worker[] workers;
    private readonly CountdownEvent unfinished = new(1);

    /// <param name="helpers">How many worker threads to start (parts 1 to <paramref name="helpers"/>).</param>
    /// <param name="work">Runs one part, given its number; called on the caller (part 0) and the workers.</param>
    /// <param name="name">Names the threads, for debuggers and profilers.</param>
    public WorkerCrew(int helpers, Action<int> work, string name)
    {
        this.work = work;
        workers = new Worker[helpers];
        for (int w = 0; w < helpers; w++)
            workers[w] = new Worker(this, w + 1, $"{name} {w + 1}");
    }

    /// <summary>How many worker threads there are, besides the caller.</summary>
    public int Helpers => workers.Length;

    /// <summary>
    /// Runs parts 0 to <paramref name="parts"/> - 1 (at most <see cref="Helpers"/> + 1) and waits for all;
    /// then rethrows the first exception any part threw. Calls must not overlap.
    /// </summary>
    public void Run(int parts)
    {
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
