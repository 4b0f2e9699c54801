using GenNet.Datasets;

namespace GenNet.Tests.Training;

/// <summary>
/// A cost that keeps rising stops training with <see cref="TrainingDivergedException"/>, even when the
/// cross-entropy never becomes infinite; ordinary training, noisy mini-batches included, does not.
/// Calibrated on the course's flower data and 2-4-1 network.
/// </summary>
public class DivergenceTests
{
    private static readonly Dataset Flower = PlanarFlower.Generate(count: 400, seed: 1);

    [Theory]
    [InlineData(50f, 0)]
    [InlineData(1000f, 0)]
    [InlineData(50f, 16)]
    [InlineData(1000f, 64)]
    public void A_learning_rate_far_too_large_is_reported_although_the_cost_stays_finite(float learningRate, int batchSize)
    {
        var network = FlowerNet(Init.Small);
        var error = Should.Throw<TrainingDivergedException>(() => Trainer.Fit(network, Flower.Inputs, Flower.Targets,
            new TrainingOptions { Iterations = 3000, LearningRate = learningRate, BatchSize = batchSize }));

        float.IsFinite(error.Cost).ShouldBeTrue();
        // randn·0.01 weights start near the cost of predicting 0.5 everywhere: ln 2 = 0.6931.
        error.Message.ShouldContain("the cost rose from 0.693");
        error.Message.ShouldContain("(before training) to an average of");
        error.Message.ShouldContain($"over the last {RisingCostDetectorWindow} iterations");
        error.Message.ShouldContain($"try {learningRate / 10}");
    }

    [Theory]
    [InlineData(0.1f, 0)]
    [InlineData(1.2f, 0)]
    [InlineData(5f, 0)]
    [InlineData(1.2f, 1)]
    [InlineData(2f, 16)]
    [InlineData(5f, 64)]
    public void Ordinary_and_noisy_training_is_not_reported(float learningRate, int batchSize)
    {
        foreach (var init in new[] { Init.Small, Init.Auto })
        {
            var network = FlowerNet(init);
            var costs = Trainer.Fit(network, Flower.Inputs, Flower.Targets,
                new TrainingOptions { Iterations = batchSize == 1 ? 150 : 1500, LearningRate = learningRate, BatchSize = batchSize }).Costs;
            costs[^1].ShouldBeLessThan(costs[0], $"{init}");
        }
    }

    [Fact]
    public void The_suggested_learning_rate_is_printed_rounded()
    {
        // Inputs in the thousands make α = 0.01 overflow the squared error.
        var network = new ReferenceNetwork(TestData.Spec(1, Loss.Auto, (1, Activation.Linear)));
        network.Initialize(seed: 1);
        var error = Should.Throw<TrainingDivergedException>(() =>
            Trainer.Fit(network, [1000, 2000, 3000], [1, 2, 3], new TrainingOptions { LearningRate = 0.01f }));
        error.Message.ShouldContain("The learning rate 0.01 is probably too large; try 0.001 ");
    }

    private const int RisingCostDetectorWindow = 20;

    private static DynamicNetwork FlowerNet(Init init)
    {
        var network = new DynamicNetwork(new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)], init: init));
        network.Initialize(seed: 2);
        return network;
    }
}
