using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GenNet.Tests.Generator;

/// <summary>A fuzzed declaration that broke a rule: a short kind (for counting) and the details.</summary>
public sealed record FuzzFailure(FuzzCase Case, string Kind, string Detail);

/// <summary>
/// Runs the generator on fuzzed declarations many at a time, as one compilation each batch, and judges
/// each declaration: the generator threw nothing, every generated file compiles, and the declaration
/// compiles to a network or carries a GN diagnostic in its own file. A batch whose failure cannot be
/// pinned on one declaration (an exception, an error in a generated file) is split in halves until it can.
/// </summary>
internal static class FuzzRunner
{
    private const int BatchSize = 100;

    /// <summary>
    /// Longest a batch may go without finishing a step (a file's diagnostics, the generator's run): a
    /// declaration that makes the generator or compiler hang fails instead of stalling CI. No deadline
    /// for the whole batch: on a busy 2-core machine a batch of 100 can take a minute and is still fine.
    /// </summary>
    private static readonly TimeSpan StallWindow = TimeSpan.FromMinutes(2);

    /// <summary>Checks every case; then loads and runs those marked <see cref="FuzzCase.Run"/> that compiled to a network.</summary>
    public static List<FuzzFailure> Check(IReadOnlyList<FuzzCase> cases)
    {
        var failures = new List<FuzzFailure>();
        var compiled = new List<(FuzzCase Case, string TypeName)>();
        // The cases that run alone go last: one that will not stop ends the family's run.
        var batches = cases.Where(c => !c.Alone).Chunk(BatchSize)
            .Concat(cases.Where(c => c.Alone).Select(c => new[] { c }));
        foreach (var batch in batches)
        {
            if (!CheckBatch(batch, failures, compiled))
            {
                failures.Add(new FuzzFailure(batch[0], "runaway", "the generator or compiler was still running long after it stalled and was cancelled; the rest of the family was not checked"));
                return failures;
            }
        }
        // Only networks with no failure: one broken file would keep the whole chunk from loading.
        var failed = failures.Select(f => f.Case).ToHashSet();
        // Cases that must compile alone (global usings reach every file) load alone too.
        var runnable = compiled.Where(network => !failed.Contains(network.Case)).ToList();
        var chunks = runnable.Where(network => !network.Case.Alone).Chunk(40)
            .Concat(runnable.Where(network => network.Case.Alone).Select(network => new[] { network }));
        foreach (var chunk in chunks)
            failures.AddRange(NetworkRunner.Run(chunk));
        return failures;
    }

    /// <summary>Judges one batch; false when a stalled run would not stop (nothing more can be trusted).</summary>
    private static bool CheckBatch(FuzzCase[] batch, List<FuzzFailure> failures, List<(FuzzCase, string)> compiled)
    {
        var (outcome, stalled, stopped) = StallGuard.Run((progress, token) => Generate(batch, progress, token), StallWindow);
        if (stalled || outcome is null)
        {
            failures.AddRange(batch.Select(c => new FuzzFailure(c, "stalled",
                $"generating and compiling {(batch.Length == 1 ? "it" : $"a batch of {batch.Length} with it")} finished no step for {StallWindow.TotalSeconds} s")));
            return stopped;
        }
        var casePaths = batch.SelectMany(c => c.Sources.Select((_, part) => c.PathOf(part))).ToHashSet();
        var stray = outcome.After.Where(d => !casePaths.Contains(d.Location.GetLineSpan().Path)).ToArray();
        // The driver's diagnostics include what the generator reported; only CS8784/CS8785 say it failed.
        var driverErrors = outcome.Driver.Where(d => d.Id is "CS8784" or "CS8785").ToArray();
        // Errors in generated files are pinned on the declaration whose class the file completes; only
        // errors that cannot be (and exceptions, which drop every file) need the batch split.
        var owners = stray.Select(d => OwnerOf(d, outcome.Output, batch)).ToArray();
        if (outcome.Exception is null && driverErrors.Length == 0 && stray.Length > 0 && owners.All(owner => owner is not null))
        {
            foreach (var error in stray.Zip(owners).GroupBy(pair => (pair.Second, pair.First.Id)))
                failures.Add(new FuzzFailure(error.Key.Second!, $"generated code: {error.Key.Id}", string.Join("\n", error.Take(3).Select(pair => Quote(pair.First, outcome.Output)))));
            stray = [];
        }
        if (outcome.Exception is not null || driverErrors.Length > 0 || stray.Length > 0)
        {
            if (batch.Length > 1)
                return CheckBatch(batch[..(batch.Length / 2)], failures, compiled) && CheckBatch(batch[(batch.Length / 2)..], failures, compiled);
            if (outcome.Exception is not null || driverErrors.Length > 0)
                failures.Add(new FuzzFailure(batch[0], $"generator threw {outcome.Exception?.GetType().Name ?? "(CS8785)"}",
                    outcome.Exception?.Message ?? string.Join("\n", driverErrors.Select(d => d.ToString()))));
            foreach (var error in stray.GroupBy(d => d.Id))
                failures.Add(new FuzzFailure(batch[0], $"generated code: {error.Key}", string.Join("\n", error.Take(3).Select(d => Quote(d, outcome.Output)))));
            return true;
        }
        foreach (var fuzzCase in batch)
            Judge(fuzzCase, outcome, failures, compiled);
        return true;
    }

    /// <summary>The judgement of one declaration in a batch whose failures, if any, all lie in the declarations' own files.</summary>
    private static void Judge(FuzzCase fuzzCase, BatchOutcome outcome, List<FuzzFailure> failures, List<(FuzzCase, string)> compiled)
    {
        var paths = fuzzCase.Sources.Select((_, part) => fuzzCase.PathOf(part)).ToHashSet();
        bool Mine(Diagnostic d) => paths.Contains(d.Location.GetLineSpan().Path);
        var ownErrors = outcome.Before.Where(Mine).Select(Key).ToHashSet();
        var newErrors = outcome.After.Where(d => Mine(d) && !ownErrors.Contains(Key(d))).ToArray();
        // The GN diagnostics that stand for a missing network: errors, and GN0016 (a weight file not saved
        // yet: a warning, with a placeholder). GN0021 (an UnrollLimit above the cap) comes with a network.
        var gn = outcome.GeneratorDiagnostics.Where(d => d.Id.StartsWith("GN", StringComparison.Ordinal)
            && (d.Severity == DiagnosticSeverity.Error || d.Id == "GN0016") && Mine(d)).ToArray();
        var declared = DeclaredNetworks(fuzzCase, outcome.Output);
        // A class whose network could not be generated gets throwing fallback members (issue 10.6): not a network.
        var networks = declared.Where(t => t.AllInterfaces.Any(i => i.ToDisplayString() == "GenNet.IPredictor") && !IsFallback(t)).ToArray();

        void Fail(string kind, string detail) => failures.Add(new FuzzFailure(fuzzCase, kind, detail));
        string Found() => $"GN diagnostics: [{string.Join(", ", gn.Select(d => d.Id))}], networks: {networks.Length} of {declared.Count} [Network] classes, "
            + $"user errors: [{string.Join(", ", outcome.Before.Where(Mine).Select(d => d.Id))}]";

        foreach (var error in newErrors.GroupBy(d => d.Id))
            Fail($"breaks the user's code: {error.Key}", string.Join("\n", error.Take(3).Select(d => d.ToString())));
        if (fuzzCase.Expect == Expect.Diagnostic && gn.Length == 0)
            Fail(networks.Length > 0 ? "network where a GN diagnostic was expected" : "no GN diagnostic where one was expected", Found());
        if (fuzzCase.Expect == Expect.Network && (gn.Length > 0 || networks.Length == 0 || networks.Length < declared.Count))
            Fail(gn.Length > 0 ? $"{gn[0].Id} on a valid network" : "no network for a valid declaration", Found() + (gn.Length > 0 ? "\n" + gn[0] : ""));
        if (fuzzCase.Expect == Expect.Either && gn.Length == 0 && ownErrors.Count == 0 && networks.Length < declared.Count)
            Fail("neither a network nor a GN diagnostic", Found());
        if (fuzzCase.Network is not { } expected)
            return;
        foreach (var network in networks)
        {
            var inputCount = Constant(network, "InputCount");
            var parameterCount = Constant(network, "ParameterCount");
            if (expected.ParameterCount > int.MaxValue)
                Fail("network for a parameter count beyond int", $"declared {expected.ParameterCount} parameters, generated ParameterCount = {parameterCount}");
            else if (parameterCount != expected.ParameterCount || inputCount != expected.Inputs)
                Fail("wrong counts", $"declared {expected.Inputs} inputs and {expected.ParameterCount} parameters, generated InputCount = {inputCount}, ParameterCount = {parameterCount}");
            else if (fuzzCase.Run && newErrors.Length == 0 && ownErrors.Count == 0)
                compiled.Add((fuzzCase, MetadataName(network)));
        }
    }

    /// <summary>
    /// The case whose class the generated file of <paramref name="error"/> completes: the file's
    /// outermost type shares its symbol with a declaration in exactly one case's files. Null when it cannot be told.
    /// </summary>
    private static FuzzCase? OwnerOf(Diagnostic error, Compilation output, FuzzCase[] batch)
    {
        if (error.Location.SourceTree is not { } tree)
            return null;
        var model = output.GetSemanticModel(tree);
        var paths = tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>()
            .Select(declaration => model.GetDeclaredSymbol(declaration))
            .SelectMany(symbol => symbol?.DeclaringSyntaxReferences ?? [])
            .Select(reference => reference.SyntaxTree.FilePath)
            .ToHashSet();
        var owners = batch.Where(c => c.Sources.Select((_, part) => c.PathOf(part)).Any(paths.Contains)).ToArray();
        return owners.Length == 1 ? owners[0] : null;
    }

    private static (string, string, TextSpan) Key(Diagnostic d) => (d.Id, d.Location.GetLineSpan().Path, d.Location.SourceSpan);

    private static long? Constant(INamedTypeSymbol type, string name) =>
        type.GetMembers(name).OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue)?.ConstantValue is int value ? value : null;

    /// <summary>The classes of the case that carry a <c>[Network]</c>-looking attribute, as the compilation with the generated code sees them.</summary>
    private static bool IsFallback(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree.GetRoot().GetLeadingTrivia().ToFullString().Contains("// GenNet could not generate network", StringComparison.Ordinal));

    private static List<INamedTypeSymbol> DeclaredNetworks(FuzzCase fuzzCase, Compilation output)
    {
        var found = new List<INamedTypeSymbol>();
        var paths = fuzzCase.Sources.Select((_, part) => fuzzCase.PathOf(part)).ToHashSet();
        foreach (var tree in output.SyntaxTrees.Where(t => paths.Contains(t.FilePath)))
        {
            var model = output.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                bool marked = declaration.AttributeLists.SelectMany(list => list.Attributes)
                    .Any(a => a.Name.ToString().Split('.', ':').Last() is "Network" or "NetworkAttribute");
                if (marked && model.GetDeclaredSymbol(declaration) is INamedTypeSymbol symbol && !found.Contains(symbol, SymbolEqualityComparer.Default))
                    found.Add(symbol);
            }
        }
        return found;
    }

    /// <summary>The name reflection knows the type by: namespaces joined by '.', nesting by '+', without '@'.</summary>
    public static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? MetadataName(outer) + "+" + type.MetadataName
        : type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName
        : NamespaceName(type.ContainingNamespace) + "." + type.MetadataName;

    private static string NamespaceName(INamespaceSymbol ns) =>
        ns.ContainingNamespace is { IsGlobalNamespace: false } parent ? NamespaceName(parent) + "." + ns.MetadataName : ns.MetadataName;

    /// <summary>An error with the line of the generated file it points at.</summary>
    private static string Quote(Diagnostic d, Compilation output)
    {
        var tree = d.Location.SourceTree;
        string line = tree is null ? "" : "\n      at: " + tree.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim();
        return $"{d}{line}";
    }

    /// <summary>The generator's run on a batch and the compilation before and after it.</summary>
    private sealed record BatchOutcome(
        Compilation Output, ImmutableArray<Diagnostic> Before, ImmutableArray<Diagnostic> After,
        ImmutableArray<Diagnostic> GeneratorDiagnostics, Exception? Exception, ImmutableArray<Diagnostic> Driver);

    /// <summary>Generates for the batch and compiles the result, a step per file's diagnostics and one for the generator's run.</summary>
    private static BatchOutcome Generate(FuzzCase[] batch, Progress progress, CancellationToken cancellationToken)
    {
        var trees = batch.SelectMany(c => c.Sources.Select((source, part) => GeneratorHarness.Tree(source, c.PathOf(part)))).ToArray();
        var input = GeneratorHarness.Compilation(trees);
        var before = Errors(input, progress, cancellationToken);
        var driver = GeneratorHarness.Driver([.. batch.SelectMany(c => c.Files)])
            .RunGeneratorsAndUpdateCompilation(input, out var output, out var driverDiagnostics, cancellationToken);
        progress.Step();
        var result = driver.GetRunResult().Results.Single();
        return new BatchOutcome(output, before, Errors(output, progress, cancellationToken), result.Diagnostics, result.Exception, driverDiagnostics);
    }

    /// <summary>
    /// The compilation's errors, found file by file (a step each) and then those of no file: the same
    /// errors as <see cref="Compilation.GetDiagnostics"/>, with progress the guard can see.
    /// </summary>
    private static ImmutableArray<Diagnostic> Errors(Compilation compilation, Progress progress, CancellationToken cancellationToken)
    {
        var errors = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            errors.AddRange(compilation.GetSemanticModel(tree).GetDiagnostics(cancellationToken: cancellationToken).Where(IsError));
            progress.Step();
        }
        errors.AddRange(compilation.GetDeclarationDiagnostics(cancellationToken).Where(d => IsError(d) && !d.Location.IsInSource));
        return errors.ToImmutable();
    }

    private static bool IsError(Diagnostic diagnostic) => diagnostic.Severity == DiagnosticSeverity.Error;
}
