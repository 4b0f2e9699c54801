using System.Text;
using GenNet.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Generators;

// The class a network is declared on: whether generated code can extend it, and how to name it.
internal static partial class NetworkParser
{
    /// <summary>
    /// Whether <paramref name="node"/> is the first (by file and position) of the class's declarations
    /// carrying the attribute <paramref name="attributeMetadataName"/>: the one that generates or reports for
    /// the class. A second <c>[Network]</c> is the compiler's error CS0579 (the attribute allows one);
    /// generating for both would emit one file twice.
    /// </summary>
    private static bool IsFirstDeclarationWith(string attributeMetadataName, INamedTypeSymbol type, SyntaxNode node, CancellationToken cancellationToken)
    {
        var declarations = type.GetAttributes()
            .Where(attribute => attribute.AttributeClass?.ToDisplayString() == attributeMetadataName)
            .Select(attribute => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>())
            .Where(declaration => declaration is not null)
            .OrderBy(declaration => declaration!.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(declaration => declaration!.SpanStart)
            .ToList();
        return declarations.Count == 0 || declarations[0] == node;
    }

    /// <summary>
    /// Whether the class or a type it is nested in is file-local (<c>file class</c>). Generated code
    /// lives in a file of its own, and a partial declaration there would declare another type.
    /// </summary>
    private static bool IsFileLocal(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                // By text: the generator builds against a Roslyn older than the 'file' keyword.
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && declaration.Modifiers.Any(modifier => modifier.ValueText == "file"))
                    return true;
            }
        }
        return false;
    }

    /// <summary>The class as generated code must re-declare it, with the file name of that code.</summary>
    private static DeclaredType Declared(INamedTypeSymbol type, Compilation compilation)
    {
        var namespaces = new List<string>();
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            namespaces.Insert(0, ns.Name);
        var containing = new List<INamedTypeSymbol>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            containing.Insert(0, outer);

        return new DeclaredType(
            string.Join(".", namespaces.Select(Identifier)),
            containing.Select(outer => new ContainingType(Keyword(outer), Identifier(outer.Name) + TypeParameters(outer, Identifier))).ToEquatableArray(),
            Keyword(type),
            Identifier(type.Name),
            type.Name,
            HintName(type, compilation));
    }

    /// <summary>
    /// A name as C# source must write it: a keyword, or a contextual keyword (<c>var</c>, <c>record</c>),
    /// escaped with <c>@</c>, which is valid before any identifier.
    /// </summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string TypeParameters(INamedTypeSymbol type, Func<string, string> name) =>
        type.TypeParameters.Length == 0 ? "" : "{" + string.Join(", ", type.TypeParameters.Select(p => name(p.Name))) + "}";

    /// <summary>
    /// <c>Namespace.Outer.Class.g.cs</c> from the names without <c>@</c> (a character hint names may not
    /// hold), type parameters in braces. The compiler compares hint names ignoring case, and a namespace
    /// <c>A.B</c> and a class <c>A.B</c> print alike, so when another type of the project prints the
    /// same ignoring case, the name also carries a hash of the exact one.
    /// </summary>
    private static string HintName(INamedTypeSymbol type, Compilation compilation)
    {
        string readable = Readable(type);
        bool twin = compilation.GetSymbolsWithName(name => string.Equals(name, type.Name, StringComparison.OrdinalIgnoreCase), SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Any(other => !SymbolEqualityComparer.Default.Equals(other, type)
                && string.Equals(Readable(other), readable, StringComparison.OrdinalIgnoreCase));
        return twin ? $"{readable}.{Fnv1a(Exact(type)):x8}.g.cs" : readable + ".g.cs";
    }

    private static string Readable(INamedTypeSymbol type) =>
        (type.ContainingType is { } outer ? Readable(outer) + "."
            : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString().Replace("@", "") + "."
            : "") + type.Name + TypeParameters(type, name => name);

    /// <summary>The name as metadata writes it, which tells nesting (<c>+</c>) from namespaces.</summary>
    private static string Exact(INamedTypeSymbol type) =>
        (type.ContainingType is { } outer ? Exact(outer) + "+"
            : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString().Replace("@", "") + "."
            : "") + type.MetadataName;

    /// <summary>FNV-1a over the UTF-8 bytes: the same in every process, unlike <c>string.GetHashCode</c>.</summary>
    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
            hash = (hash ^ b) * 16777619;
        return hash;
    }

    /// <summary>The keyword a partial declaration of <paramref name="type"/> must repeat: all parts agree on it.</summary>
    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    /// <summary>
    /// The value of an attribute argument, or null where it has none the generator can read: an array
    /// (reading <see cref="TypedConstant.Value"/> of one throws) or an argument the compiler could not bind.
    /// </summary>
    private static object? ValueOf(TypedConstant constant) =>
        constant.Kind is TypedConstantKind.Array or TypedConstantKind.Error ? null : constant.Value;
}
