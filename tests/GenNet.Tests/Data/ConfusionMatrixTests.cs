namespace GenNet.Tests.Data;

/// <summary>The confusion matrix against counts, shares and a table worked out by hand.</summary>
public sealed class ConfusionMatrixTests
{
    // Six examples of three classes; by hand, rows = actual, columns = predicted:
    //   [1 1 0]
    //   [0 2 1]
    //   [0 0 1]
    private static readonly int[] Actual = [0, 0, 1, 1, 1, 2];
    private static readonly int[] Predicted = [0, 1, 1, 1, 2, 2];

    [Fact]
    public void Counts_each_pair_of_actual_and_predicted_class()
    {
        var matrix = new ConfusionMatrix(Actual, Predicted, classCount: 3);

        int[,] expected = { { 1, 1, 0 }, { 0, 2, 1 }, { 0, 0, 1 } };
        for (int a = 0; a < 3; a++)
            for (int p = 0; p < 3; p++)
                matrix[a, p].ShouldBe(expected[a, p], $"[{a}, {p}]");
        (matrix.Total, matrix.Correct).ShouldBe((6, 4));
        matrix.Accuracy.ShouldBe(4.0 / 6, 1e-15);
        Enumerable.Range(0, 3).Select(matrix.ActualCount).ShouldBe([2, 3, 1]);
        Enumerable.Range(0, 3).Select(matrix.PredictedCount).ShouldBe([1, 3, 2]);
    }

    [Fact]
    public void Precision_is_per_column_and_recall_per_row()
    {
        var matrix = new ConfusionMatrix(Actual, Predicted, classCount: 3);

        matrix.Precision(0).ShouldBe(1.0);
        matrix.Precision(1).ShouldBe(2.0 / 3, 1e-15);
        matrix.Precision(2).ShouldBe(0.5);
        matrix.Recall(0).ShouldBe(0.5);
        matrix.Recall(1).ShouldBe(2.0 / 3, 1e-15);
        matrix.Recall(2).ShouldBe(1.0);
    }

    [Fact]
    public void A_class_never_predicted_or_never_present_has_undefined_shares()
    {
        var matrix = new ConfusionMatrix([0, 0, 1], [0, 0, 0], classCount: 3);

        double.IsNaN(matrix.Precision(1)).ShouldBeTrue();
        matrix.Recall(1).ShouldBe(0.0);
        double.IsNaN(matrix.Recall(2)).ShouldBeTrue();
        matrix.ToString().ShouldContain("-");
    }

    [Fact]
    public void ToString_is_a_table_with_recall_precision_and_accuracy()
    {
        var matrix = new ConfusionMatrix(Actual, Predicted, classCount: 3);

        matrix.ToString().ReplaceLineEndings("\n").ShouldBe(
            """
            actual \ predicted      0      1      2 recall
            0                       1      1      0  50.0%
            1                       0      2      1  66.7%
            2                       0      0      1 100.0%
            precision          100.0%  66.7%  50.0%
            accuracy 66.7% (4 of 6)
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Class_names_label_the_table()
    {
        var matrix = new ConfusionMatrix([0, 1], [0, 1], classCount: 2, classNames: ["cat", "dog"]);

        var lines = matrix.ToString().ReplaceLineEndings("\n").Split('\n');
        lines[0].ShouldEndWith("   cat    dog recall");
        lines[1].ShouldStartWith("cat ");
        lines[2].ShouldStartWith("dog ");
    }

    [Fact]
    public void Bad_arguments_are_refused_by_name()
    {
        Should.Throw<ArgumentException>(() => new ConfusionMatrix([0], [0], classCount: 0)).ParamName.ShouldBe("classCount");
        Should.Throw<ArgumentException>(() => new ConfusionMatrix([], [], classCount: 2)).ParamName.ShouldBe("actualClasses");
        Should.Throw<ArgumentException>(() => new ConfusionMatrix([0, 1], [0], classCount: 2)).ParamName.ShouldBe("predictedClasses");
        Should.Throw<ArgumentException>(() => new ConfusionMatrix([0, 2], [0, 1], classCount: 2)).Message.ShouldContain("example 1 has 2");
        Should.Throw<ArgumentException>(() => new ConfusionMatrix([0, 1], [-1, 1], classCount: 2)).ParamName.ShouldBe("predictedClasses");
        Should.Throw<ArgumentException>(() => new ConfusionMatrix([0], [0], classCount: 2, classNames: ["only one"])).ParamName.ShouldBe("classNames");

        var matrix = new ConfusionMatrix(Actual, Predicted, classCount: 3);
        Should.Throw<ArgumentException>(() => matrix[3, 0]).ParamName.ShouldBe("actual");
        Should.Throw<ArgumentException>(() => matrix.Precision(-1)).ParamName.ShouldBe("c");
        Should.Throw<ArgumentException>(() => matrix.PredictedCount(3)).ParamName.ShouldBe("predicted");
    }
}
