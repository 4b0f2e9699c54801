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
    /// <summary>
    /// A mistake: its source, the id it must produce, the text at the reported location, a fragment of
    /// the message, and the project's additional files.
    /// </summary>
    public sealed record Mistake(string Id, string Source, string LocationText, string MessagePart, params InMemoryAdditionalText[] Files)
    {
        public override string ToString() => Id;
    }

    private const string Usings = "using GenNet;\n";

    private const string BakedXor = "[Network(2, Weights = \"xor.weights.json\")][Layer(4, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class Net;";

    /// <summary>A JSON weight file of 2 → 4 tanh → 1 sigmoid (17 parameters), with <paramref name="edit"/> applied to its text.</summary>
    private static string XorFile(Func<string, string>? edit = null)
    {
        string text = $$"""
            { "format": "GenNet.Weights", "version": 1, "inputs": 2,
              "layers": [ { "units": 4, "activation": "Tanh" }, { "units": 1, "activation": "Sigmoid" } ],
              "loss": "BinaryCrossEntropy",
              "parameters": [ {{string.Join(", ", Enumerable.Range(1, 17).Select(k => (k / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture)))}} ] }
            """;
        return edit is null ? text : edit(text);
    }

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
        new("GN0008", "[Network(2, Loss = Loss.BinaryCrossEntropy)][Layer(1, Activation.Tanh)] public partial class Net;", "Network(2, Loss = Loss.BinaryCrossEntropy)", "the output activation is Tanh"),
        new("GN0008", "[Network(2, Loss = Loss.CategoricalCrossEntropy)][Layer(3, Activation.Sigmoid)] public partial class Net;", "Network(2, Loss = Loss.CategoricalCrossEntropy)", "make the last layer Activation.Softmax"),
        new("GN0008", "[Network(2, Loss = Loss.HalfSquaredError)][Layer(3, Activation.Softmax)] public partial class Net;", "Network(2, Loss = Loss.HalfSquaredError)", "no elementwise derivative"),
        new("GN0009", "[Network(2)][Layer(3, Activation.Tanh)] public partial class Net; [Layer(1, Activation.Sigmoid)] public partial class Net;", "Layer(1, Activation.Sigmoid)", "put all of them on one declaration"),
        new("GN0010", "[Network(2)][Layer(1, Activation.Sigmoid)] public partial struct Net;", "Net", "is a struct"),
        new("GN0011", "[Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net<T>;", "Net", "declare it on a non-generic class"),
        new("GN0012", "[Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net { public void Predict() { } }", "Predict", "already declares 'Predict'"),
        new("GN0012", "[Network(2, UnrollLimit = 0)][Layer(3, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class Net { private void ForwardLayer1() { } }", "ForwardLayer1", "already declares 'ForwardLayer1'"),
        new("GN0013", "[Network(2)][Layer(1, Activation.Sigmoid)] public static partial class Net;", "Net", "remove the 'static' modifier"),
        new("GN0014", "[Network(2, UnrollLimit = -1)][Layer(1, Activation.Sigmoid)] public partial class Net;", "Network(2, UnrollLimit = -1)", "sets UnrollLimit to -1"),
        new("GN0015", BakedXor, "\"xor.weights.json\"", "add <AdditionalFiles Include=\"xor.weights.json\" />",
            new InMemoryAdditionalText("/project/other.weights.json", XorFile())),
        new("GN0015", BakedXor, "\"xor.weights.json\"", "no AdditionalFiles item of the project ends with that path",
            new InMemoryAdditionalText("/project/myxor.weights.json", XorFile())), // a name that merely ends the same is not the file
        new("GN0015", BakedXor.Replace("xor.weights.json", ""), "\"\"", "no AdditionalFiles item"),
        new("GN0016", BakedXor, "\"xor.weights.json\"", "does not exist yet; until it does, 'Net' compiles but its Predict and PredictBatch throw",
            new InMemoryAdditionalText("/project/xor.weights.json", null)),
        new("GN0017", BakedXor, "\"xor.weights.json\"", "expected ':' after a property name at line 3",
            new InMemoryAdditionalText("/project/xor.weights.json", XorFile(text => text.Replace("\"loss\"", "\"loss\" \"loss\"")))),
        new("GN0017", BakedXor, "\"xor.weights.json\"", "format version 2; this GenNet reads version 1",
            new InMemoryAdditionalText("/project/xor.weights.json", XorFile(text => text.Replace("\"version\": 1", "\"version\": 2")))),
        new("GN0017", BakedXor, "\"xor.weights.json\"", "its network has 17 parameters, but it holds 16",
            new InMemoryAdditionalText("/project/xor.weights.json", XorFile(text => text.Replace("1.7 ]", "]").Replace(", ]", "]")))),
        new("GN0017", BakedXor, "\"xor.weights.json\"", "parameter 16 is 1e39, beyond the range of float",
            new InMemoryAdditionalText("/project/xor.weights.json", XorFile(text => text.Replace("1.7 ]", "1e39 ]")))),
        new("GN0017", BakedXor.Replace("xor.weights.json", "xor.weights.bin"), "\"xor.weights.bin\"", "bakes JSON weight files only; save the trained network as a JSON weight file with NetworkWeights.Save(network, \"xor.weights.json\")",
            new InMemoryAdditionalText("/project/xor.weights.bin", "GNNW")),
        new("GN0018", BakedXor.Replace("Layer(4, Activation.Tanh)", "Layer(5, Activation.Tanh)"), "\"xor.weights.json\"",
            "'Net' is 2 inputs → 5 Tanh → 1 Sigmoid, but 'xor.weights.json' holds the weights of 2 inputs → 4 Tanh → 1 Sigmoid",
            new InMemoryAdditionalText("/project/xor.weights.json", XorFile())),
        new("GN0018", BakedXor, "\"xor.weights.json\"", "holds the weights of 2 inputs → 4 ReLU → 1 Sigmoid",
            new InMemoryAdditionalText("/project/xor.weights.json", XorFile(text => text.Replace("\"Tanh\"", "\"ReLU\"")))),
        new("GN0019", BakedXor, "\"xor.weights.json\"", "several AdditionalFiles items end with that path (/project/a/xor.weights.json, /project/b/xor.weights.json)",
            new InMemoryAdditionalText("/project/b/xor.weights.json", XorFile()), new InMemoryAdditionalText("/project/a/xor.weights.json", XorFile())),
        new("GN0020", "[Network(65536)][Layer(65536, Activation.Linear)] public partial class Net;", "Net",
            "'Net' has 4,295,032,832 parameters, more than the 16,777,216 that generated code holds"),
        new("GN0020", "[Network(2)][Layer(2147483645, Activation.Linear)][Layer(2147483645, Activation.Linear)] public partial class Net;", "Net", "use GenNet.DynamicNetwork"),
        // 3M + 2·(M² + M) with M = 2³¹ − 1: past long.MaxValue, where a 64-bit count wrapped to a negative one and passed.
        new("GN0020", "[Network(2)][Layer(int.MaxValue, Activation.Linear)][Layer(int.MaxValue, Activation.Linear)][Layer(int.MaxValue, Activation.Linear)] public partial class Net;", "Net",
            "'Net' has 9,223,372,039,002,259,453 parameters, more than the 16,777,216"),
        new("GN0021", "[Network(64, UnrollLimit = int.MaxValue)][Layer(64, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class Net;",
            "Network(64, UnrollLimit = int.MaxValue)", "sets UnrollLimit to 2147483647, but at most 4096 weights are unrolled"),
        new("GN0022", "[Network(2)][Layer(1, Activation.Sigmoid)] public partial class Predict;", "Predict", "has the name of a member GenNet generates"),
        new("GN0022", "[Network(2, UnrollLimit = 0)][Layer(3, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class ForwardLayer2;", "ForwardLayer2", "rename the class"),
        new("GN0023", "[Network(2)][Layer(1, Activation.Sigmoid)] file partial class Net;", "Net", "'Net' is file-local"),
        new("GN0023", "file partial class Outer { [Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net; }", "Net", "nested in a file-local type"),
        new("GN0024", "[Network(2)][Layer(4, Activation.Tanh)][Layer(4, Activation.Softmax)][Layer(3, Activation.Softmax)] public partial class Net;", "Layer(4, Activation.Softmax)", "Layer 2 of 'Net' is Activation.Softmax, which is only for the output layer"),
        new("GN0025", "[Network(2)][Layer(4, Activation.Tanh)][Layer(1, Activation.Softmax)] public partial class Net;", "Net", "use Activation.Sigmoid for a single yes/no output"),
        new("GN0026", "[Network(2)][Layer(3, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class System;", "System",
            "Network 'System' cannot be generated: the project's type 'System' hides the namespace of that name"),
        new("GN0026", "namespace GenNet { public struct NetworkSpec; } namespace N { [Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net; }", "NetworkSpec",
            "the project's type 'GenNet.NetworkSpec' hides the GenNet type of that name, which GenNet needs to generate it; rename that type"),
        new("GN0026", "namespace System.Runtime.CompilerServices { public static class Unsafe { } } namespace N { [Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net; }", "Unsafe",
            "the project's type 'System.Runtime.CompilerServices.Unsafe' hides the .NET type of that name"),
        new("GN0026", "namespace GenNet { public sealed class NetworkAttribute(int inputs) : global::System.Attribute { public int Inputs => inputs; } } namespace N { [Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net; }", "NetworkAttribute",
            "the project's type 'GenNet.NetworkAttribute' hides the GenNet attribute of that name"),
        new("GN0027", "[Layer(4, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class Net;", "Net",
            "'Net' has [Layer] attributes but no [Network] attribute (GenNet.NetworkAttribute), so GenNet generates nothing for it; add [Network(n)]"),
    ];

    /// <summary>The diagnostics that warn: the network is generated (GN0021), its placeholder is (GN0016), or there is no network to generate (GN0027).</summary>
    private static readonly string[] Warnings = ["GN0016", "GN0021", "GN0027"];

    public static TheoryData<Mistake> Cases => [.. Mistakes];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_mistake_gets_its_diagnostic_at_the_right_place(Mistake mistake)
    {
        string source = Usings + mistake.Source;
        var outcome = GeneratorHarness.Run(mistake.Files, source);

        outcome.Exception.ShouldBeNull();
        outcome.DriverDiagnostics.ShouldNotContain(d => d.Id == "CS8785");
        // Either nothing, or (where the declaration can take members) the fallback surface, which compiles:
        // the only compiler errors are the compiler's own about the user's file (an attribute on a struct).
        outcome.CompilationErrors.ShouldAllBe(error => error.Location.SourceTree!.FilePath == "Source0.cs" && error.Id == "CS0592");
        if (mistake.Id != "GN0021")
            outcome.Sources.Values.ShouldAllBe(source => source.Contains("// GenNet could not generate network"));
        var diagnostic = outcome.GeneratorDiagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(mistake.Id);
        diagnostic.Severity.ShouldBe(Warnings.Contains(mistake.Id) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error);
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
    [InlineData("[Network(2)][Layer(1, Activation.Sigmoid)] public partial class Net; [Network(2)] public partial class Net;")]
    [InlineData("[Network(2)] public partial class Net; [Network(3)][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("[Network(new[] { 2 })][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("[Network(2, UnrollLimit = new int[] { 1, 2 })][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("[Network(2, Weights = new[] { \"a.json\" })][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("[Network(2)][Layer(new[] { 1 }, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("[Network(2)][Layer(1, new[] { Activation.Sigmoid })] public partial class Net;")]
    [InlineData("namespace @class.@int { [Network(2)][Layer(1, Activation.Sigmoid)] public partial class @class; }")]
    [InlineData("namespace A.B { [Network(2)][Layer(1, Activation.Sigmoid)] public partial class C; } namespace A { public partial class B { [Network(2)][Layer(1, Activation.Sigmoid)] public partial class C; } }")]
    [InlineData("[Network(2)][Layer(2147483645, Activation.Linear)] public partial class Net;")]
    [InlineData("[Network(2)][Layer(int.MaxValue, Activation.Linear)][Layer(int.MaxValue, Activation.Linear)][Layer(int.MaxValue, Activation.Linear)] public partial class N;")]
    public void Malformed_code_never_makes_the_generator_throw(string declaration)
    {
        var outcome = GeneratorHarness.Run(Usings + declaration);
        outcome.Exception.ShouldBeNull();
        outcome.DriverDiagnostics.ShouldNotContain(d => d.Id == "CS8785");
    }

    [Fact]
    public void A_valid_weight_file_bakes_without_a_diagnostic()
    {
        // The file's own valid variants, so each mistake above differs from a good file by one edit.
        var outcome = GeneratorHarness.Run([new InMemoryAdditionalText(@"C:\project\Models\xor.weights.json", "\uFEFF" + XorFile())],
            Usings + BakedXor.Replace("xor.weights.json", "./models/XOR.weights.json"));
        outcome.GeneratorDiagnostics.ShouldBeEmpty();
        outcome.CompilationErrors.ShouldBeEmpty();
        outcome.Sources["Net.g.cs"].ShouldContain("partial class Net : global::GenNet.IPredictor");
    }

    [Theory]
    [InlineData("\\r")]
    [InlineData("\\n")]
    [InlineData("\\r\\n")]
    [InlineData("\\u0085")]
    [InlineData("\\u2028")]
    [InlineData("\\u2029")]
    public void A_weight_path_with_a_line_break_leaves_the_generated_comments_whole(string escape)
    {
        // The attribute writes the escape; the file's path holds the character itself.
        string path = "xor" + System.Text.RegularExpressions.Regex.Unescape(escape) + ".weights.json";
        var outcome = GeneratorHarness.Run([new InMemoryAdditionalText("/project/" + path, XorFile())],
            Usings + BakedXor.Replace("xor.weights.json", "xor" + escape + ".weights.json"));
        outcome.GeneratorDiagnostics.ShouldBeEmpty();
        outcome.CompilationErrors.ShouldBeEmpty();
        outcome.Sources["Net.g.cs"].ShouldContain("baked from xor\\u");
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
