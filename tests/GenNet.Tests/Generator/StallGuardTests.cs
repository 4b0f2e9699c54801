namespace GenNet.Tests.Generator;

/// <summary>The fuzz test's hang guard fails work that stops, never work that is only slow.</summary>
public class StallGuardTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    [Fact]
    public void Slow_work_that_keeps_stepping_finishes_however_long_it_takes()
    {
        // Eight windows' worth of work, a step every third of a window: a deadline of one window would fail it.
        var outcome = StallGuard.Run((progress, token) =>
        {
            for (int i = 0; i < 24; i++)
            {
                Thread.Sleep(Window / 3);
                progress.Step();
            }
            return 42;
        }, Window);

        outcome.Stalled.ShouldBeFalse();
        outcome.Result.ShouldBe(42);
    }

    [Fact]
    public void Work_that_stops_stepping_is_cancelled_and_reported_as_stalled()
    {
        bool cancelled = false;
        var outcome = StallGuard.Run((progress, token) =>
        {
            progress.Step();
            // Hangs until the guard cancels it.
            cancelled = token.WaitHandle.WaitOne(TimeSpan.FromMinutes(1));
            return 1;
        }, Window);

        outcome.Stalled.ShouldBeTrue();
        outcome.Stopped.ShouldBeTrue();
        outcome.Result.ShouldBe(0);
        cancelled.ShouldBeTrue();
    }

    [Fact]
    public void Work_that_ignores_cancellation_is_reported_as_not_stopped()
    {
        using var release = new ManualResetEventSlim();
        // Ignores the token it is handed, as a runaway loop would.
        var outcome = StallGuard.Run((progress, token) => release.Wait(TimeSpan.FromMinutes(1), CancellationToken.None), Window);
        release.Set();

        outcome.Stalled.ShouldBeTrue();
        outcome.Stopped.ShouldBeFalse();
    }
}
