using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace GenNet.Tests.Engines;

/// <summary>
/// Proves that a run meant to take a narrower path took it. CI runs the suite again with the vector
/// width a machine without AVX-512 (Zen 3: blocks of 8) or without AVX2 (blocks of 4) has, by the
/// runtime's knobs, and says which width it expects in <c>GENNET_EXPECTED_BATCH_LANES</c>. A knob the
/// runtime does not know is ignored without a word: .NET 10 reads <c>DOTNET_EnableAVX512</c>, and
/// <c>DOTNET_EnableAVX512F=0</c>, which earlier sessions used, left every run on AVX-512. CI's Arm64
/// leg, run under an emulator, also sets <c>GENNET_EXPECTED_ARCHITECTURE=Arm64</c>: a leg that quietly
/// ran the x64 build, or an emulator that hid AdvSimd, would otherwise pass as an Arm64 run.
/// </summary>
public class VectorWidthTests
{
    /// <summary>The variable naming the block width a narrowed run must take.</summary>
    public const string ExpectedLanesVariable = "GENNET_EXPECTED_BATCH_LANES";

    /// <summary>The variable naming the processor architecture (an <see cref="Architecture"/> name) a run must be on.</summary>
    public const string ExpectedArchitectureVariable = "GENNET_EXPECTED_ARCHITECTURE";

    /// <summary>The block width generated PredictBatch takes here, tested in its order (NetworkModel.BatchLanes).</summary>
    private static int BatchLanes =>
        Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 1;

    [RunExpectsFact(ExpectedLanesVariable)]
    public void The_widest_accelerated_vector_is_the_one_the_run_asked_for()
    {
        int expected = int.Parse(Environment.GetEnvironmentVariable(ExpectedLanesVariable)!);

        BatchLanes.ShouldBe(expected, "the knobs in the environment did not narrow the vectors as CI meant");
    }

    [RunExpectsFact(ExpectedArchitectureVariable)]
    public void The_process_runs_on_the_architecture_the_run_asked_for()
    {
        var expected = Enum.Parse<Architecture>(Environment.GetEnvironmentVariable(ExpectedArchitectureVariable)!);

        RuntimeInformation.ProcessArchitecture.ShouldBe(expected);
        if (expected == Architecture.Arm64)
        {
            AdvSimd.Arm64.IsSupported.ShouldBeTrue("Kernels.StoreInterleaved's zips and the Arm multiply-add need AdvSimd");
            X86Base.IsSupported.ShouldBeFalse();
            // Arm64's widest accelerated vector is Vector128: PredictBatch runs blocks of 4.
            BatchLanes.ShouldBe(4);
            // AdvSimd always fuses: 1 + 2⁻²² + 2⁻⁴⁶ rounds to 1 + 2⁻²² in a separate multiply, which then
            // cancels the addend; a fused multiply-add keeps the 2⁻⁴⁶.
            var a = Vector128.Create(1f + MathF.ScaleB(1f, -23));
            var sum = Kernels.FusedMultiplyAdd(a, a, Vector128.Create(-(1f + MathF.ScaleB(1f, -22))));
            sum.ShouldBe(Vector128.Create(MathF.ScaleB(1f, -46)), "Kernels.FusedMultiplyAdd must fuse on Arm64");
        }
    }

    /// <summary>A fact that runs only when CI's run sets the variable it checks.</summary>
    private sealed class RunExpectsFactAttribute : FactAttribute
    {
        public RunExpectsFactAttribute(string variable, [CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
            : base(sourceFilePath, sourceLineNumber)
        {
            if (Environment.GetEnvironmentVariable(variable) is null)
                Skip = $"Runs in CI's runs that set {variable}.";
        }
    }
}
