using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Generators;

// A class with [Layer] attributes and no [Network]: nothing to generate, but something to say.
internal static partial class NetworkParser
{
    /// <summary>
    /// The warning for a class that carries <c>[Layer]</c> but not <c>[Network]</c> (forgotten, or a look-alike
    /// of another namespace), reported once, at the first declaration with the layers; null for any other.
    /// Without it the class silently gets nothing, and the user meets CS1061 at <c>Predict</c>.
    /// </summary>
    public static DiagnosticInfo? ParseLayersWithoutNetwork(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        if (type.TypeKind != TypeKind.Class
            || type.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == RuntimeNames.NetworkAttributeMetadataName)
            || !IsFirstDeclarationWith(RuntimeNames.LayerAttributeMetadataName, type, context.TargetNode, cancellationToken))
            return null;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        return DiagnosticInfo.Create(DiagnosticDescriptors.LayersWithoutNetwork, LocationInfo.From(declaration.Identifier.GetLocation()), type.Name);
    }
}
