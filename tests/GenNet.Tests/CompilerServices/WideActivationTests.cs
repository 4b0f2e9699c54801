using System.Runtime.Intrinsics;

namespace GenNet.Tests.CompilerServices;

/// <summary>
/// The eight- and sixteen-lane activations that PredictBatch's blocks call give every lane the bits
/// of the four-lane form (VectorActivationTests measures that one against double precision), so a
/// batch predicts exactly what Predict does. Inputs: every 4099th bit pattern, both signs, every binade,
/// NaN and the infinities included.
/// </summary>
public class WideActivationTests
{
    /// <summary>The elementwise activations (softmax is across a layer: BatchKernelTests and the batch-size tests hold it).</summary>
    public static TheoryData<Activation> Activations => [.. Enum.GetValues<Activation>().Where(activation => !ActivationTable.IsWholeLayer(activation))];

    [Theory]
    [MemberData(nameof(Activations))]
    public void Eight_and_sixteen_lanes_give_the_four_lane_bits(Activation activation)
    {
        var z = new float[16];
        long lanesCompared = 0;
        for (long bits = 0; bits <= uint.MaxValue - 16 * 4099L; bits += 16 * 4099L)
        {
            for (int lane = 0; lane < 16; lane++)
                z[lane] = BitConverter.UInt32BitsToSingle((uint)(bits + lane * 4099L));
            var expected = new float[16];
            for (int quarter = 0; quarter < 4; quarter++)
                VectorActivations.Value(activation, Vector128.Create(z.AsSpan(quarter * 4, 4))).CopyTo(expected.AsSpan(quarter * 4));
            var sixteen = new float[16];
            VectorActivations.Value(activation, Vector512.Create(z)).CopyTo(sixteen);
            var eight = new float[16];
            VectorActivations.Value(activation, Vector256.Create(z.AsSpan(0, 8))).CopyTo(eight);
            VectorActivations.Value(activation, Vector256.Create(z.AsSpan(8, 8))).CopyTo(eight.AsSpan(8));

            for (int lane = 0; lane < 16; lane++)
            {
                int want = BitConverter.SingleToInt32Bits(expected[lane]);
                if (BitConverter.SingleToInt32Bits(sixteen[lane]) != want || BitConverter.SingleToInt32Bits(eight[lane]) != want)
                    throw new ShouldAssertException($"{activation}({z[lane]:R}): four lanes {expected[lane]:R}, eight {eight[lane]:R}, sixteen {sixteen[lane]:R}");
            }
            lanesCompared += 16;
        }
        lanesCompared.ShouldBeGreaterThan(1_000_000);
    }

    [Fact]
    public void Value_on_wide_vectors_rejects_an_undefined_activation()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => VectorActivations.Value((Activation)99, Vector512<float>.One));
        Should.Throw<ArgumentOutOfRangeException>(() => VectorActivations.Value((Activation)99, Vector256<float>.One));
    }
}
