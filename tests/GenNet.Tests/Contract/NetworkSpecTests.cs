namespace GenNet.Tests.Contract;

public class NetworkSpecTests
{
    [Fact]
    public void Parameter_layout_puts_each_layer_s_weights_row_major_then_its_biases()
    {
        // 2-4-1: W[1] is 4×2 (8 values at 0..7), b[1] 4 at 8..11, W[2] is 1×4 at 12..15, b[2] at 16.
        var spec = new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)]);
        spec.Layout.WeightOffset(1).ShouldBe(0);
        spec.Layout.BiasOffset(1).ShouldBe(8);
        spec.Layout.WeightOffset(2).ShouldBe(12);
        spec.Layout.BiasOffset(2).ShouldBe(16);
        spec.ParameterCount.ShouldBe(17);
        spec.OutputCount.ShouldBe(1);
    }

    [Fact]
    public void Weight_i_j_of_a_layer_multiplies_input_j_into_unit_i()
    {
        // With one non-zero weight, W[1][i, j] at offset i·n[0] + j, only unit i sees only input j.
        var spec = new NetworkSpec(3, [new(2, Activation.Linear)]);
        var network = new ReferenceNetwork(spec);
        network.Parameters[1 * 3 + 2] = 5; // W[1][1, 2]
        network.Parameters[spec.Layout.BiasOffset(1) + 0] = 0.5f; // b[1][0]
        var output = new float[2];
        network.Predict([1, 10, 100], output);
        output.ShouldBe([0.5f, 500f]);
    }

    [Theory]
    [InlineData(Activation.Sigmoid, Loss.BinaryCrossEntropy)]
    [InlineData(Activation.Linear, Loss.HalfSquaredError)]
    [InlineData(Activation.Tanh, Loss.HalfSquaredError)]
    [InlineData(Activation.ReLU, Loss.HalfSquaredError)]
    public void Auto_loss_follows_the_output_activation(Activation output, Loss expected) =>
        new NetworkSpec(2, [new(1, output)]).Loss.ShouldBe(expected);

    [Fact]
    public void Specs_with_the_same_architecture_are_equal()
    {
        var a = new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)]);
        var b = new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)], Loss.BinaryCrossEntropy);
        var c = new NetworkSpec(2, [new(4, Activation.ReLU), new(1, Activation.Sigmoid)]);
        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.ShouldNotBe(c);
    }

    [Fact]
    public void The_squared_error_loss_is_named_for_the_half_it_computes()
    {
        // ½ (ŷ - y)², so one output's cost is half its mean squared error: the name says so, the value stays 2.
        ((int)Loss.HalfSquaredError).ShouldBe(2);
        Enum.GetNames<Loss>().ShouldNotContain("MeanSquaredError");
        LossFunctions.SquaredError(3f, 1f).ShouldBe(2f);
    }

    [Fact]
    public void Prints_the_architecture_as_generated_code_does()
    {
        new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)]).ToString().ShouldBe("2 inputs → 4 Tanh → 1 Sigmoid");
        new NetworkSpec(1, [new(3, Activation.LeakyReLU)]).ToString().ShouldBe("1 input → 3 LeakyReLU");
        // The header of generated code names the same architecture in the same words.
        var generated = Generator.GeneratorHarness.Run("[GenNet.Network(2)] [GenNet.Layer(4, GenNet.Activation.Tanh)] [GenNet.Layer(1, GenNet.Activation.Sigmoid)] public partial class Xor;");
        generated.Sources.Values.Single().ShouldContain("// GenNet network Xor: " + Generated.XorNet.Spec + "\n");
    }

    [Fact]
    public void Same_layers_ignore_loss_and_initialisation_but_not_inputs_units_or_activations()
    {
        var a = new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)]);

        a.HasSameLayers(new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)], Loss.HalfSquaredError, Init.Xavier)).ShouldBeTrue();
        a.HasSameLayers(new NetworkSpec(3, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)])).ShouldBeFalse();
        a.HasSameLayers(new NetworkSpec(2, [new(5, Activation.Tanh), new(1, Activation.Sigmoid)])).ShouldBeFalse();
        a.HasSameLayers(new NetworkSpec(2, [new(4, Activation.ReLU), new(1, Activation.Sigmoid)])).ShouldBeFalse();
        a.HasSameLayers(new NetworkSpec(2, [new(4, Activation.Tanh)])).ShouldBeFalse();
        Should.Throw<ArgumentNullException>(() => a.HasSameLayers(null!));
    }
}
