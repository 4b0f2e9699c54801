using GenNet.Datasets;

namespace GenNet.Tests.Generated;

/// <summary>Generated networks learn what the course says they learn, on their own (not compared step by step).</summary>
public class GeneratedTrainingTests
{
    [Fact]
    public void The_generated_xor_net_learns_xor()
    {
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        var network = new XorNet();
        // XorNet is declared with the course's Init.Small, randn·0.01, which sits on XOR's saddle (see the
        // reference test); draw Xavier-scaled weights for it through a spec that says so.
        ParameterInitializer.Initialize(new NetworkSpec(2, XorNet.Spec.Layers, init: Init.Xavier), seed: 1, network.Parameters);

        var costs = Trainer.Fit(network, inputs, targets, new TrainingOptions { Iterations = 3000, LearningRate = 1f }).Costs;

        costs[^1].ShouldBeLessThan(0.05f);
        Evaluation.UnitAccuracy(network, inputs, targets).ShouldBe(1.0);
    }

    [Fact]
    public void The_generated_2_4_1_net_separates_the_flower_like_the_interpreter()
    {
        var flower = PlanarFlower.Generate(400, seed: 1);
        var network = new XorNet();
        network.Initialize(seed: 2);

        Trainer.Fit(network, flower.Inputs, flower.Targets, new TrainingOptions { Iterations = 10_000, LearningRate = 1.2f });

        Evaluation.UnitAccuracy(network, flower.Inputs, flower.Targets).ShouldBeGreaterThanOrEqualTo(0.85);
    }

    [Fact]
    public void Generated_parameters_copy_into_the_interpreter_unchanged()
    {
        var network = new DeepMixedNet();
        network.Initialize(seed: 4);
        var oracle = new ReferenceNetwork(DeepMixedNet.Spec);
        network.Parameters.CopyTo(oracle.Parameters);
        float[] input = [0.5f, -1, 0.25f, 2, -0.75f];
        var output = new float[DeepMixedNet.OutputCount];
        var expected = new float[DeepMixedNet.OutputCount];

        network.Predict(input, output);
        oracle.Predict(input, expected);

        output.ShouldBe(expected, tolerance: 1e-5f);
        DeepMixedNet.ParameterCount.ShouldBe(5 * 8 + 8 + 8 * 6 + 6 + 6 * 4 + 4 + 4 * 3 + 3);
    }
}
