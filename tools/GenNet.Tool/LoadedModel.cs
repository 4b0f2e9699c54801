namespace GenNet.Tool;

/// <summary>A weight file loaded into a <see cref="DynamicNetwork"/>, with its side file when there is one.</summary>
internal sealed record LoadedModel(string Path, DynamicNetwork Network, ModelNotes? Notes)
{
    /// <summary>Loads <paramref name="path"/> and its side file.</summary>
    /// <exception cref="InputException">The file is missing or not a GenNet weight file.</exception>
    public static LoadedModel Load(string path)
    {
        if (!File.Exists(path))
            throw InputException.In(path, "no such file.");
        try
        {
            var network = new DynamicNetwork(NetworkWeights.ReadSpec(path));
            NetworkWeights.Load(network, path);
            return new LoadedModel(path, network, ModelNotes.ReadFor(path));
        }
        catch (InvalidDataException error)
        {
            throw InputException.In(path, error.Message);
        }
    }

    /// <summary>Whether the network classifies: its side file has classes, or (without one) its output is not linear.</summary>
    public bool IsClassifier => Notes?.IsClassifier ?? Network.Spec.Layers[^1].Activation != Activation.Linear;

    /// <summary>The class labels: the side file's, or the class indices as text.</summary>
    public string[]? Classes => !IsClassifier ? null
        : Notes?.Classes ?? [.. Enumerable.Range(0, Math.Max(2, Network.OutputCount)).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// The input columns of <paramref name="table"/>: those the side file names, or without a side file
    /// every column but <paramref name="target"/>; as many as the network has inputs.
    /// </summary>
    /// <exception cref="InputException">A column is missing, or the count differs from the network's inputs.</exception>
    public int[] FeatureColumns(CsvTable table, string? target)
    {
        int[] columns = Examples.FeatureColumns(table, Notes?.Features, target);
        if (columns.Length != Network.InputCount)
            throw InputException.In(table.File,
                $"the network takes {Network.InputCount} inputs, but the file has {columns.Length} input columns ({string.Join(", ", columns.Select(c => $"'{table.Columns[c]}'"))})" +
                (target is null && Notes is null ? "; name the target column with --target to leave it out." : "."));
        return columns;
    }

    /// <summary>The target column: the option's, or the side file's.</summary>
    /// <exception cref="InputException">Neither names one, or the column is missing.</exception>
    public int TargetColumn(CsvTable table, string? target) =>
        table.IndexOf(target ?? Notes?.Target ?? throw new InputException($"{Path}: no side file names the target column; pass --target."));
}
