using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using GenNet.Generators;
using GenNet.Onnx;
using GenNet.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Tests.Documentation;

/// <summary>
/// Compiles documentation snippets (and samples) as a user's console app would: C# latest, the SDK's implicit
/// usings, GenNet and GenNet.Onnx referenced, the GenNet generator running, and the weight files the
/// baking examples name listed as additional files.
/// </summary>
internal static class SnippetCompiler
{
    /// <summary>What <c>&lt;ImplicitUsings&gt;enable&lt;/ImplicitUsings&gt;</c> gives a console app.</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileNameWithoutExtension(path) is not ("GenNet.Tests" or "GenNet" or "GenNet.Onnx"))
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(OnnxExport).Assembly.Location),
    ];

    /// <summary>The program a snippet stands for: itself, or the program it continues with its lines added.</summary>
    public static string Program(MarkdownSnippet snippet, IReadOnlyList<MarkdownSnippet> all)
    {
        if (snippet.Continues is not { } name)
            return snippet.Code;
        var program = all.SingleOrDefault(s => s.Name == name)
            ?? throw new InvalidOperationException($"{snippet} continues '{name}', which no snippet of {snippet.File} is named");
        var first = CSharpSyntaxTree.ParseText(Program(program, all)).GetCompilationUnitRoot();
        var second = CSharpSyntaxTree.ParseText(snippet.Code).GetCompilationUnitRoot();
        // Top-level statements must come before type declarations (CS8803): statements of both, then types of both.
        IEnumerable<SyntaxNode> Statements(CompilationUnitSyntax unit) => unit.Members.OfType<GlobalStatementSyntax>();
        IEnumerable<SyntaxNode> Types(CompilationUnitSyntax unit) => unit.Members.Where(m => m is not GlobalStatementSyntax);
        return string.Concat(
            first.Usings.Concat(second.Usings).Select(u => u.ToString()).Distinct().Select(u => u + "\n")
                .Concat(Statements(first).Concat(Statements(second)).Concat(Types(first)).Concat(Types(second)).Select(n => n.ToFullString())));
    }

    /// <summary>Runs the generator on <paramref name="program"/> and compiles it into a console app.</summary>
    public static (CSharpCompilation Compilation, ImmutableArray<Diagnostic> Errors) Compile(string program) =>
        Compile([("Program.cs", program)], WeightFiles.Value, OptimizationLevel.Debug);

    /// <summary>
    /// Runs the generator on the source files and compiles them into a console app, with
    /// <paramref name="additionalFiles"/> as the project's <c>AdditionalFiles</c> items.
    /// </summary>
    public static (CSharpCompilation Compilation, ImmutableArray<Diagnostic> Errors) Compile(
        IEnumerable<(string Path, string Text)> sources, ImmutableArray<AdditionalText> additionalFiles, OptimizationLevel optimization)
    {
        var parseOptions = GeneratorHarness.ParseOptions;
        var compilation = CSharpCompilation.Create("ReadmeSnippet",
            [.. sources.Select(source => CSharpSyntaxTree.ParseText(source.Text, parseOptions, source.Path)), CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, "GlobalUsings.cs")],
            References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: optimization));
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], additionalTexts: additionalFiles, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var errors = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return ((CSharpCompilation)output, errors);
    }

    /// <summary>Compiles <paramref name="program"/>, runs it in this process and returns what it printed.</summary>
    public static string Run(string program)
    {
        var (compilation, errors) = Compile(program);
        errors.ShouldBeEmpty();
        return Run(compilation, []);
    }

    /// <summary>Runs a compiled console app in this process with <paramref name="args"/> and returns what it printed.</summary>
    public static string Run(CSharpCompilation compilation, string[] args)
    {
        using var image = new MemoryStream();
        compilation.Emit(image).Success.ShouldBeTrue();
        image.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        var printed = new StringWriter();
        var console = Console.Out;
        try
        {
            Console.SetOut(printed);
            var entry = context.LoadFromStream(image).EntryPoint!;
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [args]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
        finally
        {
            Console.SetOut(console);
            context.Unload();
        }
        return printed.ToString();
    }

    /// <summary>
    /// The weight files the README's baking examples name, as the networks they declare would save them:
    /// the quick start's 2-4-1 XOR network, and the 4-16-3 Iris classifier of the gennet walkthrough.
    /// </summary>
    private static readonly Lazy<ImmutableArray<AdditionalText>> WeightFiles = new(() =>
    [
        WeightFile("xor.weights.json", new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)])),
        WeightFile("iris.weights.json", new NetworkSpec(4, [new(16, Activation.ReLU), new(3, Activation.Softmax)])),
    ]);

    private static InMemoryAdditionalText WeightFile(string name, NetworkSpec spec)
    {
        var network = new DynamicNetwork(spec);
        network.Initialize(seed: 1);
        string folder = Directory.CreateTempSubdirectory("gennet-readme-").FullName;
        string file = Path.Combine(folder, name);
        NetworkWeights.Save(network, file);
        string json = File.ReadAllText(file);
        Directory.Delete(folder, recursive: true);
        return new InMemoryAdditionalText("/readme/" + name, json);
    }
}
