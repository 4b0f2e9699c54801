using System.Diagnostics;
using System.Globalization;

namespace GenNet.Tests.Packaging;

/// <summary>
/// The README's gennet walkthrough, end to end: the tool packed from the repository and installed
/// from the local folder with <c>dotnet tool install --add-source</c>, <c>gennet train</c> on Iris
/// with text labels, the printed <c>&lt;AdditionalFiles&gt;</c> line and declaration pasted into a
/// fresh app that references the GenNet package, which builds and predicts with the baked weights
/// the classes the library predicts with the same file.
/// </summary>
[Collection(PackagingTests.Name)]
[Trait("Category", "Packaging")]
public class ToolPackageTests(PackageFeed feed)
{
    private static readonly string[] Species = ["setosa", "versicolor", "virginica"];

    [Fact]
    public void The_installed_tool_trains_and_its_printed_declaration_bakes_the_weight_file_in_a_fresh_app()
    {
        string root = Repository.Root();
        string work = Path.GetDirectoryName(feed.Feed)!;
        // Packed as the README says (into the folder GenNet is in), with the repository's warm package folder, as GenNet itself is packed.
        RunWarm(root, "dotnet", "pack", Path.Combine(root, "tools", "GenNet.Tool", "GenNet.Tool.csproj"), "-c", "Release",
            "-o", feed.Feed, "--artifacts-path", Path.Combine(work, "tool-artifacts"));
        string tools = Path.Combine(work, "tools");

        const string program = """
            using GenNet;

            string[] species = ["setosa", "versicolor", "virginica"];
            var lines = File.ReadAllLines("iris.csv").Skip(1);
            Span<float> scores = stackalloc float[IrisNet.OutputCount];
            foreach (string line in lines)
            {
                float[] features = line.Split(',')[..4].Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                new IrisNet().Predict(features, scores);
                Console.WriteLine("class=" + species[Evaluation.ClassOf(scores)]);
            }

            """;
        string app = feed.CreateApp("ToolBaking", "net10.0", "", program);
        // Where the README runs it: in the folder beside the clone, not in the app, whose nuget.config maps
        // sources (dotnet tool install refuses --add-source under package source mapping).
        feed.Run(work, "dotnet", "tool", "install", "GenNet.Tool", "--tool-path", tools, "--add-source", feed.Feed);
        File.WriteAllLines(Path.Combine(app, "iris.csv"), IrisWithSpeciesNames());

        string printed = feed.Run(app, Path.Combine(tools, "gennet"), "train", "iris.csv", "--target", "species", "--epochs", "200", "--seed", "2");

        string additionalFiles = printed.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("<AdditionalFiles", StringComparison.Ordinal));
        additionalFiles.ShouldBe("<AdditionalFiles Include=\"iris.weights.json\" />");
        string project = Path.Combine(app, "ToolBaking.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", $"<ItemGroup>{additionalFiles}</ItemGroup></Project>", StringComparison.Ordinal));
        var lines = printed.ReplaceLineEndings("\n").Split('\n');
        int first = Array.FindIndex(lines, l => l.StartsWith("// inputs:", StringComparison.Ordinal));
        int last = Array.FindIndex(lines, l => l.StartsWith("public partial class IrisNet;", StringComparison.Ordinal));
        first.ShouldBeGreaterThan(0, printed);
        last.ShouldBeGreaterThan(first, printed);
        File.AppendAllText(Path.Combine(app, "Program.cs"), string.Join('\n', lines[first..(last + 1)]) + "\n");

        string output = feed.Run(app, "dotnet", "run", "-c", "Release");

        string weights = Path.Combine(app, "iris.weights.json");
        var network = new DynamicNetwork(NetworkWeights.ReadSpec(weights));
        NetworkWeights.Load(network, weights);
        float[] features = [.. IrisWithSpeciesNames().Skip(1).SelectMany(l => l.Split(',')[..4].Select(v => float.Parse(v, CultureInfo.InvariantCulture)))];
        var expected = new int[150];
        Evaluation.PredictClasses(network, features, expected);
        output.Split('\n').Where(l => l.StartsWith("class=", StringComparison.Ordinal)).Select(l => l.Trim()["class=".Length..])
            .ShouldBe(expected.Select(c => Species[c]));
    }

    /// <summary>The repository's Iris as a user's file: a header row and the species as text.</summary>
    private static string[] IrisWithSpeciesNames() =>
    [
        "sepal_length,sepal_width,petal_length,petal_width,species",
        .. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "iris.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .Select(cells => string.Join(',', cells[..4]) + "," + Species[int.Parse(cells[4], CultureInfo.InvariantCulture)]),
    ];

    /// <summary>Runs a command with the ambient package folder and fails with its output when it fails.</summary>
    private static void RunWarm(string directory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit((int)TimeSpan.FromMinutes(5).TotalMilliseconds).ShouldBeTrue();
        process.ExitCode.ShouldBe(0, $"{fileName} {string.Join(' ', arguments)} failed:\n{output}\n{error.Result}");
    }
}
