namespace GenNet.Tests.Documentation;

/// <summary>
/// Every C# block of the README (and of the GenNet.Onnx package's readme) compiles as written,
/// with the generator, as a user's console app would compile it; excerpts of generated code are
/// what the generator writes; and the quick start prints what the README shows.
/// </summary>
public class ReadmeTests
{
    private static readonly string[] Files = ["README.md", "src/GenNet.Onnx/README.md"];

    public static TheoryData<string, int> CSharpSnippets()
    {
        var data = new TheoryData<string, int>();
        foreach (string file in Files)
            foreach (var snippet in MarkdownSnippet.Read(file).Where(s => s.Language == "csharp"))
                data.Add(file, snippet.Line);
        return data;
    }

    [Theory]
    [MemberData(nameof(CSharpSnippets))]
    public void A_csharp_block_compiles_as_written_or_is_an_excerpt_of_the_file_it_names(string file, int line)
    {
        var all = MarkdownSnippet.Read(file);
        var snippet = all.Single(s => s.Line == line);
        if (snippet.ExcerptOf is { } excerptOf)
        {
            ShouldBeAnExcerpt(snippet, excerptOf);
            return;
        }
        string program = SnippetCompiler.Program(snippet, all);
        var (_, errors) = SnippetCompiler.Compile(program);
        errors.ShouldBeEmpty($"{snippet} does not compile:\n{string.Join('\n', errors)}\n\nThe program compiled:\n{program}");
    }

    [Fact]
    public void The_readme_has_csharp_blocks_and_its_quick_start_is_a_named_program()
    {
        var readme = MarkdownSnippet.Read("README.md");
        readme.Count(s => s.Language == "csharp").ShouldBeGreaterThan(5);
        readme.ShouldContain(s => s.Name == "quick-start");
        readme.ShouldContain(s => s.Continues == "quick-start");
    }

    /// <summary>The check above can fail: the quick start's own mistake before this fix (class before statements) is caught.</summary>
    [Fact]
    public void A_snippet_that_does_not_compile_is_reported()
    {
        const string classBeforeStatements = """
            using GenNet;

            [Network(2)]
            [Layer(1, Activation.Sigmoid)]
            public partial class OrNet;

            var network = new OrNet();
            """;
        SnippetCompiler.Compile(classBeforeStatements).Errors.ShouldContain(e => e.Id == "CS8803");
        SnippetCompiler.Compile("var network = new NoSuchNet();").Errors.ShouldContain(e => e.Id == "CS0246");
    }

    [Fact]
    public void The_quick_start_sample_is_the_readme_quick_start()
    {
        string quickStart = MarkdownSnippet.Read("README.md").Single(s => s.Name == "quick-start").Code;
        string sample = File.ReadAllText(Path.Combine(Repository.Root(), "samples", "GenNet.QuickStart", "Program.cs"));
        sample.ReplaceLineEndings("\n").ShouldBe(quickStart);
    }

    private static void ShouldBeAnExcerpt(MarkdownSnippet snippet, string path)
    {
        var source = File.ReadAllLines(Path.Combine(Repository.Root(), path)).Select(l => l.Trim()).ToList();
        int at = 0;
        foreach (string line in snippet.Code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "..."))
        {
            int found = source.IndexOf(line, at);
            found.ShouldBeGreaterThanOrEqualTo(0, $"{snippet}: \"{line}\" is not in {path} (after line {at})");
            at = found + 1;
        }
    }
}

/// <summary>Runs the README's quick start; alone, because it captures the console.</summary>
[Collection(ConsoleCapture.Name)]
public class QuickStartTests
{
    [Fact]
    public void The_quick_start_prints_what_the_readme_shows()
    {
        var readme = MarkdownSnippet.Read("README.md");
        string printed = SnippetCompiler.Run(readme.Single(s => s.Name == "quick-start").Code);
        printed.ReplaceLineEndings("\n").ShouldBe(readme.Single(s => s.OutputOf == "quick-start").Code);
    }
}

/// <summary>Tests that replace <see cref="Console.Out"/> run with no other test beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCapture
{
    public const string Name = "Console capture";
}
