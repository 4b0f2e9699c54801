using GenNet.Datasets;

namespace GenNet.Tests.Data;

/// <summary>The train/validation split: a partition, repeatable from its seed, stratified when given classes, and its refusals.</summary>
public sealed class DataSplitTests
{
    [Fact]
    public void Shuffled_split_partitions_the_examples_with_the_rounded_share_held_out()
    {
        var split = DataSplit.Shuffled(exampleCount: 10, validationFraction: 0.25, seed: 1);

        // 0.25 · 10 = 2.5, rounded half up to 3.
        split.ValidationIndices.Length.ShouldBe(3);
        split.TrainingIndices.Length.ShouldBe(7);
        split.ExampleCount.ShouldBe(10);
        ShouldPartition(split, 10);
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        var first = DataSplit.Shuffled(100, 0.3, seed: 7);
        var again = DataSplit.Shuffled(100, 0.3, seed: 7);
        var other = DataSplit.Shuffled(100, 0.3, seed: 8);

        again.TrainingIndices.ToArray().ShouldBe(first.TrainingIndices.ToArray());
        again.ValidationIndices.ToArray().ShouldBe(first.ValidationIndices.ToArray());
        other.ValidationIndices.ToArray().ShouldNotBe(first.ValidationIndices.ToArray());

        int[] labels = [.. Enumerable.Range(0, 100).Select(i => i % 3)];
        DataSplit.Stratified(labels, 0.3, seed: 7).ValidationIndices.ToArray()
            .ShouldBe(DataSplit.Stratified(labels, 0.3, seed: 7).ValidationIndices.ToArray());
    }

    [Fact]
    public void Stratified_split_of_iris_holds_out_10_of_each_50_and_mixes_the_classes()
    {
        var iris = ClassicDatasets.Iris();

        var split = DataSplit.Stratified(iris.Labels, validationFraction: 0.2, seed: 1);

        ShouldPartition(split, 150);
        var (trainLabels, validationLabels) = split.CopyRows<int>(iris.Labels, valuesPerExample: 1);
        CountPerClass(validationLabels, 3).ShouldBe([10, 10, 10]);
        CountPerClass(trainLabels, 3).ShouldBe([40, 40, 40]);
        // The file is sorted by class; the training rows are not.
        trainLabels.Take(40).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void Stratified_split_gives_the_extra_examples_to_the_largest_remainders()
    {
        // Classes of 7, 5 and 3 at 0.3: exact shares 2.1, 1.5 and 0.9, total round(4.5) = 5.
        // Floors 2 + 1 + 0 = 3; the two extra go to the remainders 0.9 (class 2) and 0.5 (class 1).
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 0, 1, 0, 0];

        var split = DataSplit.Stratified(labels, validationFraction: 0.3, seed: 4);

        var (_, validation) = split.CopyRows<int>(labels, 1);
        CountPerClass(validation, 3).ShouldBe([2, 2, 1]);
        ShouldPartition(split, labels.Length);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.77)]
    public void Stratified_split_of_the_digits_keeps_each_class_within_one_example_of_its_share(double fraction)
    {
        var digits = ClassicDatasets.Digits();

        var split = DataSplit.Stratified(digits.Labels, fraction, seed: 2);

        ShouldPartition(split, digits.Count);
        var (_, validation) = split.CopyRows<int>(digits.Labels, 1);
        var held = CountPerClass(validation, 10);
        var sizes = CountPerClass(digits.Labels, 10);
        for (int c = 0; c < 10; c++)
            Math.Abs(held[c] - fraction * sizes[c]).ShouldBeLessThan(1, $"class {c}");
        validation.Length.ShouldBe((int)Math.Floor(fraction * digits.Count + 0.5));
    }

    [Fact]
    public void Copied_rows_are_the_rows_of_the_indices()
    {
        // Row i holds (10i, 10i + 1, 10i + 2), so every copied row says which example it came from.
        float[] values = [.. Enumerable.Range(0, 8).SelectMany(i => new float[] { 10 * i, 10 * i + 1, 10 * i + 2 })];
        var split = DataSplit.Shuffled(8, 0.25, seed: 3);

        var (training, validation) = split.CopyRows<float>(values, valuesPerExample: 3);

        training.Length.ShouldBe(6 * 3);
        validation.Length.ShouldBe(2 * 3);
        for (int k = 0; k < 6; k++)
        {
            int i = split.TrainingIndices[k];
            training.AsSpan(k * 3, 3).ToArray().ShouldBe([10f * i, 10f * i + 1, 10f * i + 2]);
        }
        var rowsSeen = training.Concat(validation).Where((_, n) => n % 3 == 0).Select(v => (int)v / 10).Order();
        rowsSeen.ShouldBe(Enumerable.Range(0, 8));
    }

    [Fact]
    public void A_dataset_splits_inputs_and_targets_alike()
    {
        var iris = ClassicDatasets.Iris().ToDataset();
        var split = DataSplit.Shuffled(iris.Count, 0.2, seed: 5);

        var (training, validation) = split.CopyRows(iris);

        (training.Count, validation.Count).ShouldBe((120, 30));
        (training.InputCount, training.OutputCount).ShouldBe((4, 3));
        int first = split.ValidationIndices[0];
        validation.Inputs.AsSpan(0, 4).ToArray().ShouldBe(iris.Inputs.AsSpan(first * 4, 4).ToArray());
        validation.Targets.AsSpan(0, 3).ToArray().ShouldBe(iris.Targets.AsSpan(first * 3, 3).ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.2)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_fraction_outside_0_to_1_is_refused(double fraction)
    {
        Should.Throw<ArgumentException>(() => DataSplit.Shuffled(10, fraction, seed: 1)).ParamName.ShouldBe("validationFraction");
        Should.Throw<ArgumentException>(() => DataSplit.Stratified([0, 1, 0, 1], fraction, seed: 1)).ParamName.ShouldBe("validationFraction");
    }

    [Theory]
    [InlineData(3, 0.1)]   // round(0.3) = 0 held out
    [InlineData(3, 0.9)]   // round(2.7) = 3 held out, none left to train on
    public void A_split_that_leaves_a_side_empty_is_refused(int count, double fraction)
    {
        var error = Should.Throw<ArgumentException>(() => DataSplit.Shuffled(count, fraction, seed: 1));
        error.ParamName.ShouldBe("validationFraction");
        error.Message.ShouldContain("both need at least one");
        Should.Throw<ArgumentException>(() => DataSplit.Stratified(new int[count], fraction, seed: 1)).ParamName.ShouldBe("validationFraction");
    }

    [Fact]
    public void Too_few_examples_a_negative_label_and_mismatched_rows_are_refused()
    {
        Should.Throw<ArgumentException>(() => DataSplit.Shuffled(1, 0.5, seed: 1)).ParamName.ShouldBe("exampleCount");
        Should.Throw<ArgumentException>(() => DataSplit.Stratified([0], 0.5, seed: 1)).ParamName.ShouldBe("classLabels");
        Should.Throw<ArgumentException>(() => DataSplit.Stratified([0, -1, 0, 1], 0.5, seed: 1)).Message.ShouldContain("example 1 has -1");

        var split = DataSplit.Shuffled(4, 0.5, seed: 1);
        Should.Throw<ArgumentException>(() => split.CopyRows<float>(new float[7], 2)).ParamName.ShouldBe("values");
        Should.Throw<ArgumentException>(() => split.CopyRows<float>(new float[8], 0)).ParamName.ShouldBe("valuesPerExample");
        Should.Throw<ArgumentException>(() => split.CopyRows(new Dataset(new float[10], new float[5], 2, 1))).ParamName.ShouldBe("data");
        Should.Throw<ArgumentException>(() => split.CopyRows(new Dataset(new float[8], new float[5], 2, 1))).ParamName.ShouldBe("data");
    }

    private static void ShouldPartition(DataSplit split, int count)
    {
        var all = split.TrainingIndices.ToArray().Concat(split.ValidationIndices.ToArray()).Order();
        all.ShouldBe(Enumerable.Range(0, count));
    }

    private static int[] CountPerClass(int[] labels, int classCount) =>
        [.. Enumerable.Range(0, classCount).Select(c => labels.Count(label => label == c))];
}
