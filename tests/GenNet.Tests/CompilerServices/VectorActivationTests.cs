using System.Runtime.Intrinsics;

namespace GenNet.Tests.CompilerServices;

/// <summary>
/// The lane-wise activations that generated code calls, measured against double precision over
/// the whole float range (every 257th bit pattern: about 16.7 million inputs, every binade of both
/// signs), so the equivalence suite's tolerances keep their meaning.
/// </summary>
public class VectorActivationTests
{
    private const float SmallestNormal = 1.17549435e-38f;

    [Fact]
    public void Tanh_is_within_2_ulp_of_the_exact_value_and_2e_7_absolute_everywhere()
    {
        var error = Measure(VectorActivations.Tanh, Math.Tanh);

        // Measured here: 2.00 ulp (MathF.Tanh: 2.12), 1.2e-7 absolute; over every float below 10, where
        // tanh is not yet 1, at most 2.0000 ulp (benchmarks/README.md, "Accuracy"). The bound is that
        // maximum with room for the last digit, so a change that makes tanh less accurate fails here.
        error.Ulps.ShouldBeLessThan(2.0001, $"worst at z = {error.WorstUlpInput}");
        error.Absolute.ShouldBeLessThan(2e-7, $"worst at z = {error.WorstAbsoluteInput}");
    }

    [Fact]
    public void Sigmoid_is_within_2_5_ulp_of_the_exact_value_and_flushes_only_below_the_normal_range()
    {
        var error = Measure(VectorActivations.Sigmoid, ActivationFunctions.Sigmoid);

        // Measured: 2.33 ulp (1/(1 + MathF.Exp(-z)): 2.27). Where σ(z) is subnormal (z < -87.3)
        // the result is 0, an absolute error below the smallest normal float.
        error.Ulps.ShouldBeLessThan(2.5, $"worst at z = {error.WorstUlpInput}");
        error.Absolute.ShouldBeLessThan(1e-7, $"worst at z = {error.WorstAbsoluteInput}");
        error.AbsoluteWhereSubnormal.ShouldBeLessThan(SmallestNormal);
    }

    [Fact]
    public void The_exponential_is_within_1_5_ulp_for_every_non_positive_argument()
    {
        var error = Measure(x => VectorActivations.ExpOfNonPositive(-Vector128.Abs(x)), x => Math.Exp(-Math.Abs(x)));

        error.Ulps.ShouldBeLessThan(1.5, $"worst at x = -|{error.WorstUlpInput}|");
        error.AbsoluteWhereSubnormal.ShouldBeLessThan(SmallestNormal);
    }

    [Theory]
    [InlineData(float.PositiveInfinity, 1f, 1f)]
    [InlineData(float.NegativeInfinity, -1f, 0f)]
    [InlineData(float.MaxValue, 1f, 1f)]
    [InlineData(-float.MaxValue, -1f, 0f)]
    [InlineData(1e30f, 1f, 1f)]
    [InlineData(-1e30f, -1f, 0f)]
    [InlineData(100f, 1f, 1f)]
    [InlineData(-100f, -1f, 0f)]
    [InlineData(0f, 0f, 0.5f)]
    public void Large_inputs_saturate_and_never_become_NaN(float z, float tanh, float sigmoid)
    {
        VectorActivations.Tanh(Vector128.Create(z)).ShouldBe(Vector128.Create(tanh));
        VectorActivations.Sigmoid(Vector128.Create(z)).ShouldBe(Vector128.Create(sigmoid));
    }

    [Fact]
    public void NaN_stays_NaN_as_it_does_in_MathF_and_relu_maps_it_to_0_as_its_scalar_form_does()
    {
        var nan = Vector128.Create(float.NaN);
        float.IsNaN(VectorActivations.Tanh(nan).GetElement(0)).ShouldBeTrue();
        float.IsNaN(VectorActivations.Sigmoid(nan).GetElement(0)).ShouldBeTrue();
        VectorActivations.ReLU(nan).GetElement(0).ShouldBe(ActivationFunctions.Value(Activation.ReLU, float.NaN));
    }

    [Fact]
    public void Lanes_are_independent()
    {
        var z = Vector128.Create(-3f, -0.25f, 0.5f, 40f);
        var tanh = VectorActivations.Tanh(z);
        for (int lane = 0; lane < 4; lane++)
            tanh.GetElement(lane).ShouldBe(VectorActivations.Tanh(Vector128.Create(z.GetElement(lane))).GetElement(0));
    }

    /// <summary>The elementwise activations: softmax (whole-layer) has its own tests, <c>SoftmaxTests</c>.</summary>
    public static TheoryData<Activation> Activations => [.. Enum.GetValues<Activation>().Where(a => !ActivationTable.IsWholeLayer(a))];

    [Theory]
    [MemberData(nameof(Activations))]
    public void Piecewise_linear_activations_and_every_derivative_match_the_scalar_float_forms_bit_for_bit(Activation activation)
    {
        var random = new Random(7);
        for (int sample = 0; sample < 1000; sample++)
        {
            var zs = TestData.Uniform(random, 4, 6);
            zs[sample % 4] = sample % 3 == 0 ? 0f : zs[sample % 4]; // the kink of relu at exactly 0
            var z = Vector128.Create(zs);
            var a = VectorActivations.Value(activation, z);
            var derivative = VectorActivations.Derivative(activation, z, a);
            for (int lane = 0; lane < 4; lane++)
            {
                float zk = zs[lane], ak = a.GetElement(lane);
                derivative.GetElement(lane).ShouldBe(ActivationFunctions.Derivative(activation, zk, ak), $"g'({zk})");
                if (activation is Activation.Linear or Activation.ReLU or Activation.LeakyReLU)
                    ak.ShouldBe(ActivationFunctions.Value(activation, zk), $"g({zk})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Value_and_Derivative_dispatch_to_the_named_functions(Activation activation)
    {
        var z = Vector128.Create(-2f, -0.1f, 0.3f, 5f);
        var a = VectorActivations.Value(activation, z);
        var (value, derivative) = activation switch
        {
            Activation.Linear => (z, Vector128<float>.One),
            Activation.Sigmoid => (VectorActivations.Sigmoid(z), VectorActivations.SigmoidDerivative(a)),
            Activation.Tanh => (VectorActivations.Tanh(z), VectorActivations.TanhDerivative(a)),
            Activation.ReLU => (VectorActivations.ReLU(z), VectorActivations.ReLUDerivative(z)),
            _ => (VectorActivations.LeakyReLU(z), VectorActivations.LeakyReLUDerivative(z)),
        };
        a.ShouldBe(value);
        VectorActivations.Derivative(activation, z, a).ShouldBe(derivative);
    }

    public static TheoryData<Activation, int> ActivationsAndLengths()
    {
        var data = new TheoryData<Activation, int>();
        foreach (var activation in Enum.GetValues<Activation>().Where(a => !ActivationTable.IsWholeLayer(a)))
            foreach (int length in Enumerable.Range(0, 14))
                data.Add(activation, length);
        return data;
    }

    [Theory]
    [MemberData(nameof(ActivationsAndLengths))]
    public void Apply_and_MultiplyByDerivative_treat_every_unit_of_a_span_as_the_lanes_do(Activation activation, int length)
    {
        var random = new Random(length);
        var z = TestData.Uniform(random, length, 4);
        var a = new float[length + 2];
        a[^2] = a[^1] = 42f;
        var dz = TestData.Uniform(random, length, 1);
        var expectedDz = dz.ToArray();

        VectorActivations.Apply(activation, z, a);
        VectorActivations.MultiplyByDerivative(activation, z, a.AsSpan(0, length), dz);

        for (int k = 0; k < length; k++)
        {
            var lane = Vector128.Create(z[k]);
            var value = VectorActivations.Value(activation, lane);
            a[k].ShouldBe(value.GetElement(0), $"a[{k}]");
            dz[k].ShouldBe(expectedDz[k] * VectorActivations.Derivative(activation, lane, value).GetElement(0), $"dz[{k}]");
        }
        a[^2].ShouldBe(42f, "units past the layer are left alone");
        a[^1].ShouldBe(42f);
    }

    [Fact]
    public void Span_forms_name_the_span_of_the_wrong_length()
    {
        Should.Throw<ArgumentException>(() => VectorActivations.Apply(Activation.Tanh, new float[5], new float[4])).ParamName.ShouldBe("a");
        Should.Throw<ArgumentException>(() => VectorActivations.MultiplyByDerivative(Activation.Tanh, new float[5], new float[4], new float[5])).ParamName.ShouldBe("a");
        Should.Throw<ArgumentException>(() => VectorActivations.MultiplyByDerivative(Activation.Tanh, new float[5], new float[5], new float[6])).ParamName.ShouldBe("dz");
    }

    private sealed record Error(double Ulps, float WorstUlpInput, double Absolute, float WorstAbsoluteInput, double AbsoluteWhereSubnormal);

    /// <summary>
    /// The largest error of <paramref name="vectorised"/> against <paramref name="exact"/>: in units in
    /// the last place of the exact value rounded to float where that is a normal float, and absolute.
    /// </summary>
    private static Error Measure(Func<Vector128<float>, Vector128<float>> vectorised, Func<double, double> exact)
    {
        double ulps = 0, absolute = 0, subnormal = 0;
        float worstUlp = 0, worstAbsolute = 0;
        var inputs = new float[4];
        int filled = 0;
        for (long bits = 0; bits <= uint.MaxValue; bits += 257)
        {
            float z = BitConverter.Int32BitsToSingle((int)(uint)bits);
            if (!float.IsFinite(z))
                continue;
            inputs[filled++] = z;
            if (filled < 4)
                continue;
            filled = 0;
            var results = vectorised(Vector128.Create(inputs));
            for (int lane = 0; lane < 4; lane++)
            {
                float input = inputs[lane], actual = results.GetElement(lane);
                double expected = exact(input);
                float.IsNaN(actual).ShouldBeFalse($"NaN at {input}");
                double error = Math.Abs(actual - expected);
                if (error > absolute)
                    (absolute, worstAbsolute) = (error, input);
                if (Math.Abs(expected) < SmallestNormal)
                {
                    subnormal = Math.Max(subnormal, error);
                    continue;
                }
                float rounded = (float)Math.Abs(expected);
                double ulp = MathF.BitIncrement(rounded) - rounded;
                if (error / ulp > ulps)
                    (ulps, worstUlp) = (error / ulp, input);
            }
        }
        return new Error(ulps, worstUlp, absolute, worstAbsolute, subnormal);
    }
}
