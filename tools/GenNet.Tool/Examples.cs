using System.Globalization;

namespace GenNet.Tool;

/// <summary>
/// Examples read from a CSV file for a network: inputs example-major, targets as the network's
/// outputs should be (a number for regression; 0/1 for one sigmoid output; one-hot for several
/// outputs), and for a classifier each example's class index.
/// </summary>
internal sealed record Examples(float[] Inputs, int InputCount, float[] Targets, int OutputCount, int[]? Labels)
{
    /// <summary>The number of examples.</summary>
    public int Count => Inputs.Length / InputCount;

    /// <summary>The feature columns of <paramref name="table"/>: those named, or every column but the target.</summary>
    /// <exception cref="InputException">A named column is missing.</exception>
    public static int[] FeatureColumns(CsvTable table, IReadOnlyList<string>? features, string? target)
    {
        if (features is { Count: > 0 })
            return [.. features.Select(table.IndexOf)];
        int targetIndex = target is null ? -1 : table.IndexOf(target);
        return [.. Enumerable.Range(0, table.Columns.Count).Where(c => c != targetIndex)];
    }

    /// <summary>
    /// The class labels of a target column, in the order that numbers them: numerically when every
    /// label is a number (so 0, 1, 2 keep their meaning), otherwise in ordinal string order.
    /// </summary>
    /// <exception cref="InputException">The column holds only one class, or an empty cell.</exception>
    public static string[] ClassesOf(CsvTable table, int target)
    {
        for (int i = 0; i < table.Rows.Count; i++)
            if (table.Rows[i][target].Length == 0)
                throw InputException.At(table.File, table.Lines[i], table.Columns[target], "the target cell is empty; expected a class label.");
        var distinct = table.Rows.Select(row => row[target]).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count < 2)
            throw InputException.At(table.File, table.Lines[0], table.Columns[target],
                $"the target column holds only one class ('{distinct[0]}'); a classifier needs at least two.");
        bool numeric = distinct.All(IsNumber);
        return numeric
            ? [.. distinct.OrderBy(label => double.Parse(label, NumberStyles.Float, CultureInfo.InvariantCulture))]
            : [.. distinct.Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether a label reads as a number.</summary>
    public static bool IsNumber(string label) => double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// Reads inputs and targets: the feature columns as numbers and the target column as a class label
    /// (when <paramref name="classes"/> is given) or a number.
    /// </summary>
    /// <param name="table">The file.</param>
    /// <param name="features">The feature columns, in input order.</param>
    /// <param name="target">The target column.</param>
    /// <param name="classes">The class labels by index, or <c>null</c> for regression.</param>
    /// <param name="outputCount">The network's outputs: 1 for regression or one sigmoid, else one per class.</param>
    /// <exception cref="InputException">A cell is not a number, or a label is not one of the classes.</exception>
    public static Examples Read(CsvTable table, int[] features, int target, string[]? classes, int outputCount)
    {
        float[] inputs = table.Numbers(features);
        if (classes is null)
            return new Examples(inputs, features.Length, table.Numbers([target]), 1, null);
        var index = classes.Select((label, c) => (label, c)).ToDictionary(p => p.label, p => p.c, StringComparer.Ordinal);
        int m = table.Rows.Count;
        var labels = new int[m];
        var targets = new float[m * outputCount];
        for (int i = 0; i < m; i++)
        {
            string label = table.Rows[i][target];
            if (!index.TryGetValue(label, out int c))
                throw InputException.At(table.File, table.Lines[i], table.Columns[target],
                    $"'{label}' is not one of the classes the network was trained on ({string.Join(", ", classes.Select(l => $"'{l}'"))}).");
            labels[i] = c;
            if (outputCount == 1)
                targets[i] = c;
            else
                targets[i * outputCount + c] = 1f;
        }
        return new Examples(inputs, features.Length, targets, outputCount, labels);
    }
}
