namespace GenNet.Tests.CompilerServices;

/// <summary>
/// The output error <c>dZ[L]</c>, the one rule every engine starts backpropagation from:
/// <c>A - Y</c> for the matching pairs, <c>(A - Y) ∗ g'(Z)</c> for half squared error after a
/// non-linear output. Expected values are worked out by hand from the course's formulas.
/// </summary>
public class OutputErrorTests
{
    [Theory]
    [InlineData(Loss.BinaryCrossEntropy, Activation.Sigmoid, true)]
    [InlineData(Loss.HalfSquaredError, Activation.Linear, true)]
    [InlineData(Loss.HalfSquaredError, Activation.Sigmoid, false)]
    [InlineData(Loss.HalfSquaredError, Activation.Tanh, false)]
    [InlineData(Loss.HalfSquaredError, Activation.ReLU, false)]
    [InlineData(Loss.HalfSquaredError, Activation.LeakyReLU, false)]
    public void The_matching_pairs_cancel_the_output_derivative(Loss loss, Activation output, bool aMinusY)
    {
        LossKernels.OutputErrorIsAMinusY(loss, output).ShouldBe(aMinusY);
    }

    [Fact]
    public void Cross_entropy_after_a_sigmoid_is_A_minus_Y_without_the_sigmoid_s_derivative()
    {
        var dz = new float[2];
        // z is only read for a derivative; a(1 - a) would make these -0.04 and 0.09
        LossKernels.OutputError(Loss.BinaryCrossEntropy, Activation.Sigmoid, z: [1.3862944f, -0.8472979f], a: [0.8f, 0.3f], y: [1f, 0f], dz);
        dz[0].ShouldBe(-0.2f, 1e-7f);
        dz[1].ShouldBe(0.3f, 1e-7f);
    }

    [Fact]
    public void Half_squared_error_after_tanh_multiplies_by_one_minus_a_squared()
    {
        var dz = new float[1];
        float a = (float)Math.Tanh(0.5);
        LossKernels.OutputError(Loss.HalfSquaredError, Activation.Tanh, z: [0.5f], a: [a], y: [1f], dz);
        dz[0].ShouldBe((float)((Math.Tanh(0.5) - 1) * (1 - Math.Tanh(0.5) * Math.Tanh(0.5))), 1e-6f);
    }

    [Fact]
    public void Half_squared_error_after_ReLU_passes_no_error_through_a_unit_that_is_off()
    {
        var dz = new float[5];
        LossKernels.OutputError(Loss.HalfSquaredError, Activation.ReLU, z: [-1f, 2f, -3f, 4f, 0.5f], a: [0f, 2f, 0f, 4f, 0.5f], y: [1f, 1f, 1f, 1f, 1f], dz);
        dz.ShouldBe([0f, 1f, 0f, 3f, -0.5f]);
    }

    [Fact]
    public void Half_squared_error_after_a_linear_output_is_A_minus_Y()
    {
        var dz = new float[2];
        LossKernels.OutputError(Loss.HalfSquaredError, Activation.Linear, z: [2.5f, -1f], a: [2.5f, -1f], y: [0.5f, 1f], dz);
        dz.ShouldBe([2f, -2f]);
    }

    [Fact]
    public void The_loss_of_an_example_sums_its_output_units()
    {
        // ½ (0.5 - 1)² + ½ (3 - 1)² = 0.125 + 2, from A: Z holds other values, which squared error must not read
        LossFunctions.Of(Loss.HalfSquaredError, z: [0.55f, 100f], a: [0.5f, 3f], y: [1f, 1f]).ShouldBe(2.125f, 1e-6f);
    }

    [Fact]
    public void Spans_of_the_wrong_length_are_refused_by_name()
    {
        Should.Throw<ArgumentException>(() => LossKernels.OutputError(Loss.HalfSquaredError, Activation.Tanh, new float[2], new float[2], new float[1], new float[2])).ParamName.ShouldBe("y");
        Should.Throw<ArgumentException>(() => LossKernels.OutputError(Loss.HalfSquaredError, Activation.Tanh, new float[2], new float[2], new float[2], new float[3])).ParamName.ShouldBe("dz");
        Should.Throw<ArgumentException>(() => LossKernels.OutputError(Loss.HalfSquaredError, Activation.Tanh, new float[2], new float[1], new float[2], new float[2])).ParamName.ShouldBe("a");
        Should.Throw<ArgumentException>(() => LossFunctions.Of(Loss.HalfSquaredError, new float[2], new float[2], new float[3])).ParamName.ShouldBe("y");
        Should.Throw<ArgumentException>(() => LossFunctions.Of(Loss.HalfSquaredError, new float[2], new float[1], new float[2])).ParamName.ShouldBe("a");
        Should.Throw<ArgumentException>(() => LossFunctions.Of(Loss.CategoricalCrossEntropy, ReadOnlySpan<float>.Empty, [], [])).ParamName.ShouldBe("z");
        Should.Throw<ArgumentOutOfRangeException>(() => LossFunctions.Of(Loss.Auto, new float[1], new float[1], new float[1])).ParamName.ShouldBe("loss");
    }
}
