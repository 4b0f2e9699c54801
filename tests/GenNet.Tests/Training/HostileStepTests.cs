namespace GenNet.Tests.Training;

/// <summary>
/// Every engine refuses data that would destroy its state: a training step whose gradient is not
/// finite changes no parameter, and a prediction batch may not write over its own inputs.
/// </summary>
public class HostileStepTests
{
    public static TheoryData<Engine> Engines => [.. Engine.For(nameof(Generated.XorNet)), .. Engine.For(nameof(Generated.AllLoopsNet))];

    public static TheoryData<Engine> LinearEngines => [.. Engine.For(nameof(Generated.LinearRegressionNet))];

    [Theory]
    [MemberData(nameof(Engines))]
    public void TrainStep_with_a_non_finite_input_names_it_and_changes_nothing(Engine engine)
    {
        foreach (int m in BatchSizes)
        {
            var (network, inputs, targets) = Batch(engine, m);
            var before = network.Parameters.ToArray();
            inputs[1] = float.NaN;
            inputs[^1] = float.PositiveInfinity;

            var error = Should.Throw<ArgumentException>(() => network.TrainStep(inputs, targets, 0.1f));

            error.ParamName.ShouldBe("inputs");
            error.Message.ShouldContain("inputs[1] is NaN");
            network.Parameters.ToArray().ShouldBe(before, $"m = {m}");
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TrainStep_with_a_non_finite_target_names_it_and_changes_nothing(Engine engine)
    {
        foreach (int m in BatchSizes)
        {
            var (network, inputs, targets) = Batch(engine, m);
            var before = network.Parameters.ToArray();
            targets[2] = float.NegativeInfinity;

            var error = Should.Throw<ArgumentException>(() => network.TrainStep(inputs, targets, 0.1f));

            error.ParamName.ShouldBe("targets");
            error.Message.ShouldContain($"targets[2] is {float.NegativeInfinity}");
            network.Parameters.ToArray().ShouldBe(before, $"m = {m}");
        }
    }

    [Theory]
    [MemberData(nameof(LinearEngines))]
    public void TrainStep_whose_gradient_overflows_on_finite_data_returns_a_non_finite_cost_and_changes_nothing(Engine engine)
    {
        var network = engine.Create();
        network.Parameters.Fill(1e10f);
        var before = network.Parameters.ToArray();
        float[] inputs = [1e30f, 1e30f, 1e30f]; // Z = 3e40: beyond float, so the gradient is ∞ or NaN
        float[] targets = [0, 0];

        float cost = network.TrainStep(inputs, targets, 0.1f);

        float.IsFinite(cost).ShouldBeFalse();
        network.Parameters.ToArray().ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TrainStep_refuses_a_learning_rate_not_above_zero(Engine engine)
    {
        var (network, inputs, targets) = Batch(engine);
        var before = network.Parameters.ToArray();
        foreach (float learningRate in new[] { 0f, -0.01f, float.NegativeInfinity })
            Should.Throw<ArgumentException>(() => network.TrainStep(inputs, targets, learningRate)).ParamName.ShouldBe("learningRate");
        network.Parameters.ToArray().ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void PredictBatch_refuses_outputs_that_overlap_the_inputs(Engine engine)
    {
        var network = engine.Create();
        network.Initialize(seed: 1);
        int n = network.InputCount, k = network.OutputCount;
        var buffer = new float[3 * n + 3 * k];

        Should.Throw<ArgumentException>(() => network.PredictBatch(buffer.AsSpan(0, 3 * n), buffer.AsSpan(3 * n - 1, 3 * k)))
            .ParamName.ShouldBe("outputs");
        Should.Throw<ArgumentException>(() => network.PredictBatch(buffer.AsSpan(k, 3 * n), buffer.AsSpan(0, 3 * k)))
            .ParamName.ShouldBe("outputs");
        network.PredictBatch(buffer.AsSpan(0, 3 * n), buffer.AsSpan(3 * n, 3 * k)); // adjacent is fine
    }

    /// <summary>Four examples (one at a time in generated code), and 20: two training blocks of 8 and four after them.</summary>
    private static readonly int[] BatchSizes = [4, 20];

    private static (INetwork Network, float[] Inputs, float[] Targets) Batch(Engine engine, int m = 4)
    {
        var network = engine.Create();
        network.Initialize(seed: 1);
        var random = new Random(1);
        return (network, TestData.Uniform(random, m * network.InputCount), TestData.Targets(random, network.Spec, m));
    }
}
