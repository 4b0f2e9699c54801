
namespace GenNet.Tests.Generator;

/// <summary>
/// Code volume is a cost (the compiler compiles every byte on each rebuild, the IDE's generator run
/// too), and generated source is deterministic, so its size is budgeted here. The networks are the ten
/// of <c>benchmarks/build-time/Networks.cs</c>, which the rebuild script and the generator benchmark
/// use; the first seven are the shapes issue 28 measured. The budgets hold today's sizes with a little
/// room, so that growth is a decision and not an accident; issue 28's targets (the seven at most
/// 550 KB, the 2-4-1 file at most 300 lines) lower them.
/// </summary>
public class GeneratedSizeTests(ITestOutputHelper output)
{
    private static readonly Lazy<Dictionary<string, string>> Generated = new(() =>
    {
        string declarations = System.IO.File.ReadAllText(Path.Combine(Repository.Root(), "benchmarks", "build-time", "Networks.cs"));
        var outcome = GeneratorHarness.Run(declarations);
        outcome.CompilationErrors.ShouldBeEmpty();
        return outcome.Sources;
    });

    /// <summary>The seven shapes issue 28 measured, by generated file.</summary>
    private static readonly string[] IssueSeven =
        ["Net2x1", "Net2x4x1", "Net2x3x1", "Net4x3x1", "Net3x5x4x2", "Net16x32x16x1", "Net64x128x64x10"];

    private static int Bytes(string source) => System.Text.Encoding.UTF8.GetByteCount(source);

    private static int Lines(string source) => source.Count(c => c == '\n');

    private static string SourceOf(string network) => Generated.Value[$"BuildTime.{network}.g.cs"];

    [Fact]
    public void The_ten_networks_generate_a_file_each_that_compiles()
    {
        foreach (var (name, source) in Generated.Value.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            output.WriteLine($"{name}: {Bytes(source):N0} bytes, {Lines(source):N0} lines");
        Generated.Value.Count.ShouldBe(10);
    }

    [Fact]
    public void The_seven_networks_of_issue_28_stay_within_their_budget()
    {
        int total = IssueSeven.Sum(network => Bytes(SourceOf(network)));
        output.WriteLine($"seven networks: {total:N0} bytes");
        total.ShouldBeLessThanOrEqualTo(SevenBudget, "generated source of the seven networks, in UTF-8 bytes");
    }

    [Fact]
    public void All_ten_networks_stay_within_their_budget()
    {
        int total = Generated.Value.Values.Sum(Bytes);
        output.WriteLine($"ten networks: {total:N0} bytes");
        total.ShouldBeLessThanOrEqualTo(TenBudget, "generated source of the ten networks, in UTF-8 bytes");
    }

    [Fact]
    public void The_2_4_1_network_stays_within_its_lines()
    {
        int lines = Lines(SourceOf("Net2x4x1"));
        output.WriteLine($"2-4-1: {lines} lines");
        lines.ShouldBeLessThanOrEqualTo(TwoFourOneLines, "lines of the 2-4-1 network's generated file");
    }

    // 2026-12-07: 546,269 and 778,455 bytes, 443 lines, since PredictBatch's block method is written once
    // for every width, reads θ by reference, and System.Runtime.Intrinsics is Simd:: (before, three copies
    // and GenNetIntrinsics::: 1,108,455 and 1,727,132 bytes, 529 lines). 2026-12-08: 497,446 and 730,465
    // bytes, 445 lines: block methods carry AggressiveOptimization (a line each), and an unrolled layer of
    // more than 32 inputs between rows is one kernel call in PredictBatch's block (64-128-64-10's output
    // layer, 45 KB). The seven are held to issue 28's target of 550,000 bytes, the ten to today's size plus
    // about 1 %, the 2-4-1 file to today's lines (the issue's 300 lines are not met).
    private const int SevenBudget = 550_000;
    private const int TenBudget = 738_000;
    private const int TwoFourOneLines = 445;
}
