using GenNet.Generators.Emit;
using GenNet.Generators.Weights;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Generators;

/// <summary>
/// Implements <c>GenNet.INetwork</c> on every partial class marked <c>[Network]</c>, or
/// <c>GenNet.IPredictor</c> with constant weights when the attribute names a weight file: parse each
/// class into a model (or diagnostics), join the baked ones with their files, then emit one source
/// file per valid model.
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

        context.RegisterSourceOutput(parsed.SelectMany(static (result, _) => result.Diagnostics), Report);

        var trainable = parsed
            .Where(static result => result.Model is not null && result.Weights is null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.Models);

        // Networks with baked weights. Each additional file is read once, when it changes, into plain
        // values; each such network then takes the file its Weights path names. Only these networks
        // are joined with the files, so editing a file never touches a trainable network.
        var weightFiles = context.AdditionalTextsProvider
            .Select(static (file, cancellationToken) => WeightFileReader.Read(file.Path,
                WeightFileReader.IsJson(file.Path) ? file.GetText(cancellationToken) : null))
            .WithTrackingName(TrackingNames.WeightFiles)
            .Collect();
        var baked = parsed
            .Where(static result => result.Model is not null && result.Weights is not null)
            .Combine(weightFiles)
            .Select(static (pair, _) => WeightBaker.Bake(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Baked);

        context.RegisterSourceOutput(baked.SelectMany(static (result, _) => result.Diagnostics), Report);

        var bakedModels = baked
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!);

        context.RegisterSourceOutput(trainable, Emit);
        context.RegisterSourceOutput(bakedModels, Emit);
    }

    private static void Report(SourceProductionContext context, DiagnosticInfo diagnostic) =>
        context.ReportDiagnostic(diagnostic.ToDiagnostic());

    private static void Emit(SourceProductionContext context, Model.NetworkModel model) =>
        context.AddSource(NetworkEmitter.HintName(model), NetworkEmitter.Emit(model));
}
