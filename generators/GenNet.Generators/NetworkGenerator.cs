using GenNet.Generators.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Generators;

/// <summary>
/// Implements <c>GenNet.INetwork</c> on every partial class marked <c>[Network]</c>: parse each
/// class into a model (or diagnostics), then emit one source file per valid model.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeName,
                // Any type declaration: structs and records are reported by the parser rather than ignored.
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => NetworkParser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        context.RegisterSourceOutput(parsed.SelectMany(static (result, _) => result.Diagnostics),
            static (context, diagnostic) => context.ReportDiagnostic(diagnostic.ToDiagnostic()));

        var models = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Models);

        context.RegisterSourceOutput(models,
            static (context, model) => context.AddSource(NetworkEmitter.HintName(model), NetworkEmitter.Emit(model)));
    }
}
