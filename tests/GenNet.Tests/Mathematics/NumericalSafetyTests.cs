namespace GenNet.Tests.Mathematics;

public class NumericalSafetyTests
{
    [Theory]
    [InlineData(1000, 1)]
    [InlineData(-1000, 0)]
    [InlineData(40, 1)]
    [InlineData(0, 0.5)]
    public void Sigmoid_does_not_overflow(double z, double expected) =>
        ActivationFunctions.Sigmoid(z).ShouldBe(expected, 1e-15);

    [Fact]
    public void Sigmoid_keeps_relative_precision_far_below_zero() =>
        // e^-50 / (1 + e^-50): the naive 1/(1+e^50) form is also fine here, but it is the e^z branch that must not return 0.
        ActivationFunctions.Sigmoid(-50).ShouldBe(Math.Exp(-50), Math.Exp(-50) * 1e-12);

    [Theory]
    [InlineData(-1000f, 1f)]
    [InlineData(1000f, 0f)]
    [InlineData(-1000f, 0f)]
    [InlineData(1000f, 1f)]
    [InlineData(1000f, 0.5f)]
    public void Cross_entropy_stays_finite_where_the_sigmoid_saturates(float logit, float target)
    {
        // σ(±1000) is exactly 0 or 1 in float and in double: log ŷ would be infinite, softplus is not.
        float.IsFinite(LossFunctions.BinaryCrossEntropyWithLogits(logit, target)).ShouldBeTrue();
        double.IsFinite(LossFunctions.BinaryCrossEntropyWithLogits((double)logit, target)).ShouldBeTrue();
    }

    [Fact]
    public void A_saturated_network_reports_a_finite_cost_and_the_exact_gradient()
    {
        // z = 100 saturates the sigmoid at exactly 1 in float and nearly 1 in double. The cost comes
        // from z, softplus(100) = 100 (not the 16.1 a clamped ŷ gave), and dZ = A - Y = 1 - 0 still
        // drives the weights down.
        var network = new ReferenceNetwork(new NetworkSpec(1, [new(1, Activation.Sigmoid)]));
        network.Parameters[0] = 100;
        var gradients = new float[2];

        float cost = network.ComputeGradients([1f], [0f], gradients);

        float.IsFinite(cost).ShouldBeTrue();
        cost.ShouldBe(100f, 1e-4f);
        gradients.ShouldBe([1f, 1f]);
    }
}
