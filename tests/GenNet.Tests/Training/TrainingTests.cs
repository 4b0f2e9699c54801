using GenNet.Datasets;

namespace GenNet.Tests.Training;

/// <summary>What the course shows a network learns, and cannot learn, with gradient descent.</summary>
public class TrainingTests
{
    private static readonly float[] XorInputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] XorTargets = [0, 1, 1, 0];

    // The symmetry tests use OR: XOR's balanced targets make every gradient of a zero network cancel exactly.
    private static readonly float[] OrTargets = [0, 1, 1, 1];

    [Fact]
    public void A_2_4_1_tanh_sigmoid_net_learns_xor()
    {
        // Xavier, not randn·0.01: XOR has no linear component on {0,1}², and with weights of 0.01
        // the net is nearly linear, so gradient descent sits on the saddle at cost ln 2 for a long time.
        var spec = new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)], init: Init.Xavier);
        var network = new ReferenceNetwork(spec);
        network.Initialize(seed: 1);

        var costs = Trainer.Fit(network, XorInputs, XorTargets, new TrainingOptions { Iterations = 3000, LearningRate = 1f }).Costs;

        costs[^1].ShouldBeLessThan(0.05f);
        Evaluation.UnitAccuracy(network, XorInputs, XorTargets).ShouldBe(1.0);
    }

    [Fact]
    public void With_zero_weights_every_hidden_unit_stays_identical()
    {
        // Sigmoid hidden units, so the zero start still produces non-zero (but identical) gradients:
        // tanh(0) = 0 would leave every weight at exactly zero, which proves less.
        var spec = new NetworkSpec(2, [new(3, Activation.Sigmoid), new(3, Activation.Sigmoid), new(1, Activation.Sigmoid)], init: Init.Zeros);
        var network = new ReferenceNetwork(spec);
        network.Initialize(seed: 5);

        for (int step = 0; step < 200; step++)
            network.TrainStep(XorInputs, OrTargets, learningRate: 0.5f);

        for (int l = 1; l <= 2; l++)
        {
            var rows = IncomingWeights(network, l);
            rows[0].ShouldContain(w => w != 0, $"layer {l} must have moved away from zero");
            foreach (var row in rows)
                row.ShouldBe(rows[0], $"every unit of layer {l} keeps the same incoming weights");
        }
    }

    [Fact]
    public void With_small_random_weights_hidden_units_differ()
    {
        var spec = new NetworkSpec(2, [new(3, Activation.Sigmoid), new(3, Activation.Sigmoid), new(1, Activation.Sigmoid)], init: Init.Small);
        var network = new ReferenceNetwork(spec);
        network.Initialize(seed: 5);

        for (int step = 0; step < 200; step++)
            network.TrainStep(XorInputs, OrTargets, learningRate: 0.5f);

        for (int l = 1; l <= 2; l++)
        {
            var rows = IncomingWeights(network, l);
            rows.Select(row => string.Join(",", row)).Distinct().Count().ShouldBe(rows.Length, $"units of layer {l} must differ");
        }
    }

    [Fact]
    public void One_hidden_layer_of_four_tanh_units_separates_the_flower()
    {
        var flower = PlanarFlower.Generate(400, seed: 1);
        var network = new ReferenceNetwork(TestData.Spec(2, Loss.Auto, (4, Activation.Tanh), (1, Activation.Sigmoid)));
        network.Initialize(seed: 2);

        Trainer.Fit(network, flower.Inputs, flower.Targets, new TrainingOptions { Iterations = 10_000, LearningRate = 1.2f });

        Evaluation.UnitAccuracy(network, flower.Inputs, flower.Targets).ShouldBeGreaterThanOrEqualTo(0.85);
    }

    [Fact]
    public void Logistic_regression_cannot_separate_the_flower()
    {
        var flower = PlanarFlower.Generate(400, seed: 1);
        var network = new ReferenceNetwork(TestData.Spec(2, Loss.Auto, (1, Activation.Sigmoid)));
        network.Initialize(seed: 2);

        Trainer.Fit(network, flower.Inputs, flower.Targets, new TrainingOptions { Iterations = 2000, LearningRate = 1.2f });

        Evaluation.UnitAccuracy(network, flower.Inputs, flower.Targets).ShouldBeLessThan(0.65);
    }

    private static float[][] IncomingWeights(INetwork network, int l)
    {
        var spec = network.Spec;
        int fanIn = spec.UnitsOf(l - 1);
        return Enumerable.Range(0, spec.UnitsOf(l))
            .Select(i => network.Parameters.Slice(spec.Layout.WeightOffset(l) + i * fanIn, fanIn).ToArray())
            .ToArray();
    }
}
