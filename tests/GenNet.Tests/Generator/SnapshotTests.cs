namespace GenNet.Tests.Generator;

/// <summary>
/// What the generator writes, compared with reviewed snapshots in <c>Snapshots/</c>. A change to
/// the emitted code fails here until the new text is read and approved (the failure prints the
/// command that approves it).
/// </summary>
public class SnapshotTests
{
    [Fact]
    public void Logistic_regression() => Verify("""
        using GenNet;

        namespace Samples;

        [Network(2)]
        [Layer(1, Activation.Sigmoid)]
        public partial class LogisticRegression;
        """);

    [Fact]
    public void Xor() => Verify("""
        using GenNet;

        namespace Samples;

        [Network(2)]
        [Layer(4, Activation.Tanh)]
        [Layer(1, Activation.Sigmoid)]
        public partial class XorNet;
        """);

    [Fact]
    public void Three_layers_of_mixed_activations() => Verify("""
        using GenNet;

        namespace Samples.Deep
        {
            [Network(3, Init = Init.He)]
            [Layer(3, Activation.ReLU)]
            [Layer(2, Activation.LeakyReLU)]
            [Layer(1, Activation.Sigmoid)]
            internal sealed partial class MixedNet;
        }
        """);

    [Fact]
    public void Regression_with_a_linear_output_nested_in_a_class() => Verify("""
        using GenNet;

        public static partial class Models
        {
            [Network(2)]
            [Layer(2, Activation.Tanh)]
            [Layer(1, Activation.Linear)]
            public partial class PriceModel;
        }
        """);

    [Fact]
    public void Unrolled_loop_and_unrolled_layers_in_one_network() => Verify("""
        using GenNet;

        namespace Samples;

        [Network(1, UnrollLimit = 24)]
        [Layer(5, Activation.Tanh)]
        [Layer(4, Activation.ReLU)]
        [Layer(1, Activation.Sigmoid)]
        public partial class MixedStrategyNet;
        """);

    [Fact]
    public void A_layer_of_eight_tanh_units_activated_over_rows_in_a_batch() => Verify("""
        using GenNet;

        namespace Samples;

        [Network(3)]
        [Layer(8, Activation.Tanh)]
        [Layer(2, Activation.Sigmoid)]
        public partial class EightTanhNet;
        """);

    [Fact]
    public void A_loop_layer_1_that_de_interleaves_the_next_block_in_PredictBatch() => Verify("""
        using GenNet;

        namespace Samples;

        [Network(3, UnrollLimit = 0)]
        [Layer(128, Activation.ReLU)]
        [Layer(2, Activation.Sigmoid)]
        public partial class WideFirstLoopNet;
        """);

    [Fact]
    public void Forty_inputs_summed_by_a_kernel_in_PredictBatch() => Verify("""
        using GenNet;

        namespace Samples;

        [Network(40)]
        [Layer(1, Activation.Linear)]
        public partial class FortyInputs;
        """);

    [Fact]
    public void Softmax_classifier_of_three_classes() => Verify("""
        using GenNet;

        namespace Samples;

        [Network(4)]
        [Layer(8, Activation.ReLU)]
        [Layer(3, Activation.Softmax)]
        public partial class IrisClassifier;
        """);

    [Fact]
    public void Weights_baked_into_unrolled_layers() => Verify("""
        using GenNet;

        namespace Samples;

        [Network(2, Weights = "flower.weights.json")]
        [Layer(4, Activation.Tanh)]
        [Layer(1, Activation.Sigmoid)]
        public partial class FlowerPredictor;
        """, BakedFile("flower.weights.json"));

    [Fact]
    public void Weights_baked_into_unrolled_and_loop_layers() => Verify("""
        using GenNet;

        namespace Samples;

        [Network(1, UnrollLimit = 24, Weights = "Models/mixed.weights.json")]
        [Layer(5, Activation.Tanh)]
        [Layer(4, Activation.ReLU)]
        [Layer(1, Activation.Sigmoid)]
        public partial class MixedPredictor;
        """, BakedFile("mixed.weights.json"));

    /// <summary>A weight file of the Baked tests (copied beside the test assembly), as an additional file of the project.</summary>
    private static InMemoryAdditionalText BakedFile(string name) =>
        new($"/project/Models/{name}", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Weights", "Baked", name)));

    private static void Verify(string source, params InMemoryAdditionalText[] additionalFiles)
    {
        var outcome = GeneratorHarness.Run(additionalFiles, source);
        outcome.Exception.ShouldBeNull();
        outcome.GeneratorDiagnostics.ShouldBeEmpty();
        outcome.CompilationErrors.ShouldBeEmpty();
        outcome.Sources.Count.ShouldBe(1);
        outcome.Sources.Values.Single().ShouldMatchApproved(options => options
            .SubFolder("Snapshots")
            .WithFileExtension("cs")
            .LocateTestMethodUsingAttribute<FactAttribute>()
            .NoDiff());
    }
}
