using GenNet.Datasets;
using GenNet.Onnx;
using GenNet.Tests.Onnx;

namespace GenNet.Tests.Data;

/// <summary>
/// The standardiser: its statistics against hand-computed values and the data set's own
/// description, its refusals, and folding into the first layer against the unfolded network.
/// </summary>
public sealed class StandardizerTests
{
    // Two features over four examples: [1, 2, 3, 4] and [10, 10, 10, 14].
    // μ = (2.5, 11); σ² = (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25 and (1 + 1 + 1 + 9)/4 = 3.
    private static readonly float[] Small = [1, 10, 2, 10, 3, 10, 4, 14];

    [Fact]
    public void Fit_measures_the_population_mean_and_standard_deviation()
    {
        var standardizer = Standardizer.Fit(Small, featureCount: 2);

        standardizer.FeatureCount.ShouldBe(2);
        standardizer.Means.ToArray().ShouldBe([2.5, 11.0]);
        standardizer.StandardDeviations[0].ShouldBe(Math.Sqrt(1.25), 1e-15);
        standardizer.StandardDeviations[1].ShouldBe(Math.Sqrt(3), 1e-15);
    }

    [Fact]
    public void Transform_subtracts_the_mean_and_divides_by_the_deviation()
    {
        var standardizer = Standardizer.Fit(Small, featureCount: 2);
        float[] example = [4, 14];
        var copy = new float[2];

        standardizer.Transform(example, copy);
        standardizer.Transform(example);

        // (4 − 2.5)/√1.25 = 1.3416408, (14 − 11)/√3 = √3 = 1.7320508.
        copy[0].ShouldBe(1.3416408f, 1e-6f);
        copy[1].ShouldBe(1.7320508f, 1e-6f);
        example.ShouldBe(copy);
    }

    [Fact]
    public void Transform_allocates_nothing()
    {
        var standardizer = Standardizer.Fit(Small, featureCount: 2);
        var batch = (float[])Small.Clone();
        var destination = new float[batch.Length];
        standardizer.Transform(batch, destination);

        long before = GC.GetAllocatedBytesForCurrentThread();
        standardizer.Transform(batch, destination);
        standardizer.Transform(batch);
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void Iris_statistics_match_those_computed_from_the_file()
    {
        var iris = ClassicDatasets.Iris();

        var standardizer = Standardizer.Fit(iris.Features, iris.FeatureCount);

        // awk over data/iris.csv: mean s/n and population SD √(q/n − mean²) per column.
        double[] means = [5.843333, 3.057333, 3.758000, 1.199333], deviations = [0.825301, 0.434411, 1.759404, 0.759693];
        for (int j = 0; j < 4; j++)
        {
            standardizer.Means[j].ShouldBe(means[j], 1e-6, $"feature {j}");
            standardizer.StandardDeviations[j].ShouldBe(deviations[j], 1e-6, $"feature {j}");
        }
    }

    [Theory]
    [MemberData(nameof(Engine.All), MemberType = typeof(Engine))]
    public void Folded_network_on_raw_inputs_predicts_as_the_unfolded_one_on_standardized_inputs(Engine engine)
    {
        var network = engine.Create();
        network.Initialize(seed: 3);
        var (raw, standardizer) = RawBatch(network.InputCount, m: 20);
        var expected = PredictStandardized(network, standardizer, raw);

        standardizer.FoldInto(network);

        var actual = new float[expected.Length];
        network.PredictBatch(raw, actual);
        ShouldAgree(actual, expected);
    }

    [Fact]
    public void Folded_network_survives_saving_and_loading_its_weights()
    {
        var spec = TestData.Spec(4, Loss.Auto, (8, Activation.Tanh), (3, Activation.Sigmoid));
        var trained = new DynamicNetwork(spec);
        trained.Initialize(seed: 5);
        var (raw, standardizer) = RawBatch(4, m: 30);
        var expected = PredictStandardized(trained, standardizer, raw);
        standardizer.FoldInto(trained);
        string path = Path.Combine(Path.GetTempPath(), $"standardizer-{Guid.NewGuid():N}.json");
        try
        {
            NetworkWeights.Save(trained, path);
            foreach (INetwork loaded in new INetwork[] { new DynamicNetwork(spec), new ReferenceNetwork(spec) })
            {
                NetworkWeights.Load(loaded, path);
                var actual = new float[expected.Length];
                loaded.PredictBatch(raw, actual);
                ShouldAgree(actual, expected);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Folded_network_exported_to_onnx_takes_raw_inputs()
    {
        var spec = TestData.Spec(4, Loss.Auto, (8, Activation.ReLU), (3, Activation.Sigmoid));
        var network = new ReferenceNetwork(spec);
        network.Initialize(seed: 9);
        var (raw, standardizer) = RawBatch(4, m: 10);
        var expected = PredictStandardized(network, standardizer, raw);
        standardizer.FoldInto(network);
        string path = Path.Combine(Path.GetTempPath(), $"standardizer-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExport.Save(network, path);
            ShouldAgree(OnnxRuntimeRunner.Run(path, raw, m: 10, inputCount: 4), expected);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_fixed_scale_folds_like_dividing_the_inputs()
    {
        // The digits' pixels count 0–16 and three columns are always 0, so they are scaled, not fitted.
        var spec = TestData.Spec(3, Loss.Auto, (4, Activation.Tanh), (2, Activation.Sigmoid));
        var network = new DynamicNetwork(spec);
        network.Initialize(seed: 2);
        float[] pixels = [0, 8, 16, 4, 0, 12];
        float[] divided = [.. pixels.Select(p => p / 16)];
        var expected = new float[4];
        network.PredictBatch(divided, expected);

        new Standardizer([0, 0, 0], [16, 16, 16]).FoldInto(network);

        var actual = new float[4];
        network.PredictBatch(pixels, actual);
        ShouldAgree(actual, expected);
    }

    [Fact]
    public void A_constant_feature_is_refused_by_index_and_value()
    {
        float[] inputs = [1, 7, 3, 2, 7, 5, 4, 7, 1];

        var error = Should.Throw<ArgumentException>(() => Standardizer.Fit(inputs, featureCount: 3));

        error.ParamName.ShouldBe("inputs");
        error.Message.ShouldContain("Feature 1 has the value 7 in all 3 examples");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void A_value_that_is_not_finite_is_refused_by_feature_and_example(float bad)
    {
        float[] inputs = [1, 2, 3, 4, 5, 6];
        inputs[4] = bad;

        var error = Should.Throw<ArgumentException>(() => Standardizer.Fit(inputs, featureCount: 2));

        error.ParamName.ShouldBe("inputs");
        error.Message.ShouldContain($"Feature 0 of example 2 is {bad};");
    }

    [Fact]
    public void Fit_refuses_a_single_example_partial_examples_and_no_features()
    {
        Should.Throw<ArgumentException>(() => Standardizer.Fit([1f, 2f], featureCount: 2)).Message.ShouldContain("at least two examples");
        Should.Throw<ArgumentException>(() => Standardizer.Fit([1f, 2f, 3f], featureCount: 2)).ParamName.ShouldBe("inputs");
        Should.Throw<ArgumentException>(() => Standardizer.Fit([], featureCount: 2)).ParamName.ShouldBe("inputs");
        Should.Throw<ArgumentException>(() => Standardizer.Fit([1f, 2f], featureCount: 0)).ParamName.ShouldBe("featureCount");
    }

    [Fact]
    public void The_constructor_refuses_values_that_cannot_scale()
    {
        Should.Throw<ArgumentException>(() => new Standardizer([0.0], [0.0])).ParamName.ShouldBe("standardDeviations");
        Should.Throw<ArgumentException>(() => new Standardizer([0.0], [-1.0])).ParamName.ShouldBe("standardDeviations");
        Should.Throw<ArgumentException>(() => new Standardizer([0.0], [double.NaN])).ParamName.ShouldBe("standardDeviations");
        Should.Throw<ArgumentException>(() => new Standardizer([double.PositiveInfinity], [1.0])).ParamName.ShouldBe("means");
        Should.Throw<ArgumentException>(() => new Standardizer([0.0, 0.0], [1.0])).ParamName.ShouldBe("standardDeviations");
        Should.Throw<ArgumentException>(() => new Standardizer([], [])).ParamName.ShouldBe("means");
    }

    [Fact]
    public void Transform_refuses_partial_examples_and_a_short_destination()
    {
        var standardizer = Standardizer.Fit(Small, featureCount: 2);

        Should.Throw<ArgumentException>(() => standardizer.Transform(new float[3])).ParamName.ShouldBe("inputs");
        Should.Throw<ArgumentException>(() => standardizer.Transform(new float[4], new float[2])).ParamName.ShouldBe("destination");
    }

    [Fact]
    public void Folding_into_a_network_of_another_width_changes_nothing()
    {
        var network = new DynamicNetwork(TestData.Spec(3, Loss.Auto, (2, Activation.Sigmoid)));
        network.Initialize(seed: 1);
        var before = network.Parameters.ToArray();

        var error = Should.Throw<ArgumentException>(() => Standardizer.Fit(Small, featureCount: 2).FoldInto(network));

        error.ParamName.ShouldBe("network");
        error.Message.ShouldContain("2 features, but the network takes 3 inputs");
        network.Parameters.ToArray().ShouldBe(before);
    }

    [Fact]
    public void Folding_a_first_layer_that_is_not_finite_changes_nothing()
    {
        var network = new DynamicNetwork(TestData.Spec(2, Loss.Auto, (2, Activation.Tanh), (1, Activation.Sigmoid)));
        network.Initialize(seed: 1);
        network.Parameters[network.Spec.Layout.WeightOffset(1) + 3] = float.NaN; // W[1][1, 1]
        var before = network.Parameters.ToArray();

        var error = Should.Throw<ArgumentException>(() => Standardizer.Fit(Small, featureCount: 2).FoldInto(network));

        error.ParamName.ShouldBe("network");
        error.Message.ShouldContain("W[1][1, 1]");
        network.Parameters.ToArray().ShouldBe(before);
    }

    /// <summary>m examples whose features have very different means and scales (feature j: μ ≈ 10j − 15, σ ≈ 0.5 + 3j).</summary>
    private static (float[] Raw, Standardizer Standardizer) RawBatch(int features, int m)
    {
        var random = new Random(features * 100 + m);
        var raw = new float[m * features];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < features; j++)
                raw[i * features + j] = (float)(10 * j - 15 + (0.5 + 3 * j) * (random.NextDouble() * 2 - 1) * 1.7);
        return (raw, Standardizer.Fit(raw, features));
    }

    private static float[] PredictStandardized(INetwork network, Standardizer standardizer, float[] raw)
    {
        var standardized = new float[raw.Length];
        standardizer.Transform(raw, standardized);
        var outputs = new float[raw.Length / network.InputCount * network.OutputCount];
        network.PredictBatch(standardized, outputs);
        return outputs;
    }

    // Folding moves the subtraction of μ into the bias, so the two differ by float rounding only.
    private static void ShouldAgree(float[] actual, float[] expected)
    {
        actual.Length.ShouldBe(expected.Length);
        for (int k = 0; k < expected.Length; k++)
            actual[k].ShouldBe(expected[k], 1e-4f * (1 + Math.Abs(expected[k])), $"output {k}");
    }
}
