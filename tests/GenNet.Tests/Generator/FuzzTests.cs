using System.Diagnostics;

namespace GenNet.Tests.Generator;

/// <summary>
/// Issue 11's declaration fuzz test: 10,000 generated declarations in ten families, each required to
/// leave the generator without an exception, to produce only files that compile, and either to compile
/// to a network (which, for a sample, computes what <see cref="ReferenceNetwork"/> computes) or to carry
/// a GN diagnostic in its own file. A declaration whose own code does not compile may instead carry
/// just the compiler's error, as long as the generator added none.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    public static TheoryData<string> Families => [.. DeclarationFuzzer.Families];

    [Fact]
    public void The_families_hold_at_least_10000_distinct_declarations()
    {
        var all = DeclarationFuzzer.Families.SelectMany(DeclarationFuzzer.Family).ToList();
        all.Count.ShouldBeGreaterThanOrEqualTo(10_000);
        all.Select(c => string.Join("\0", c.Sources)).Distinct().Count().ShouldBeGreaterThan(all.Count * 3 / 4, "random picks should rarely repeat a declaration");
        // The same seeds write the same declarations.
        DeclarationFuzzer.Family("Names").Select(c => c.Sources[0]).ShouldBe(all.Where(c => c.Family == "Names").Select(c => c.Sources[0]));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_declaration_compiles_to_a_network_or_gets_a_diagnostic(string family)
    {
        var cases = DeclarationFuzzer.Family(family);
        var clock = Stopwatch.StartNew();
        var failures = FuzzRunner.Check(cases);
        output.WriteLine($"{family}: {cases.Count} declarations ({cases.Count(c => c.Expect == Expect.Network)} valid, "
            + $"{cases.Count(c => c.Expect == Expect.Diagnostic)} invalid, {cases.Count(c => c.Expect == Expect.Either)} either; "
            + $"{cases.Count(c => c.Run)} marked to run) in {clock.Elapsed.TotalSeconds:F1} s");
        if (failures.Count > 0)
        {
            // The report, not a dump of the failure records: counts by kind, then sources and errors.
            output.WriteLine(Report(family, cases.Count, failures));
            Assert.Fail(Report(family, cases.Count, failures));
        }
    }

    /// <summary>Failures counted by kind, then the first few declarations of each kind with their sources and errors.</summary>
    private static string Report(string family, int total, List<FuzzFailure> failures)
    {
        var byKind = failures.GroupBy(f => f.Kind).OrderByDescending(g => g.Select(f => f.Case).Distinct().Count()).ToList();
        var text = new System.Text.StringBuilder();
        text.AppendLine($"{failures.Select(f => f.Case).Distinct().Count()} of {total} {family} declarations failed:");
        foreach (var kind in byKind)
            text.AppendLine($"  {kind.Select(f => f.Case).Distinct().Count(),5} × {kind.Key}");
        foreach (var kind in byKind)
        {
            foreach (var failure in kind.Take(2))
                text.AppendLine($"\n[{kind.Key}] {failure.Case.Describe()}\n  => {failure.Detail.Replace("\n", "\n     ")}");
        }
        return text.ToString();
    }
}
