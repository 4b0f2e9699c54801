using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;
using GenNet.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GenNet.Tests.Generator;

/// <summary>
/// A declaration with a GN error still gets its class's surface, every member throwing, so that the
/// user sees the GN diagnostic alone rather than an error at every use of the class (issue 10.6); and a
/// baked network whose weight file does not exist yet compiles with a warning until it does (issue 10.7).
/// </summary>
public class FallbackTests
{
    /// <summary>A program that uses everything a trainable network offers.</summary>
    private const string UsesNetwork = """
        public static class Program
        {
            public static float Run()
            {
                var network = new Net();
                network.Initialize(seed: 1);
                INetwork asInterface = network;
                var output = new float[Net.OutputCount];
                network.Predict(new float[asInterface.InputCount], output);
                network.PredictBatch(new float[2], new float[1]);
                float cost = network.TrainStep(new float[2], new float[1], 0.1f) + network.ComputeGradients(new float[2], new float[1], new float[Net.ParameterCount]);
                return cost + network.Parameters.Length + Net.Spec.InputCount + Net.InputCount;
            }
        }
        """;

    /// <summary>A program that uses everything a baked network offers.</summary>
    private const string UsesPredictor = """
        public static class Program
        {
            public static float Run()
            {
                IPredictor predictor = new Net();
                var output = new float[Net.OutputCount];
                predictor.Predict(new float[Net.InputCount], output);
                predictor.PredictBatch(new float[Net.InputCount], output);
                return output[0] + Net.Parameters.Length + Net.ParameterCount + Net.Spec.InputCount;
            }
        }
        """;

    [Theory]
    [InlineData("GN0003", "[Network(0)][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("GN0004", "[Network(2)][Layer(0, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class Net;")]
    [InlineData("GN0005", "[Network(2)][Layer(1, (Activation)42)] public partial class Net;")]
    [InlineData("GN0008", "[Network(2, Loss = Loss.BinaryCrossEntropy)][Layer(1, Activation.Tanh)] public partial class Net;")]
    [InlineData("GN0020", "[Network(65536)][Layer(65536, Activation.Linear)] public partial class Net;")]
    public void A_program_using_a_network_with_a_GN_error_sees_that_error_alone(string id, string declaration)
    {
        var outcome = GeneratorHarness.Run("using GenNet;\n" + declaration + "\n" + UsesNetwork);

        outcome.GeneratorDiagnostics.ShouldHaveSingleItem().Id.ShouldBe(id);
        outcome.CompilationErrors.ShouldBeEmpty("no CS1061 at the uses of the class");
        var thrown = Should.Throw<InvalidOperationException>(() => RunProgram([], "using GenNet;\n" + declaration + "\n" + UsesNetwork));
        thrown.Message.ShouldStartWith(id + ": ");
    }

    [Fact]
    public void The_fallback_keeps_the_declared_counts_as_constants()
    {
        var source = GeneratorHarness.Run("using GenNet;\n[Network(3)][Layer(4, (Activation)42)][Layer(2, Activation.Sigmoid)] public partial class Net;").Sources["Net.g.cs"];
        source.ShouldContain("public const int InputCount = 3;");
        source.ShouldContain("public const int OutputCount = 2;");
        source.ShouldContain("public const int ParameterCount = 26;");
    }

    [Fact]
    public void A_baked_network_with_a_bad_weight_file_keeps_its_predictor_surface()
    {
        var files = new[] { new InMemoryAdditionalText("/project/xor.weights.json", "{ not json") };
        string source = "using GenNet;\n" + BakedXor + "\n" + UsesPredictor;
        var outcome = GeneratorHarness.Run(files, source);
        outcome.GeneratorDiagnostics.ShouldHaveSingleItem().Id.ShouldBe("GN0017");
        outcome.CompilationErrors.ShouldBeEmpty();
    }

    private const string BakedXor = "[Network(2, Weights = \"xor.weights.json\")][Layer(4, Activation.Tanh)][Layer(1, Activation.Sigmoid)] public partial class Net;";

    [Fact]
    public void A_missing_weight_file_warns_and_the_class_compiles_until_the_file_exists()
    {
        string source = "using GenNet;\n" + BakedXor + "\n" + UsesPredictor;

        // First build: the file is listed but not saved yet.
        var missing = new[] { new InMemoryAdditionalText("/project/xor.weights.json", null) };
        var first = GeneratorHarness.Run(missing, source);
        var warning = first.GeneratorDiagnostics.ShouldHaveSingleItem();
        warning.Id.ShouldBe("GN0016");
        warning.Severity.ShouldBe(DiagnosticSeverity.Warning);
        first.CompilationErrors.ShouldBeEmpty();
        first.Sources["Net.g.cs"].ShouldContain("public static global::GenNet.NetworkSpec Spec { get; } = new(InputCount");
        Should.Throw<InvalidOperationException>(() => RunProgram(missing, source)).Message.ShouldContain("did not exist when this project was compiled");

        // The training program saved the file; the next build bakes it.
        var saved = new[] { new InMemoryAdditionalText("/project/xor.weights.json", XorFile) };
        var second = GeneratorHarness.Run(saved, source);
        second.GeneratorDiagnostics.ShouldBeEmpty();
        second.CompilationErrors.ShouldBeEmpty();
        second.Sources["Net.g.cs"].ShouldContain("this class predicts and cannot train");
        float.IsFinite(RunProgram(saved, source)).ShouldBeTrue();
    }

    [Fact]
    public void A_weight_file_the_build_marked_missing_is_never_asked_for()
    {
        // The real compiler answers GetText for a file that is not on disk with error CS2001, which
        // fails the build; GenNet's build targets mark such a file, and the generator must believe the mark.
        string source = "using GenNet;\n" + BakedXor + "\n" + UsesPredictor;
        var marked = new CountingAdditionalText("/project/xor.weights.json", text: null);
        var markedOutcome = Driver(marked, new MarkingOptions(marked)).RunGenerators(Compilation(source)).GetRunResult().Results.Single();
        marked.Reads.ShouldBe(0);
        markedOutcome.Exception.ShouldBeNull();
        markedOutcome.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("GN0016");

        // Without the mark (a build without GenNet's targets) the generator asks, and the null answer is GN0016 too.
        var unmarked = new CountingAdditionalText("/project/xor.weights.json", text: null);
        var unmarkedOutcome = Driver(unmarked, new MarkingOptions(marked: null)).RunGenerators(Compilation(source)).GetRunResult().Results.Single();
        unmarked.Reads.ShouldBe(1);
        unmarkedOutcome.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("GN0016");
    }

    [Fact]
    public void New_options_that_mark_the_same_files_read_no_file_again()
    {
        // Every build hands the generator new options; only a changed mark may read a file again.
        var compilation = Compilation("using GenNet;\n" + BakedXor);
        var weights = new CountingAdditionalText("/project/xor.weights.json", XorFile);
        var driver = Driver(weights, new MarkingOptions(marked: null)).RunGenerators(compilation);
        weights.Reads.ShouldBe(1);

        driver.WithUpdatedAnalyzerConfigOptions(new MarkingOptions(marked: null)).RunGenerators(compilation)
            .GetRunResult().Results.Single().GeneratedSources.ShouldHaveSingleItem().HintName.ShouldBe("Net.g.cs");
        weights.Reads.ShouldBe(1);
    }

    private static CSharpCompilation Compilation(string source) =>
        GeneratorHarness.Compilation(GeneratorHarness.Tree(source, "Source0.cs"));

    private static GeneratorDriver Driver(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], additionalTexts: [file],
            parseOptions: GeneratorHarness.ParseOptions, optionsProvider: options);

    /// <summary>An additional file that counts the requests for its text; null text is a file not on disk, answered null as the compiler does after reporting CS2001.</summary>
    private sealed class CountingAdditionalText(string path, string? text) : AdditionalText
    {
        public int Reads { get; private set; }

        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(CancellationToken cancellationToken = default)
        {
            Reads++;
            return text is null ? null : Microsoft.CodeAnalysis.Text.SourceText.From(text);
        }
    }

    /// <summary>
    /// The options the compiler reads from the editorconfig MSBuild writes: <paramref name="marked"/>
    /// (if any) carries <c>GenNetMissing="true"</c>, as build/GenNet.targets sets it, made visible to the compiler.
    /// </summary>
    private sealed class MarkingOptions(AdditionalText? marked) : AnalyzerConfigOptionsProvider
    {
        private static readonly Options None = new([]);
        private static readonly Options Missing = new(new() { ["build_metadata.AdditionalFiles.GenNetMissing"] = "true" });

        public override AnalyzerConfigOptions GlobalOptions => None;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => ReferenceEquals(textFile, marked) ? Missing : None;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }

    private static readonly string XorFile = $$"""
        { "format": "GenNet.Weights", "version": 1, "inputs": 2,
          "layers": [ { "units": 4, "activation": "Tanh" }, { "units": 1, "activation": "Sigmoid" } ],
          "loss": "BinaryCrossEntropy",
          "parameters": [ {{string.Join(", ", Enumerable.Range(1, 17).Select(k => (k / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture)))}} ] }
        """;

    /// <summary>Compiles the sources with the generated code, loads the assembly and runs <c>Program.Run</c>, rethrowing what it throws.</summary>
    private static float RunProgram(AdditionalText[] files, string source)
    {
        var compilation = GeneratorHarness.Generated(files, source);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var context = new AssemblyLoadContext("fallback", isCollectible: true);
        try
        {
            image.Position = 0;
            var run = context.LoadFromStream(image).GetType("Program")!.GetMethod("Run")!;
            try
            {
                return (float)run.Invoke(null, null)!;
            }
            catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
            {
                throw invocation.InnerException;
            }
        }
        finally
        {
            context.Unload();
        }
    }
}
