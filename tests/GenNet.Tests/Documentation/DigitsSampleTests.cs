using System.Globalization;
using System.Text.RegularExpressions;
using GenNet.Tests.Generator;
using Microsoft.CodeAnalysis;

namespace GenNet.Tests.Documentation;

/// <summary>
/// Runs samples/GenNet.Digits as its project builds it (its sources, the linked data loader, the
/// generator, its committed weight file as the additional file it bakes), in this process, and reads
/// what it prints: epochs with both costs and the accuracy, early stopping, a held-out accuracy of at
/// least 95 %, the confusion matrix, the saved weights, and the baked network agreeing with the trained one.
/// </summary>
[Collection(ConsoleCapture.Name)]
public partial class DigitsSampleTests
{
    private const string Folder = "samples/GenNet.Digits";

    [Fact]
    public void The_digits_sample_trains_saves_and_bakes_a_classifier_that_reads_95_percent_of_held_out_digits()
    {
        string root = Repository.Root(), sample = Path.Combine(root, Folder);
        var sources = Directory.EnumerateFiles(sample, "*.cs", SearchOption.TopDirectoryOnly)
            .Append(Path.Combine(root, "data", "ClassicDatasets.cs"))
            .Select(path => (path, File.ReadAllText(path)));
        string weightFile = Path.Combine(sample, "digits.weights.json");
        var (compilation, errors) = SnippetCompiler.Compile(sources,
            [new InMemoryAdditionalText(weightFile, File.ReadAllText(weightFile))], OptimizationLevel.Release);
        errors.ShouldBeEmpty();
        string saved = Path.Combine(Directory.CreateTempSubdirectory("gennet-digits-").FullName, "digits.weights.json");

        string printed;
        try
        {
            printed = SnippetCompiler.Run(compilation, [saved]).ReplaceLineEndings("\n");
            new DynamicNetwork(NetworkWeights.ReadSpec(saved)).Spec.ShouldBe(Generated.DigitsShapedNet.Spec, "the saved file holds a 64-32-10 softmax network");
            string picture = Path.Combine(Path.GetDirectoryName(saved)!, "digits-cost.png");
            printed.ShouldContain($"learning curve: {picture}");
            File.ReadAllBytes(picture).Take(8).ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, "a PNG file");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(saved)!, recursive: true);
        }

        printed.ShouldMatch(@"\n +10 +\d+\.\d{4} +\d+\.\d{4} +\d+\.\d %\n", "per-epoch progress: training cost, validation cost, accuracy");
        printed.ShouldMatch(@"stopped early after epoch \d+; best validation cost \d\.\d{4} at epoch \d+, restored: True");
        var accuracy = HeldOutAccuracy().Match(printed);
        accuracy.Success.ShouldBeTrue(printed);
        double.Parse(accuracy.Groups[1].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(95.0, printed);
        printed.ShouldContain("actual \\ predicted      0      1      2      3      4      5      6      7      8      9 recall");
        for (int digit = 0; digit < 10; digit++)
            printed.ShouldMatch($@"\n{digit} +(\d+ +){{10}}\d+\.\d%\n", $"the confusion matrix row of {digit}");
        printed.ShouldContain($"\nprecision ");
        printed.ShouldContain($"saved to {saved}");
        printed.ShouldContain("baked predicts the same classes as the trained network on all 359 held-out digits");
    }

    [GeneratedRegex(@"held-out accuracy (\d+\.\d) % \(\d+ of 359\)")]
    private static partial Regex HeldOutAccuracy();
}
