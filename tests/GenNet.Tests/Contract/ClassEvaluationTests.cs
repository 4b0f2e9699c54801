using GenNet.Tests.Generated;

namespace GenNet.Tests.Contract;

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
    public void Class_prediction_allocates_nothing()
    {
        var network = new ReluClassifier();
        network.Initialize(seed: 1);
        var inputs = TestData.Uniform(new Random(1), 8 * ReluClassifier.InputCount);
        var classes = new int[8];
        for (int warmUp = 0; warmUp < 100; warmUp++)
        {
            Evaluation.PredictClasses(network, inputs, classes);
            Evaluation.PredictClass(network, inputs.AsSpan(0, ReluClassifier.InputCount));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int call = 0; call < 100; call++)
        {
            Evaluation.PredictClasses(network, inputs, classes);
            Evaluation.PredictClass(network, inputs.AsSpan(0, ReluClassifier.InputCount));
        }
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    private static DynamicNetwork Identity()
    {
        var network = new DynamicNetwork(new NetworkSpec(3, [new(3, Activation.Linear)]));
        network.Parameters[0] = network.Parameters[4] = network.Parameters[8] = 1f; // W row-major, then b = 0
        return network;
    }
}
