using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

// The declarations around the members, shared with the fallback emitter, and text from the user's project made safe.
internal static partial class NetworkEmitter
{
    /// <summary>
    /// Writes the namespace and the partial declarations of the containing types and of the class
    /// itself, implementing <paramref name="interfaceName"/>; disposing the result closes them.
    /// </summary>
    internal static TypeScope OpenType(SourceWriter writer, DeclaredType type, string interfaceName)
    {
        if (type.Namespace.Length > 0)
        {
            writer.Line($"namespace {type.Namespace};");
            writer.Line();
        }
        var scopes = new Stack<SourceWriter.Scope>();
        foreach (var outer in type.ContainingTypes)
            scopes.Push(writer.Block($"partial {outer.Keyword} {outer.Name}"));
        scopes.Push(writer.Block($"partial {type.Keyword} {type.Name} : {interfaceName}"));
        return new TypeScope(scopes);
    }

    /// <summary>The open declarations of <see cref="OpenType"/>, closed innermost first.</summary>
    internal readonly struct TypeScope(Stack<SourceWriter.Scope> scopes) : IDisposable
    {
        public void Dispose()
        {
            while (scopes.Count > 0)
                scopes.Pop().Dispose();
        }
    }

    /// <summary>
    /// Text from the user's project (a weight file's path) made safe for a <c>//</c> comment: a line
    /// break of any kind (<c>\r</c>, <c>\n</c>, <c>\u0085</c>, <c>\u2028</c>, <c>\u2029</c>) would end the
    /// comment and turn the rest into code, so every control or separator character is written as its escape.
    /// </summary>
    internal static string CommentText(string text)
    {
        var safe = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
                safe.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else
                safe.Append(c);
        }
        return safe.ToString();
    }
}
