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
                RuntimeNames.NetworkAttributeMetadataName,
                // Any type declaration: structs and records are reported by the parser rather than ignored.
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => NetworkParser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        context.RegisterSourceOutput(parsed.SelectMany(static (result, _) => result.Diagnostics), Report);

        // Classes with [Layer] but no [Network]: nothing to generate, but the user is told why.
        var layersWithoutNetwork = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                RuntimeNames.LayerAttributeMetadataName,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => NetworkParser.ParseLayersWithoutNetwork(context, cancellationToken))
            .Where(static diagnostic => diagnostic is not null)
            .Select(static (diagnostic, _) => diagnostic!)
            .WithTrackingName(TrackingNames.LayersWithoutNetwork);
        context.RegisterSourceOutput(layersWithoutNetwork, Report);

        // Whether the project targets .NET 9 or later, where the fused multiply-add is the JIT's intrinsic.
        var intrinsicFusedMultiplyAdd = context.ParseOptionsProvider
            .Select(static (options, _) => options.PreprocessorSymbolNames.Contains("NET9_0_OR_GREATER"));

        var trainable = parsed
            .Where(static result => result.Model is not null && result.Weights is null)
            .Select(static (result, _) => result.Model!)
            .Combine(intrinsicFusedMultiplyAdd)
            .Select(static (pair, _) => pair.Left with { IntrinsicFusedMultiplyAdd = pair.Right })
            .WithTrackingName(TrackingNames.Models);

        // Networks with baked weights. Each additional file is read once, when it changes, into plain
        // values; each such network then takes the file its Weights path names. Only these networks
        // are joined with the files, so editing a file never touches a trainable network. A file the
        // build marked missing is not read at all (WeightFileReader.Read says why); the mark is taken
        // first, as a value, so that new options (every build has them) do not read every file again.
        var weightFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => (File: pair.Left, MarkedMissing: WeightFileReader.IsMarkedMissing(pair.Right.GetOptions(pair.Left))))
            .Select(static (listed, cancellationToken) => WeightFileReader.Read(listed.File, listed.MarkedMissing, cancellationToken))
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
            .Select(static (result, _) => result.Model!)
            .Combine(intrinsicFusedMultiplyAdd)
            .Select(static (pair, _) => pair.Left with { IntrinsicFusedMultiplyAdd = pair.Right });

        context.RegisterSourceOutput(trainable, Emit);
        context.RegisterSourceOutput(bakedModels, Emit);

        // Networks that cannot be generated, when their declaration can take members: the same surface,
        // throwing, so that the user sees the GN diagnostic alone and not an error at every use of the class.
        context.RegisterSourceOutput(parsed.Where(static result => result.Fallback is not null).Select(static (result, _) => result.Fallback!), EmitFallback);
        context.RegisterSourceOutput(baked.Where(static result => result.Fallback is not null).Select(static (result, _) => result.Fallback!), EmitFallback);
    }

    private static void Report(SourceProductionContext context, DiagnosticInfo diagnostic) =>
        context.ReportDiagnostic(diagnostic.ToDiagnostic());

    private static void Emit(SourceProductionContext context, Model.NetworkModel model) =>
        context.AddSource(model.Type.HintName, NetworkEmitter.Emit(model));

    private static void EmitFallback(SourceProductionContext context, Model.FallbackModel fallback) =>
        context.AddSource(fallback.Type.HintName, FallbackEmitter.Emit(fallback));
}
