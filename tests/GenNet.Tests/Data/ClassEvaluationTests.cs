using GenNet.Tests.Generated;

namespace GenNet.Tests.Data;

/// <summary>
/// Class prediction and class accuracy, against the per-unit accuracy that counts each output unit:
/// on one-hot targets the two differ, and the names say which is which.
/// </summary>
public class ClassEvaluationTests
{
    // A 3-input, 3-output linear layer with W = I and b = 0 outputs its input, so the inputs below
    // are the network's scores for three classes.
    private static readonly float[] Scores =
    [
        0.9f, 0.1f, 0.2f,   // class 0, right; every unit on the right side of 0.5
        0.6f, 0.7f, 0.1f,   // class 1, wrong; units 0 and 2 right
        0.9f, 0.2f, 0.1f,   // class 0, right; every unit right
        0.2f, 0.45f, 0.4f,  // class 1, wrong; units 0 and 1 right
    ];

    private static readonly float[] OneHot =
    [
        1, 0, 0,
        1, 0, 0,
        1, 0, 0,
        0, 0, 1,
    ];

    [Fact]
    public void Class_accuracy_counts_examples_and_unit_accuracy_counts_output_units()
    {
        var network = Identity();
        Evaluation.ClassAccuracy(network, Scores, OneHot).ShouldBe(2 / 4.0);
        Evaluation.UnitAccuracy(network, Scores, OneHot).ShouldBe(10 / 12.0);
    }

    [Fact]
    public void The_predicted_class_is_the_largest_output()
    {
        var network = Identity();
        var classes = new int[4];
        Evaluation.PredictClasses(network, Scores, classes);
        classes.ShouldBe([0, 1, 0, 1]);
        Evaluation.PredictClass(network, [0.1f, 0.2f, 0.3f]).ShouldBe(2);
        Evaluation.PredictClass(network, [0.5f, 0.5f, 0.1f]).ShouldBe(0); // a tie goes to the first
    }

    [Fact]
    public void One_output_is_a_class_by_its_side_of_one_half()
    {
        Evaluation.ClassOf([0.7f]).ShouldBe(1);
        Evaluation.ClassOf([0.5f]).ShouldBe(0);
        Evaluation.ClassOf([0.2f]).ShouldBe(0);
        Should.Throw<ArgumentException>(() => Evaluation.ClassOf([])).ParamName.ShouldBe("outputs");
    }

    [Fact]
    public void Class_prediction_rejects_a_classes_span_of_the_wrong_length()
    {
        Should.Throw<ArgumentException>(() => Evaluation.PredictClasses(Identity(), Scores, new int[3])).ParamName.ShouldBe("classes");
    }

    [Fact]
    public void A_softmax_network_predicts_the_class_of_its_largest_probability()
    {
        var network = new SoftmaxNet();
        network.Initialize(seed: 3);
        const int m = 50;
        var inputs = TestData.Uniform(new Random(3), m * SoftmaxNet.InputCount, 3);
        var probabilities = new float[m * SoftmaxNet.OutputCount];
        network.PredictBatch(inputs, probabilities);
        var classes = new int[m];
        Evaluation.PredictClasses(network, inputs, classes);

        for (int i = 0; i < m; i++)
        {
            var p = probabilities.AsSpan(i * 3, 3);
            int largest = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            classes[i].ShouldBe(largest, $"example {i}: {p[0]}, {p[1]}, {p[2]}");
            Evaluation.PredictClass(network, inputs.AsSpan(i * 4, 4)).ShouldBe(largest);
        }
        classes.Distinct().Count().ShouldBe(3, "the inputs reach every class, so a constant answer would fail");
    }

    [Fact]
    public void One_sigmoid_output_is_class_1_above_one_half()
    {
        // σ(x) with W = 1, b = 0: above 0.5 exactly when x > 0.
        var network = new DynamicNetwork(new NetworkSpec(1, [new(1, Activation.Sigmoid)]));
        network.Parameters[0] = 1f;
        var classes = new int[4];
        Evaluation.PredictClasses(network, [-2f, 0f, 0.1f, 3f], classes);
        classes.ShouldBe([0, 0, 1, 1]);
        Evaluation.ClassAccuracy(network, [-2f, 0f, 0.1f, 3f], [0f, 1f, 1f, 1f]).ShouldBe(3 / 4.0);
    }

    [Fact]
    public void Several_sigmoid_outputs_are_labels_each_on_above_one_half()
    {
        // σ(x) per unit with W = I, b = 0: unit k is on exactly when x_k > 0.
        var network = new DynamicNetwork(new NetworkSpec(3, [new(3, Activation.Sigmoid)]));
        network.Parameters[0] = network.Parameters[4] = network.Parameters[8] = 1f;
        float[] inputs = [2f, -1f, 0.5f, 0f, 0f, 0f, 1f, 1f, 1f];
        var labels = new bool[9];
        Evaluation.PredictLabels(network, inputs, labels);
        labels.ShouldBe([true, false, true, false, false, false, true, true, true], "two labels, none (σ(0) = 0.5 is not above), all three");

        var one = new bool[3];
        Evaluation.PredictLabels(network, inputs.AsSpan(0, 3), one);
        one.ShouldBe([true, false, true]);
        var read = new bool[4];
        Evaluation.LabelsOf([0.9f, 0.5f, 0.2f, 0.51f], read);
        read.ShouldBe([true, false, false, true]);
    }

    [Fact]
    public void A_NaN_output_names_no_class_or_label_and_the_error_names_the_input_that_caused_it()
    {
        // A NaN input makes every softmax output NaN; reading that as class 0 would be a silent wrong answer.
        var softmax = new DynamicNetwork(new NetworkSpec(2, [new(3, Activation.Softmax)]));
        softmax.Initialize(seed: 1);
        float[] inputs = [0.5f, 1f, float.NaN, 2f];
        var error = Should.Throw<ArgumentException>(() => Evaluation.PredictClasses(softmax, inputs, new int[2]));
        error.ParamName.ShouldBe("inputs");
        error.Message.ShouldContain("example 1");
        error.Message.ShouldContain("inputs[2..3]");
        Should.Throw<ArgumentException>(() => Evaluation.PredictClass(softmax, inputs.AsSpan(2, 2))).ParamName.ShouldBe("input");
        Should.Throw<ArgumentException>(() => Evaluation.ClassAccuracy(softmax, inputs, [1, 0, 0, 0, 1, 0])).ParamName.ShouldBe("inputs");
        Should.Throw<ArgumentException>(() => Evaluation.ClassAccuracy(softmax, [0.5f, 1f], [float.NaN, 0, 1])).ParamName.ShouldBe("targets");
        Should.Throw<ArgumentException>(() => Evaluation.ClassOf([0.2f, float.NaN])).ParamName.ShouldBe("outputs");

        var sigmoid = new DynamicNetwork(new NetworkSpec(2, [new(1, Activation.Sigmoid)]));
        Should.Throw<ArgumentException>(() => Evaluation.PredictClass(sigmoid, [float.PositiveInfinity, float.NegativeInfinity]))
            .ParamName.ShouldBe("input");
        Should.Throw<ArgumentException>(() => Evaluation.PredictLabels(sigmoid, [float.NaN, 0f], new bool[1])).ParamName.ShouldBe("inputs");
        Should.Throw<ArgumentException>(() => Evaluation.LabelsOf([0.9f, float.NaN], new bool[2])).ParamName.ShouldBe("outputs");
    }

    [Fact]
    public void Label_prediction_refuses_spans_that_do_not_fit_by_name()
    {
        var network = Identity();
        Should.Throw<ArgumentException>(() => Evaluation.PredictLabels(network, new float[6], new bool[3])).ParamName.ShouldBe("labels");
        Should.Throw<ArgumentException>(() => Evaluation.PredictLabels(network, new float[6], new bool[2])).ParamName.ShouldBe("labels");
        Should.Throw<ArgumentException>(() => Evaluation.PredictLabels(network, new float[4], new bool[3])).ParamName.ShouldBe("inputs");
        Should.Throw<ArgumentException>(() => Evaluation.LabelsOf([], [])).ParamName.ShouldBe("outputs");
        Should.Throw<ArgumentException>(() => Evaluation.LabelsOf([0.2f, 0.7f], new bool[3])).ParamName.ShouldBe("labels");
    }

    public static TheoryData<string> Classifiers => [nameof(ReluClassifier), nameof(SoftmaxNet), nameof(DigitsShapedNet)];

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void Class_and_label_prediction_allocate_nothing(string name)
    {
        var network = GeneratedNetworks.All[name]();
        network.Initialize(seed: 1);
        var inputs = TestData.Uniform(new Random(1), 8 * network.InputCount);
        var one = inputs.AsSpan(0, network.InputCount).ToArray();
        var classes = new int[8];
        var labels = new bool[8 * network.OutputCount];
        var oneLabels = new bool[network.OutputCount];
        SteadyAllocation.ShouldAllocateNothing(Predict, name);

        void Predict()
        {
            Evaluation.PredictClasses(network, inputs, classes);
            Evaluation.PredictClass(network, one);
            Evaluation.PredictLabels(network, inputs, labels);
            Evaluation.PredictLabels(network, one, oneLabels);
        }
    }

    private static DynamicNetwork Identity()
    {
        var network = new DynamicNetwork(new NetworkSpec(3, [new(3, Activation.Linear)]));
        network.Parameters[0] = network.Parameters[4] = network.Parameters[8] = 1f; // W row-major, then b = 0
        return network;
    }
}
