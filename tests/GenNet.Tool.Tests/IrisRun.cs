namespace GenNet.Tool.Tests;

/// <summary>
/// One <c>gennet train</c> on Iris, shared by the tests that read what it wrote: the weight file, its
/// side file and the printed declaration. Trained once, as training is the slow part of the tool.
/// </summary>
public sealed class IrisRun : IDisposable
{
    /// <summary>The default layers for three classes: 16 ReLU units and a softmax output.</summary>
    public IrisRun()
    {
        Folder = Directory.CreateTempSubdirectory("gennet-tool-iris-").FullName;
        Data = DataFiles.Iris(Folder);
        Train = ToolProcess.Run(Folder, "train", "iris.csv", "--target", "species", "--epochs", "300", "--patience", "40", "--seed", "3");
        Weights = Path.Combine(Folder, "iris.weights.json");
    }

    public string Folder { get; }

    /// <summary>The CSV file with text labels.</summary>
    public string Data { get; }

    public ToolResult Train { get; }

    public string Weights { get; }

    /// <summary>The trained network, loaded by the library itself.</summary>
    public DynamicNetwork Network()
    {
        var network = new DynamicNetwork(NetworkWeights.ReadSpec(Weights));
        NetworkWeights.Load(network, Weights);
        return network;
    }

    /// <summary>The 150 examples' features, read here without the tool.</summary>
    public float[] Features() =>
        [.. File.ReadAllLines(Data).Skip(1).SelectMany(line => line.Split(',')[..4].Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>The 150 examples' class indices, in the order of <see cref="DataFiles.IrisSpecies"/>.</summary>
    public int[] Labels() =>
        [.. File.ReadAllLines(Data).Skip(1).Select(line => Array.IndexOf(DataFiles.IrisSpecies, line.Split(',')[4]))];

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
