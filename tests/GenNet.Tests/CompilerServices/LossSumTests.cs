namespace GenNet.Tests.CompilerServices;

/// <summary>
/// <c>LossKernels.Sum</c>, the loss of a training block (eight terms at a time with the vector
/// logarithm), against the double-precision losses summed one by one: every loss, lengths around the
/// eight-lane vectors, predictions at and past the clamps, labels 0, 1 and between.
/// </summary>
public class LossSumTests
{
    public static TheoryData<Loss> Losses => [Loss.BinaryCrossEntropy, Loss.HalfSquaredError, Loss.CategoricalCrossEntropy];

    [Theory]
    [MemberData(nameof(Losses))]
    public void Sum_is_the_losses_of_every_pair_summed(Loss loss)
    {
        var random = new Random(5);
        foreach (int length in new[] { 0, 1, 7, 8, 9, 16, 17, 24, 100 })
        {
            // Probabilities across (0, 1) with the clamp's edges among them; labels mostly 0/1, some between.
            var predictions = Enumerable.Range(0, length).Select(k => k % 11 switch
            {
                0 => 0f,
                1 => 1f,
                2 => 1e-9f,
                _ => (float)random.NextDouble(),
            }).ToArray();
            var targets = Enumerable.Range(0, length).Select(k => k % 5 == 4 ? (float)random.NextDouble() : random.Next(2)).ToArray();

            double expected = 0;
            for (int k = 0; k < length; k++)
                expected += LossFunctions.Of(loss, (double)predictions[k], targets[k]);

            double sum = LossKernels.Sum(loss, predictions, targets);
            sum.ShouldBe(expected, Math.Max(1e-6, 1e-6 * Math.Abs(expected)), $"{loss}, {length} pairs");
        }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_NaN_prediction_makes_the_sum_NaN_wherever_it_is(Loss loss)
    {
        foreach (int at in new[] { 0, 5, 8, 12 })
        {
            var predictions = Enumerable.Repeat(0.25f, 13).ToArray();
            var targets = Enumerable.Repeat(1f, 13).ToArray();
            predictions[at] = float.NaN;
            float.IsNaN(LossKernels.Sum(loss, predictions, targets)).ShouldBeTrue($"{loss}, NaN at {at}");
        }
    }

    [Fact]
    public void Spans_of_different_lengths_or_an_unresolved_loss_are_refused()
    {
        Should.Throw<ArgumentException>(() => LossKernels.Sum(Loss.HalfSquaredError, new float[8], new float[9])).ParamName.ShouldBe("targets");
        Should.Throw<ArgumentOutOfRangeException>(() => LossKernels.Sum(Loss.Auto, new float[8], new float[8])).ParamName.ShouldBe("loss");
    }
}
