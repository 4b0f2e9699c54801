namespace GenNet.Tests.Contract;

/// <summary>
/// Every bad argument of the INetwork contract (docs/ARCHITECTURE.md, "The parameter layout"; the XML docs of INetwork) gets an <see cref="ArgumentException"/> that names the
/// argument and the expected length — never an IndexOutOfRangeException or a silently wrong answer.
/// Runs against every engine.
/// </summary>
public class ArgumentValidationTests
{
    public static TheoryData<Engine> Engines => Engine.ForXor();

    [Theory]
    [MemberData(nameof(Engines))]
    public void Predict_rejects_wrong_lengths(Engine engine)
    {
        var network = engine.Create();
        ShouldName(() => network.Predict(new float[1], new float[1]), "input", "length 2");
        ShouldName(() => network.Predict(new float[3], new float[1]), "input", "length 2");
        ShouldName(() => network.Predict(new float[2], new float[2]), "output", "length 1");
        ShouldName(() => network.Predict(new float[2], Span<float>.Empty), "output", "length 1");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void PredictBatch_rejects_partial_examples_and_wrong_output_lengths(Engine engine)
    {
        var network = engine.Create();
        ShouldName(() => network.PredictBatch(new float[5], new float[2]), "inputs", "not a multiple of 2");
        ShouldName(() => network.PredictBatch(new float[6], new float[2]), "outputs", "length 3");
        ShouldName(() => network.PredictBatch(new float[6], new float[4]), "outputs", "length 3");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void PredictBatch_of_no_examples_does_nothing(Engine engine)
    {
        var network = engine.Create();
        network.PredictBatch(ReadOnlySpan<float>.Empty, Span<float>.Empty);
        ShouldName(() => network.PredictBatch(ReadOnlySpan<float>.Empty, new float[1]), "outputs", "length 0");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void ComputeGradients_rejects_bad_batches_targets_and_gradient_spans(Engine engine)
    {
        var network = engine.Create();
        int p = network.ParameterCount;
        ShouldName(() => network.ComputeGradients(new float[3], new float[1], new float[p]), "inputs", "not a multiple of 2");
        ShouldName(() => network.ComputeGradients(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, new float[p]), "inputs", "at least one example");
        ShouldName(() => network.ComputeGradients(new float[4], new float[3], new float[p]), "targets", "length 2");
        ShouldName(() => network.ComputeGradients(new float[4], new float[1], new float[p]), "targets", "length 2");
        ShouldName(() => network.ComputeGradients(new float[4], new float[2], new float[p - 1]), "gradients", $"length {p}");
        ShouldName(() => network.ComputeGradients(new float[4], new float[2], new float[p + 1]), "gradients", $"length {p}");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TrainStep_rejects_bad_batches_targets_and_learning_rates_without_touching_parameters(Engine engine)
    {
        var network = engine.Create();
        network.Initialize(seed: 4);
        var before = network.Parameters.ToArray();
        ShouldName(() => network.TrainStep(new float[7], new float[4], 0.1f), "inputs", "not a multiple of 2");
        ShouldName(() => network.TrainStep(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, 0.1f), "inputs", "at least one example");
        ShouldName(() => network.TrainStep(new float[8], new float[3], 0.1f), "targets", "length 4");
        ShouldName(() => network.TrainStep(new float[8], new float[4], float.NaN), "learningRate", "finite");
        ShouldName(() => network.TrainStep(new float[8], new float[4], float.PositiveInfinity), "learningRate", "finite");
        network.Parameters.ToArray().ShouldBe(before);
    }

    [Fact]
    public void Every_engine_throws_the_same_message_for_the_same_mistake()
    {
        var calls = new (string Name, Action<INetwork> Call)[]
        {
            ("Predict input", n => n.Predict(new float[3], new float[1])),
            ("Predict output", n => n.Predict(new float[2], new float[2])),
            ("PredictBatch inputs", n => n.PredictBatch(new float[5], new float[2])),
            ("PredictBatch outputs", n => n.PredictBatch(new float[6], new float[2])),
            ("ComputeGradients empty", n => n.ComputeGradients(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, new float[17])),
            ("ComputeGradients targets", n => n.ComputeGradients(new float[4], new float[3], new float[17])),
            ("ComputeGradients gradients", n => n.ComputeGradients(new float[4], new float[2], new float[16])),
            ("TrainStep learning rate", n => n.TrainStep(new float[4], new float[2], float.NaN)),
        };
        var engines = Engine.For(nameof(Generated.XorNet)).ToArray();
        engines.Length.ShouldBeGreaterThan(1);
        foreach (var (name, call) in calls)
        {
            var messages = engines.Select(engine => Should.Throw<ArgumentException>(() => call(engine.Create())))
                .Select(error => $"{error.GetType().Name}: {error.Message}").Distinct().ToArray();
            messages.Length.ShouldBe(1, $"{name}: {string.Join(" | ", messages)}");
        }
    }

    [Fact]
    public void Spec_rejects_sizes_below_one_and_missing_layers()
    {
        ShouldName(() => new NetworkSpec(0, [new(1, Activation.Sigmoid)]), "inputCount", "at least 1 input");
        ShouldName(() => new NetworkSpec(2, []), "layers", "at least one layer");
        ShouldName(() => new NetworkSpec(2, [new(4, Activation.Tanh), new(0, Activation.Sigmoid)]), "layers", "Layer 2 has 0 units");
        Should.Throw<ArgumentNullException>(() => new NetworkSpec(2, null!)).ParamName.ShouldBe("layers");
    }

    [Fact]
    public void Spec_rejects_undefined_enum_values()
    {
        ShouldName(() => new NetworkSpec(2, [new(1, (Activation)99)]), "layers", "undefined activation value 99");
        ShouldName(() => new NetworkSpec(2, [new(1, Activation.Sigmoid)], loss: (Loss)7), "loss", "7 is not a defined Loss");
        ShouldName(() => new NetworkSpec(2, [new(1, Activation.Sigmoid)], init: (Init)7), "init", "7 is not a defined Init");
    }

    [Theory]
    [InlineData(Activation.Linear)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.LeakyReLU)]
    [InlineData(Activation.Softmax)]
    public void Spec_rejects_cross_entropy_without_a_sigmoid_output(Activation output) =>
        ShouldName(() => new NetworkSpec(2, [new(2, output)], Loss.BinaryCrossEntropy), "loss", "Binary cross-entropy needs an Activation.Sigmoid output layer");

    [Theory]
    [InlineData(Activation.Linear)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.ReLU)]
    public void Spec_rejects_categorical_cross_entropy_without_a_softmax_output(Activation output) =>
        ShouldName(() => new NetworkSpec(2, [new(3, output)], Loss.CategoricalCrossEntropy), "loss", "Categorical cross-entropy needs an Activation.Softmax output layer");

    [Fact]
    public void Spec_puts_softmax_on_an_output_of_two_or_more_units_trained_with_categorical_cross_entropy()
    {
        ShouldName(() => new NetworkSpec(2, [new(4, Activation.Softmax), new(3, Activation.Softmax)]), "layers", "Layer 1 is Softmax, which is only for the output layer");
        ShouldName(() => new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Softmax)]), "layers", "needs at least 2 units");
        ShouldName(() => new NetworkSpec(2, [new(3, Activation.Softmax)], Loss.HalfSquaredError), "loss", "no elementwise derivative");
        new NetworkSpec(2, [new(4, Activation.Tanh), new(3, Activation.Softmax)]).Loss.ShouldBe(Loss.CategoricalCrossEntropy, "Auto picks it");
        new NetworkSpec(2, [new(2, Activation.Softmax)], Loss.CategoricalCrossEntropy).OutputCount.ShouldBe(2);
    }

    [Fact]
    public void Initializer_rejects_a_parameter_span_of_the_wrong_length()
    {
        var spec = new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)]);
        ShouldName(() => ParameterInitializer.Initialize(spec, 1, new float[16]), "parameters", "length 17");
    }

    private delegate void SpanAction();

    private static void ShouldName(SpanAction action, string parameter, string messagePart)
    {
        var error = Should.Throw<ArgumentException>(() => action());
        error.GetType().ShouldBe(typeof(ArgumentException), "a plain ArgumentException, as the contract says");
        error.ParamName.ShouldBe(parameter);
        error.Message.ShouldContain(messagePart);
    }

    private static void ShouldName(Func<object> create, string parameter, string messagePart) =>
        ShouldName(() => { create(); }, parameter, messagePart);
}
