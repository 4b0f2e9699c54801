namespace GenNet.Tests.CompilerServices;

/// <summary>
/// <c>LossKernels.Sum</c> and <c>SumOfRows</c>, the loss of many examples in generated training code
/// (eight terms at a time with the vector exponential and logarithm), against the double-precision loss of
/// each example summed one by one: every loss, example counts around the eight-lane vectors, logits from
/// saturated to small, labels 0, 1 and between.
/// </summary>
public class LossSumTests
{
    public static TheoryData<Loss> Losses => [Loss.BinaryCrossEntropy, Loss.HalfSquaredError, Loss.CategoricalCrossEntropy];

    private static readonly int[] ExampleCounts = [1, 7, 8, 9, 16, 17, 24, 100];

    [Theory]
    [MemberData(nameof(Losses))]
    public void Sum_is_the_losses_of_every_example_summed(Loss loss)
    {
        var random = new Random(5);
        foreach (int units in new[] { 1, 3 })
            foreach (int m in ExampleCounts)
            {
                var (outputs, targets) = Examples(random, loss, units, m);
                double expected = ExpectedSum(loss, outputs, targets, units);
                double sum = LossKernels.Sum(loss, outputs, targets, units);
                sum.ShouldBe(expected, Math.Max(1e-5, 1e-5 * Math.Abs(expected)), $"{loss}, {m} examples of {units}");
            }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void The_sum_over_a_block_s_rows_is_the_sum_over_its_examples(Loss loss)
    {
        var random = new Random(6);
        foreach (int units in new[] { 1, 3, 10 })
            foreach (int m in ExampleCounts)
            {
                var (outputs, targets) = Examples(random, loss, units, m);
                double expected = ExpectedSum(loss, outputs, targets, units);
                double sum = LossKernels.SumOfRows(loss, TestData.Rows(outputs, units), TestData.Rows(targets, units), units);
                sum.ShouldBe(expected, Math.Max(1e-5, 1e-5 * Math.Abs(expected)), $"{loss}, {m} examples of {units} as rows");
            }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_NaN_output_makes_the_sum_NaN_wherever_it_is(Loss loss)
    {
        const int units = 2, m = 13;
        foreach (int at in new[] { 0, 5, 8, 12, 17, 25 })
        {
            var outputs = Enumerable.Repeat(0.25f, units * m).ToArray();
            var targets = Enumerable.Range(0, units * m).Select(k => k % 2 == 0 ? 1f : 0f).ToArray();
            outputs[at] = float.NaN;
            float.IsNaN(LossKernels.Sum(loss, outputs, targets, units)).ShouldBeTrue($"{loss}, NaN at {at}");
            float.IsNaN(LossKernels.SumOfRows(loss, outputs, targets, units)).ShouldBeTrue($"{loss}, NaN at {at} of the rows");
        }
    }

    [Fact]
    public void Spans_of_different_lengths_partial_examples_or_an_unresolved_loss_are_refused()
    {
        Should.Throw<ArgumentException>(() => LossKernels.Sum(Loss.HalfSquaredError, new float[8], new float[9], 1)).ParamName.ShouldBe("targets");
        Should.Throw<ArgumentException>(() => LossKernels.Sum(Loss.CategoricalCrossEntropy, new float[8], new float[8], 3)).ParamName.ShouldBe("units");
        Should.Throw<ArgumentException>(() => LossKernels.Sum(Loss.CategoricalCrossEntropy, new float[8], new float[8], 0)).ParamName.ShouldBe("units");
        Should.Throw<ArgumentOutOfRangeException>(() => LossKernels.Sum(Loss.Auto, new float[8], new float[8], 1)).ParamName.ShouldBe("loss");
        Should.Throw<ArgumentException>(() => LossKernels.SumOfRows(Loss.HalfSquaredError, new float[8], new float[9], 1)).ParamName.ShouldBe("targets");
        Should.Throw<ArgumentException>(() => LossKernels.SumOfRows(Loss.CategoricalCrossEntropy, new float[16], new float[16], 3)).ParamName.ShouldBe("units");
        Should.Throw<ArgumentOutOfRangeException>(() => LossKernels.SumOfRows((Loss)99, new float[8], new float[8], 1)).ParamName.ShouldBe("loss");
    }

    /// <summary>
    /// <paramref name="m"/> examples of <paramref name="units"/> outputs, one after another: what the loss reads
    /// (logits for a cross-entropy, some of them saturating ±1000 or ±40), and targets: one-hot for categorical
    /// cross-entropy, else mostly 0 or 1 with some between.
    /// </summary>
    private static (float[] Outputs, float[] Targets) Examples(Random random, Loss loss, int units, int m)
    {
        var outputs = Enumerable.Range(0, units * m).Select(k => k % 11 switch
        {
            0 => 1000f,
            1 => -1000f,
            2 => -40f,
            3 => 40f,
            _ => (float)(random.NextDouble() * 12 - 6),
        }).ToArray();
        var targets = new float[units * m];
        for (int i = 0; i < m; i++)
            if (loss == Loss.CategoricalCrossEntropy)
                targets[i * units + random.Next(units)] = 1f;
            else
                for (int k = 0; k < units; k++)
                    targets[i * units + k] = (i + k) % 5 == 4 ? (float)random.NextDouble() : random.Next(2);
        return (outputs, targets);
    }

    /// <summary>The double-precision loss of each example, summed: the outputs stand for Z[L] and A[L] both, the loss reads the one it needs.</summary>
    private static double ExpectedSum(Loss loss, float[] outputs, float[] targets, int units)
    {
        double sum = 0;
        for (int first = 0; first < outputs.Length; first += units)
        {
            var z = outputs.AsSpan(first, units).ToArray().Select(v => (double)v).ToArray();
            var y = targets.AsSpan(first, units).ToArray().Select(v => (double)v).ToArray();
            sum += LossFunctions.Of(loss, z, z, y);
        }
        return sum;
    }
}
