using GenNet.Tests.Generated;

namespace GenNet.Tests.Mathematics;

/// <summary>
/// The cross-entropies computed from the logits, with nothing clamped: against a double-precision softplus and
/// log-sum-exp written here (log-sum-exp by pairs, not the library's max and sum), at logits up to ±1000 where
/// ŷ has long rounded to 0 or 1, for confident mistakes (a loss of 50 is 50, not the 16.1 a clamp at 1e-7
/// allowed), in every engine, in the trainer's reported and validation costs, and with the vector path equal
/// to the scalar one.
/// </summary>
public class ExactCostTests
{
    /// <summary>Logits from saturated to small, both signs: σ is exactly 0 or 1 in float beyond about ±17 (and ±104).</summary>
    public static TheoryData<float> Logits => [-1000f, -100f, -50f, -20f, -17f, -5f, -1f, -1e-3f, 0f, 1e-3f, 1f, 5f, 17f, 20f, 50f, 100f, 1000f];

    [Theory]
    [MemberData(nameof(Logits))]
    public void Binary_cross_entropy_is_softplus_of_the_logit(float logit)
    {
        foreach (float target in new[] { 0f, 1f, 0.25f })
        {
            double expected = BinaryCrossEntropy(logit, target);
            ShouldBeExact(LossFunctions.BinaryCrossEntropyWithLogits(logit, target), expected, $"float, z = {logit}, y = {target}");
            LossFunctions.BinaryCrossEntropyWithLogits((double)logit, target).ShouldBe(expected, 1e-13 * expected + 1e-300, $"double, z = {logit}, y = {target}");
        }
    }

    public static TheoryData<float[]> LogitVectors =>
    [
        new float[] { 1000f, -1000f, 0f },
        new float[] { -1000f, -1000f, -1000f },
        new float[] { 1000f, 1000f, -3f, 2f },
        new float[] { 50f, 0f, 0f },
        new float[] { 0.3f, -1.2f, 2.5f, 0f, -0.7f },
        new float[] { -1000f, 1000f, 17f, -17f, 20f, -20f, 100f, -100f, 5f, -5f },
        new float[] { 4f },
    ];

    [Theory]
    [MemberData(nameof(LogitVectors))]
    public void Categorical_cross_entropy_is_log_sum_exp_minus_the_logit(float[] logits)
    {
        var targets = Enumerable.Range(0, logits.Length).Select(k => OneHot(logits.Length, k))
            .Append(Enumerable.Range(0, logits.Length).Select(k => 1f / logits.Length).ToArray());
        foreach (var y in targets)
        {
            double expected = CategoricalCrossEntropy(logits, y);
            ShouldBeExact(LossFunctions.CategoricalCrossEntropyWithLogits(logits, y), expected, $"float, z = [{string.Join(", ", logits)}], y = [{string.Join(", ", y)}]");
            LossFunctions.CategoricalCrossEntropyWithLogits(ToDouble(logits), ToDouble(y))
                .ShouldBe(expected, 1e-13 * expected + 1e-300, $"double, z = [{string.Join(", ", logits)}], y = [{string.Join(", ", y)}]");
        }
    }

    [Fact]
    public void A_confident_mistake_costs_its_margin_not_the_clamp_s_16()
    {
        // A clamp of ŷ at 1e-7 capped each of these at -log 1e-7 = 16.1.
        LossFunctions.BinaryCrossEntropyWithLogits(-50f, 1f).ShouldBe(50f, 1e-5f);
        LossFunctions.BinaryCrossEntropyWithLogits(50f, 0f).ShouldBe(50f, 1e-5f);
        LossFunctions.BinaryCrossEntropyWithLogits(-1000f, 1f).ShouldBe(1000f);
        LossFunctions.CategoricalCrossEntropyWithLogits([50f, 0f, 0f], [0f, 1f, 0f]).ShouldBe(50f, 1e-5f);
        LossFunctions.CategoricalCrossEntropyWithLogits([1000f, -1000f, 0f], [0f, 1f, 0f]).ShouldBe(2000f);
        // And a confident right answer costs almost nothing, but not nothing: e^-20 = 2.06e-9.
        LossFunctions.BinaryCrossEntropyWithLogits(20f, 1f).ShouldBe(2.0611536e-9f, 1e-15f);
    }

    [Fact]
    public void Where_the_clamp_did_not_bite_the_cost_is_the_cost_of_the_probabilities()
    {
        // |z| ≤ 8 keeps σ(z) and every softmax output above 3e-4, far from the old clamp: there the exact cost is
        // -(y log ŷ + (1 - y) log(1 - ŷ)) and -Σ y log ŷ of the probabilities, as the engines computed it before.
        var random = new Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            float z = (float)(random.NextDouble() * 16 - 8), y = trial % 3 == 2 ? (float)random.NextDouble() : trial % 2;
            double ŷ = 1 / (1 + Math.Exp(-(double)z));
            double ofProbability = -(y * Math.Log(ŷ) + (1 - y) * Math.Log(1 - ŷ));
            ShouldBeExact(LossFunctions.BinaryCrossEntropyWithLogits(z, y), ofProbability, $"z = {z}, y = {y}", relative: 2e-6);

            var logits = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            var target = OneHot(4, random.Next(4));
            double sum = logits.Sum(v => Math.Exp(v));
            double ofProbabilities = -Enumerable.Range(0, 4).Sum(k => target[k] * Math.Log(Math.Exp(logits[k]) / sum));
            ShouldBeExact(LossFunctions.CategoricalCrossEntropyWithLogits(logits, target), ofProbabilities, $"z = [{string.Join(", ", logits)}]", relative: 2e-6);
        }
    }

    [Theory]
    [MemberData(nameof(LogitVectors))]
    public void The_vector_sums_equal_the_scalar_losses(float[] logits)
    {
        // 21 examples: two blocks of eight lanes and five past them, each example's logits a rotation of the vector
        int units = logits.Length, m = 21;
        var random = new Random(units);
        var outputs = new float[m * units];
        var targets = new float[m * units];
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < units; k++)
                outputs[i * units + k] = logits[(i + k) % units];
            targets[i * units + random.Next(units)] = 1f;
        }
        foreach (var loss in new[] { Loss.BinaryCrossEntropy, Loss.CategoricalCrossEntropy })
        {
            float scalar = 0f;
            for (int i = 0; i < m; i++)
                scalar += LossFunctions.Of(loss, outputs.AsSpan(i * units, units), outputs.AsSpan(i * units, units), targets.AsSpan(i * units, units));
            float tolerance = 1e-6f * Math.Abs(scalar) + 1e-6f;
            LossKernels.Sum(loss, outputs, targets, units).ShouldBe(scalar, tolerance, $"{loss}, examples one after another");
            LossKernels.SumOfRows(loss, TestData.Rows(outputs, units), TestData.Rows(targets, units), units).ShouldBe(scalar, tolerance, $"{loss}, a block's rows");
        }
    }

    /// <summary>The generated networks whose loss is a cross-entropy, as every emission writes its output layer and loss.</summary>
    private static readonly string[] CrossEntropyNetworks =
    [
        nameof(LogisticNet), nameof(ReluClassifier), nameof(MultiLabelNet), nameof(AllLoopsNet), nameof(BlockKernelNet), nameof(ManyOutputsNet),
        nameof(SoftmaxNet), nameof(TenClassSoftmaxNet), nameof(LoopSoftmaxNet), nameof(DigitsShapedNet),
    ];

    public static TheoryData<Engine> CrossEntropyEngines => [.. CrossEntropyNetworks.SelectMany(Engine.For)];

    [Theory]
    [MemberData(nameof(CrossEntropyEngines))]
    public void Every_engine_reports_the_exact_cost_at_saturating_logits(Engine engine)
    {
        // Every parameter 0 but the output layer's biases, so that Z[L] = b[L] for every example whatever the
        // inputs: logits from ±1000 to small, then moderate ones (where a softmax's log Σ e^z is not 0).
        float[][] patterns = [[1000f, -1000f, 50f, -50f, 17.5f, -20f, 3f, -0.5f, 0f], [2f, -1f, 0.5f, 3f, -2.5f, 1f, 0f]];
        var network = engine.Create();
        var spec = network.Spec;
        int L = spec.Layers.Count, units = spec.OutputCount;
        var random = new Random(11);
        var gradients = new float[network.ParameterCount];
        int[] batchSizes = [1, 5, 8, 13, 24]; // one at a time, whole blocks of eight, both
        foreach (var (pattern, m) in patterns.SelectMany(pattern => batchSizes.Select(m => (pattern, m))))
        {
            var logits = Enumerable.Range(0, units).Select(k => pattern[k % pattern.Length]).ToArray();
            network.Parameters.Clear();
            logits.CopyTo(network.Parameters.Slice(spec.Layout.BiasOffset(L)));
            var probabilities = Probabilities(spec.Layers[^1].Activation, logits);

            var inputs = TestData.Uniform(random, m * spec.InputCount);
            var targets = TestData.Targets(random, spec, m);
            double expected = 0;
            var expectedBiasGradient = new double[units];
            for (int i = 0; i < m; i++)
            {
                var y = targets.AsSpan(i * units, units).ToArray();
                expected += spec.Loss == Loss.CategoricalCrossEntropy
                    ? CategoricalCrossEntropy(logits, y)
                    : Enumerable.Range(0, units).Sum(k => BinaryCrossEntropy(logits[k], y[k]));
                for (int k = 0; k < units; k++)
                    expectedBiasGradient[k] += (probabilities[k] - y[k]) / m; // db[L] = (1/m) Σ (A - Y): the gradient as it was
            }
            expected /= m;

            float cost = network.ComputeGradients(inputs, targets, gradients);

            string what = $"{engine}, m = {m}, z[0] = {logits[0]}";
            float.IsFinite(cost).ShouldBeTrue(what);
            ((double)cost).ShouldBe(expected, 1e-5 * expected + 1e-6, what);
            var biasGradient = gradients.AsSpan(spec.Layout.BiasOffset(L), units).ToArray();
            for (int k = 0; k < units; k++)
                ((double)biasGradient[k]).ShouldBe(expectedBiasGradient[k], 1e-5, $"{what}, db[L][{k}]");
            gradients.ShouldAllBe(g => float.IsFinite(g), what);
        }
    }

    [Fact]
    public void The_trainer_reports_and_validates_with_the_exact_cost()
    {
        // One input, one sigmoid unit, w = 1, b = 0: z = x. Two confident mistakes cost 50 and 40 (mean 45); the
        // validation example's costs 60. With a clamp all three cost 16.1.
        var network = new DynamicNetwork(new NetworkSpec(1, [new(1, Activation.Sigmoid)]));
        network.Parameters[0] = 1f;
        var history = Trainer.Fit(network, [-50f, 40f], [1f, 0f], [-60f], [1f],
            new TrainingOptions { Iterations = 1, LearningRate = 1e-9f, ReportEvery = 1 });

        history.Costs[0].ShouldBe(45f, 1e-4f);
        history.Evaluations[^1].ValidationCost.ShouldNotBeNull().ShouldBe(60f, 1e-3f);
    }

    // The reference, in double and written apart from the library: softplus by cases and a series, log-sum-exp by pairs.

    /// <summary><c>log(1 + e^x)</c>: for x &gt; 0 as <c>x + softplus(-x)</c>; below -15 by the series of log(1 + t), t = e^x &lt; 3.1e-7.</summary>
    private static double Softplus(double x)
    {
        if (x > 0)
            return x + Softplus(-x);
        double t = Math.Exp(x);
        return x < -15 ? t - t * t / 2 + t * t * t / 3 : Math.Log(1 + t);
    }

    private static double BinaryCrossEntropy(double z, double y) => y * Softplus(-z) + (1 - y) * Softplus(z);

    /// <summary><c>log Σ e^(z_k)</c>, folded pair by pair: <c>lse(a, b) = max(a, b) + softplus(-|a - b|)</c>.</summary>
    private static double LogSumExp(float[] z) =>
        z.Skip(1).Aggregate((double)z[0], (lse, value) => Math.Max(lse, value) + Softplus(-Math.Abs(lse - value)));

    private static double CategoricalCrossEntropy(float[] z, float[] y)
    {
        double lse = LogSumExp(z);
        return Enumerable.Range(0, z.Length).Sum(k => y[k] * (lse - z[k]));
    }

    /// <summary>The output layer's activations from its logits, in double: σ per unit, or the softmax.</summary>
    private static double[] Probabilities(Activation output, float[] logits)
    {
        if (output == Activation.Sigmoid)
            return logits.Select(z => 1 / (1 + Math.Exp(-(double)z))).ToArray();
        double lse = LogSumExp(logits);
        return logits.Select(z => Math.Exp(z - lse)).ToArray();
    }

    /// <summary>Within <paramref name="relative"/> of <paramref name="expected"/>, or of float's smallest normal number where the loss is below it.</summary>
    private static void ShouldBeExact(float actual, double expected, string what, double relative = 1e-6)
    {
        float.IsFinite(actual).ShouldBeTrue(what);
        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(relative * Math.Abs(expected) + 1.2e-38, $"{what}: {actual} vs {expected}");
    }

    private static float[] OneHot(int units, int k)
    {
        var y = new float[units];
        y[k] = 1f;
        return y;
    }

    private static double[] ToDouble(float[] values) => values.Select(v => (double)v).ToArray();
}
