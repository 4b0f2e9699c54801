using System.Globalization;

namespace GenNet.Tool.Tests;

/// <summary>The CSV files the tests give the tool, written into a test's folder.</summary>
public static class DataFiles
{
    public static readonly string[] IrisSpecies = ["setosa", "versicolor", "virginica"];

    /// <summary>
    /// The repository's Iris (scikit-learn's layout: a count line, then 4 features and a class index) as
    /// a user's file: a header and the species as text, so the tool has to map labels to classes.
    /// </summary>
    public static string Iris(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv")).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .Select(cells => string.Join(',', cells[..4]) + "," + IrisSpecies[int.Parse(cells[4], CultureInfo.InvariantCulture)]);
        string path = Path.Combine(folder, "iris.csv");
        File.WriteAllLines(path, ["sepal_length,sepal_width,petal_length,petal_width,species", .. lines]);
        return path;
    }

    /// <summary>
    /// Points of 2 features over [−1, 1]², labelled "left" where x &lt; 0 and "right" where x &gt; 0, on a
    /// grid that leaves out the squares around (±0.6, −0.6), where the picture's colours are checked.
    /// </summary>
    public static string LeftRight(string folder)
    {
        var rows = new List<string> { "x,y,side" };
        for (double x = -1; x <= 1.0001; x += 0.1)
            for (double y = -1; y <= 1.0001; y += 0.2)
            {
                if (Math.Abs(x) < 0.05 || (Math.Abs(Math.Abs(x) - 0.6) < 0.25 && Math.Abs(y + 0.6) < 0.25))
                    continue;
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"{x:F2},{y:F2},{(x < 0 ? "left" : "right")}"));
            }
        string path = Path.Combine(folder, "leftright.csv");
        File.WriteAllLines(path, rows);
        return path;
    }

    /// <summary>Writes <paramref name="text"/> as <paramref name="name"/> in <paramref name="folder"/>.</summary>
    public static string Write(string folder, string name, string text)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
