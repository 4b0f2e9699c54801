using System.Collections.Immutable;
using GenNet.Generators.Model;

namespace GenNet.Generators.Weights;

/// <summary>
/// Joins a network that names a weight file (<c>Weights = "…"</c>) with the additional files the
/// compiler was given: finds the one file the path names, checks that it holds this network's
/// architecture, and puts its parameters into the model; or reports why it cannot.
/// </summary>
internal static class WeightBaker
{
    /// <param name="parsed">A valid network whose attribute names a weight file.</param>
    /// <param name="files">Every additional file, read as a weight file.</param>
    public static ParseResult Bake(ParseResult parsed, ImmutableArray<WeightFileModel> files)
    {
        var model = parsed.Model!;
        var reference = parsed.Weights!;
        string name = model.Type.DisplayName;

        var matches = files.Where(file => Names(reference.Path, file.Path)).ToList();
        if (matches.Count == 0)
            return Failed(model, DiagnosticDescriptors.WeightsFileNotListed, reference, name, reference.Path);
        if (matches.Count > 1)
            return Failed(model, DiagnosticDescriptors.WeightsFileAmbiguous, reference, name, reference.Path,
                string.Join(", ", matches.Select(file => file.Path).OrderBy(path => path, StringComparer.Ordinal)));

        var weights = matches[0];
        switch (weights.Status)
        {
            case WeightFileStatus.Missing:
                // The one-project workflow: the class exists, with its real shape, before the weights do.
                return new ParseResult(null,
                    new EquatableArray<DiagnosticInfo>([DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileMissing, reference.Location, name, reference.Path)]),
                    Fallback: new FallbackModel(model.Type, Baked: true,
                        $"'{name}' bakes its weights from '{reference.Path}', which did not exist when this project was compiled; save the trained weights there with NetworkWeights.Save and rebuild")
                    { Network = model });
            case WeightFileStatus.Unreadable:
                return Failed(model, DiagnosticDescriptors.WeightsFileUnreadable, reference, name, reference.Path, weights.Problem,
                    Path.ChangeExtension(reference.Path, ".json"));
        }

        bool sameLayers = weights.Inputs == model.InputCount
            && weights.Layers.Count == model.Layers.Count
            && model.Layers.All(layer => weights.Layers[layer.Index - 1] == new LayerShape(layer.Units, layer.Activation));
        if (!sameLayers)
            return Failed(model, DiagnosticDescriptors.WeightsShapeDiffers, reference, name, model.Architecture, reference.Path, weights.Architecture);

        return new ParseResult(model with { BakedParameters = weights.Parameters, WeightsPath = reference.Path }, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// Whether <paramref name="reference"/> (as the attribute writes it) names the file at
    /// <paramref name="path"/>: it is the whole path, or its end after a separator. Either separator,
    /// any letter case, and a leading <c>./</c> are allowed, so the same attribute works on every OS.
    /// </summary>
    public static bool Names(string reference, string path)
    {
        string wanted = Normalize(reference), actual = Normalize(path);
        while (wanted.StartsWith("./", StringComparison.Ordinal))
            wanted = wanted.Substring(2);
        return wanted.Length > 0
            && actual.EndsWith(wanted, StringComparison.OrdinalIgnoreCase)
            && (actual.Length == wanted.Length || actual[actual.Length - wanted.Length - 1] == '/');
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary>A weight file that cannot be baked: the error, and the predictor's surface with members that throw it.</summary>
    private static ParseResult Failed(NetworkModel model, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, WeightsReference reference, params string[] arguments)
    {
        var error = DiagnosticInfo.Create(descriptor, reference.Location, arguments);
        return new(null, new EquatableArray<DiagnosticInfo>([error]),
            Fallback: new FallbackModel(model.Type, Baked: true, error.Message) { Network = model });
    }
}
