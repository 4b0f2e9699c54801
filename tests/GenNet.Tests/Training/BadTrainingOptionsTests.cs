using GenNet.Tests.Generated;

namespace GenNet.Tests.Training;

/// <summary>Options out of range and validation sets that do not fit: refused, naming the argument, before any parameter changes.</summary>
public class BadTrainingOptionsTests
{
    private static readonly float[] Inputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] Targets = [0, 1, 1, 0];

    public static TheoryData<string, TrainingOptions, string> BadOptions => new()
    {
        { "β₁ = 1", new() { Optimizer = new Adam(Beta1: 1f) }, "options.Optimizer.Beta1" },
        { "β₁ < 0", new() { Optimizer = new Adam(Beta1: -0.1f) }, "options.Optimizer.Beta1" },
        { "β₂ = 1", new() { Optimizer = new Adam(Beta2: 1f) }, "options.Optimizer.Beta2" },
        { "β₂ NaN", new() { Optimizer = new Adam(Beta2: float.NaN) }, "options.Optimizer.Beta2" },
        { "Adam ε = 0", new() { Optimizer = new Adam(Epsilon: 0f) }, "options.Optimizer.Epsilon" },
        { "Adam ε < 0", new() { Optimizer = new Adam(Epsilon: -1e-8f) }, "options.Optimizer.Epsilon" },
        { "RMSprop ρ = 1", new() { Optimizer = new RmsProp(Rho: 1f) }, "options.Optimizer.Rho" },
        { "RMSprop ε ∞", new() { Optimizer = new RmsProp(Epsilon: float.PositiveInfinity) }, "options.Optimizer.Epsilon" },
        { "momentum β = 1", new() { Optimizer = new Momentum(Beta: 1f) }, "options.Optimizer.Beta" },
        { "momentum β < 0", new() { Optimizer = new Momentum(Beta: -0.5f) }, "options.Optimizer.Beta" },
        { "weight decay < 0", new() { WeightDecay = -0.01f }, "options.WeightDecay" },
        { "weight decay NaN", new() { WeightDecay = float.NaN }, "options.WeightDecay" },
        { "step every 0", new() { Schedule = new StepDecay(Every: 0) }, "options.Schedule.Every" },
        { "step factor 0", new() { Schedule = new StepDecay(Every: 10, Factor: 0f) }, "options.Schedule.Factor" },
        { "step factor > 1", new() { Schedule = new StepDecay(Every: 10, Factor: 1.5f) }, "options.Schedule.Factor" },
        { "exponential factor > 1", new() { Schedule = new ExponentialDecay(1.01f) }, "options.Schedule.Factor" },
        { "exponential factor < 0", new() { Schedule = new ExponentialDecay(-0.5f) }, "options.Schedule.Factor" },
        { "patience 0", new() { Patience = 0 }, "options.Patience" },
        { "patience < 0", new() { Patience = -3 }, "options.Patience" },
        { "no optimiser", new() { Optimizer = null! }, "options.Optimizer" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void An_option_out_of_range_is_refused_before_any_step(string what, TrainingOptions options, string paramName)
    {
        var network = new XorNet();
        network.Initialize(seed: 1);
        var before = network.Parameters.ToArray();

        var error = Should.Throw<ArgumentException>(() => Trainer.Fit(network, Inputs, Targets, Inputs, Targets, options), what);

        error.ParamName.ShouldBe(paramName, what);
        network.Parameters.ToArray().ShouldBe(before, what);
    }

    [Fact]
    public void Patience_without_a_validation_set_is_refused()
    {
        var network = new XorNet();
        network.Initialize(seed: 1);
        var before = network.Parameters.ToArray();
        var error = Should.Throw<ArgumentException>(() => Trainer.Fit(network, Inputs, Targets, new TrainingOptions { Patience = 5 }));
        error.ParamName.ShouldBe("options.Patience");
        error.Message.ShouldContain("validation");
        network.Parameters.ToArray().ShouldBe(before);
    }

    public static TheoryData<string, float[], float[], string> BadValidationSets => new()
    {
        { "inputs of the wrong width", [0, 0, 1], [1], "validationInputs" },
        { "no examples", [], [], "validationInputs" },
        { "targets for fewer examples", [0, 0, 1, 1], [1], "validationTargets" },
        { "targets for more examples", [0, 0], [1, 0], "validationTargets" },
        { "a NaN input", [0, float.NaN], [1], "validationInputs" },
        { "an infinite target", [0, 1], [float.PositiveInfinity], "validationTargets" },
        { "a cross-entropy target above 1", [0, 1], [2], "validationTargets" },
    };

    [Theory]
    [MemberData(nameof(BadValidationSets))]
    public void A_validation_set_that_does_not_fit_is_refused_before_any_step(string what, float[] validationInputs, float[] validationTargets, string paramName)
    {
        var network = new XorNet();
        network.Initialize(seed: 1);
        var before = network.Parameters.ToArray();

        var error = Should.Throw<ArgumentException>(
            () => Trainer.Fit(network, Inputs, Targets, validationInputs, validationTargets, new TrainingOptions { Patience = 3, ReportEvery = 1 }), what);

        error.ParamName.ShouldBe(paramName, what);
        network.Parameters.ToArray().ShouldBe(before, what);
    }
}

/// <summary>The public <see cref="TrainingStep"/> checks its own arguments.</summary>
public class TrainingStepArgumentTests
{
    [Fact]
    public void The_constructor_refuses_hyperparameters_out_of_range()
    {
        Should.Throw<ArgumentException>(() => new TrainingStep(XorNet.Spec, new Adam(Beta1: 1f))).ParamName.ShouldBe("optimizer.Beta1");
        Should.Throw<ArgumentException>(() => new TrainingStep(XorNet.Spec, new Momentum(), weightDecay: -1f)).ParamName.ShouldBe("weightDecay");
    }

    [Fact]
    public void A_step_refuses_a_network_of_another_size_or_a_rate_not_above_zero_and_changes_nothing()
    {
        var step = new TrainingStep(XorNet.Spec, new Adam());
        var other = new DynamicNetwork(new NetworkSpec(2, [new(1, Activation.Sigmoid)]));
        other.Initialize(seed: 1);
        Should.Throw<ArgumentException>(() => step.Take(other, [0, 1], [1], 0.1f)).ParamName.ShouldBe("network");

        var network = new XorNet();
        network.Initialize(seed: 1);
        var before = network.Parameters.ToArray();
        Should.Throw<ArgumentException>(() => step.Take(network, [0, 1], [1], 0f)).ParamName.ShouldBe("learningRate");
        network.Parameters.ToArray().ShouldBe(before);
    }
}
