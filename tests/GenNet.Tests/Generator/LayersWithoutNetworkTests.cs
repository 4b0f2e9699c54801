using GenNet.Generators;
using Microsoft.CodeAnalysis;

namespace GenNet.Tests.Generator;

/// <summary>
/// A class with <c>[Layer]</c> attributes and no <c>[Network]</c> gets nothing generated; the generator says
/// so (GN0027) rather than leave the user to meet CS1061 at <c>Predict</c> (issue 25), once per class, from a
/// pipeline step of its own that caches like the others.
/// </summary>
public class LayersWithoutNetworkTests
{
    private const string Usings = "using GenNet;\n";

    [Theory]
    [InlineData("[Network] on another part", "[Network(2)] public partial class Net; [Layer(4, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("a valid network", "[Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("no [Layer] at all", "public partial class Net;")]
    public void A_class_with_its_network_attribute_gets_no_GN0027(string shape, string source)
    {
        var outcome = GeneratorHarness.Run(Usings + source);

        outcome.GeneratorDiagnostics.ShouldNotContain(d => d.Id == "GN0027", shape);
    }

    [Fact]
    public void Layers_on_two_parts_are_reported_once_at_the_first()
    {
        string first = Usings + "[Layer(4, Activation.Tanh)] public partial class Net;";
        string second = Usings + "[Layer(1, Activation.Sigmoid)] public partial class Net;";
        var outcome = GeneratorHarness.Run(first, second);

        var diagnostic = outcome.GeneratorDiagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("GN0027");
        diagnostic.Location.GetLineSpan().Path.ShouldBe("Source0.cs");
        outcome.Sources.ShouldBeEmpty();
    }

    [Fact]
    public void A_look_alike_network_attribute_of_another_namespace_is_no_network()
    {
        string source = """
            using GenNet;
            namespace Mine { public sealed class NetworkAttribute(int inputs) : System.Attribute { public int Inputs => inputs; } }
            namespace App { [Mine.Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net; }
            """;
        var outcome = GeneratorHarness.Run(source);

        outcome.GeneratorDiagnostics.ShouldHaveSingleItem().GetMessage(System.Globalization.CultureInfo.InvariantCulture)
            .ShouldContain("'Net' has [Layer] attributes but no [Network] attribute (GenNet.NetworkAttribute)");
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_step_cached_and_it_holds_plain_values()
    {
        var compilation = GeneratorHarness.Compilation(
            GeneratorHarness.Tree(Usings + "[Layer(1, Activation.Sigmoid)] public partial class Forgotten;", "Forgotten.cs"),
            GeneratorHarness.Tree("public class Unrelated { public int Value => 1; }", "Unrelated.cs"));
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        first.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("GN0027");
        foreach (var (value, _) in first.TrackedSteps[TrackingNames.LayersWithoutNetwork].SelectMany(step => step.Outputs))
            value.ShouldBeOfType<DiagnosticInfo>().Location.ShouldNotBeNull();

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs"),
            GeneratorHarness.Tree("public class Unrelated { public int Value => 2; }", "Unrelated.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        second.TrackedSteps[TrackingNames.LayersWithoutNetwork].SelectMany(step => step.Outputs).Select(output => output.Reason)
            .ShouldAllBe(reason => reason == IncrementalStepRunReason.Cached || reason == IncrementalStepRunReason.Unchanged);
        second.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("GN0027");
    }
}
