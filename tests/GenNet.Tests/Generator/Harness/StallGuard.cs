namespace GenNet.Tests.Generator;

/// <summary>Steps that a watched piece of work counts as it completes them.</summary>
internal sealed class Progress
{
    private int steps;

    /// <summary>Records that one more step is done.</summary>
    public void Step() => Interlocked.Increment(ref steps);

    /// <summary>How many steps are done so far.</summary>
    public int Steps => Volatile.Read(ref steps);
}

/// <summary>
/// A hang guard that is not a speed assertion: it runs work on a worker and gives up on it only when
/// no step completes for a whole <c>stall</c> window, however long the whole work takes. A loaded
/// 2-core machine makes the fuzz test's batches slow; only a generator or compiler that stops making
/// progress (an endless loop, a runaway allocation) should fail it.
/// </summary>
internal static class StallGuard
{
    /// <summary>How a watched run ended.</summary>
    /// <param name="Result">The work's result; default when it stalled.</param>
    /// <param name="Stalled">No step completed for a whole window, and the work was cancelled.</param>
    /// <param name="Stopped">False when a stalled run did not stop within another window after it was cancelled (nothing more can be trusted).</param>
    public readonly record struct Outcome<T>(T? Result, bool Stalled, bool Stopped);

    /// <summary>Runs <paramref name="work"/> until it returns, or until no step completes for <paramref name="stall"/>.</summary>
    public static Outcome<T> Run<T>(Func<Progress, CancellationToken, T> work, TimeSpan stall)
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new Progress();
        // A thread of its own: on a thread-pool queue behind the suite's other tests the work could wait
        // longer than a window before its first step.
        var running = Task.Factory.StartNew(() => work(progress, cancellation.Token), cancellation.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        int seen = progress.Steps;
        while (!running.Wait(stall))
        {
            int now = progress.Steps;
            if (now == seen)
            {
                cancellation.Cancel();
                bool stopped = ((Task)running).ContinueWith(_ => { }, TaskScheduler.Default).Wait(stall);
                return new Outcome<T>(default, Stalled: true, stopped);
            }
            seen = now;
        }
        return new Outcome<T>(running.Result, Stalled: false, Stopped: true);
    }
}
