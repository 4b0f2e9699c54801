using System.Reflection;
using GenNet.Datasets;

namespace GenNet.Tests.Baked;

/// <summary>
/// Networks whose weights are baked into the code (<see cref="BakedNetworks"/>) hold exactly the
/// weights of their file and predict exactly as a trainable network loaded from that file: the
/// same arithmetic in the same order, with constants where the other loads its parameters.
/// </summary>
public class BakedNetworkTests
{
    /// <summary>A baked network, its weight file, and a trainable network of the same attributes.</summary>
    public sealed record BakedCase(string File, Func<IPredictor> Baked, Func<float[]> BakedParameters, Func<INetwork> Twin)
    {
        public override string ToString() => File;

        /// <summary>The twin, loaded from the file by the runtime's reader (System.Text.Json).</summary>
        public INetwork LoadedTwin()
        {
            var twin = Twin();
            NetworkWeights.Load(twin, Path.Combine(AppContext.BaseDirectory, "Weights", "Baked", File));
            return twin;
        }
    }

    public static readonly BakedCase[] Cases =
    [
        new("flower.weights.json", () => new BakedFlowerNet(), () => BakedFlowerNet.Parameters.ToArray(), () => new Generated.XorNet()),
        new("deep.weights.json", () => new BakedDeepNet(), () => BakedDeepNet.Parameters.ToArray(), () => new DeepTwin()),
        new("mixed.weights.json", () => new BakedMixedNet(), () => BakedMixedNet.Parameters.ToArray(), () => new MixedTwin()),
        new("loops.weights.json", () => new BakedLoopNet(), () => BakedLoopNet.Parameters.ToArray(), () => new LoopTwin()),
        new("edge.weights.json", () => new BakedEdgeNet(), () => BakedEdgeNet.Parameters.ToArray(), () => new EdgeTwin()),
        new("wide.weights.json", () => new BakedWideNet(), () => BakedWideNet.Parameters.ToArray(), () => new WideTwin()),
        new("softmax.weights.json", () => new BakedSoftmaxNet(), () => BakedSoftmaxNet.Parameters.ToArray(), () => new SoftmaxTwin()),
        new("softmax-loops.weights.json", () => new BakedLoopSoftmaxNet(), () => BakedLoopSoftmaxNet.Parameters.ToArray(), () => new LoopSoftmaxTwin()),
    ];

    public static TheoryData<BakedCase> All => [.. Cases];

    [Theory]
    [MemberData(nameof(All))]
    public void The_baked_constants_are_the_file_s_values_bit_for_bit(BakedCase @case)
    {
        // The generator parses the file with its own reader and writes each value as a literal; the
        // runtime reads it with System.Text.Json. Both must round to the same floats, including the
        // edge file's -0, subnormal, largest float and over-long decimals.
        var expected = @case.LoadedTwin().Parameters.ToArray();
        var baked = @case.BakedParameters();
        baked.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Predictions_equal_a_trainable_network_loaded_from_the_same_file(BakedCase @case)
    {
        var baked = @case.Baked();
        var twin = @case.LoadedTwin();
        baked.Spec.HasSameLayers(twin.Spec).ShouldBeTrue();
        var random = new Random(3);
        const int m = 67; // four blocks of 16 (or more of 8, 4) and a tail
        var inputs = TestData.Uniform(random, m * baked.InputCount, scale: 3);

        var expected = new float[m * baked.OutputCount];
        twin.PredictBatch(inputs, expected);
        var batch = new float[expected.Length];
        baked.PredictBatch(inputs, batch);
        batch.Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits));

        // One example at a time: loop layers sum a dot product in another order than a batch's block
        // does, so Predict is held to the twin's Predict, bit for bit too.
        var one = new float[baked.OutputCount];
        var twinOne = new float[baked.OutputCount];
        for (int i = 0; i < m; i++)
        {
            baked.Predict(inputs.AsSpan(i * baked.InputCount, baked.InputCount), one);
            twin.Predict(inputs.AsSpan(i * baked.InputCount, baked.InputCount), twinOne);
            one.Select(BitConverter.SingleToInt32Bits).ShouldBe(twinOne.Select(BitConverter.SingleToInt32Bits), $"example {i}");
        }
    }

    /// <summary>Every case but the edge file, whose largest-float weight overflows to ∞ in every engine.</summary>
    public static TheoryData<BakedCase> Finite => [.. Cases.Where(c => c.File != "edge.weights.json")];

    [Theory]
    [MemberData(nameof(Finite))]
    public void Predictions_agree_with_the_reference_interpreter(BakedCase @case)
    {
        var baked = @case.Baked();
        var reference = new ReferenceNetwork(baked.Spec);
        @case.BakedParameters().CopyTo(reference.Parameters);
        var inputs = TestData.Uniform(new Random(4), 32 * baked.InputCount, scale: 2);
        var expected = new float[32 * baked.OutputCount];
        var actual = new float[expected.Length];
        reference.PredictBatch(inputs, expected);
        baked.PredictBatch(inputs, actual);
        for (int k = 0; k < actual.Length; k++)
            actual[k].ShouldBe(expected[k], 1e-5 + 1e-5 * Math.Abs(expected[k]), $"output {k}");
    }

    [Fact]
    public void The_edge_file_s_values_are_what_its_text_says()
    {
        // Independent of both readers: the values the C# compiler gives the file's text.
        float[] expected =
        [
            -0.0f, 1.401298E-45f, 3.4028235E+38f,
            0.1000000000000000055511151231257827f, 16777217f, -1e-7f,
            2.5E-3f, 0.33333333333333333333f, -123456.789f,
            1E-05f, -0f, 7f,
        ];
        BakedEdgeNet.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits).ShouldBe(expected.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_baked_network_predicts_only_and_holds_no_state(BakedCase @case)
    {
        var type = @case.Baked().GetType();
        typeof(IPredictor).IsAssignableFrom(type).ShouldBeTrue();
        typeof(INetwork).IsAssignableFrom(type).ShouldBeFalse("a network whose weights are constants cannot train");
        // No instance fields: the forward pass cannot load a weight from the object.
        type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Predict_and_PredictBatch_allocate_nothing(BakedCase @case)
    {
        var baked = @case.Baked();
        var inputs = TestData.Uniform(new Random(5), 16 * baked.InputCount);
        var outputs = new float[16 * baked.OutputCount];
        void Run()
        {
            baked.Predict(inputs.AsSpan(0, baked.InputCount), outputs.AsSpan(0, baked.OutputCount));
            baked.PredictBatch(inputs, outputs); // loop layers read Parameters: constant data, never copied
        }
        SteadyAllocation.ShouldAllocateNothing(Run, "the baked network", warmUp: 200);
    }

    [Fact]
    public void Wrong_lengths_throw_ArgumentException_naming_the_argument()
    {
        var baked = new BakedFlowerNet();
        Should.Throw<ArgumentException>(() => baked.Predict(new float[3], new float[1])).ParamName.ShouldBe("input");
        Should.Throw<ArgumentException>(() => baked.Predict(new float[2], new float[2])).ParamName.ShouldBe("output");
        Should.Throw<ArgumentException>(() => baked.PredictBatch(new float[5], new float[2])).ParamName.ShouldBe("inputs");
        Should.Throw<ArgumentException>(() => baked.PredictBatch(new float[4], new float[3])).ParamName.ShouldBe("outputs");
    }

    [Fact]
    public void The_flower_weight_files_are_the_main_sample_s_trained_network()
    {
        // The sample trains a FlowerNet (2-4-1, seed 2, 10,000 iterations at α = 1.2) and saves it; the
        // NativeAOT sample and these tests bake that file. Training the same way here must write it
        // again byte for byte, so the committed files are what they say they are.
        var flower = PlanarFlower.Generate(count: 400, seed: 1);
        var network = new Generated.XorNet();
        network.Initialize(seed: 2);
        Trainer.Fit(network, flower.Inputs, flower.Targets, new TrainingOptions { Iterations = 10_000, LearningRate = 1.2f });
        string committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Weights", "Baked", "flower.weights.json"));
        File.ReadAllText(Path.Combine(Repository.Root(), "samples", "GenNet.AotSample", "flower.weights.json")).ShouldBe(committed);
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            // The file was trained in blocks of eight examples (one per Vector256 lane), as every machine
            // with AVX2 trains: the same bits.
            using var saved = new MemoryStream();
            NetworkWeights.Write(network, saved, WeightFormat.Json);
            System.Text.Encoding.UTF8.GetString(saved.ToArray()).ShouldBe(committed);
        }
        else
        {
            // Without Vector256 every example runs on its own and the sums round otherwise: close, not equal.
            var file = new Generated.XorNet();
            NetworkWeights.Read(file, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(committed)));
            Engines.EquivalenceTests.ShouldBeClose(network.Parameters.ToArray(), file.Parameters.ToArray(), 1e-3, "parameters trained one example at a time");
        }
    }

    [Fact]
    public void The_baked_flower_network_classifies_as_it_did_when_it_was_saved()
    {
        // 373 of 400 points (printed "93.2 %") is what the main sample's network gets right after
        // training, before it is saved.
        var flower = PlanarFlower.Generate(count: 400, seed: 1);
        Evaluation.UnitAccuracy(new BakedFlowerNet(), flower.Inputs, flower.Targets).ShouldBe(373 / 400.0);
        BakedFlowerNet.Spec.ToString().ShouldBe(Generated.XorNet.Spec.ToString());
    }
}
