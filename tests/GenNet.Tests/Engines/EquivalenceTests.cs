namespace GenNet.Tests.Engines;

/// <summary>
/// One suite, run against every engine on every architecture: each must compute what the
/// reference interpreter computes, from the same parameters and data. The interpreter works in
/// double, the others in float, hence the tolerances: 1e-4 relative on outputs and costs, 1e-3
/// on gradients and on parameters after 20 training steps.
/// </summary>
public class EquivalenceTests
{
    private const int BatchSize = 7;

    public static TheoryData<Engine> Engines => Engine.All();

    [Theory]
    [MemberData(nameof(Engines))]
    public void Predict_matches_the_interpreter(Engine engine)
    {
        var (network, oracle, random) = Prepare(engine, seed: 1);
        var output = new float[network.OutputCount];
        var expected = new float[network.OutputCount];
        for (int example = 0; example < 5; example++)
        {
            var input = TestData.Uniform(random, network.InputCount, 2);
            network.Predict(input, output);
            oracle.Predict(input, expected);
            ShouldBeClose(output, expected, 1e-4, $"example {example}");
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void PredictBatch_matches_the_interpreter_and_its_own_Predict(Engine engine)
    {
        var (network, oracle, random) = Prepare(engine, seed: 2);
        var inputs = TestData.Uniform(random, BatchSize * network.InputCount, 2);
        var outputs = new float[BatchSize * network.OutputCount];
        var expected = new float[outputs.Length];

        network.PredictBatch(inputs, outputs);
        oracle.PredictBatch(inputs, expected);

        ShouldBeClose(outputs, expected, 1e-4, "batch");
        // Bit for bit where every layer is unrolled; a loop layer's block kernel (four-lane blocks reach
        // this batch of 7 on hardware without AVX2) sums its dot products in another order than Predict.
        bool sameBits = !BatchSizeTests.HasLoopLayers(network);
        var single = new float[network.OutputCount];
        for (int i = 0; i < BatchSize; i++)
        {
            network.Predict(inputs.AsSpan(i * network.InputCount, network.InputCount), single);
            var batched = outputs.AsSpan(i * network.OutputCount, network.OutputCount).ToArray();
            if (sameBits)
                single.ShouldBe(batched, $"example {i} of the batch");
            else
                ShouldBeClose(batched, single, 1e-5, $"example {i} of the batch");
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ComputeGradients_matches_the_interpreter(Engine engine)
    {
        foreach (int m in new[] { 1, BatchSize })
        {
            var (network, oracle, random) = Prepare(engine, seed: 3 + m);
            var inputs = TestData.Uniform(random, m * network.InputCount, 2);
            var targets = TestData.Targets(random, network.Spec, m);
            var gradients = new float[network.ParameterCount];
            var expected = new float[network.ParameterCount];

            float cost = network.ComputeGradients(inputs, targets, gradients);
            float expectedCost = oracle.ComputeGradients(inputs, targets, expected);

            ShouldBeClose([cost], [expectedCost], 1e-4, $"cost, m = {m}");
            ShouldBeClose(gradients, expected, 1e-3, $"gradients, m = {m}");
            expected.ShouldContain(g => Math.Abs(g) > 1e-3f, "all-zero gradients would prove nothing");
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Twenty_training_steps_match_the_interpreter(Engine engine)
    {
        var (network, oracle, random) = Prepare(engine, seed: 5);
        var inputs = TestData.Uniform(random, BatchSize * network.InputCount, 2);
        var targets = TestData.Targets(random, network.Spec, BatchSize);
        var costs = new float[20];
        var expectedCosts = new float[20];

        for (int step = 0; step < 20; step++)
        {
            costs[step] = network.TrainStep(inputs, targets, learningRate: 0.05f);
            expectedCosts[step] = oracle.TrainStep(inputs, targets, learningRate: 0.05f);
        }

        ShouldBeClose(costs, expectedCosts, 1e-4, "costs before each step");
        ShouldBeClose(network.Parameters.ToArray(), oracle.Parameters.ToArray(), 1e-3, "parameters after 20 steps");
        costs[^1].ShouldBeLessThan(costs[0], "twenty steps of descent must lower the cost");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Initialize_draws_the_interpreter_s_parameters_and_spec_matches(Engine engine)
    {
        var network = engine.Create();
        var oracle = new ReferenceNetwork(network.Spec);
        network.Initialize(seed: 77);
        oracle.Initialize(seed: 77);

        network.Parameters.ToArray().ShouldBe(oracle.Parameters.ToArray());
        network.Parameters.ToArray().ShouldContain(p => p != 0);
        network.InputCount.ShouldBe(network.Spec.InputCount);
        network.OutputCount.ShouldBe(network.Spec.OutputCount);
        network.ParameterCount.ShouldBe(network.Spec.ParameterCount);
        network.Parameters.Length.ShouldBe(network.ParameterCount);
    }

    /// <summary>
    /// The engine's network and the oracle with the same random parameters, of a size that keeps
    /// activations away from saturation but well out of their linear region.
    /// </summary>
    internal static (INetwork Network, ReferenceNetwork Oracle, Random Random) Prepare(Engine engine, int seed)
    {
        var network = engine.Create();
        var oracle = new ReferenceNetwork(network.Spec);
        var random = new Random(seed);
        double scale = 1.5 / Math.Sqrt(network.Spec.Layers.Max(l => l.Units) + network.InputCount);
        TestData.Uniform(random, network.ParameterCount, Math.Max(scale, 0.3)).CopyTo(network.Parameters);
        network.Parameters.CopyTo(oracle.Parameters);
        return (network, oracle, random);
    }

    /// <summary>
    /// Element-wise relative error below <paramref name="tolerance"/>, measured against the
    /// vector's largest magnitude for elements near zero (where relative error means nothing).
    /// </summary>
    internal static void ShouldBeClose(float[] actual, float[] expected, double tolerance, string what)
    {
        actual.Length.ShouldBe(expected.Length);
        double largest = expected.Max(e => Math.Abs((double)e));
        for (int k = 0; k < actual.Length; k++)
        {
            double error = Math.Abs((double)actual[k] - expected[k]);
            double scale = Math.Max(Math.Abs((double)expected[k]), 1e-2 * largest);
            (error / Math.Max(scale, 1e-12)).ShouldBeLessThan(tolerance, $"{what}, element {k}: {actual[k]} vs {expected[k]}");
        }
    }
}
