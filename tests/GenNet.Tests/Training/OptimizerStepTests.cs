using GenNet.Tests.Generated;

namespace GenNet.Tests.Training;

/// <summary>
/// Each optimiser's update, checked against numbers worked out by hand on the smallest network and
/// against a straightforward implementation written here, independent of the vectorised one.
/// </summary>
public class OptimizerStepTests
{
    // The hand-worked network: one input, one linear unit, squared error L = ½(ŷ − y)².
    // w = 1, b = 0.5, x = 2, y = 1:  ŷ = 2.5,  dz = ŷ − y = 1.5,  dw = dz·x = 3,  db = dz = 1.5.
    private static DynamicNetwork Line(float w = 1f, float b = 0.5f)
    {
        var network = new DynamicNetwork(new NetworkSpec(1, [new(1, Activation.Linear)]));
        network.Parameters[0] = w;
        network.Parameters[1] = b;
        return network;
    }

    private static float[] Train(Optimizer optimizer, int steps, float weightDecay = 0f)
    {
        var network = Line();
        Trainer.Fit(network, [2f], [1f], new TrainingOptions { Iterations = steps, LearningRate = 0.1f, Optimizer = optimizer, WeightDecay = weightDecay });
        return network.Parameters.ToArray();
    }

    [Fact]
    public void Gradient_descent_steps_by_alpha_times_the_gradient()
    {
        // w = 1 − 0.1·3 = 0.7,  b = 0.5 − 0.1·1.5 = 0.35.
        Train(new GradientDescent(), steps: 1).ShouldBe([0.7f, 0.35f], tolerance: 1e-6f);
    }

    [Fact]
    public void Momentum_averages_the_gradients_over_two_steps()
    {
        // Step 1: v_w = 0.1·3 = 0.3, v_b = 0.1·1.5 = 0.15;  w = 1 − 0.1·0.3 = 0.97, b = 0.5 − 0.015 = 0.485.
        // Step 2: ŷ = 0.97·2 + 0.485 = 2.425, dz = 1.425, dw = 2.85, db = 1.425;
        //         v_w = 0.9·0.3 + 0.1·2.85 = 0.555,  w = 0.97 − 0.0555 = 0.9145;
        //         v_b = 0.9·0.15 + 0.1·1.425 = 0.2775, b = 0.485 − 0.02775 = 0.45725.
        Train(new Momentum(Beta: 0.9f), steps: 1).ShouldBe([0.97f, 0.485f], tolerance: 1e-6f);
        Train(new Momentum(Beta: 0.9f), steps: 2).ShouldBe([0.9145f, 0.45725f], tolerance: 1e-6f);
    }

    [Fact]
    public void RmsProp_divides_by_the_root_mean_square_gradient()
    {
        // s_w = 0.1·3² = 0.9,  w = 1 − 0.1·3/√0.9 = 1 − 0.316228 = 0.683772;
        // s_b = 0.1·1.5² = 0.225, b = 0.5 − 0.1·1.5/√0.225 = 0.5 − 0.316228 = 0.183772.
        Train(new RmsProp(Rho: 0.9f, Epsilon: 1e-8f), steps: 1).ShouldBe([0.683772f, 0.183772f], tolerance: 1e-6f);
    }

    [Fact]
    public void Adam_corrects_the_bias_of_its_averages()
    {
        // Step 1: v = 0.1·g, s = 0.001·g², so v̂ = g and ŝ = g²: every parameter moves by α = 0.1 against
        //         its gradient's sign: w = 0.9, b = 0.4. (Without the correction: 0.1·0.3/(√0.009) ≈ 0.316.)
        // Step 2: ŷ = 0.9·2 + 0.4 = 2.2, dz = 1.2, dw = 2.4, db = 1.2;
        //         v_w = 0.9·0.3 + 0.1·2.4 = 0.51,           v̂_w = 0.51/(1 − 0.9²) = 0.51/0.19 = 2.6842105;
        //         s_w = 0.999·0.009 + 0.001·5.76 = 0.014751, ŝ_w = 0.014751/(1 − 0.999²) = 0.014751/0.001999 = 7.3791896;
        //         w = 0.9 − 0.1·2.6842105/√7.3791896 = 0.9 − 0.1·2.6842105/2.7164664 = 0.9 − 0.0988126 = 0.8011874;
        //         b's gradients are w's halved, and Adam's step does not change with the gradient's scale: b = 0.4 − 0.0988126 = 0.3011874.
        Train(new Adam(Beta1: 0.9f, Beta2: 0.999f, Epsilon: 1e-8f), steps: 1).ShouldBe([0.9f, 0.4f], tolerance: 1e-6f);
        Train(new Adam(Beta1: 0.9f, Beta2: 0.999f, Epsilon: 1e-8f), steps: 2).ShouldBe([0.8011874f, 0.3011874f], tolerance: 1e-6f);
    }

    [Fact]
    public void Weight_decay_adds_lambda_w_to_the_weights_gradient_but_not_the_bias_and_its_term_to_the_cost()
    {
        // λ = 0.5: dw = 3 + 0.5·1 = 3.5, db = 1.5 (no term for b);  w = 1 − 0.35 = 0.65, b = 0.35.
        // Cost: ½·1.5² + (0.5/2)·1² = 1.125 + 0.25 = 1.375.
        var network = Line();
        var history = Trainer.Fit(network, [2f], [1f], new TrainingOptions { Iterations = 1, LearningRate = 0.1f, WeightDecay = 0.5f });
        network.Parameters.ToArray().ShouldBe([0.65f, 0.35f], tolerance: 1e-6f);
        history.Costs.ShouldBe([1.375f], tolerance: 1e-6f);
    }

    public static TheoryData<string> Optimizers => ["GradientDescent", "Momentum", "RmsProp", "Adam", "Adam+L2", "Momentum+L2"];

    /// <summary>A 3-5-3 network: 38 parameters, so both the vector body and the scalar tail run (38 is no multiple of 4, 8 or 16).</summary>
    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Five_steps_match_a_straightforward_implementation(string name)
    {
        (Optimizer optimizer, float lambda) = name switch
        {
            "GradientDescent" => (new GradientDescent(), 0f),
            "Momentum" => (new Momentum(0.8f), 0f),
            "RmsProp" => (new RmsProp(0.95f, 1e-7f), 0f),
            "Adam" => (new Adam(0.85f, 0.99f, 1e-7f), 0f),
            "Adam+L2" => ((Optimizer)new Adam(), 0.05f),
            _ => (new Momentum(0.9f), 0.05f),
        };
        var spec = new NetworkSpec(3, [new(5, Activation.Tanh), new(3, Activation.Sigmoid)]);
        var random = new Random(7);
        var inputs = TestData.Uniform(random, 6 * 3);
        float[] targets = [1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0];
        const float alpha = 0.05f;
        const int steps = 5;

        var trained = new DynamicNetwork(spec);
        trained.Initialize(seed: 3);
        var expected = new DynamicNetwork(spec);
        trained.Parameters.CopyTo(expected.Parameters);
        var initial = trained.Parameters.ToArray();

        Trainer.Fit(trained, inputs, targets, new TrainingOptions { Iterations = steps, LearningRate = alpha, Optimizer = optimizer, WeightDecay = lambda });

        var g = new float[spec.ParameterCount];
        var v = new float[spec.ParameterCount];
        var s = new float[spec.ParameterCount];
        for (int t = 1; t <= steps; t++)
        {
            expected.ComputeGradients(inputs, targets, g);
            var theta = expected.Parameters;
            for (int k = 0; k < g.Length; k++)
            {
                if (IsWeight(spec, k))
                    g[k] += lambda * theta[k];
                switch (optimizer)
                {
                    case Momentum mo:
                        v[k] = mo.Beta * v[k] + (1 - mo.Beta) * g[k];
                        theta[k] -= alpha * v[k];
                        break;
                    case RmsProp r:
                        s[k] = r.Rho * s[k] + (1 - r.Rho) * g[k] * g[k];
                        theta[k] -= alpha * g[k] / (MathF.Sqrt(s[k]) + r.Epsilon);
                        break;
                    case Adam a:
                        v[k] = a.Beta1 * v[k] + (1 - a.Beta1) * g[k];
                        s[k] = a.Beta2 * s[k] + (1 - a.Beta2) * g[k] * g[k];
                        float vHat = v[k] / (1 - MathF.Pow(a.Beta1, t));
                        float sHat = s[k] / (1 - MathF.Pow(a.Beta2, t));
                        theta[k] -= alpha * vHat / (MathF.Sqrt(sHat) + a.Epsilon);
                        break;
                    default:
                        theta[k] -= alpha * g[k];
                        break;
                }
            }
        }

        var actual = trained.Parameters.ToArray();
        actual.ShouldNotBe(initial);
        for (int k = 0; k < actual.Length; k++)
            actual[k].ShouldBe(expected.Parameters[k], tolerance: 2e-6f, $"parameter {k} after {steps} steps of {name}");
    }

    /// <summary>Whether parameter <paramref name="k"/> is a weight: the layout puts W[l] before b[l].</summary>
    private static bool IsWeight(NetworkSpec spec, int k)
    {
        for (int l = 1; l <= spec.Layers.Count; l++)
            if (k >= spec.Layout.WeightOffset(l) && k < spec.Layout.BiasOffset(l))
                return true;
        return false;
    }

    [Theory]
    [InlineData("Momentum")]
    [InlineData("RmsProp")]
    [InlineData("Adam")]
    [InlineData("Adam+L2")]
    public void A_step_allocates_nothing(string name)
    {
        Optimizer optimizer = name.StartsWith("Adam", StringComparison.Ordinal) ? new Adam() : name == "Momentum" ? new Momentum() : new RmsProp();
        var network = new XorNet();
        network.Initialize(seed: 1);
        var step = new TrainingStep(XorNet.Spec, optimizer, weightDecay: name.EndsWith("L2", StringComparison.Ordinal) ? 0.01f : 0f);
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        SteadyAllocation.ShouldAllocateNothing(() => step.Take(network, inputs, targets, 0.01f), name);
    }

    [Fact]
    public void A_step_whose_gradient_overflows_changes_neither_the_parameters_nor_the_optimiser_state()
    {
        var spec = new NetworkSpec(3, [new(2, Activation.Linear)]);
        var network = new DynamicNetwork(spec);
        network.Parameters.Fill(1e10f);
        var before = network.Parameters.ToArray();
        var step = new TrainingStep(spec, new Adam(), weightDecay: 0.01f);

        float cost = step.Take(network, [1e30f, 1e30f, 1e30f], [0, 0], 0.1f); // Z = 3e40: beyond float

        float.IsFinite(cost).ShouldBeFalse();
        network.Parameters.ToArray().ShouldBe(before);
        // The state is untouched too: a finite step afterwards is Adam's first step, a move of α per parameter.
        network.Parameters.Fill(1f);
        step.Take(network, [1f, 1f, 1f], [0, 0], 0.1f);
        network.Parameters.ToArray().ShouldBe(Enumerable.Repeat(0.9f, spec.ParameterCount).ToArray(), tolerance: 1e-6f);
    }

    [Fact]
    public void A_step_with_a_non_finite_input_names_it_and_changes_nothing()
    {
        var network = new XorNet();
        network.Initialize(seed: 1);
        var before = network.Parameters.ToArray();
        var step = new TrainingStep(XorNet.Spec, new Momentum(), weightDecay: 0f);

        var error = Should.Throw<ArgumentException>(() => step.Take(network, [0, float.NaN], [1], 0.1f));

        error.ParamName.ShouldBe("inputs");
        network.Parameters.ToArray().ShouldBe(before);
    }

    [Theory]
    [InlineData("Momentum")]
    [InlineData("RmsProp")]
    [InlineData("Adam")]
    public void Mini_batches_step_with_the_optimiser_and_learn_xor(string name)
    {
        Optimizer optimizer = name == "Adam" ? new Adam() : name == "Momentum" ? new Momentum() : new RmsProp();
        var network = new DynamicNetwork(new NetworkSpec(2, XorNet.Spec.Layers));
        network.Initialize(seed: 1);
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];

        var history = Trainer.Fit(network, inputs, targets,
            new TrainingOptions { Iterations = 500, BatchSize = 2, LearningRate = name == "Momentum" ? 0.5f : 0.02f, Optimizer = optimizer, ShuffleSeed = 1 });

        history.Costs[^1].ShouldBeLessThan(0.1f, name);
        Evaluation.UnitAccuracy(network, inputs, targets).ShouldBe(1.0, name);
    }
}
