using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using GenNet.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GenNet.Benchmarks;

/// <summary>
/// What the generator costs a build and an editor: <see cref="NetworkGenerator"/> run by Roslyn's
/// driver over the ten networks of <c>benchmarks/build-time/Networks.cs</c>, the file whose rebuild
/// <c>benchmarks/build-time.sh</c> times. <see cref="Cold"/> is a new driver on a new compilation, as
/// a build runs it; <see cref="Warm"/> keeps the driver and re-runs it after an edit of one
/// declaration, as an editor does on every change, so only that network's source is written again.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const string DeclarationsPath = "Networks.cs";

    /// <summary>C# as a .NET 10 app compiles it; the generator reads <c>NET9_0_OR_GREATER</c>.</summary>
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest,
        preprocessorSymbols: ["NET", "NET10_0", "NET10_0_OR_GREATER", "NET9_0_OR_GREATER", "NET8_0_OR_GREATER"]);

    private static bool sizesPrinted;

    private CSharpCompilation declarations = null!;
    private SyntaxTree declarationsTree = null!;
    private readonly Dictionary<string, SyntaxTree> editedTrees = [];
    private GeneratorDriver warmDriver = null!;
    private CSharpCompilation warmCompilation = null!;
    private SyntaxTree warmTree = null!;

    [GlobalSetup]
    public void Setup()
    {
        declarationsTree = CSharpSyntaxTree.ParseText(ReadDeclarations(), ParseOptions, DeclarationsPath);
        declarations = CSharpCompilation.Create("BuildTime", [declarationsTree], AppReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var generated = GeneratedSources(NewDriver(trackSteps: false).RunGenerators(declarations));
        if (generated.Length != 10)
            throw new InvalidOperationException($"The generator wrote {generated.Length} sources for the ten networks of {DeclarationsPath}.");
        if (!sizesPrinted)
        {
            PrintSizes(generated);
            sizesPrinted = true;
        }

        foreach (string network in EditedNetworks)
        {
            editedTrees[network] = WithFirstLayerWidened(declarationsTree, network);
            CheckOneSourceRewritten(network);
        }

        (warmCompilation, warmTree) = (declarations, declarationsTree);
        warmDriver = NewDriver(trackSteps: false).RunGenerators(warmCompilation);
    }

    /// <summary>The networks a warm run edits: the quick start's 2-4-1, and 64-128-64-10, the largest output of the ten.</summary>
    public static IEnumerable<string> EditedNetworks => ["Net2x4x1", "Net64x128x64x10"];

    /// <summary>A build: a new driver over a compilation whose symbols nothing has bound yet.</summary>
    [Benchmark]
    public GeneratorDriver Cold() => NewDriver(trackSteps: false).RunGenerators(declarations.Clone());

    /// <summary>
    /// An editor's run after an edit: the file of declarations takes the next text, alternately with
    /// <paramref name="edited"/>'s first hidden layer one unit wider and as it was, so every run sees
    /// one declaration changed.
    /// </summary>
    [Benchmark]
    [ArgumentsSource(nameof(EditedNetworks))]
    public GeneratorDriver Warm(string edited)
    {
        var next = warmTree == declarationsTree ? editedTrees[edited] : declarationsTree;
        warmCompilation = warmCompilation.ReplaceSyntaxTree(warmTree, next);
        warmTree = next;
        return warmDriver = warmDriver.RunGenerators(warmCompilation);
    }

    private static CSharpGeneratorDriver NewDriver(bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static string ReadDeclarations()
    {
        using var stream = typeof(GeneratorBenchmarks).Assembly.GetManifestResourceStream("BuildTime." + DeclarationsPath)
            ?? throw new InvalidOperationException($"The benchmarks were built without build-time/{DeclarationsPath} embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>What a console app compiles against: the shared framework and GenNet.</summary>
    private static ImmutableArray<MetadataReference> AppReferences()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return
        [
            .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(path => Path.GetDirectoryName(path) == framework)
                .Select(path => MetadataReference.CreateFromFile(path)),
            MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location),
        ];
    }

    private static ImmutableArray<GeneratedSourceResult> GeneratedSources(GeneratorDriver driver)
    {
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
            throw new InvalidOperationException("The generator threw.", result.Exception);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
            throw new InvalidOperationException($"The generator reported errors: {string.Join("; ", errors.Select(e => e.ToString()))}");
        return result.GeneratedSources;
    }

    /// <summary>The tree after an edit that widens <paramref name="network"/>'s first hidden layer by one unit, reparsed incrementally as an editor does.</summary>
    private static SyntaxTree WithFirstLayerWidened(SyntaxTree tree, string network)
    {
        var declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.Text == network);
        var units = declaration.AttributeLists.SelectMany(list => list.Attributes)
            .First(attribute => attribute.Name.ToString() == "Layer").ArgumentList!.Arguments[0].Expression;
        int widened = (int)((LiteralExpressionSyntax)units).Token.Value! + 1;
        var text = tree.GetText().WithChanges(new TextChange(units.Span, widened.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return tree.WithChangedText(text);
    }

    /// <summary>
    /// Throws unless the edit of <paramref name="network"/> makes the driver write exactly one source
    /// again (the others come from its cache), so that <see cref="Warm"/> times the incremental case.
    /// </summary>
    private void CheckOneSourceRewritten(string network)
    {
        var driver = NewDriver(trackSteps: true).RunGenerators(declarations);
        driver = driver.RunGenerators(declarations.ReplaceSyntaxTree(declarationsTree, editedTrees[network]));
        var rewritten = driver.GetRunResult().Results.Single().TrackedOutputSteps[WellKnownGeneratorOutputs.SourceOutput]
            .SelectMany(step => step.Outputs)
            .Count(output => output.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
        if (rewritten != 1)
            throw new InvalidOperationException($"Widening a layer of {network} made the generator write {rewritten} sources again, not 1.");
    }

    private static void PrintSizes(ImmutableArray<GeneratedSourceResult> sources)
    {
        // Lines as `wc -l` and an editor count them: line breaks (the file ends with one).
        static (int Bytes, int Lines) Size(GeneratedSourceResult source)
        {
            string text = source.SourceText.ToString();
            return (Encoding.UTF8.GetByteCount(text), text.Count(c => c == '\n'));
        }

        Console.WriteLine($"// Generated source for {DeclarationsPath}: UTF-8 bytes (no byte order mark) and lines per network");
        Console.WriteLine("| file | bytes | lines |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var source in sources)
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"| {source.HintName} | {Size(source).Bytes:N0} | {Size(source).Lines:N0} |"));
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"| all {sources.Length} | {sources.Sum(s => Size(s).Bytes):N0} | {sources.Sum(s => Size(s).Lines):N0} |"));
    }
}
