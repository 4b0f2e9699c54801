namespace GenNet.Tests.Mathematics;

/// <summary>
/// The default initialisation trains: <see cref="Init.Auto"/> is the default everywhere, draws He
/// weights for ReLU layers and Xavier weights for the others, and solves real XOR from every seed
/// tried, where the course's randn·0.01 stays on the saddle.
/// </summary>
public class DefaultInitTests
{
    private static readonly float[] XorInputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] XorTargets = [0, 1, 1, 0];

    [Fact]
    public void Auto_is_the_default_of_the_attribute_the_spec_and_generated_code()
    {
        new NetworkAttribute(2).Init.ShouldBe(Init.Auto);
        new NetworkSpec(2, [new(1, Activation.Sigmoid)]).Init.ShouldBe(Init.Auto);
        DefaultXorNet.Spec.Init.ShouldBe(Init.Auto);
        ((int)Init.Auto).ShouldBe(4);
    }

    [Fact]
    public void Auto_draws_He_weights_for_relu_layers_and_Xavier_weights_for_the_others()
    {
        LayerSpec[] layers = [new(5, Activation.LeakyReLU), new(4, Activation.Tanh), new(3, Activation.ReLU), new(1, Activation.Sigmoid)];
        var layout = new NetworkSpec(2, layers).Layout;
        var auto = Draw(Init.Auto);
        var he = Draw(Init.He);
        var xavier = Draw(Init.Xavier);

        // Every scheme scales the same standard-normal draws, so each layer equals the scheme it should use.
        Weights(auto, 1).ShouldBe(Weights(he, 1));
        Weights(auto, 2).ShouldBe(Weights(xavier, 2));
        Weights(auto, 3).ShouldBe(Weights(he, 3));
        Weights(auto, 4).ShouldBe(Weights(xavier, 4));
        Weights(he, 2).ShouldNotBe(Weights(xavier, 2));

        float[] Draw(Init init)
        {
            var parameters = new float[layout.ParameterCount];
            ParameterInitializer.Initialize(new NetworkSpec(2, layers, init: init), seed: 3, parameters);
            return parameters;
        }

        float[] Weights(float[] parameters, int l) => parameters.AsSpan(layout.WeightOffset(l), layout.BiasOffset(l) - layout.WeightOffset(l)).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Real_xor_trains_with_the_defaults(int seed)
    {
        var network = new DefaultXorNet();
        network.Initialize(seed);

        Trainer.Fit(network, XorInputs, XorTargets, new TrainingOptions { Iterations = 2000, LearningRate = 1f });

        Evaluation.ClassAccuracy(network, XorInputs, XorTargets).ShouldBe(1.0, $"seed {seed}");
    }

    [Fact]
    public void The_courses_small_init_stays_on_the_xor_saddle_for_at_least_two_of_three_seeds()
    {
        // Documents why Small is not the default: issue 10 saw cost 0.6931 and every output 0.500 for 2
        // of 3 seeds; with these settings (2,000 iterations at α = 1) none of seeds 1–3 solves it.
        var spec = new NetworkSpec(2, DefaultXorNet.Spec.Layers, init: Init.Small);
        int solved = 0;
        for (int seed = 1; seed <= 3; seed++)
        {
            var network = new DynamicNetwork(spec);
            network.Initialize(seed);
            Trainer.Fit(network, XorInputs, XorTargets, new TrainingOptions { Iterations = 2000, LearningRate = 1f });
            if (Evaluation.ClassAccuracy(network, XorInputs, XorTargets) == 1.0)
                solved++;
        }
        solved.ShouldBeLessThanOrEqualTo(1);
    }
}

/// <summary>XOR's 2-4-1 tanh/sigmoid network with every option left at its default.</summary>
[Network(2)]
[Layer(4, Activation.Tanh)]
[Layer(1, Activation.Sigmoid)]
public partial class DefaultXorNet;
