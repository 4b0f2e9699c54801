using System.Collections;
using System.Reflection;
using GenNet.Generators;
using GenNet.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GenNet.Tests.Generator;

/// <summary>
/// The pipeline recomputes only what an edit touches: an unrelated edit leaves every step cached,
/// and an edit to one network's attributes regenerates that network alone.
/// </summary>
public class CachingTests
{
    private const string First = """
        using GenNet;
        [Network(2)][Layer(4, Activation.Tanh)][Layer(1, Activation.Sigmoid)]
        public partial class FirstNet;
        """;

    private const string Second = """
        using GenNet;
        [Network(3)][Layer(2, Activation.ReLU)][Layer(1, Activation.Linear)]
        public partial class SecondNet;
        """;

    private const string Unrelated = "public class Unrelated { public int Value => 1; }";

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached()
    {
        var (driver, compilation) = RunOnce();

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs"),
            GeneratorHarness.Tree("public class Unrelated { public int Value => 2; }", "Unrelated.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Reasons(result, TrackingNames.Parse).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        Reasons(result, TrackingNames.Models).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        OutputReasons(result).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
        Reasons(result, TrackingNames.Models).Length.ShouldBe(2);
    }

    [Fact]
    public void Editing_one_network_s_attribute_regenerates_only_that_network()
    {
        var (driver, compilation) = RunOnce();

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath == "First.cs"),
            GeneratorHarness.Tree(First.Replace("Layer(4, Activation.Tanh)", "Layer(5, Activation.Tanh)"), "First.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var models = result.TrackedSteps[TrackingNames.Models].SelectMany(step => step.Outputs)
            .Select(output => (Model: (NetworkModel)output.Value, output.Reason)).ToArray();
        models.Single(m => m.Model.Type.DisplayName == "FirstNet").Reason.ShouldBe(IncrementalStepRunReason.Modified);
        models.Single(m => m.Model.Type.DisplayName == "SecondNet").Reason.ShouldBe(IncrementalStepRunReason.Cached);
        result.GeneratedSources.Single(s => s.HintName == "FirstNet.g.cs").SourceText.ToString().ShouldContain("5 Tanh");
    }

    [Fact]
    public void A_comment_in_a_network_s_file_reparses_it_but_emits_nothing_again()
    {
        // The transform re-runs for the edited file; only value equality of the model (records and
        // EquatableArray) lets the pipeline see that nothing changed and skip emission.
        var (driver, compilation) = RunOnce();

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath == "First.cs"),
            GeneratorHarness.Tree("// a comment that moves nothing the model holds\n" + First, "First.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Reasons(result, TrackingNames.Parse).ShouldContain(IncrementalStepRunReason.Unchanged);
        Reasons(result, TrackingNames.Parse).ShouldNotContain(IncrementalStepRunReason.Modified);
        OutputReasons(result).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Models_hold_no_compiler_objects()
    {
        var (driver, _) = RunOnce();
        var result = driver.GetRunResult().Results.Single();
        foreach (var step in result.TrackedSteps[TrackingNames.Parse])
            foreach (var (value, _) in step.Outputs)
                ShouldHoldOnlyPlainValues(value, "ParseResult");
    }

    private const string Baked = """
        using GenNet;
        [Network(2, Weights = "baked.weights.json")][Layer(1, Activation.Sigmoid)]
        public partial class BakedNet;
        """;

    private static string WeightFile(float firstWeight) => $$"""
        { "format": "GenNet.Weights", "version": 1, "inputs": 2, "layers": [ { "units": 1, "activation": "Sigmoid" } ],
          "loss": "BinaryCrossEntropy", "parameters": [ {{firstWeight.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, 0.5, -0.25 ] }
        """;

    private static readonly InMemoryAdditionalText WeightsV1 = new("/project/baked.weights.json", WeightFile(1.5f));
    private static readonly InMemoryAdditionalText Notes = new("/project/notes.json", "{}");

    /// <summary>A trainable network, a baked one, its weight file and an unrelated JSON file, generated once.</summary>
    private static (GeneratorDriver Driver, Microsoft.CodeAnalysis.CSharp.CSharpCompilation Compilation) RunOnceWithWeights()
    {
        var compilation = GeneratorHarness.Compilation(GeneratorHarness.Tree(First, "First.cs"), GeneratorHarness.Tree(Baked, "Baked.cs"));
        var driver = GeneratorHarness.Driver(WeightsV1, Notes).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        result.Diagnostics.ShouldBeEmpty();
        result.GeneratedSources.Select(s => s.HintName).Order().ShouldBe(["BakedNet.g.cs", "FirstNet.g.cs"]);
        return (driver, compilation);
    }

    [Fact]
    public void Editing_the_weight_file_regenerates_only_the_baked_network()
    {
        var (driver, compilation) = RunOnceWithWeights();

        var result = driver.ReplaceAdditionalText(WeightsV1, new InMemoryAdditionalText(WeightsV1.Path, WeightFile(-2.75f)))
            .RunGenerators(compilation).GetRunResult().Results.Single();

        Reasons(result, TrackingNames.Baked).ShouldBe([IncrementalStepRunReason.Modified]);
        Reasons(result, TrackingNames.Models).ShouldBe([IncrementalStepRunReason.Cached]);
        result.GeneratedSources.Single(s => s.HintName == "BakedNet.g.cs").SourceText.ToString().ShouldContain("Vector128.Create(-2.75f, 0f, 0f, 0f)");
    }

    [Fact]
    public void Editing_another_additional_file_bakes_nothing_again()
    {
        // The other file is read again and now fails differently, so the baked network is joined with
        // the files again; but its model comes out equal, so nothing is emitted again.
        var (driver, compilation) = RunOnceWithWeights();

        var result = driver.ReplaceAdditionalText(Notes, new InMemoryAdditionalText(Notes.Path, "{ \"edited\": "))
            .RunGenerators(compilation).GetRunResult().Results.Single();

        Reasons(result, TrackingNames.Baked).ShouldBe([IncrementalStepRunReason.Unchanged]);
        OutputReasons(result).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_a_trainable_network_leaves_the_baked_one_cached()
    {
        var (driver, compilation) = RunOnceWithWeights();

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath == "First.cs"),
            GeneratorHarness.Tree(First.Replace("Layer(4, Activation.Tanh)", "Layer(5, Activation.Tanh)"), "First.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Reasons(result, TrackingNames.Baked).ShouldBe([IncrementalStepRunReason.Cached]);
        Reasons(result, TrackingNames.WeightFiles).ShouldAllBe(r => r == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Weight_files_hold_no_compiler_objects()
    {
        var (driver, _) = RunOnceWithWeights();
        var result = driver.GetRunResult().Results.Single();
        foreach (var name in new[] { TrackingNames.WeightFiles, TrackingNames.Baked })
            foreach (var step in result.TrackedSteps[name])
                foreach (var (value, _) in step.Outputs)
                    ShouldHoldOnlyPlainValues(value, name);
    }

    private static (GeneratorDriver Driver, Microsoft.CodeAnalysis.CSharp.CSharpCompilation Compilation) RunOnce()
    {
        var compilation = GeneratorHarness.Compilation(
            GeneratorHarness.Tree(First, "First.cs"),
            GeneratorHarness.Tree(Second, "Second.cs"),
            GeneratorHarness.Tree(Unrelated, "Unrelated.cs"));
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        driver.GetRunResult().Results.Single().GeneratedSources.Length.ShouldBe(2);
        return (driver, compilation);
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static IncrementalStepRunReason[] OutputReasons(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    /// <summary>Walks an object graph and fails on any symbol, syntax node, compilation or location: they would defeat caching.</summary>
    private static void ShouldHoldOnlyPlainValues(object? value, string path)
    {
        if (value is null or string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            return;
        var type = value.GetType();
        (value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree)
            .ShouldBeFalse($"{path} holds a {type.Name}");
        if (value is DiagnosticDescriptor || type.Namespace == "Microsoft.CodeAnalysis.Text")
            return; // immutable values compared by content: safe to cache
        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (var item in items)
                ShouldHoldOnlyPlainValues(item, $"{path}[{index++}]");
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            ShouldHoldOnlyPlainValues(property.GetValue(value), $"{path}.{property.Name}");
    }
}
