// Loads the classic data sets committed beside this file (see data/README.md for their source and
// licence). Not part of the GenNet package: projects that want the data compile this file as a
// linked item and copy the data files to their output, e.g.
//
//   <Compile Include="../../data/ClassicDatasets.cs" Link="Data/ClassicDatasets.cs" />
//   <None Include="../../data/iris.csv;../../data/digits.csv.gz" Link="data/%(Filename)%(Extension)"
//         CopyToOutputDirectory="PreserveNewest" />
//
// so the package stays free of data and every consumer reads the same files the same way.

using System.Globalization;
using System.IO.Compression;

namespace GenNet.Datasets;

/// <summary>
/// A labelled classification data set, example-major: example <c>i</c> has the features
/// <c>Features[i * FeatureCount .. (i + 1) * FeatureCount]</c>, the class index <c>Labels[i]</c>
/// and the one-hot targets <c>OneHotTargets[i * ClassCount .. (i + 1) * ClassCount]</c>.
/// </summary>
/// <param name="Features">The features, <see cref="Count"/> × <see cref="FeatureCount"/> values.</param>
/// <param name="FeatureCount">The features per example.</param>
/// <param name="Labels">The class index of each example, 0 to <see cref="ClassCount"/> − 1.</param>
/// <param name="ClassNames">The name of each class, by index.</param>
internal sealed record ClassificationData(float[] Features, int FeatureCount, int[] Labels, IReadOnlyList<string> ClassNames)
{
    /// <summary>The number of examples.</summary>
    public int Count => Labels.Length;

    /// <summary>The number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>The labels as one-hot targets: 1 at the example's class, 0 elsewhere, <see cref="ClassCount"/> values per example.</summary>
    public float[] OneHotTargets { get; } = OneHot(Labels, ClassNames.Count);

    /// <summary>The data as a <see cref="Dataset"/> with one-hot targets, ready for a network with one output per class.</summary>
    public Dataset ToDataset() => new(Features, OneHotTargets, FeatureCount, ClassCount);

    private static float[] OneHot(int[] labels, int classCount)
    {
        var targets = new float[labels.Length * classCount];
        for (int i = 0; i < labels.Length; i++)
            targets[i * classCount + labels[i]] = 1;
        return targets;
    }
}

/// <summary>
/// Iris and the 8×8 handwritten digits, read from the files in the repository's <c>data/</c> folder
/// (copied as shipped by scikit-learn; see <c>data/README.md</c>).
/// </summary>
internal static class ClassicDatasets
{
    /// <summary>The file name of Iris: a header <c>150,4,setosa,versicolor,virginica</c>, then one row per flower.</summary>
    public const string IrisFile = "iris.csv";

    /// <summary>The file name of the digits: gzip-compressed CSV, 64 pixels (0–16, row by row) and the digit per row, no header.</summary>
    public const string DigitsFile = "digits.csv.gz";

    /// <summary>
    /// Fisher's Iris: 150 flowers, 4 measurements in cm (sepal length, sepal width, petal length,
    /// petal width), 3 classes of 50 (setosa, versicolor, virginica), in the file's order (sorted by class).
    /// </summary>
    /// <param name="directory">The folder holding <see cref="IrisFile"/>; by default the first <c>data</c> folder that has it, from the program's folder upwards.</param>
    public static ClassificationData Iris(string? directory = null)
    {
        using var file = File.OpenRead(Path.Combine(directory ?? FindDataDirectory(IrisFile), IrisFile));
        return ReadIris(file);
    }

    /// <summary>
    /// The 8×8 handwritten digits (the test set of UCI's optical recognition data): 1,797 images, 64
    /// pixel counts from 0 to 16 each (row by row), 10 classes (the digits 0–9), in the file's order.
    /// The pixels are left unscaled: divide by 16 (or fold a scaling into the network) before training.
    /// </summary>
    /// <param name="directory">The folder holding <see cref="DigitsFile"/>; by default the first <c>data</c> folder that has it, from the program's folder upwards.</param>
    public static ClassificationData Digits(string? directory = null)
    {
        using var file = File.OpenRead(Path.Combine(directory ?? FindDataDirectory(DigitsFile), DigitsFile));
        return ReadDigits(file);
    }

    /// <summary>Reads Iris in scikit-learn's CSV layout: a header (rows, features, class names), then features and a class index per row.</summary>
    /// <param name="csv">The text of <see cref="IrisFile"/>.</param>
    /// <exception cref="InvalidDataException">The text does not have that layout.</exception>
    public static ClassificationData ReadIris(Stream csv)
    {
        using var reader = new StreamReader(csv);
        string[] header = (reader.ReadLine() ?? throw new InvalidDataException("The Iris file is empty.")).Split(',');
        if (header.Length < 3)
            throw new InvalidDataException($"The Iris header should be 'rows,features,class names…', but it is '{string.Join(',', header)}'.");
        int rows = ParseInt(header[0], line: 1), features = ParseInt(header[1], line: 1);
        string[] classNames = header[2..];
        return ReadRows(reader, rows, features, classNames, firstLine: 2);
    }

    /// <summary>Reads the digits in scikit-learn's layout: gzip-compressed CSV, 64 pixels and a digit per row, no header.</summary>
    /// <param name="gzip">The bytes of <see cref="DigitsFile"/>.</param>
    /// <exception cref="InvalidDataException">The data does not have that layout.</exception>
    public static ClassificationData ReadDigits(Stream gzip)
    {
        using var reader = new StreamReader(new GZipStream(gzip, CompressionMode.Decompress));
        string[] classNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        return ReadRows(reader, rows: null, features: 64, classNames, firstLine: 1);
    }

    // Rows of `features` numbers and a class index; `rows` is checked when the file states it.
    private static ClassificationData ReadRows(TextReader reader, int? rows, int features, string[] classNames, int firstLine)
    {
        var values = new List<float>();
        var labels = new List<int>();
        int line = firstLine;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine(), line++)
        {
            if (text.Length == 0)
                continue;
            string[] fields = text.Split(',');
            if (fields.Length != features + 1)
                throw new InvalidDataException($"Line {line} has {fields.Length} fields; expected {features} features and a class index.");
            for (int j = 0; j < features; j++)
            {
                if (!float.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    throw new InvalidDataException($"Line {line}, feature {j}: '{fields[j]}' is not a finite number.");
                values.Add(value);
            }
            int label = ParseInt(fields[features], line);
            if (label < 0 || label >= classNames.Length)
                throw new InvalidDataException($"Line {line}: class {label} is not between 0 and {classNames.Length - 1}.");
            labels.Add(label);
        }
        if (rows is int stated && stated != labels.Count)
            throw new InvalidDataException($"The header states {stated} rows, but the file has {labels.Count}.");
        return new ClassificationData([.. values], features, [.. labels], classNames);
    }

    private static int ParseInt(string text, int line) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidDataException($"Line {line}: '{text}' is not an integer.");

    // The program's folder first (where the build copies data/), then each parent, so a program run
    // from inside the repository finds the committed files without copying them.
    private static string FindDataDirectory(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "data");
            if (File.Exists(Path.Combine(candidate, fileName)))
                return candidate;
        }
        throw new FileNotFoundException(
            $"No data/{fileName} in {AppContext.BaseDirectory} or above it. Copy the repository's data folder to the output (see data/ClassicDatasets.cs) or pass its path.",
            fileName);
    }
}
