namespace GenNet.Tests.Mathematics;

public class InitializationTests
{
    private static NetworkSpec Wide(Init init) =>
        new(100, [new(200, Activation.Tanh), new(50, Activation.Sigmoid)], init: init);

    [Fact]
    public void The_uniform_source_is_splitmix64()
    {
        // The published reference outputs of SplitMix64 (Vigna) started from state 1234567:
        // the same bits on every machine, so initialisation cannot drift between platforms.
        var source = GaussianSource.FromState(1234567);
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        foreach (ulong value in expected)
            source.NextUInt64().ShouldBe(value);
    }

    [Fact]
    public void The_same_seed_gives_the_same_parameters_and_another_seed_others()
    {
        var a = new ReferenceNetwork(Wide(Init.Small));
        var b = new ReferenceNetwork(Wide(Init.Small));
        a.Initialize(42);
        b.Initialize(42);
        a.Parameters.ToArray().ShouldBe(b.Parameters.ToArray());
        b.Initialize(43);
        a.Parameters.ToArray().ShouldNotBe(b.Parameters.ToArray());
    }

    [Theory]
    [InlineData(Init.Small, 0.01, 0.01)]
    [InlineData(Init.Xavier, 0.1, 0.0707)] // √(1/100), √(1/200): layer 2 has fan-in 200
    [InlineData(Init.He, 0.1414, 0.1)]     // √(2/100), √(2/200)
    public void Weights_have_the_scheme_s_spread_and_biases_start_at_zero(Init init, double layer1Std, double layer2Std)
    {
        var spec = Wide(init);
        var network = new ReferenceNetwork(spec);
        network.Initialize(7);

        StandardDeviation(Weights(network, 1)).ShouldBe(layer1Std, layer1Std * 0.03);
        StandardDeviation(Weights(network, 2)).ShouldBe(layer2Std, layer2Std * 0.06);
        Mean(Weights(network, 1)).ShouldBe(0, layer1Std * 0.02);
        for (int l = 1; l <= 2; l++)
            network.Parameters.Slice(spec.Layout.BiasOffset(l), spec.UnitsOf(l)).ToArray().ShouldAllBe(b => b == 0);
    }

    [Fact]
    public void Zeros_sets_every_weight_to_positive_zero()
    {
        var network = new ReferenceNetwork(Wide(Init.Zeros));
        network.Parameters.Fill(1);
        network.Initialize(7);
        network.Parameters.ToArray().ShouldAllBe(w => BitConverter.SingleToInt32Bits(w) == 0);
    }

    [Fact]
    public void Gaussian_samples_have_mean_zero_and_variance_one()
    {
        var source = new GaussianSource(3);
        var samples = Enumerable.Range(0, 200_000).Select(_ => source.NextStandardNormal()).ToArray();
        Mean(samples).ShouldBe(0, 0.01);
        StandardDeviation(samples).ShouldBe(1, 0.01);
        ((double)samples.Count(s => Math.Abs(s) < 1) / samples.Length).ShouldBe(0.6827, 0.005);
    }

    private static double[] Weights(INetwork network, int l)
    {
        var spec = network.Spec;
        return network.Parameters.Slice(spec.Layout.WeightOffset(l), spec.UnitsOf(l) * spec.UnitsOf(l - 1))
            .ToArray().Select(w => (double)w).ToArray();
    }

    private static double Mean(double[] values) => values.Average();

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
