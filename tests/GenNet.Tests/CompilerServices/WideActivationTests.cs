using System.Runtime.Intrinsics;

namespace GenNet.Tests.CompilerServices;

/// <summary>
/// Every lane-wise operation of <see cref="VectorActivations"/> gives every lane the same bits at eight
/// and sixteen lanes as at four (VectorActivationTests measures the four-lane form against double
/// precision), so a batch predicts and trains exactly as Predict and one example's step do. Each is one
/// text over <see cref="ILanes{TVector}"/>: this holds the width bindings to that. Inputs: every 4099th
/// bit pattern, both signs, every binade, NaN and the infinities included.
/// </summary>
public class WideActivationTests
{
    /// <summary>What is compared: an elementwise activation's value or derivative, the exponential, or the NaN-propagating max.</summary>
    public enum Operation { Value, Derivative, ExpOfNonPositive, MaxPropagatingNaN }

    /// <summary>Every operation; the value and the derivative of each elementwise activation (softmax is across a layer: BatchKernelTests and the batch-size tests hold it).</summary>
    public static TheoryData<Operation, Activation> Operations()
    {
        var data = new TheoryData<Operation, Activation>();
        foreach (var activation in Enum.GetValues<Activation>().Where(activation => !ActivationTable.IsWholeLayer(activation)))
        {
            data.Add(Operation.Value, activation);
            data.Add(Operation.Derivative, activation);
        }
        data.Add(Operation.ExpOfNonPositive, Activation.Linear);
        data.Add(Operation.MaxPropagatingNaN, Activation.Linear);
        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Eight_and_sixteen_lanes_give_the_four_lane_bits(Operation operation, Activation activation)
    {
        var x = new float[16];
        var y = new float[16];
        long lanesCompared = 0;
        for (long bits = 0; bits <= uint.MaxValue - 16 * 4099L; bits += 16 * 4099L)
        {
            for (int lane = 0; lane < 16; lane++)
            {
                x[lane] = BitConverter.UInt32BitsToSingle((uint)(bits + lane * 4099L));
                y[lane] = BitConverter.UInt32BitsToSingle((uint)(bits + lane * 4099L) * 2654435761u); // another float of any kind
            }
            var four = Evaluate<Vector128<float>, Lanes4>(operation, activation, x, y);
            var eight = Evaluate<Vector256<float>, Lanes8>(operation, activation, x, y);
            var sixteen = Evaluate<Vector512<float>, Lanes16>(operation, activation, x, y);

            for (int lane = 0; lane < 16; lane++)
            {
                int want = BitConverter.SingleToInt32Bits(four[lane]);
                if (BitConverter.SingleToInt32Bits(eight[lane]) != want || BitConverter.SingleToInt32Bits(sixteen[lane]) != want)
                    throw new ShouldAssertException($"{operation} {activation}({x[lane]:R}, {y[lane]:R}): four lanes {four[lane]:R}, eight {eight[lane]:R}, sixteen {sixteen[lane]:R}");
            }
            lanesCompared += 16;
        }
        lanesCompared.ShouldBeGreaterThan(1_000_000);
    }

    [Fact]
    public void The_four_lane_public_forms_are_the_one_text()
    {
        var z4 = Vector128.Create(-3.4f, -0.2f, 0.7f, 9.1f);
        VectorActivations.Tanh(z4).ShouldBe(VectorActivations.Tanh<Vector128<float>, Lanes4>(z4));
        VectorActivations.Sigmoid(z4).ShouldBe(VectorActivations.Sigmoid<Vector128<float>, Lanes4>(z4));
        VectorActivations.LeakyReLU(z4).ShouldBe(VectorActivations.LeakyReLU<Vector128<float>, Lanes4>(z4));
        VectorActivations.TanhDerivative(z4).ShouldBe(VectorActivations.TanhDerivative<Vector128<float>, Lanes4>(z4));
        VectorActivations.ReLUDerivative(z4).ShouldBe(VectorActivations.ReLUDerivative<Vector128<float>, Lanes4>(z4));
    }

    [Fact]
    public void Value_and_Derivative_on_wide_vectors_reject_an_undefined_activation()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => VectorActivations.Value<Vector512<float>, Lanes16>((Activation)99, Vector512<float>.One));
        Should.Throw<ArgumentOutOfRangeException>(() => VectorActivations.Value<Vector256<float>, Lanes8>((Activation)99, Vector256<float>.One));
        Should.Throw<ArgumentOutOfRangeException>(() => VectorActivations.Derivative<Vector256<float>, Lanes8>((Activation)99, Vector256<float>.One, Vector256<float>.One));
    }

    /// <summary>The operation on <paramref name="x"/> (and <paramref name="y"/>), a vector of <typeparamref name="TLanes"/> at a time.</summary>
    private static float[] Evaluate<TVector, TLanes>(Operation operation, Activation activation, float[] x, float[] y)
        where TLanes : struct, ILanes<TVector>
    {
        var result = new float[x.Length];
        for (int k = 0; k < x.Length; k += TLanes.Count)
        {
            TVector left = TLanes.Load(ref x[k], 0), right = TLanes.Load(ref y[k], 0);
            var value = operation switch
            {
                Operation.Value => VectorActivations.Value<TVector, TLanes>(activation, left),
                Operation.Derivative => VectorActivations.Derivative<TVector, TLanes>(activation, left, VectorActivations.Value<TVector, TLanes>(activation, left)),
                Operation.ExpOfNonPositive => VectorActivations.ExpOfNonPositive<TVector, TLanes>(TLanes.BitwiseOr(left, TLanes.Broadcast(-0f))),
                _ => VectorActivations.MaxPropagatingNaN<TVector, TLanes>(left, right),
            };
            TLanes.Store(value, ref result[k], 0);
        }
        return result;
    }
}
