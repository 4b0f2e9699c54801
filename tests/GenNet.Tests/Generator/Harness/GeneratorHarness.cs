using System.Collections.Immutable;
using GenNet.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenNet.Tests.Generator;

/// <summary>Runs <see cref="NetworkGenerator"/> in-process on source text, as the compiler would.</summary>
internal static class GeneratorHarness
{
    /// <summary>C# as a .NET 10 project compiles it, with its preprocessor symbols (the generator reads NET9_0_OR_GREATER).</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, preprocessorSymbols: ["NET", "NET10_0", "NET8_0_OR_GREATER", "NET9_0_OR_GREATER", "NET10_0_OR_GREATER"]);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location),
    ];

    public static SyntaxTree Tree(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static CSharpCompilation Compilation(params SyntaxTree[] trees) =>
        CSharpCompilation.Create("UserAssembly", trees, References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(params AdditionalText[] additionalFiles) =>
        CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            additionalTexts: additionalFiles,
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The user's sources (one file each) with everything the generator adds for them, ready to emit.</summary>
    public static Compilation Generated(AdditionalText[] additionalFiles, params string[] sources)
    {
        var compilation = Compilation([.. sources.Select((source, i) => Tree(source, $"Source{i}.cs"))]);
        Driver(additionalFiles).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return output;
    }

    /// <summary>Generates for <paramref name="sources"/> (one file each) and compiles the result.</summary>
    public static Outcome Run(params string[] sources) => Run([], sources);

    /// <summary>Generates for <paramref name="sources"/> with <paramref name="additionalFiles"/> in the project, and compiles the result.</summary>
    public static Outcome Run(AdditionalText[] additionalFiles, params string[] sources)
    {
        var compilation = Compilation([.. sources.Select((source, i) => Tree(source, $"Source{i}.cs"))]);
        var driver = Driver(additionalFiles).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        return new Outcome(
            result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()),
            result.Diagnostics,
            output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray(),
            result.Exception,
            driverDiagnostics);
    }

    /// <param name="Sources">Generated files by hint name.</param>
    /// <param name="GeneratorDiagnostics">What the generator reported.</param>
    /// <param name="CompilationErrors">Errors of the user's code together with the generated code.</param>
    /// <param name="Exception">An exception the generator threw, if any.</param>
    /// <param name="DriverDiagnostics">What the driver reported (CS8785 when a generator throws).</param>
    public sealed record Outcome(
        Dictionary<string, string> Sources,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        ImmutableArray<Diagnostic> CompilationErrors,
        Exception? Exception,
        ImmutableArray<Diagnostic> DriverDiagnostics);
}

/// <summary>
/// An <c>AdditionalFiles</c> item held in memory. Null text is a listed file the compiler cannot
/// read, as when it does not exist on disk.
/// </summary>
public sealed class InMemoryAdditionalText(string path, string? text) : AdditionalText
{
    public override string Path { get; } = path;

    public override Microsoft.CodeAnalysis.Text.SourceText? GetText(CancellationToken cancellationToken = default) =>
        text is null ? null : Microsoft.CodeAnalysis.Text.SourceText.From(text);
}
