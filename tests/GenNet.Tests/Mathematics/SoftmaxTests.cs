using System.Runtime.Intrinsics;

namespace GenNet.Tests.Mathematics;

/// <summary>
/// The softmax over a layer, in its three forms (double and float scalar loops, vectors of four): the
/// probabilities e^z / Σ e^z computed here independently, no overflow for any finite input, a NaN that
/// reaches every output, and the lane helpers generated code uses.
/// </summary>
public class SoftmaxTests
{
    public static TheoryData<int> Lengths => [.. Enumerable.Range(1, 13)];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Every_form_computes_e_to_the_z_over_the_sum_for_every_length(int length)
    {
        var random = new Random(length);
        var z = TestData.Uniform(random, length, 5);
        double denominator = z.Sum(v => Math.Exp(v));

        var vectors = new float[length + 2];
        vectors[^2] = vectors[^1] = 42f;
        VectorActivations.Apply(Activation.Softmax, z, vectors);
        var floats = new float[length];
        ActivationFunctions.Softmax<float>(z, floats);
        var doubles = new double[length];
        ActivationFunctions.Softmax<double>(z.Select(v => (double)v).ToArray(), doubles);

        for (int k = 0; k < length; k++)
        {
            double expected = Math.Exp(z[k]) / denominator;
            doubles[k].ShouldBe(expected, 1e-14, $"double, unit {k}");
            ((double)floats[k]).ShouldBe(expected, 3e-7, $"float, unit {k}");
            ((double)vectors[k]).ShouldBe(expected, 3e-7, $"vectors, unit {k}");
        }
        vectors[^2].ShouldBe(42f, "units past the layer are left alone");
        vectors[^1].ShouldBe(42f);
    }

    [Theory]
    [InlineData(1000f, 999f, -1000f)]      // e^1000 overflows float and double: the max is subtracted first
    [InlineData(-1000f, -1001f, -1000.5f)] // e^-1000 underflows to 0: so would the sum, and 0/0 be NaN
    [InlineData(88f, 88f, 88f)]
    public void Huge_and_tiny_inputs_give_probabilities_that_sum_to_1(float z0, float z1, float z2)
    {
        float[] z = [z0, z1, z2];
        var a = new float[3];
        VectorActivations.Softmax(z, a);
        a.ShouldAllBe(p => float.IsFinite(p) && p >= 0f && p <= 1f);
        a.Sum().ShouldBe(1f, 1e-6f);
        // Only differences matter: the same inputs shifted give the same probabilities.
        double[] shifted = [.. z.Select(v => (double)v - z0)];
        double denominator = shifted.Sum(Math.Exp);
        for (int k = 0; k < 3; k++)
            ((double)a[k]).ShouldBe(Math.Exp(shifted[k]) / denominator, 1e-6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_NaN_anywhere_makes_every_output_NaN(int at)
    {
        var z = new float[6];
        z[at] = float.NaN;
        var a = new float[6];
        VectorActivations.Softmax(z, a);
        a.ShouldAllBe(p => float.IsNaN(p), "a distribution that ignored the NaN would look valid");
        var d = new double[6];
        ActivationFunctions.Softmax<double>(z.Select(v => (double)v).ToArray(), d);
        d.ShouldAllBe(p => double.IsNaN(p));
    }

    [Fact]
    public void Bad_spans_are_refused_by_name()
    {
        Should.Throw<ArgumentException>(() => VectorActivations.Softmax([], [])).ParamName.ShouldBe("z");
        Should.Throw<ArgumentException>(() => VectorActivations.Softmax(new float[3], new float[2])).ParamName.ShouldBe("a");
        Should.Throw<ArgumentException>(() => ActivationFunctions.Softmax<double>([], [])).ParamName.ShouldBe("z");
        Should.Throw<ArgumentException>(() => ActivationFunctions.Apply(Activation.Softmax, new double[3], new double[4])).ParamName.ShouldBe("a");
    }

    [Fact]
    public void The_lane_helpers_of_generated_code_reduce_and_pad_as_they_say()
    {
        var v = Vector128.Create(3f, -1f, 7f, 2f);
        VectorActivations.MaxOfLanes(v).ShouldBe(Vector128.Create(7f));
        VectorActivations.SumOfLanes(v).ShouldBe(Vector128.Create(11f));
        VectorActivations.PadLanes(v, 2, float.NegativeInfinity).ShouldBe(Vector128.Create(3f, -1f, float.NegativeInfinity, float.NegativeInfinity));
        VectorActivations.PadLanes(v, 4, 0f).ShouldBe(v);
        VectorActivations.PadLanes(v, 1, 0f).ShouldBe(Vector128.Create(3f, 0f, 0f, 0f));
        float.IsNaN(VectorActivations.MaxPropagatingNaN(Vector128.Create(float.NaN), Vector128.Create(1f)).GetElement(0)).ShouldBeTrue();
        float.IsNaN(VectorActivations.MaxPropagatingNaN(Vector128.Create(1f), Vector128.Create(float.NaN)).GetElement(0)).ShouldBeTrue();
        VectorActivations.MaxPropagatingNaN(Vector128.Create(1f, 5f, -2f, 0f), Vector128.Create(2f, 4f, -3f, -0f)).ShouldBe(Vector128.Create(2f, 5f, -2f, -0f));
    }
}
