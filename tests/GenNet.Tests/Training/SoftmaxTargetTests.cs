using GenNet.Tests.Generated;

namespace GenNet.Tests.Training;

/// <summary>
/// Categorical cross-entropy compares the softmax's distribution with each example's targets, so
/// <see cref="Trainer.Fit{TNetwork}(TNetwork, ReadOnlySpan{float}, ReadOnlySpan{float}, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>
/// refuses targets that are not a distribution over the classes (two-hot, none, negative), for the
/// training and the validation set, naming the argument and the example, before any parameter changes.
/// </summary>
public class SoftmaxTargetTests
{
    // Two examples of SoftmaxNet's 4 inputs; the second example's targets are the ones under test.
    private static readonly float[] Inputs = [0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, -0.8f];

    public static TheoryData<string, float[], string> BadTargets => new()
    {
        { "two classes at once", [1, 0, 0, 0, 1, 1], "sums to 2" },
        { "no class", [1, 0, 0, 0, 0, 0], "sums to 0" },
        { "a fraction of a class", [1, 0, 0, 0.9f, 0, 0], "sums to 0.9" },
        { "a negative target summing to 1", [1, 0, 0, 1.5f, -0.5f, 0], "[4] is -0.5" },
        { "a class index instead of one-hot", [1, 0, 0, 2, 0, 0], "sums to 2" },
    };

    [Theory]
    [MemberData(nameof(BadTargets))]
    public void Training_targets_that_are_not_a_distribution_are_refused_before_any_step(string what, float[] targets, string message)
    {
        foreach (var options in new[] { new TrainingOptions { Iterations = 3 }, new TrainingOptions { Iterations = 3, BatchSize = 1, Optimizer = new Adam() } })
        {
            var network = Initialized();
            var before = network.Parameters.ToArray();
            var error = Should.Throw<ArgumentException>(() => Trainer.Fit(network, Inputs, targets, options), what);
            error.ParamName.ShouldBe("targets", what);
            error.Message.ShouldContain(message, Case.Sensitive, what);
            network.Parameters.ToArray().ShouldBe(before, what);
        }
    }

    [Theory]
    [MemberData(nameof(BadTargets))]
    public void Validation_targets_that_are_not_a_distribution_are_refused_before_any_step(string what, float[] targets, string message)
    {
        var network = Initialized();
        var before = network.Parameters.ToArray();
        float[] goodTargets = [1, 0, 0, 0, 0, 1];
        var error = Should.Throw<ArgumentException>(
            () => Trainer.Fit(network, Inputs, goodTargets, Inputs, targets, new TrainingOptions { Iterations = 3, Patience = 2, ReportEvery = 1 }), what);
        error.ParamName.ShouldBe("validationTargets", what);
        error.Message.ShouldContain(message.Replace("[", "validationTargets[", StringComparison.Ordinal), Case.Sensitive, what);
        network.Parameters.ToArray().ShouldBe(before, what);
    }

    [Fact]
    public void The_message_names_the_example_and_says_what_to_use_instead()
    {
        var error = Should.Throw<ArgumentException>(() => Trainer.Fit(Initialized(), Inputs, [1, 0, 0, 0, 1, 1], new TrainingOptions()));
        error.Message.ShouldContain("example 1 (targets[3..5]) sums to 2");
        error.Message.ShouldContain("use sigmoid outputs", Case.Sensitive, "several yes/no labels per example are a multi-label problem");
    }

    [Fact]
    public void One_hot_and_soft_distributions_are_accepted()
    {
        // One-hot is the usual case; a distribution such as label smoothing's (0.8, 0.1, 0.1) is a valid
        // target too, and thirds sum to 1 only within float rounding.
        foreach (float[] targets in new float[][] { [0, 1, 0, 0, 0, 1], [0.8f, 0.1f, 0.1f, 1 / 3f, 1 / 3f, 1 / 3f] })
        {
            var network = Initialized();
            var before = network.Parameters.ToArray();
            Trainer.Fit(network, Inputs, targets, new TrainingOptions { Iterations = 3, LearningRate = 0.1f }).Costs.Length.ShouldBe(3);
            network.Parameters.ToArray().ShouldNotBe(before);
        }
    }

    private static SoftmaxNet Initialized()
    {
        var network = new SoftmaxNet();
        network.Initialize(seed: 1);
        return network;
    }
}
