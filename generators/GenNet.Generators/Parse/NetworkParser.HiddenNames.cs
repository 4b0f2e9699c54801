using Microsoft.CodeAnalysis;

namespace GenNet.Generators;

// The names generated code depends on, and the types of the user's project that would hide them.
internal static partial class NetworkParser
{
    /// <summary>A name generated code depends on, without <c>global::</c>, and what it names (for the message).</summary>
    private sealed record NeededName(string[] Parts, bool Attribute, string Kind);

    /// <summary>Every name of <see cref="RuntimeNames"/> and <see cref="SystemNames"/> that generated code (or the generator) depends on.</summary>
    private static readonly NeededName[] NeededNames =
    [
        .. RuntimeNames.Types.Select(name => Needed(name, attribute: false, "GenNet type")),
        .. RuntimeNames.Attributes.Select(name => Needed(name, attribute: true, "GenNet attribute")),
        .. SystemNames.Types.Select(name => Needed(name, attribute: false, ".NET type")),
        .. SystemNames.Attributes.Select(name => Needed(name, attribute: true, ".NET attribute")),
    ];

    private static NeededName Needed(string globalName, bool attribute, string kind) =>
        new(globalName.Substring("global::".Length).Split('.'), attribute, kind);

    /// <summary>
    /// Reports each type of the project that hides a name generated code depends on: a type with that full
    /// name (with any number of type parameters: <c>Vector128</c> is named both ways), or with the full name
    /// of a namespace on its way. C# finds it before the referenced assembly's: a class <c>System</c> in the
    /// global namespace takes the place of the namespace even after <c>global::</c> (CS0437), and no alias
    /// reaches the namespace past it; a <c>GenNet.NetworkSpec</c> of the project takes the place of GenNet's
    /// (CS0436); the compiler calls a <c>System.Runtime.CompilerServices.Unsafe</c> of the project for its own
    /// lowering. Generated code would not compile, or (GenNet's attributes) the generator could not tell what
    /// the declaration says.
    /// </summary>
    private static void CheckHiddenNames(string network, Compilation compilation, List<DiagnosticInfo> diagnostics)
    {
        var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var needed in NeededNames)
        {
            if (HidingType(compilation.Assembly.GlobalNamespace, needed) is not { } hiding || !reported.Add(hiding.Type))
                continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameHidden, LocationInfo.From(hiding.Type.Locations.FirstOrDefault()),
                network, hiding.Type.ToDisplayString(), hiding.HidesNamespace ? "namespace" : needed.Kind));
        }
    }

    /// <summary>
    /// The type of the project (of <paramref name="global"/>, the compilation's own global namespace, which
    /// holds no referenced type) that hides <paramref name="needed"/> or a namespace on its way, if any;
    /// an attribute is hidden by a type named with or without the suffix "Attribute", as C# finds it either way.
    /// </summary>
    private static (INamedTypeSymbol Type, bool HidesNamespace)? HidingType(INamespaceSymbol global, NeededName needed)
    {
        var scope = global;
        for (int i = 0; i < needed.Parts.Length; i++)
        {
            string part = needed.Parts[i];
            bool last = i == needed.Parts.Length - 1;
            var names = last && needed.Attribute ? AttributeNames(part) : [part];
            if (names.SelectMany(name => scope.GetTypeMembers(name)).FirstOrDefault() is { } type)
                return (type, !last);
            if (last || scope.GetNamespaceMembers().FirstOrDefault(ns => ns.Name == part) is not { } inner)
                return null;
            scope = inner;
        }
        return null;
    }

    private static string[] AttributeNames(string name)
    {
        const string Suffix = "Attribute";
        string bare = name.EndsWith(Suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - Suffix.Length) : name;
        return [bare, bare + Suffix];
    }
}
