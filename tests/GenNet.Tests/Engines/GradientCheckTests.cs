namespace GenNet.Tests.Engines;

/// <summary>
/// Backpropagation in <see cref="ReferenceNetwork"/> agrees with central finite differences of the
/// cost, computed in double precision, for every hidden activation, every loss (softmax with categorical
/// cross-entropy among them), 1–3 hidden layers and
/// several batch sizes.
/// </summary>
public class GradientCheckTests
{
    public static TheoryData<Activation, Loss, int, int> Cases()
    {
        var data = new TheoryData<Activation, Loss, int, int>();
        foreach (var hidden in Enum.GetValues<Activation>().Where(a => !ActivationTable.IsWholeLayer(a)))
            foreach (int hiddenLayers in new[] { 1, 2, 3 })
                foreach (int m in new[] { 1, 3, 8 })
                {
                    data.Add(hidden, Loss.BinaryCrossEntropy, hiddenLayers, m);
                    data.Add(hidden, Loss.HalfSquaredError, hiddenLayers, m);
                    data.Add(hidden, Loss.CategoricalCrossEntropy, hiddenLayers, m);
                }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backpropagation_matches_central_differences(Activation hidden, Loss loss, int hiddenLayers, int m)
    {
        // Squared error is checked after a non-linear output too, where dZ[L] carries g'(Z[L]); softmax
        // after every hidden activation, with four classes so that its sum couples several units.
        var (outputUnits, output) = loss switch
        {
            Loss.BinaryCrossEntropy => (2, Activation.Sigmoid),
            Loss.CategoricalCrossEntropy => (4, Activation.Softmax),
            _ => (2, hidden),
        };
        var layers = Enumerable.Range(0, hiddenLayers).Select(l => (Units: 3 + l, Activation: hidden))
            .Append((Units: outputUnits, Activation: output)).ToArray();
        var spec = TestData.Spec(3, loss, layers);
        var random = new Random(1000 * hiddenLayers + 10 * m + (int)hidden);
        double[] θ = TestData.Uniform(random, spec.ParameterCount).Select(v => (double)v).ToArray();
        for (int l = 1; l <= spec.Layers.Count; l++) // positive biases keep deep ReLU stacks from dying, which would make every gradient 0
            for (int i = 0; i < spec.UnitsOf(l); i++)
                θ[spec.Layout.BiasOffset(l) + i] = 0.1 + random.NextDouble();
        var X = Matrix.FromExamples(TestData.Uniform(random, m * spec.InputCount, 2), spec.InputCount);
        var Y = Matrix.FromExamples(TestData.Targets(random, spec, m), spec.OutputCount);

        var analytic = new double[spec.ParameterCount];
        ReferenceNetwork.Backpropagate(spec, θ, X, Y, analytic);

        const double h = 1e-6;
        var scratch = new double[spec.ParameterCount];
        for (int k = 0; k < θ.Length; k++)
        {
            double saved = θ[k];
            θ[k] = saved + h;
            double plus = ReferenceNetwork.Backpropagate(spec, θ, X, Y, scratch);
            θ[k] = saved - h;
            double minus = ReferenceNetwork.Backpropagate(spec, θ, X, Y, scratch);
            θ[k] = saved;
            double numeric = (plus - minus) / (2 * h);

            Math.Abs(analytic[k] - numeric).ShouldBeLessThan(1e-7 + 1e-5 * Math.Abs(numeric),
                $"parameter {k} of {spec}: backprop {analytic[k]}, finite difference {numeric}");
        }
        analytic.ShouldContain(g => Math.Abs(g) > 1e-4, "a check of all-zero gradients would prove nothing");
    }

    [Fact]
    public void Public_gradients_are_the_double_gradients_rounded_to_float()
    {
        var spec = TestData.Spec(2, Loss.Auto, (4, Activation.Tanh), (1, Activation.Sigmoid));
        var network = new ReferenceNetwork(spec);
        network.Initialize(seed: 3);
        var random = new Random(3);
        var inputs = TestData.Uniform(random, 10);
        var targets = TestData.Targets(random, Loss.BinaryCrossEntropy, 5);

        var gradients = new float[spec.ParameterCount];
        float cost = network.ComputeGradients(inputs, targets, gradients);

        var expected = new double[spec.ParameterCount];
        double expectedCost = ReferenceNetwork.Backpropagate(spec, TestData.ToDouble(network.Parameters),
            Matrix.FromExamples(inputs, 2), Matrix.FromExamples(targets, 1), expected);
        cost.ShouldBe((float)expectedCost);
        gradients.ShouldBe(expected.Select(g => (float)g).ToArray());
    }
}
