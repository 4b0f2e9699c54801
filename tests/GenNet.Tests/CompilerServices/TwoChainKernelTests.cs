using System.Runtime.Intrinsics;
namespace GenNet.Tests.CompilerServices;

/// <summary>
/// <c>BatchKernels.ForwardInTwoChains</c>, which narrower blocks run for an unrolled layer of many inputs:
/// each lane must get the bits of the one-example code's order (from the bias, even inputs in one chain,
/// odd ones in another, the two added at the end, then g), here written out in scalar fused multiply-adds;
/// and the value itself must be the layer's, against double precision. Unit counts around the groups
/// (six in blocks of 8 and 4, eight in blocks of 16), input counts odd and even.
/// </summary>
public class TwoChainKernelTests
{
    public static TheoryData<int, int, int, Activation> Shapes()
    {
        var data = new TheoryData<int, int, int, Activation>();
        Activation[] activations = [Activation.Tanh, Activation.ReLU, Activation.Sigmoid, Activation.LeakyReLU, Activation.Linear];
        int k = 0;
        foreach (int lanes in new[] { 4, 8, 16 })
            foreach (int units in new[] { 1, 5, 6, 7, 8, 9, 13, 17 })
                foreach (int inputs in new[] { 2, 3, 16, 19, 33 })
                    data.Add(lanes, units, inputs, activations[k++ % activations.Length]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_lane_gets_the_bits_of_the_one_example_order(int lanes, int units, int inputs, Activation activation)
    {
        var random = new Random(lanes * 1000 + units * 50 + inputs);
        var weights = TestData.Uniform(random, units * inputs, 1);
        var biases = TestData.Uniform(random, units, 1);
        var rows = TestData.Uniform(random, inputs * lanes, 2);
        var outputs = Enumerable.Repeat(12345f, units * lanes + 1).ToArray();

        Kernel(lanes)(activation, weights, biases, rows, outputs.AsSpan(0, units * lanes));

        var z = new float[units * lanes];
        for (int i = 0; i < units; i++)
            for (int e = 0; e < lanes; e++)
            {
                float X(int j) => rows[j * lanes + e];
                float W(int j) => weights[i * inputs + j];
                float even = MathF.FusedMultiplyAdd(W(0), X(0), biases[i]), odd = W(1) * X(1);
                int j = 2;
                for (; j + 1 < inputs; j += 2)
                {
                    even = MathF.FusedMultiplyAdd(W(j), X(j), even);
                    odd = MathF.FusedMultiplyAdd(W(j + 1), X(j + 1), odd);
                }
                if (j < inputs)
                    even = MathF.FusedMultiplyAdd(W(j), X(j), even);
                z[i * lanes + e] = even + odd;
            }
        var expected = new float[z.Length];
        VectorActivations.Apply(activation, z, expected);
        for (int i = 0; i < units; i++)
            for (int e = 0; e < lanes; e++)
            {
                int at = i * lanes + e;
                BitConverter.SingleToInt32Bits(outputs[at]).ShouldBe(BitConverter.SingleToInt32Bits(expected[at]), $"unit {i}, lane {e}: {outputs[at]:R} against {expected[at]:R}");
                double exact = biases[i];
                for (int j = 0; j < inputs; j++)
                    exact += (double)weights[i * inputs + j] * rows[j * lanes + e];
                outputs[at].ShouldBe((float)ActivationFunctions.Value(activation, exact), 2e-5, $"unit {i}, lane {e}, in double precision");
            }
        outputs[^1].ShouldBe(12345f, "nothing past the output rows is written");
    }

    [Fact]
    public void It_refuses_softmax_too_few_inputs_wrong_lengths_and_overlapping_rows_before_writing_anything()
    {
        var weights = new float[3 * 4];
        var biases = new float[3];
        var rows = new float[4 * 16];
        var outputs = Enumerable.Repeat(7f, 3 * 16).ToArray();
        var kernel = Kernel(16);

        Should.Throw<ArgumentException>(() => kernel(Activation.Softmax, weights, biases, rows, outputs)).ParamName.ShouldBe("activation");
        Should.Throw<ArgumentOutOfRangeException>(() => kernel((Activation)99, weights, biases, rows, outputs)).ParamName.ShouldBe("activation");
        Should.Throw<ArgumentException>(() => kernel(Activation.Tanh, new float[3], biases, new float[16], outputs)).ParamName.ShouldBe("inputRows");
        Should.Throw<ArgumentException>(() => kernel(Activation.Tanh, weights, biases, new float[4 * 16 + 1], outputs)).ParamName.ShouldBe("inputRows");
        Should.Throw<ArgumentException>(() => kernel(Activation.Tanh, new float[11], biases, rows, outputs)).ParamName.ShouldBe("weights");
        Should.Throw<ArgumentException>(() => kernel(Activation.Tanh, weights, biases, rows, outputs.AsSpan(1).ToArray())).ParamName.ShouldBe("outputRows");
        var shared = new float[8 * 16];
        Should.Throw<ArgumentException>(() => Kernel(16)(Activation.Tanh, weights, biases, shared.AsSpan(0, 4 * 16), shared.AsSpan(16, 3 * 16))).ParamName.ShouldBe("outputRows");
        outputs.ShouldAllBe(value => value == 7f, "nothing is written before the arguments are checked");
    }

    private delegate void TwoChainKernel(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows);

    private static TwoChainKernel Kernel(int lanes) => lanes switch
    {
        16 => BatchKernels.ForwardInTwoChains<Vector512<float>, Lanes16>,
        8 => BatchKernels.ForwardInTwoChains<Vector256<float>, Lanes8>,
        _ => BatchKernels.ForwardInTwoChains<Vector128<float>, Lanes4>,
    };
}
