using System.Globalization;
using System.Text;

namespace GenNet;

/// <summary>
/// How a classifier's predicted classes compare with the true ones: <c>this[actual, predicted]</c>
/// counts the examples of class <c>actual</c> that were predicted as <c>predicted</c>, so the
/// diagonal holds the right answers. Rows are true classes, columns predicted classes.
/// </summary>
/// <remarks>
/// For class <c>c</c>, with <c>TP</c> the diagonal count <c>this[c, c]</c>:
/// precision is <c>TP / (column c's sum)</c>, the share of the examples predicted as <c>c</c> that
/// are <c>c</c>; recall is <c>TP / (row c's sum)</c>, the share of the examples of class <c>c</c>
/// that were found; accuracy is the diagonal's sum over all examples.
/// </remarks>
public sealed class ConfusionMatrix
{
    private readonly int[] counts;
    private readonly string[] classNames;

    /// <summary>Counts each pair of true and predicted class.</summary>
    /// <param name="actualClasses">The true class of each example, 0 to <paramref name="classCount"/> − 1.</param>
    /// <param name="predictedClasses">The predicted class of each example, 0 to <paramref name="classCount"/> − 1.</param>
    /// <param name="classCount">The number of classes; 2 for a binary classifier.</param>
    /// <param name="classNames">Names for the table, one per class; the class indices by default.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="classCount"/> is below 1, the spans are empty or differ in length, a class index
    /// is out of range, or <paramref name="classNames"/> does not have one name per class.
    /// </exception>
    public ConfusionMatrix(ReadOnlySpan<int> actualClasses, ReadOnlySpan<int> predictedClasses, int classCount, IReadOnlyList<string>? classNames = null)
    {
        if (classCount < 1)
            throw new ArgumentException($"Expected at least 1 class, but classCount is {classCount}.", nameof(classCount));
        if (actualClasses.IsEmpty)
            throw new ArgumentException("Expected at least one example, but actualClasses is empty.", nameof(actualClasses));
        NetworkArgument.RequireLength(predictedClasses.Length, actualClasses.Length, nameof(predictedClasses), "one predicted class per true class");
        if (classNames is not null && classNames.Count != classCount)
            throw new ArgumentException($"Expected {classCount} class names, one per class, but {classNames.Count} were given.", nameof(classNames));
        RequireClasses(actualClasses, classCount, nameof(actualClasses));
        RequireClasses(predictedClasses, classCount, nameof(predictedClasses));

        ClassCount = classCount;
        this.classNames = classNames?.ToArray() ?? [.. Enumerable.Range(0, classCount).Select(c => c.ToString(CultureInfo.InvariantCulture))];
        counts = new int[classCount * classCount];
        for (int i = 0; i < actualClasses.Length; i++)
            counts[actualClasses[i] * classCount + predictedClasses[i]]++;
        Total = actualClasses.Length;
        for (int c = 0; c < classCount; c++)
            Correct += this[c, c];
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The number of examples counted.</summary>
    public int Total { get; }

    /// <summary>The number of examples predicted as their true class: the diagonal's sum.</summary>
    public int Correct { get; }

    /// <summary>The share of examples predicted right, <see cref="Correct"/> / <see cref="Total"/>, from 0 to 1.</summary>
    public double Accuracy => (double)Correct / Total;

    /// <summary>The class names the table shows.</summary>
    public IReadOnlyList<string> ClassNames => classNames;

    /// <summary>The number of examples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    /// <param name="actual">The true class, the row.</param>
    /// <param name="predicted">The predicted class, the column.</param>
    /// <exception cref="ArgumentException">A class index is out of range.</exception>
    public int this[int actual, int predicted]
    {
        get
        {
            RequireClass(actual, nameof(actual));
            RequireClass(predicted, nameof(predicted));
            return counts[actual * ClassCount + predicted];
        }
    }

    /// <summary>The number of examples whose true class is <paramref name="actual"/>: row <paramref name="actual"/>'s sum.</summary>
    /// <param name="actual">The class.</param>
    /// <exception cref="ArgumentException">The class index is out of range.</exception>
    public int ActualCount(int actual)
    {
        RequireClass(actual, nameof(actual));
        int sum = 0;
        for (int p = 0; p < ClassCount; p++)
            sum += counts[actual * ClassCount + p];
        return sum;
    }

    /// <summary>The number of examples predicted as <paramref name="predicted"/>: column <paramref name="predicted"/>'s sum.</summary>
    /// <param name="predicted">The class.</param>
    /// <exception cref="ArgumentException">The class index is out of range.</exception>
    public int PredictedCount(int predicted)
    {
        RequireClass(predicted, nameof(predicted));
        int sum = 0;
        for (int a = 0; a < ClassCount; a++)
            sum += counts[a * ClassCount + predicted];
        return sum;
    }

    /// <summary>
    /// The share of the examples predicted as <paramref name="c"/> that are <paramref name="c"/>:
    /// <c>this[c, c] / PredictedCount(c)</c>. <see cref="double.NaN"/> when no example was predicted
    /// as <paramref name="c"/>, since the share is then undefined (not 0, and not 1).
    /// </summary>
    /// <param name="c">The class.</param>
    /// <exception cref="ArgumentException">The class index is out of range.</exception>
    public double Precision(int c)
    {
        RequireClass(c, nameof(c));
        return Share(counts[c * ClassCount + c], PredictedCount(c));
    }

    /// <summary>
    /// The share of the examples of class <paramref name="c"/> predicted as <paramref name="c"/>:
    /// <c>this[c, c] / ActualCount(c)</c>. <see cref="double.NaN"/> when no example is of class
    /// <paramref name="c"/>, since the share is then undefined.
    /// </summary>
    /// <param name="c">The class.</param>
    /// <exception cref="ArgumentException">The class index is out of range.</exception>
    public double Recall(int c)
    {
        RequireClass(c, nameof(c));
        return Share(counts[c * ClassCount + c], ActualCount(c));
    }

    /// <summary>
    /// The matrix as a text table: one row per true class with its recall, one column per predicted
    /// class, a precision row, and the accuracy. Undefined shares show as <c>-</c>.
    /// </summary>
    public override string ToString()
    {
        const string Corner = "actual \\ predicted", RecallHeader = "recall", PrecisionHeader = "precision";
        int firstWidth = Math.Max(Corner.Length, classNames.Max(name => name.Length));
        int cellWidth = Math.Max(Percent(1).Length, Math.Max(classNames.Max(name => name.Length), Total.ToString(CultureInfo.InvariantCulture).Length));
        var table = new StringBuilder();
        table.Append(Corner.PadRight(firstWidth));
        foreach (var name in classNames)
            table.Append(' ').Append(name.PadLeft(cellWidth));
        table.Append(' ').Append(RecallHeader.PadLeft(cellWidth)).AppendLine();
        for (int a = 0; a < ClassCount; a++)
        {
            table.Append(classNames[a].PadRight(firstWidth));
            for (int p = 0; p < ClassCount; p++)
                table.Append(' ').Append(counts[a * ClassCount + p].ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
            table.Append(' ').Append(Percent(Recall(a)).PadLeft(cellWidth)).AppendLine();
        }
        table.Append(PrecisionHeader.PadRight(firstWidth));
        for (int p = 0; p < ClassCount; p++)
            table.Append(' ').Append(Percent(Precision(p)).PadLeft(cellWidth));
        table.AppendLine();
        table.Append(CultureInfo.InvariantCulture, $"accuracy {Percent(Accuracy)} ({Correct} of {Total})");
        return table.ToString();
    }

    private static double Share(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;

    private static string Percent(double share) =>
        double.IsNaN(share) ? "-" : (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private void RequireClass(int c, string paramName)
    {
        if ((uint)c >= (uint)ClassCount)
            throw new ArgumentException($"Expected a class index from 0 to {ClassCount - 1}, but it is {c}.", paramName);
    }

    private static void RequireClasses(ReadOnlySpan<int> classes, int classCount, string paramName)
    {
        for (int i = 0; i < classes.Length; i++)
            if ((uint)classes[i] >= (uint)classCount)
                throw new ArgumentException(
                    $"Expected class indices from 0 to {classCount - 1}, but example {i} has {classes[i]}.", paramName);
    }
}
