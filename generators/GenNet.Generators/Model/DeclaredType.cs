namespace GenNet.Generators.Model;

/// <summary>
/// The class a network is declared on, as generated code must re-declare it: every name already in
/// the form C# source writes it (a keyword escaped: <c>@class</c>), and the file name of its source.
/// </summary>
/// <param name="Namespace">The namespace as source writes it (<c>@class.@int</c>), or empty for the global namespace.</param>
/// <param name="ContainingTypes">The types it is nested in, outermost first.</param>
/// <param name="Keyword">"class" or "record": what the generated partial declaration must say.</param>
/// <param name="Name">The class's name as source writes it (<c>@class</c>).</param>
/// <param name="DisplayName">The class's name as diagnostics and comments write it (<c>class</c>).</param>
/// <param name="HintName">The generated file's name: unique among the project's networks, even ignoring case.</param>
internal sealed record DeclaredType(
    string Namespace, EquatableArray<ContainingType> ContainingTypes, string Keyword, string Name, string DisplayName, string HintName)
{
    /// <summary>A class named <paramref name="name"/> in the global namespace (for tests and examples).</summary>
    public static DeclaredType TopLevel(string name) => new("", EquatableArray<ContainingType>.Empty, "class", name, name, name + ".g.cs");
}
