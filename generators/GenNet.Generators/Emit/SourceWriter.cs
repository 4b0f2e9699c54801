using System.Text;

namespace GenNet.Generators.Emit;

/// <summary>Builds indented C# source text, one line at a time.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public void Line(string line = "")
    {
        if (line.Length > 0)
            text.Append(' ', 4 * depth).Append(line);
        text.Append('\n');
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents until the returned scope is disposed.</summary>
    public Scope Block(string header)
    {
        Line(header);
        Line("{");
        depth++;
        return new Scope(this);
    }

    /// <summary>Indents until the returned scope is disposed, writing no braces (the caller writes its own, as an initialiser's <c>};</c>).</summary>
    public Indentation Indent()
    {
        depth++;
        return new Indentation(this);
    }

    public override string ToString() => text.ToString();

    public readonly struct Scope(SourceWriter writer) : IDisposable
    {
        public void Dispose()
        {
            writer.depth--;
            writer.Line("}");
        }
    }

    public readonly struct Indentation(SourceWriter writer) : IDisposable
    {
        public void Dispose() => writer.depth--;
    }
}
