using System.Runtime.Intrinsics;
namespace GenNet.Tests.CompilerServices;

/// <summary>
/// The kernels of PredictBatch's blocks against plain loops in double precision: every unit count
/// around the kernel's groups of eight and twelve units, input counts odd and even, every width.
/// </summary>
public class BatchKernelTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int lanes in new[] { 4, 8, 16 })
            foreach (int units in new[] { 1, 2, 7, 8, 9, 15, 16, 17, 24, 25, 33, 47, 48, 57 })
                foreach (int inputs in new[] { 1, 2, 3, 16, 33 })
                    data.Add(lanes, units, inputs);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_computes_g_of_W_times_the_rows_plus_b_for_every_lane(int lanes, int units, int inputs)
    {
        var random = new Random(units * 100 + inputs);
        var weights = TestData.Uniform(random, units * inputs, 1);
        var biases = TestData.Uniform(random, units, 1);
        var rows = TestData.Uniform(random, inputs * lanes, 2);
        var outputs = Enumerable.Repeat(12345f, units * lanes + 1).ToArray();

        Forward(lanes)(Activation.Tanh, weights, biases, rows, outputs.AsSpan(0, units * lanes));

        for (int i = 0; i < units; i++)
            for (int e = 0; e < lanes; e++)
            {
                double z = biases[i];
                for (int j = 0; j < inputs; j++)
                    z += (double)weights[i * inputs + j] * rows[j * lanes + e];
                outputs[i * lanes + e].ShouldBe((float)Math.Tanh(z), 2e-6, $"unit {i}, lane {e}");
            }
        outputs[^1].ShouldBe(12345f, "nothing past the output rows is written");
    }

    [Theory]
    [InlineData(16, 1)]
    [InlineData(16, 6)]
    [InlineData(8, 1)]
    [InlineData(8, 6)]
    [InlineData(8, 7)]
    [InlineData(4, 1)]
    [InlineData(4, 7)]
    public void Forward_sums_each_unit_in_the_order_of_its_inputs_to_the_bit(int lanes, int inputs)
    {
        // Whatever groups the kernel sums units in at a width, each unit's sum keeps one order: the units
        // of the whole eights from the bias, one fused multiply-add per input in turn; the units past
        // them in two chains, even inputs from the bias and odd ones from zero, added at the end.
        for (int units = 1; units <= 50; units++)
        {
            var random = new Random(units * 100 + inputs + lanes);
            var weights = TestData.Uniform(random, units * inputs, 1);
            var biases = TestData.Uniform(random, units, 1);
            var rows = TestData.Uniform(random, inputs * lanes, 2);
            var outputs = new float[units * lanes];

            Forward(lanes)(Activation.Linear, weights, biases, rows, outputs);

            int inEights = units - units % 8;
            for (int i = 0; i < units; i++)
                for (int e = 0; e < lanes; e++)
                {
                    float z;
                    if (i < inEights)
                    {
                        z = biases[i];
                        for (int k = 0; k < inputs; k++)
                            z = MathF.FusedMultiplyAdd(weights[i * inputs + k], rows[k * lanes + e], z);
                    }
                    else
                    {
                        float even = biases[i], odd = 0f;
                        for (int k = 0; k < inputs; k++)
                            if (k % 2 == 0)
                                even = MathF.FusedMultiplyAdd(weights[i * inputs + k], rows[k * lanes + e], even);
                            else
                                odd = MathF.FusedMultiplyAdd(weights[i * inputs + k], rows[k * lanes + e], odd);
                        z = even + odd;
                    }
                    BitConverter.SingleToInt32Bits(outputs[i * lanes + e]).ShouldBe(BitConverter.SingleToInt32Bits(z), $"{units} units: unit {i}, lane {e}");
                }
        }
    }

    [Theory]
    [InlineData(16, 2, 7)]
    [InlineData(16, 10, 33)]
    [InlineData(8, 9, 5)]
    [InlineData(4, 3, 1)]
    public void Forward_with_softmax_gives_each_lane_the_softmax_over_its_units(int lanes, int units, int inputs)
    {
        var random = new Random(units * 100 + inputs);
        var weights = TestData.Uniform(random, units * inputs, 3);
        var biases = TestData.Uniform(random, units, 3);
        var rows = TestData.Uniform(random, inputs * lanes, 3);
        var outputs = new float[units * lanes];

        Forward(lanes)(Activation.Softmax, weights, biases, rows, outputs);

        for (int e = 0; e < lanes; e++)
        {
            var z = new double[units];
            for (int i = 0; i < units; i++)
            {
                z[i] = biases[i];
                for (int j = 0; j < inputs; j++)
                    z[i] += (double)weights[i * inputs + j] * rows[j * lanes + e];
            }
            double max = z.Max(), sum = z.Sum(value => Math.Exp(value - max));
            for (int i = 0; i < units; i++)
                outputs[i * lanes + e].ShouldBe((float)(Math.Exp(z[i] - max) / sum), 1e-6, $"unit {i}, lane {e}");
        }
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(2, 16)]
    [InlineData(3, 16)]
    [InlineData(8, 16)]
    [InlineData(9, 16)]
    [InlineData(12, 16)]
    [InlineData(15, 16)]
    [InlineData(24, 16)]
    [InlineData(31, 16)]
    [InlineData(2, 8)]
    [InlineData(7, 8)]
    [InlineData(8, 8)]
    [InlineData(9, 8)]
    [InlineData(2, 4)]
    [InlineData(16, 4)]
    [InlineData(16, 8)]
    [InlineData(17, 16)]
    [InlineData(17, 8)]
    [InlineData(40, 16)]
    [InlineData(43, 8)]
    [InlineData(784, 16)]
    [InlineData(785, 8)]
    public void Deinterleave_and_Interleave_turn_examples_into_rows_and_back(int count, int lanes)
    {
        var examples = Enumerable.Range(0, count * lanes).Select(k => (float)k).ToArray();
        // Rows longer than needed, the rest marked: no tile may write past the block's rows
        var rows = Enumerable.Repeat(-1f, count * lanes + 64).ToArray();
        BatchKernels.Deinterleave(examples, count, rows);
        for (int e = 0; e < lanes; e++)
            for (int j = 0; j < count; j++)
                rows[j * lanes + e].ShouldBe(examples[e * count + j]);
        rows.Skip(count * lanes).ShouldAllBe(value => value == -1f);
        rows = rows[..(count * lanes)];
        var back = new float[examples.Length];
        BatchKernels.Interleave(rows, count, back);
        back.ShouldBe(examples);
    }

    [Theory]
    [InlineData(16, Activation.Tanh)]
    [InlineData(16, Activation.Sigmoid)]
    [InlineData(16, Activation.ReLU)]
    [InlineData(16, Activation.LeakyReLU)]
    [InlineData(16, Activation.Linear)]
    [InlineData(8, Activation.Tanh)]
    [InlineData(8, Activation.Sigmoid)]
    [InlineData(4, Activation.Tanh)]
    [InlineData(4, Activation.Sigmoid)]
    public void ActivateRows_gives_every_value_the_bits_of_the_one_example_activation(int lanes, Activation activation)
    {
        // Generated blocks apply g over rows where Predict applies it four units at a time: each lane
        // must get Predict's bits, around both of tanh's forms (|z| < 1 and ≥ 1) and far out. The kernel
        // runs at the widest width the hardware has, whatever the rows' lanes: 8- and 4-lane rows here
        // are a whole number of 16-float vectors and a tail.
        var random = new Random(lanes);
        var z = TestData.Uniform(random, 3 * lanes, 3).Concat(new[] { 0f, -0f, 1f, -1f, 0.999f, 40f, -40f, 1e-30f }).ToArray();
        z = z.Concat(Enumerable.Repeat(0.5f, lanes - z.Length % lanes)).ToArray();
        var rows = z.Append(12345f).ToArray();

        ActivateRows(lanes)(activation, rows.AsSpan(0, z.Length));

        var expected = new float[z.Length];
        VectorActivations.Apply(activation, z, expected);
        for (int k = 0; k < z.Length; k++)
            BitConverter.SingleToInt32Bits(rows[k]).ShouldBe(BitConverter.SingleToInt32Bits(expected[k]), $"g({z[k]:R}) at {k}");
        rows[^1].ShouldBe(12345f, "the float past the rows");
    }

    [Theory]
    [InlineData(16, 3)]
    [InlineData(8, 10)]
    [InlineData(4, 2)]
    public void ActivateRows_with_softmax_gives_each_lane_the_softmax_over_its_units(int lanes, int units)
    {
        var random = new Random(units);
        var z = TestData.Uniform(random, units * lanes, 4);
        var rows = (float[])z.Clone();

        ActivateRows(lanes)(Activation.Softmax, rows);

        for (int lane = 0; lane < lanes; lane++)
        {
            double max = Enumerable.Range(0, units).Max(i => (double)z[i * lanes + lane]);
            double sum = Enumerable.Range(0, units).Sum(i => Math.Exp(z[i * lanes + lane] - max));
            for (int i = 0; i < units; i++)
                ((double)rows[i * lanes + lane]).ShouldBe(Math.Exp(z[i * lanes + lane] - max) / sum, 1e-6, $"unit {i}, lane {lane}");
        }
    }

    [Fact]
    public void ActivateRows_refuses_what_is_not_whole_rows()
    {
        Should.Throw<ArgumentException>(() => BatchKernels.ActivateRows<Vector512<float>, Lanes16>(Activation.Tanh, new float[24])).ParamName.ShouldBe("rows");
        Should.Throw<ArgumentException>(() => BatchKernels.ActivateRows<Vector256<float>, Lanes8>(Activation.Tanh, Span<float>.Empty)).ParamName.ShouldBe("rows");
        Should.Throw<ArgumentException>(() => BatchKernels.ActivateRows<Vector128<float>, Lanes4>(Activation.Tanh, new float[6])).ParamName.ShouldBe("rows");
        Should.Throw<ArgumentOutOfRangeException>(() => BatchKernels.ActivateRows<Vector512<float>, Lanes16>((Activation)99, new float[16])).ParamName.ShouldBe("activation");
    }

    [Fact]
    public void AlignedRows_starts_on_the_first_64_byte_boundary_whatever_the_buffer_s()
    {
        // A block's rows: a vector that straddles two cache lines made a 2-4-1 block a third slower.
        var memory = GC.AllocateArray<float>(64 + 16 + BatchKernels.RowAlignmentPadding, pinned: true);
        for (int shift = 0; shift < 16; shift++) // every float offset a buffer can start at
        {
            var buffer = memory.AsSpan(shift, 64 + BatchKernels.RowAlignmentPadding);
            var rows = BatchKernels.AlignedRows(buffer, 64);
            rows.Length.ShouldBe(64);
            (Address(ref rows[0]) % 64).ShouldBe(0, $"buffer shifted by {shift} floats");
            ((Address(ref rows[0]) - Address(ref buffer[0])) / sizeof(float)).ShouldBeInRange(0, BatchKernels.RowAlignmentPadding, "the first boundary, not a later one");
        }
        BatchKernels.AlignedRows(new float[BatchKernels.RowAlignmentPadding], 0).Length.ShouldBe(0);
        Should.Throw<ArgumentException>(() => BatchKernels.AlignedRows(new float[64 + BatchKernels.RowAlignmentPadding - 1], 64)).ParamName.ShouldBe("buffer");
        Should.Throw<ArgumentOutOfRangeException>(() => BatchKernels.AlignedRows(new float[32], -1)).ParamName.ShouldBe("length");
    }

    [Fact]
    public void The_kernels_name_the_span_that_does_not_fit()
    {
        Should.Throw<ArgumentException>(() => BatchKernels.Forward<Vector512<float>, Lanes16>(Activation.ReLU, new float[6], new float[2], new float[15], new float[32])).ParamName.ShouldBe("inputRows");
        Should.Throw<ArgumentException>(() => BatchKernels.Forward<Vector256<float>, Lanes8>(Activation.ReLU, new float[5], new float[2], new float[24], new float[16])).ParamName.ShouldBe("weights");
        Should.Throw<ArgumentException>(() => BatchKernels.Forward<Vector128<float>, Lanes4>(Activation.ReLU, new float[6], new float[2], new float[12], new float[7])).ParamName.ShouldBe("outputRows");
        Should.Throw<ArgumentException>(() => BatchKernels.Deinterleave(new float[7], 2, new float[8])).ParamName.ShouldBe("count");
        Should.Throw<ArgumentException>(() => BatchKernels.Interleave(new float[6], 2, new float[8])).ParamName.ShouldBe("rows");
    }

    public static TheoryData<int, int, int> DeinterleavingShapes()
    {
        // Units with no group of eight, fewer groups than examples, one group per example, more groups
        // than examples, and units left over after the groups; one input, few, and many. Sixteen lanes,
        // the only width generated code calls it for, copy in the groups' loops; narrower blocks after them.
        var data = new TheoryData<int, int, int>();
        foreach (int units in new[] { 7, 9, 127, 128, 137 })
            foreach (int inputs in new[] { 1, 3, 33 })
                data.Add(16, units, inputs);
        foreach (int lanes in new[] { 4, 8 })
            foreach (int units in new[] { 7, 48, 137 })
                data.Add(lanes, units, 3);
        return data;
    }

    [Theory]
    [MemberData(nameof(DeinterleavingShapes))]
    public void ForwardAndDeinterleave_gives_Forward_s_bits_and_the_next_block_s_examples_as_rows(int lanes, int units, int inputs)
    {
        var random = new Random(units * 100 + inputs);
        var weights = TestData.Uniform(random, units * inputs, 1);
        var biases = TestData.Uniform(random, units, 1);
        var rows = TestData.Uniform(random, inputs * lanes, 2);
        var nextExamples = TestData.Uniform(random, lanes * inputs, 2);
        var expected = new float[units * lanes];
        Forward(lanes)(Activation.LeakyReLU, weights, biases, rows, expected);

        var outputs = new float[units * lanes];
        var nextRows = Enumerable.Repeat(12345f, inputs * lanes + 1).ToArray();
        ForwardAndDeinterleave(lanes)(Activation.LeakyReLU, weights, biases, rows, outputs, nextExamples, nextRows.AsSpan(0, inputs * lanes));

        outputs.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits), "the layer's outputs, bit for bit");
        for (int j = 0; j < inputs; j++)
            for (int e = 0; e < lanes; e++)
                nextRows[j * lanes + e].ShouldBe(nextExamples[e * inputs + j], $"input {j} of example {e}");
        nextRows[^1].ShouldBe(12345f, "nothing past the next block's rows is written");

        // After the last block there is no next one: the rows are left as they are.
        var untouched = Enumerable.Repeat(12345f, inputs * lanes).ToArray();
        ForwardAndDeinterleave(lanes)(Activation.LeakyReLU, weights, biases, rows, outputs, default, untouched);
        outputs.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits));
        untouched.ShouldAllBe(value => value == 12345f);
    }

    [Fact]
    public void ForwardAndDeinterleave_refuses_a_next_block_that_does_not_fit_or_overlaps_before_writing_anything()
    {
        var weights = new float[16 * 3];
        var biases = new float[16];
        var rows = new float[3 * 16];
        var outputs = Enumerable.Repeat(7f, 16 * 16).ToArray();
        var buffer = new float[3 * 16 * 2];

        void Refused(string parameter, float[] nextExamples, float[] nextRows) =>
            Should.Throw<ArgumentException>(() => BatchKernels.ForwardAndDeinterleave<Vector512<float>, Lanes16>(Activation.ReLU, weights, biases, rows, outputs, nextExamples, nextRows)).ParamName.ShouldBe(parameter);

        Refused("nextExamples", new float[3 * 15], new float[3 * 16]);
        Refused("nextInputRows", new float[3 * 16], new float[3 * 16 - 1]);
        // Overlaps, with the spans as the caller passes them (not copies).
        Should.Throw<ArgumentException>(() => BatchKernels.ForwardAndDeinterleave<Vector512<float>, Lanes16>(Activation.ReLU, weights, biases, buffer.AsSpan(0, 48), outputs, new float[48], buffer.AsSpan(24, 48))).ParamName.ShouldBe("nextInputRows");
        Should.Throw<ArgumentException>(() => BatchKernels.ForwardAndDeinterleave<Vector512<float>, Lanes16>(Activation.ReLU, weights, biases, rows, outputs, new float[48], outputs.AsSpan(200, 48))).ParamName.ShouldBe("nextInputRows");
        Should.Throw<ArgumentException>(() => BatchKernels.ForwardAndDeinterleave<Vector512<float>, Lanes16>(Activation.ReLU, weights, biases, rows, outputs, outputs.AsSpan(0, 48), new float[48])).ParamName.ShouldBe("nextExamples");
        outputs.ShouldAllBe(value => value == 7f, "nothing is written before the arguments are checked");
    }

    private delegate void RowActivation(Activation activation, Span<float> rows);

    /// <summary>Where a float is in memory (of a pinned array or the stack).</summary>
    private static long Address(ref float value) => (long)System.Runtime.CompilerServices.Unsafe.ByteOffset(ref System.Runtime.CompilerServices.Unsafe.NullRef<float>(), ref value);

    private static RowActivation ActivateRows(int lanes) => lanes switch
    {
        16 => BatchKernels.ActivateRows<Vector512<float>, Lanes16>,
        8 => BatchKernels.ActivateRows<Vector256<float>, Lanes8>,
        _ => BatchKernels.ActivateRows<Vector128<float>, Lanes4>,
    };

    private delegate void ForwardKernel(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows);

    private static ForwardKernel Forward(int lanes) => lanes switch
    {
        16 => BatchKernels.Forward<Vector512<float>, Lanes16>,
        8 => BatchKernels.Forward<Vector256<float>, Lanes8>,
        _ => BatchKernels.Forward<Vector128<float>, Lanes4>,
    };

    private delegate void DeinterleavingForwardKernel(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows, ReadOnlySpan<float> nextExamples, Span<float> nextInputRows);

    private static DeinterleavingForwardKernel ForwardAndDeinterleave(int lanes) => lanes switch
    {
        16 => BatchKernels.ForwardAndDeinterleave<Vector512<float>, Lanes16>,
        8 => BatchKernels.ForwardAndDeinterleave<Vector256<float>, Lanes8>,
        _ => BatchKernels.ForwardAndDeinterleave<Vector128<float>, Lanes4>,
    };
}
