namespace GenNet.Tests;

/// <summary>
/// What a piece of work allocates on this thread in steady state, the one way every allocation test
/// measures it: after a warm-up, up to three windows of 100 rounds, stopping at the first that allocates
/// nothing. An allocation per call shows in every window; the runtime's own one-off work on this thread
/// (a method reaching its optimised tier late on a loaded machine, measured at 5,120 B once in CI) shows
/// in one at most.
/// </summary>
internal static class SteadyAllocation
{
    /// <summary>Fails unless the last window allocated nothing; the message lists every window.</summary>
    /// <param name="round">One round of the work.</param>
    /// <param name="what">What the work is, for the message.</param>
    /// <param name="warmUp">Rounds before the first window.</param>
    public static void ShouldAllocateNothing(Action round, string what, int warmUp = 100)
    {
        for (int call = 0; call < warmUp; call++)
            round();
        var windows = new List<long>();
        for (int window = 0; window < 3 && (windows.Count == 0 || windows[^1] != 0); window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 100; call++)
                round();
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        windows[^1].ShouldBe(0, $"{what} allocated {string.Join(", then ", windows)} bytes in windows of 100 rounds");
    }
}
