using System.Text.RegularExpressions;

namespace GenNet.Tests.Documentation;

/// <summary>
/// A fenced code block of a Markdown file, with what the comment on the line before it says about it.
/// The comment is an HTML comment, so readers of the rendered file do not see it:
/// <c>&lt;!-- snippet: NAME --&gt;</c> names a complete program; <c>&lt;!-- snippet: after NAME --&gt;</c>
/// marks a fragment that continues the program NAME (its statements run after NAME's, its types are
/// added); <c>&lt;!-- snippet: output of NAME --&gt;</c> is what the program NAME prints;
/// <c>&lt;!-- snippet: excerpt of PATH --&gt;</c> is lines of the repository file PATH, in order, with
/// <c>...</c> for lines left out. A block with no comment is a complete program.
/// </summary>
/// <param name="File">The Markdown file's path relative to the repository.</param>
/// <param name="Line">The line of the opening fence, from 1.</param>
/// <param name="Language">The fence's language: <c>csharp</c>, <c>text</c>, …</param>
/// <param name="Directive">The comment's text after <c>snippet:</c>, or empty.</param>
/// <param name="Code">The block's text.</param>
public sealed partial record MarkdownSnippet(string File, int Line, string Language, string Directive, string Code)
{
    /// <summary>The name this block gives a program, or null.</summary>
    public string? Name => IsProgram && Directive.Length > 0 ? Directive : null;

    /// <summary>The program this fragment continues, or null.</summary>
    public string? Continues => Argument("after ");

    /// <summary>The program whose output this block shows, or null.</summary>
    public string? OutputOf => Argument("output of ");

    /// <summary>The repository file this block is an excerpt of, or null.</summary>
    public string? ExcerptOf => Argument("excerpt of ");

    private bool IsProgram => Continues is null && OutputOf is null && ExcerptOf is null;

    private string? Argument(string keyword) =>
        Directive.StartsWith(keyword, StringComparison.Ordinal) ? Directive[keyword.Length..].Trim() : null;

    public override string ToString() => $"{File}:{Line}";

    /// <summary>Every fenced block of the Markdown file at <paramref name="relativePath"/> in the repository.</summary>
    public static IReadOnlyList<MarkdownSnippet> Read(string relativePath)
    {
        string[] lines = System.IO.File.ReadAllLines(Path.Combine(Repository.Root(), relativePath));
        var snippets = new List<MarkdownSnippet>();
        for (int i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
                continue;
            int open = i;
            var code = new List<string>();
            while (++i < lines.Length && lines[i].Trim() != "```")
                code.Add(lines[i]);
            var directive = open > 0 ? DirectiveComment().Match(lines[open - 1]) : Match.Empty;
            snippets.Add(new MarkdownSnippet(relativePath, open + 1, fence.Groups[1].Value,
                directive.Success ? directive.Groups[1].Value.Trim() : "", string.Join('\n', code) + "\n"));
        }
        return snippets;
    }

    [GeneratedRegex(@"^\s*```(\w*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!--\s*snippet:(.*?)-->\s*$")]
    private static partial Regex DirectiveComment();
}
