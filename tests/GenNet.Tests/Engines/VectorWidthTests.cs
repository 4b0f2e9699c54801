using System.Runtime.Intrinsics;

namespace GenNet.Tests.Engines;

/// <summary>
/// Proves that a run meant to take a narrower path took it. CI runs the suite again with the vector
/// width a machine without AVX-512 (Zen 3: blocks of 8) or without AVX2 (blocks of 4) has, by the
/// runtime's knobs, and says which width it expects in <c>GENNET_EXPECTED_BATCH_LANES</c>. A knob the
/// runtime does not know is ignored without a word: .NET 10 reads <c>DOTNET_EnableAVX512</c>, and
/// <c>DOTNET_EnableAVX512F=0</c>, which earlier sessions used, left every run on AVX-512.
/// </summary>
public class VectorWidthTests
{
    /// <summary>The variable naming the block width a narrowed run must take.</summary>
    public const string ExpectedLanesVariable = "GENNET_EXPECTED_BATCH_LANES";

    [NarrowedRunFact]
    public void The_widest_accelerated_vector_is_the_one_the_run_asked_for()
    {
        int expected = int.Parse(Environment.GetEnvironmentVariable(ExpectedLanesVariable)!);

        // The order generated PredictBatch tests the widths in (NetworkModel.BatchLanes).
        int lanes = Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 1;

        lanes.ShouldBe(expected, "the knobs in the environment did not narrow the vectors as CI meant");
    }

    /// <summary>A fact that runs only when <see cref="ExpectedLanesVariable"/> is set, as CI's narrowed runs set it.</summary>
    private sealed class NarrowedRunFactAttribute : FactAttribute
    {
        public NarrowedRunFactAttribute()
        {
            if (Environment.GetEnvironmentVariable(ExpectedLanesVariable) is null)
                Skip = $"Runs in CI's narrowed runs, which set {ExpectedLanesVariable}.";
        }
    }
}
