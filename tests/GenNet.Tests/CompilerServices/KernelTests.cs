using System.Runtime.Intrinsics;

namespace GenNet.Tests.CompilerServices;

/// <summary>The vector kernels agree with a plain double-precision loop at every length, so every vector width and tail is exercised.</summary>
public class KernelTests
{
    public static TheoryData<int> Lengths => [.. Enumerable.Range(0, 70), 127, 128, 129, 784, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_matches_a_plain_loop(int length)
    {
        var random = new Random(length);
        var x = TestData.Uniform(random, length);
        var y = TestData.Uniform(random, length + 3); // longer on purpose: only x's length counts
        double expected = 0;
        for (int k = 0; k < length; k++)
            expected += (double)x[k] * y[k];

        ((double)Kernels.Dot(x, y)).ShouldBe(expected, 1e-5 * Math.Max(1, Math.Sqrt(length)));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddScaled_matches_a_plain_loop_and_leaves_the_rest_alone(int length)
    {
        var random = new Random(length + 1000);
        var x = TestData.Uniform(random, length);
        var destination = TestData.Uniform(random, length + 3);
        var expected = destination.Select((d, k) => k < length ? d + 0.75f * x[k] : d).ToArray();

        Kernels.AddScaled(x, 0.75f, destination);

        destination.ShouldBe(expected, tolerance: 1e-6f);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AllFinite_finds_a_NaN_or_infinity_at_every_position_and_passes_extreme_finite_values(int length)
    {
        // The largest, smallest subnormal and negative zero are finite; x - x is +0 for each of them.
        float[] finite = [float.MaxValue, -float.MaxValue, float.Epsilon, -0f, 1f, -3.5e-20f];
        var values = Enumerable.Range(0, length).Select(k => finite[k % finite.Length]).ToArray();
        Kernels.AllFinite(values).ShouldBeTrue();

        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            for (int k = 0; k < length; k++)
            {
                var copy = (float[])values.Clone();
                copy[k] = bad;
                Kernels.AllFinite(copy).ShouldBeFalse($"{bad} at {k} of {length}");
            }
    }

    [Fact]
    public void Kernels_reject_a_second_span_shorter_than_the_first()
    {
        Should.Throw<ArgumentException>(() => Kernels.Dot(new float[8], new float[7])).ParamName.ShouldBe("y");
        Should.Throw<ArgumentException>(() => Kernels.AddScaled(new float[8], 1f, new float[7])).ParamName.ShouldBe("destination");
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(3, 12)]
    [InlineData(9, 17)]
    public void StoreInterleaved_puts_the_first_vector_in_the_even_places_and_the_second_in_the_odd_ones(int start, int length)
    {
        var destination = Enumerable.Repeat(-1f, length).ToArray();
        Kernels.StoreInterleaved(Vector128.Create(10f, 11f, 12f, 13f), Vector128.Create(20f, 21f, 22f, 23f), destination, start);

        destination.Skip(start).Take(8).ShouldBe([10f, 20f, 11f, 21f, 12f, 22f, 13f, 23f]);
        destination.Take(start).Concat(destination.Skip(start + 8)).ShouldAllBe(value => value == -1f);
    }

    [Theory]
    [InlineData(-1, 8)]
    [InlineData(1, 8)]
    [InlineData(0, 7)]
    [InlineData(int.MaxValue, 8)]
    public void StoreInterleaved_rejects_a_start_from_which_eight_values_do_not_fit(int start, int length)
    {
        var destination = new float[length];
        Should.Throw<ArgumentOutOfRangeException>(() => Kernels.StoreInterleaved(Vector128<float>.One, Vector128<float>.One, destination, start)).ParamName.ShouldBe("start");
        destination.ShouldAllBe(value => value == 0f);
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(3, 12)]
    [InlineData(9, 17)]
    public void AddScaledInterleaved_adds_the_scaled_first_vector_to_the_even_places_and_the_second_to_the_odd_ones_with_one_rounding(int start, int length)
    {
        var destination = Enumerable.Range(0, length).Select(i => 0.1f * i).ToArray();
        var before = destination.ToArray();
        var even = Vector128.Create(1.1f, -2.3f, 3.7f, 1e-8f);
        var odd = Vector128.Create(-0.7f, 5.9f, -1e7f, 0.3f);
        const float Scale = -0.013f;
        Kernels.AddScaledInterleaved(even, odd, Scale, destination, start);

        for (int k = 0; k < 4; k++)
        {
            // Fused: a · b + c rounded once, what MathF.FusedMultiplyAdd gives (and not always what a * b + c does)
            destination[start + 2 * k].ShouldBe(MathF.FusedMultiplyAdd(even.GetElement(k), Scale, before[start + 2 * k]), $"even place {k}");
            destination[start + 2 * k + 1].ShouldBe(MathF.FusedMultiplyAdd(odd.GetElement(k), Scale, before[start + 2 * k + 1]), $"odd place {k}");
        }
        destination.Take(start).Concat(destination.Skip(start + 8)).ShouldBe(before.Take(start).Concat(before.Skip(start + 8)), "nothing outside the eight places changes");
    }

    [Theory]
    [InlineData(-1, 8)]
    [InlineData(1, 8)]
    [InlineData(0, 7)]
    [InlineData(int.MaxValue, 8)]
    public void AddScaledInterleaved_rejects_a_start_from_which_eight_values_do_not_fit(int start, int length)
    {
        var destination = new float[length];
        Should.Throw<ArgumentOutOfRangeException>(() => Kernels.AddScaledInterleaved(Vector128<float>.One, Vector128<float>.One, 1f, destination, start)).ParamName.ShouldBe("start");
        destination.ShouldAllBe(value => value == 0f);
    }
}
