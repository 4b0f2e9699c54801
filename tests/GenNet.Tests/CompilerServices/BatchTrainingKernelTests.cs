using System.Runtime.Intrinsics;
namespace GenNet.Tests.CompilerServices;

/// <summary>
/// The kernels of batched training against plain loops in double precision, for every width and for
/// unit and input counts around their tiles (four or six units × two vectors for the gradients, eight
/// or twelve inputs for the backward pass): the values, that nothing past a destination is written,
/// that gradients add to what is there, the argument errors, and no allocation.
/// </summary>
public class BatchTrainingKernelTests
{
    private const float Sentinel = 12345f;

    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int lanes in new[] { 4, 8, 16 })
            foreach (int units in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33 })
                foreach (int inputs in new[] { 1, 2, 3, 7, 15, 16, 17, 33, 64, 65 })
                    data.Add(lanes, units, inputs);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AccumulateGradients_adds_dZ_times_the_inputs_and_the_sums_of_dZ(int lanes, int units, int inputs)
    {
        var random = new Random(units * 1000 + inputs * 10 + lanes);
        var errors = TestData.Uniform(random, units * lanes);
        var examples = TestData.Uniform(random, lanes * inputs);
        var weightGradients = TestData.Uniform(random, units * inputs).Append(Sentinel).ToArray();
        var biasGradients = TestData.Uniform(random, units).Append(Sentinel).ToArray();
        var weightsBefore = (float[])weightGradients.Clone();
        var biasesBefore = (float[])biasGradients.Clone();

        AccumulateGradients(lanes)(errors, examples, weightGradients.AsSpan(0, units * inputs), biasGradients.AsSpan(0, units));

        for (int i = 0; i < units; i++)
        {
            double db = biasesBefore[i];
            for (int e = 0; e < lanes; e++)
                db += errors[i * lanes + e];
            biasGradients[i].ShouldBe((float)db, 1e-5, $"bias of unit {i}");
            for (int j = 0; j < inputs; j++)
            {
                double dw = weightsBefore[i * inputs + j];
                for (int e = 0; e < lanes; e++)
                    dw += (double)errors[i * lanes + e] * examples[e * inputs + j];
                weightGradients[i * inputs + j].ShouldBe((float)dw, 1e-5, $"unit {i}, input {j}");
            }
        }
        weightGradients[^1].ShouldBe(Sentinel, "nothing past the weight gradients is written");
        biasGradients[^1].ShouldBe(Sentinel, "nothing past the bias gradients is written");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backpropagate_writes_W_transposed_times_the_error_rows(int lanes, int units, int inputs)
    {
        var random = new Random(units * 1000 + inputs * 10 + lanes);
        var weights = TestData.Uniform(random, units * inputs);
        var errors = TestData.Uniform(random, units * lanes);
        var outputs = Enumerable.Repeat(Sentinel, inputs * lanes + 1).ToArray();

        Backpropagate(lanes)(weights, errors, outputs.AsSpan(0, inputs * lanes));

        for (int j = 0; j < inputs; j++)
            for (int e = 0; e < lanes; e++)
            {
                double sum = 0;
                for (int i = 0; i < units; i++)
                    sum += (double)weights[i * inputs + j] * errors[i * lanes + e];
                outputs[j * lanes + e].ShouldBe((float)sum, 1e-5, $"input {j}, lane {e}");
            }
        outputs[^1].ShouldBe(Sentinel, "nothing past the output rows is written");
    }

    [Theory]
    [InlineData(16, 1)]
    [InlineData(16, 5)]
    [InlineData(8, 1)]
    [InlineData(8, 5)]
    [InlineData(4, 5)]
    public void Backpropagate_sums_each_input_in_the_order_of_the_units_to_the_bit(int lanes, int units)
    {
        // Whatever groups the kernel sums inputs in at a width, each input's sum keeps one order: the inputs
        // of the whole eights from zero, one fused multiply-add per unit in turn; the inputs past them in
        // two chains, even units and odd ones, added at the end.
        for (int inputs = 1; inputs <= 50; inputs++)
        {
            var random = new Random(inputs * 100 + units + lanes);
            var weights = TestData.Uniform(random, units * inputs);
            var errors = TestData.Uniform(random, units * lanes);
            var outputs = new float[inputs * lanes];

            Backpropagate(lanes)(weights, errors, outputs);

            int inEights = inputs - inputs % 8;
            for (int j = 0; j < inputs; j++)
                for (int e = 0; e < lanes; e++)
                {
                    float even = 0f, odd = 0f;
                    for (int i = 0; i < units; i++)
                        if (j < inEights || i % 2 == 0)
                            even = MathF.FusedMultiplyAdd(weights[i * inputs + j], errors[i * lanes + e], even);
                        else
                            odd = MathF.FusedMultiplyAdd(weights[i * inputs + j], errors[i * lanes + e], odd);
                    float sum = j < inEights ? even : even + odd;
                    BitConverter.SingleToInt32Bits(outputs[j * lanes + e]).ShouldBe(BitConverter.SingleToInt32Bits(sum), $"{inputs} inputs: input {j}, lane {e}");
                }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void AddLaneSums_adds_each_row_of_lanes_to_its_sum(int lanes)
    {
        foreach (int count in new[] { 0, 1, 2, 3, 5, 17 })
        {
            var random = new Random(count * 100 + lanes);
            var laneSums = TestData.Uniform(random, count * lanes);
            var sums = TestData.Uniform(random, count).Append(Sentinel).ToArray();
            var before = (float[])sums.Clone();

            AddLaneSums(lanes)(laneSums, sums.AsSpan(0, count));

            for (int p = 0; p < count; p++)
                sums[p].ShouldBe((float)(before[p] + laneSums.Skip(p * lanes).Take(lanes).Sum(value => (double)value)), 1e-5, $"sum {p} of {count}");
            sums[^1].ShouldBe(Sentinel, "nothing past the sums is written");
        }
    }

    public static TheoryData<int, int, int> ForwardShapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int lanes in new[] { 4, 8, 16 })
            foreach (int units in new[] { 1, 2, 7, 8, 9, 17, 24 })
                foreach (int inputs in new[] { 1, 3, 16, 33 })
                    data.Add(lanes, units, inputs);
        return data;
    }

    [Theory]
    [MemberData(nameof(ForwardShapes))]
    public void Forward_keeping_Z_gives_Z_and_g_of_Z_and_the_same_A_as_PredictBatch(int lanes, int units, int inputs)
    {
        foreach (var activation in Enum.GetValues<Activation>())
        {
            var random = new Random(units * 100 + inputs);
            var weights = TestData.Uniform(random, units * inputs, 1);
            var biases = TestData.Uniform(random, units, 1);
            var rows = TestData.Uniform(random, inputs * lanes, 2);
            var z = Enumerable.Repeat(Sentinel, units * lanes + 1).ToArray();
            var a = Enumerable.Repeat(Sentinel, units * lanes + 1).ToArray();

            ForwardKeepingZ(lanes)(activation, weights, biases, rows, z.AsSpan(0, units * lanes), a.AsSpan(0, units * lanes));

            var expectedZ = new double[units * lanes];
            for (int i = 0; i < units; i++)
                for (int e = 0; e < lanes; e++)
                {
                    double sum = biases[i];
                    for (int j = 0; j < inputs; j++)
                        sum += (double)weights[i * inputs + j] * rows[j * lanes + e];
                    expectedZ[i * lanes + e] = sum;
                    z[i * lanes + e].ShouldBe((float)sum, 2e-6, $"{activation}: Z of unit {i}, lane {e}");
                }
            for (int i = 0; i < units; i++)
                for (int e = 0; e < lanes; e++)
                    a[i * lanes + e].ShouldBe((float)Activate(activation, expectedZ, units, lanes, i, e), 2e-6, $"{activation}: A of unit {i}, lane {e}");
            z[^1].ShouldBe(Sentinel, "nothing past the pre-activation rows is written");
            a[^1].ShouldBe(Sentinel, "nothing past the output rows is written");

            var predicted = new float[units * lanes];
            Forward(lanes)(activation, weights, biases, rows, predicted);
            predicted.ShouldBe(a.AsSpan(0, units * lanes).ToArray(), $"{activation}: the five-argument Forward gives the same bits");
        }
    }

    /// <summary>g of unit <paramref name="i"/> in lane <paramref name="e"/>, written out in double precision.</summary>
    private static double Activate(Activation activation, double[] z, int units, int lanes, int i, int e)
    {
        double value = z[i * lanes + e];
        switch (activation)
        {
            case Activation.Linear: return value;
            case Activation.Sigmoid: return 1 / (1 + Math.Exp(-value));
            case Activation.Tanh: return Math.Tanh(value);
            case Activation.ReLU: return Math.Max(0, value);
            case Activation.LeakyReLU: return value > 0 ? value : ActivationFunctions.LeakySlope * value;
            case Activation.Softmax:
                double max = Enumerable.Range(0, units).Max(k => z[k * lanes + e]);
                return Math.Exp(value - max) / Enumerable.Range(0, units).Sum(k => Math.Exp(z[k * lanes + e] - max));
            default: throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    [Fact]
    public void The_training_kernels_name_the_span_that_does_not_fit()
    {
        // Forward keeping Z: one unit too few for each destination, a ragged input row.
        Should.Throw<ArgumentException>(() => BatchKernels.Forward<Vector512<float>, Lanes16>(Activation.ReLU, new float[6], new float[2], new float[48], new float[31], new float[32])).ParamName.ShouldBe("preActivationRows");
        Should.Throw<ArgumentException>(() => BatchKernels.Forward<Vector256<float>, Lanes8>(Activation.ReLU, new float[6], new float[2], new float[24], new float[16], new float[15])).ParamName.ShouldBe("outputRows");
        Should.Throw<ArgumentException>(() => BatchKernels.Forward<Vector128<float>, Lanes4>(Activation.ReLU, new float[6], new float[2], new float[13], new float[8], new float[8])).ParamName.ShouldBe("inputRows");
        Should.Throw<ArgumentException>(() => BatchKernels.Forward<Vector128<float>, Lanes4>(Activation.ReLU, new float[5], new float[2], new float[12], new float[8], new float[8])).ParamName.ShouldBe("weights");

        // AccumulateGradients: 2 units, 3 inputs.
        Should.Throw<ArgumentException>(() => BatchKernels.AccumulateGradients<Vector512<float>, Lanes16>(new float[32], new float[48], new float[6], Array.Empty<float>())).ParamName.ShouldBe("biasGradients");
        Should.Throw<ArgumentException>(() => BatchKernels.AccumulateGradients<Vector512<float>, Lanes16>(new float[31], new float[48], new float[6], new float[2])).ParamName.ShouldBe("errorRows");
        Should.Throw<ArgumentException>(() => BatchKernels.AccumulateGradients<Vector256<float>, Lanes8>(new float[16], new float[25], new float[6], new float[2])).ParamName.ShouldBe("inputExamples");
        Should.Throw<ArgumentException>(() => BatchKernels.AccumulateGradients<Vector256<float>, Lanes8>(new float[16], Array.Empty<float>(), Array.Empty<float>(), new float[2])).ParamName.ShouldBe("inputExamples");
        Should.Throw<ArgumentException>(() => BatchKernels.AccumulateGradients<Vector128<float>, Lanes4>(new float[8], new float[12], new float[7], new float[2])).ParamName.ShouldBe("weightGradients");
        Should.Throw<ArgumentException>(() => BatchKernels.AccumulateGradients<Vector128<float>, Lanes4>(new float[8], new float[12], new float[5], new float[2])).ParamName.ShouldBe("weightGradients");

        // Backpropagate: 2 units, 3 inputs.
        Should.Throw<ArgumentException>(() => BatchKernels.Backpropagate<Vector512<float>, Lanes16>(new float[6], new float[33], new float[48])).ParamName.ShouldBe("errorRows");
        Should.Throw<ArgumentException>(() => BatchKernels.Backpropagate<Vector512<float>, Lanes16>(new float[6], Array.Empty<float>(), new float[48])).ParamName.ShouldBe("errorRows");
        Should.Throw<ArgumentException>(() => BatchKernels.Backpropagate<Vector256<float>, Lanes8>(new float[7], new float[16], new float[24])).ParamName.ShouldBe("weights");
        Should.Throw<ArgumentException>(() => BatchKernels.Backpropagate<Vector256<float>, Lanes8>(Array.Empty<float>(), new float[16], new float[24])).ParamName.ShouldBe("weights");
        Should.Throw<ArgumentException>(() => BatchKernels.Backpropagate<Vector128<float>, Lanes4>(new float[6], new float[8], new float[11])).ParamName.ShouldBe("outputRows");

        Should.Throw<ArgumentException>(() => BatchKernels.AddLaneSums<Vector512<float>, Lanes16>(new float[33], new float[2])).ParamName.ShouldBe("laneSums");
        Should.Throw<ArgumentException>(() => BatchKernels.AddLaneSums<Vector256<float>, Lanes8>(new float[8], new float[2])).ParamName.ShouldBe("laneSums");
        Should.Throw<ArgumentException>(() => BatchKernels.AddLaneSums<Vector128<float>, Lanes4>(new float[12], new float[2])).ParamName.ShouldBe("laneSums");
    }

    [Fact]
    public void A_rejected_call_writes_nothing()
    {
        var weightGradients = new float[6];
        var biasGradients = new float[2];
        var ones = Enumerable.Repeat(1f, 12).ToArray();
        Should.Throw<ArgumentException>(() => BatchKernels.AccumulateGradients<Vector128<float>, Lanes4>(ones.AsSpan(0, 9), ones, weightGradients, biasGradients));
        Should.Throw<ArgumentException>(() => BatchKernels.AccumulateGradients<Vector128<float>, Lanes4>(ones.AsSpan(0, 8), ones, new float[7], biasGradients));
        var z = new float[8];
        Should.Throw<ArgumentException>(() => BatchKernels.Forward<Vector128<float>, Lanes4>(Activation.Linear, Enumerable.Repeat(1f, 6).ToArray(), new float[2], Enumerable.Repeat(1f, 12).ToArray(), z, new float[7]));
        weightGradients.ShouldAllBe(value => value == 0);
        biasGradients.ShouldAllBe(value => value == 0);
        z.ShouldAllBe(value => value == 0);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void The_training_kernels_allocate_nothing(int lanes)
    {
        const int units = 9, inputs = 19;
        var weights = new float[units * inputs];
        var biases = new float[units];
        var inputRows = new float[inputs * lanes];
        var z = new float[units * lanes];
        var a = new float[units * lanes];
        var weightGradients = new float[units * inputs];
        var biasGradients = new float[units];
        var forward = ForwardKeepingZ(lanes);
        var accumulate = AccumulateGradients(lanes);
        var backpropagate = Backpropagate(lanes);
        var addLaneSums = AddLaneSums(lanes);
        void Run(int calls)
        {
            for (int k = 0; k < calls; k++)
            {
                forward(Activation.Softmax, weights, biases, inputRows, z, a);
                forward(Activation.Tanh, weights, biases, inputRows, z, a);
                accumulate(z, inputRows, weightGradients, biasGradients);
                backpropagate(weights, z, inputRows);
                addLaneSums(z, biasGradients);
            }
        }

        SteadyAllocation.ShouldAllocateNothing(() => Run(1), "the training kernels", warmUp: 50);
    }

    private delegate void ForwardKeepingZKernel(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> preActivationRows, Span<float> outputRows);

    private delegate void ForwardKernel(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows);

    private delegate void AccumulateGradientsKernel(ReadOnlySpan<float> errorRows, ReadOnlySpan<float> inputExamples, Span<float> weightGradients, Span<float> biasGradients);

    private delegate void BackpropagateKernel(ReadOnlySpan<float> weights, ReadOnlySpan<float> errorRows, Span<float> outputRows);

    private delegate void AddLaneSumsKernel(ReadOnlySpan<float> laneSums, Span<float> sums);

    private static ForwardKeepingZKernel ForwardKeepingZ(int lanes) => lanes switch
    {
        16 => BatchKernels.Forward<Vector512<float>, Lanes16>,
        8 => BatchKernels.Forward<Vector256<float>, Lanes8>,
        _ => BatchKernels.Forward<Vector128<float>, Lanes4>,
    };

    private static ForwardKernel Forward(int lanes) => lanes switch
    {
        16 => BatchKernels.Forward<Vector512<float>, Lanes16>,
        8 => BatchKernels.Forward<Vector256<float>, Lanes8>,
        _ => BatchKernels.Forward<Vector128<float>, Lanes4>,
    };

    private static AccumulateGradientsKernel AccumulateGradients(int lanes) => lanes switch
    {
        16 => BatchKernels.AccumulateGradients<Vector512<float>, Lanes16>,
        8 => BatchKernels.AccumulateGradients<Vector256<float>, Lanes8>,
        _ => BatchKernels.AccumulateGradients<Vector128<float>, Lanes4>,
    };

    private static BackpropagateKernel Backpropagate(int lanes) => lanes switch
    {
        16 => BatchKernels.Backpropagate<Vector512<float>, Lanes16>,
        8 => BatchKernels.Backpropagate<Vector256<float>, Lanes8>,
        _ => BatchKernels.Backpropagate<Vector128<float>, Lanes4>,
    };

    private static AddLaneSumsKernel AddLaneSums(int lanes) => lanes switch
    {
        16 => BatchKernels.AddLaneSums<Vector512<float>, Lanes16>,
        8 => BatchKernels.AddLaneSums<Vector256<float>, Lanes8>,
        _ => BatchKernels.AddLaneSums<Vector128<float>, Lanes4>,
    };
}
