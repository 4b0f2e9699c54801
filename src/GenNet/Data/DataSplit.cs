using GenNet.Datasets;

namespace GenNet;

/// <summary>
/// A division of a data set's examples into a training part and a held-out validation part,
/// drawn from a seed so that a run can be repeated exactly. Make one with <see cref="Shuffled"/>
/// or, for classification, <see cref="Stratified"/>; then copy the rows of each array that
/// describes the examples (features, one-hot targets, labels) with <see cref="CopyRows{T}"/>:
/// <code>
/// var split = DataSplit.Stratified(labels, validationFraction: 0.2, seed: 1);
/// var (trainInputs, validationInputs) = split.CopyRows(features, valuesPerExample: 4);
/// var (trainTargets, validationTargets) = split.CopyRows(oneHotTargets, valuesPerExample: 3);
/// </code>
/// </summary>
/// <remarks>
/// Both index sets are in random order, so copied rows are shuffled too: data sets stored
/// sorted by class (as Iris is) do not reach the trainer sorted. The random sequence is GenNet's
/// own (SplitMix64), the same on every machine and .NET version.
/// </remarks>
public sealed class DataSplit
{
    private readonly int[] training;
    private readonly int[] validation;

    private DataSplit(int[] training, int[] validation)
    {
        this.training = training;
        this.validation = validation;
    }

    /// <summary>The number of examples split, training and validation together.</summary>
    public int ExampleCount => training.Length + validation.Length;

    /// <summary>The indices of the training examples, in random order.</summary>
    public ReadOnlySpan<int> TrainingIndices => training;

    /// <summary>The indices of the validation examples, in random order.</summary>
    public ReadOnlySpan<int> ValidationIndices => validation;

    /// <summary>
    /// Holds out a random <paramref name="validationFraction"/> of <paramref name="exampleCount"/>
    /// examples: <c>round(validationFraction · exampleCount)</c> of them (halves rounded up), the
    /// rest for training.
    /// </summary>
    /// <param name="exampleCount">The number of examples <c>m</c>.</param>
    /// <param name="validationFraction">The share held out, strictly between 0 and 1.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <exception cref="ArgumentException">
    /// The fraction is not strictly between 0 and 1, or the split would leave one side empty.
    /// </exception>
    public static DataSplit Shuffled(int exampleCount, double validationFraction, int seed)
    {
        RequireFraction(validationFraction);
        if (exampleCount < 2)
            throw new ArgumentException($"A split needs at least 2 examples, but exampleCount is {exampleCount}.", nameof(exampleCount));
        int validationCount = RoundHalfUp(validationFraction * exampleCount);
        RequireBothSides(validationCount, exampleCount, validationFraction);

        var random = new GaussianSource(seed);
        var order = Enumerable.Range(0, exampleCount).ToArray();
        Shuffle(order, random);
        return new DataSplit(order[validationCount..], order[..validationCount]);
    }

    /// <summary>
    /// Holds out <paramref name="validationFraction"/> of each class, so both sides keep the classes'
    /// proportions. Class <c>c</c> with <c>n_c</c> examples gives <c>⌊f · n_c⌋</c> or <c>⌈f · n_c⌉</c>
    /// to validation (within one example of its exact share), and the total held out is
    /// <c>round(f · m)</c>: the classes with the largest fractional parts <c>f · n_c − ⌊f · n_c⌋</c>
    /// take the extra examples (ties to the lower class).
    /// </summary>
    /// <param name="classLabels">The class index of each example, 0 or more; any number of classes.</param>
    /// <param name="validationFraction">The share of each class held out, strictly between 0 and 1.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <exception cref="ArgumentException">
    /// A label is negative, the fraction is not strictly between 0 and 1, or the split would leave one side empty.
    /// </exception>
    public static DataSplit Stratified(ReadOnlySpan<int> classLabels, double validationFraction, int seed)
    {
        RequireFraction(validationFraction);
        int m = classLabels.Length;
        if (m < 2)
            throw new ArgumentException($"A split needs at least 2 examples, but classLabels holds {m}.", nameof(classLabels));
        var members = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < m; i++)
        {
            int label = classLabels[i];
            if (label < 0)
                throw new ArgumentException($"Class labels are class indices, 0 or more, but example {i} has {label}.", nameof(classLabels));
            if (!members.TryGetValue(label, out var list))
                members.Add(label, list = []);
            list.Add(i);
        }
        int validationCount = RoundHalfUp(validationFraction * m);
        RequireBothSides(validationCount, m, validationFraction);

        var classes = members.Values.ToArray();
        var heldOut = LargestRemainderShares(classes.Select(c => c.Count).ToArray(), validationFraction, validationCount);
        var random = new GaussianSource(seed);
        var training = new List<int>(m - validationCount);
        var validation = new List<int>(validationCount);
        for (int c = 0; c < classes.Length; c++)
        {
            var order = classes[c].ToArray();
            Shuffle(order, random);
            validation.AddRange(order[..heldOut[c]]);
            training.AddRange(order[heldOut[c]..]);
        }
        // Mix the classes, which were appended one after another.
        var trainingOrder = training.ToArray();
        var validationOrder = validation.ToArray();
        Shuffle(trainingOrder, random);
        Shuffle(validationOrder, random);
        return new DataSplit(trainingOrder, validationOrder);
    }

    /// <summary>
    /// Copies the rows of an example-major array into a training array and a validation array,
    /// in the order of <see cref="TrainingIndices"/> and <see cref="ValidationIndices"/>.
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="float"/> for features and targets, <see cref="int"/> for labels.</typeparam>
    /// <param name="values">The rows of all <see cref="ExampleCount"/> examples, <paramref name="valuesPerExample"/> values each.</param>
    /// <param name="valuesPerExample">The values per example: the feature count, the output count, or 1 for labels.</param>
    /// <returns>The training rows and the validation rows, example-major.</returns>
    /// <exception cref="ArgumentException"><paramref name="valuesPerExample"/> is below 1, or <paramref name="values"/> does not hold <see cref="ExampleCount"/> rows.</exception>
    public (T[] Training, T[] Validation) CopyRows<T>(ReadOnlySpan<T> values, int valuesPerExample)
    {
        if (valuesPerExample < 1)
            throw new ArgumentException($"Expected at least 1 value per example, but valuesPerExample is {valuesPerExample}.", nameof(valuesPerExample));
        NetworkArgument.RequireBatchLength(values.Length, ExampleCount, valuesPerExample, nameof(values), "values");
        return (Gather(values, training, valuesPerExample), Gather(values, validation, valuesPerExample));
    }

    /// <summary>Copies a data set's inputs and targets into a training set and a validation set.</summary>
    /// <param name="data">A data set of <see cref="ExampleCount"/> examples.</param>
    /// <returns>The training set and the validation set.</returns>
    /// <exception cref="ArgumentException">The data set does not hold <see cref="ExampleCount"/> examples.</exception>
    public (Dataset Training, Dataset Validation) CopyRows(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputCount < 1 || data.OutputCount < 1
            || data.Inputs.Length != (long)ExampleCount * data.InputCount || data.Targets.Length != (long)ExampleCount * data.OutputCount)
            throw new ArgumentException(
                $"The split is of {ExampleCount} examples, but the data set holds {data.Inputs.Length} inputs ({data.InputCount} per example) " +
                $"and {data.Targets.Length} targets ({data.OutputCount} per example).", nameof(data));
        var (trainInputs, validationInputs) = CopyRows<float>(data.Inputs, data.InputCount);
        var (trainTargets, validationTargets) = CopyRows<float>(data.Targets, data.OutputCount);
        return (data with { Inputs = trainInputs, Targets = trainTargets }, data with { Inputs = validationInputs, Targets = validationTargets });
    }

    // Largest-remainder apportionment: ⌊f·n_c⌋ each, then one more to the classes whose shares
    // lost the most to rounding down, until the total is the rounded overall share.
    private static int[] LargestRemainderShares(int[] classSizes, double fraction, int total)
    {
        var shares = new int[classSizes.Length];
        var remainders = new double[classSizes.Length];
        for (int c = 0; c < classSizes.Length; c++)
        {
            double exact = fraction * classSizes[c];
            shares[c] = (int)Math.Floor(exact);
            remainders[c] = exact - shares[c];
        }
        int extra = Math.Clamp(total - shares.Sum(), 0, classSizes.Length);
        var byRemainder = Enumerable.Range(0, classSizes.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c);
        foreach (int c in byRemainder.Take(extra))
            shares[c]++;
        return shares;
    }

    private static T[] Gather<T>(ReadOnlySpan<T> values, int[] indices, int width)
    {
        var rows = new T[indices.Length * width];
        for (int k = 0; k < indices.Length; k++)
            values.Slice(indices[k] * width, width).CopyTo(rows.AsSpan(k * width, width));
        return rows;
    }

    // Fisher–Yates.
    private static void Shuffle(int[] items, GaussianSource random)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static int RoundHalfUp(double value) => (int)Math.Floor(value + 0.5);

    private static void RequireFraction(double validationFraction)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentException(
                $"The validation fraction must be strictly between 0 and 1, but it is {validationFraction}.", nameof(validationFraction));
    }

    private static void RequireBothSides(int validationCount, int exampleCount, double validationFraction)
    {
        if (validationCount == 0 || validationCount == exampleCount)
            throw new ArgumentException(
                $"Holding out {validationFraction} of {exampleCount} examples leaves {validationCount} for validation and " +
                $"{exampleCount - validationCount} for training; both need at least one.", nameof(validationFraction));
    }
}
