using System.Diagnostics;

namespace GenNet.Browser;

/// <summary>
/// Times one-example prediction in the page. Browsers coarsen their clocks (to 0.1 ms where the page is not
/// cross-origin isolated), so each sample times enough calls to last <see cref="SampleMilliseconds"/>, and the
/// fastest of <see cref="Samples"/> samples is kept (the others lost time to the page, not to the network).
/// </summary>
public static class PredictTimer
{
    /// <summary>How long one sample runs at least.</summary>
    public const int SampleMilliseconds = 100;

    /// <summary>How many samples are timed.</summary>
    public const int Samples = 5;

    /// <summary>The fewest microseconds one <see cref="IPredictor.Predict"/> call of <paramref name="network"/> took on <paramref name="input"/>.</summary>
    public static double MicrosecondsPerCall(IPredictor network, float[] input)
    {
        var output = new float[network.Spec.OutputCount];
        int calls = 16;
        while (Time(network, input, output, calls) < SampleMilliseconds / 4.0)
            calls *= 2;
        calls *= 4;
        double best = double.PositiveInfinity;
        for (int s = 0; s < Samples; s++)
            best = Math.Min(best, Time(network, input, output, calls) * 1000 / calls);
        return best;
    }

    /// <summary>Milliseconds for <paramref name="calls"/> calls.</summary>
    private static double Time(IPredictor network, float[] input, float[] output, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
            network.Predict(input, output);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
