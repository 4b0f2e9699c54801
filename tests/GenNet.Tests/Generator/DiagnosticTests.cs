using System.Reflection;
using GenNet.Generators;
using Microsoft.CodeAnalysis;

namespace GenNet.Tests.Generator;

/// <summary>
/// Each malformed declaration gets its own diagnostic, at the attribute or declaration at fault,
/// with a message that says how to fix it; nothing is generated for it and the generator never throws.
/// </summary>
public class DiagnosticTests
{
    /// <summary>A mistake: its source, the id it must produce, the text at the reported location, and a fragment of the message.</summary>
    public sealed record Mistake(string Id, string Source, string LocationText, string MessagePart)
    {
        public override string ToString() => Id;
    }

    private const string Usings = "using GenNet;\n";

    public static readonly Mistake[] Mistakes =
    [
        new("GN0001", "[Network(2)][Layer(1, Activation.Sigmoid)] public class Net;", "Net", "add the 'partial' modifier"),
        new("GN0001", "public class Outer { [Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net; }", "Outer", "'Outer' must be declared partial"),
        new("GN0002", "[Network(2)] public partial class Net;", "Net", "add at least one"),
        new("GN0003", "[Network(0)][Layer(1, Activation.Sigmoid)] public partial class Net;", "Network(0)", "declares 0 inputs"),
        new("GN0004", "[Network(2)][Layer(4, Activation.Tanh)][Layer(0, Activation.Sigmoid)] public partial class Net;", "Layer(0, Activation.Sigmoid)", "Layer 2 of 'Net' declares 0 units"),
        new("GN0005", "[Network(2)][Layer(1, (Activation)42)] public partial class Net;", "Layer(1, (Activation)42)", "undefined activation value 42"),
        new("GN0006", "[Network(2, Loss = (Loss)9)][Layer(1, Activation.Sigmoid)] public partial class Net;", "Network(2, Loss = (Loss)9)", "undefined loss value 9"),
        new("GN0007", "[Network(2, Init = (Init)9)][Layer(1, Activation.Sigmoid)] public partial class Net;", "Network(2, Init = (Init)9)", "undefined initialisation value 9"),
        new("GN0008", "[Network(2, Loss = Loss.BinaryCrossEntropy)][Layer(1, Activation.Tanh)] public partial class Net;", "Network(2, Loss = Loss.BinaryCrossEntropy)", "its last layer is Tanh"),
        new("GN0009", "[Network(2)][Layer(3, Activation.Tanh)] public partial class Net; [Layer(1, Activation.Sigmoid)] public partial class Net;", "Layer(1, Activation.Sigmoid)", "put all of them on one declaration"),
        new("GN0010", "[Network(2)][Layer(1, Activation.Sigmoid)] public partial struct Net;", "Net", "is a struct"),
        new("GN0011", "[Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net<T>;", "Net", "declare it on a non-generic class"),
        new("GN0012", "[Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net { public void Predict() { } }", "Predict", "already declares 'Predict'"),
        new("GN0012", "[Network(2, UnrollLimit = 0)][Layer(3, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class Net { private void ForwardLayer1() { } }", "ForwardLayer1", "already declares 'ForwardLayer1'"),
        new("GN0013", "[Network(2)][Layer(1, Activation.Sigmoid)] public static partial class Net;", "Net", "remove the 'static' modifier"),
        new("GN0014", "[Network(2, UnrollLimit = -1)][Layer(1, Activation.Sigmoid)] public partial class Net;", "Network(2, UnrollLimit = -1)", "sets UnrollLimit to -1"),
    ];

    public static TheoryData<Mistake> Cases => [.. Mistakes];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_mistake_gets_its_diagnostic_at_the_right_place(Mistake mistake)
    {
        string source = Usings + mistake.Source;
        var outcome = GeneratorHarness.Run(source);

        outcome.Exception.ShouldBeNull();
        outcome.DriverDiagnostics.ShouldNotContain(d => d.Id == "CS8785");
        outcome.Sources.ShouldBeEmpty("nothing is generated for a declaration with an error");
        var diagnostic = outcome.GeneratorDiagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(mistake.Id);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        // Rebuilt from plain values (see LocationInfo), so a file location rather than a tree's: same path, span and line.
        diagnostic.Location.GetLineSpan().Path.ShouldBe("Source0.cs");
        source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length).ShouldBe(mistake.LocationText);
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(mistake.MessagePart);
    }

    [Fact]
    public void Every_descriptor_is_tested_and_ids_run_in_sequence()
    {
        var ids = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => ((DiagnosticDescriptor)field.GetValue(null)!).Id)
            .Order()
            .ToArray();
        ids.ShouldBe(Enumerable.Range(1, ids.Length).Select(n => $"GN{n:D4}").ToArray());
        Mistakes.Select(m => m.Id).Distinct().Order().ShouldBe(ids);
    }

    [Theory]
    [InlineData("[Network][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("[Network(\"two\")][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("[Network(2)][Layer(1)] public partial class Net;")]
    [InlineData("[Network(2)][Layer(\"wide\", Activation.Tanh)] public partial class Net;")]
    [InlineData("[Network(2, Loss = 3)][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("[Network(2)][Layer(1, Activation.Sigmoid)] public partial class")]
    [InlineData("[Network(2)][Layer(1, Activation.Sigmoid)] public partial record Net;")]
    [InlineData("[Network(2)][Layer(1, Activation.Sigmoid)] public partial interface INet;")]
    [InlineData("public partial class Outer<T> { [Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net; }")]
    public void Malformed_code_never_makes_the_generator_throw(string declaration)
    {
        var outcome = GeneratorHarness.Run(Usings + declaration);
        outcome.Exception.ShouldBeNull();
        outcome.DriverDiagnostics.ShouldNotContain(d => d.Id == "CS8785");
    }

    [Fact]
    public void A_valid_network_reports_nothing()
    {
        var outcome = GeneratorHarness.Run(Usings + "[Network(2)][Layer(4, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class Net;");
        outcome.GeneratorDiagnostics.ShouldBeEmpty();
        outcome.CompilationErrors.ShouldBeEmpty();
        outcome.Sources.Keys.ShouldBe(["Net.g.cs"]);
    }
}
