using GenNet.Generators.Emit;
using GenNet.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenNet.Generators;

/// <summary>
/// What parsing one <c>[Network]</c> class produced: a model when the declaration is valid, its
/// diagnostics, and the weight file to bake into it, if the attribute names one.
/// </summary>
/// <remarks>
/// A valid model may come with warnings. Without a model, <see cref="Fallback"/> is what to generate
/// instead, when the declaration can take generated members.
/// </remarks>
internal sealed record ParseResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, WeightsReference? Weights = null, FallbackModel? Fallback = null)
{
    /// <summary>Nothing to generate and nothing to report.</summary>
    public static readonly ParseResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);
}

/// <summary>The weight file a network's <c>Weights = "…"</c> names, and where the attribute says so (for diagnostics).</summary>
internal sealed record WeightsReference(string Path, LocationInfo? Location);

/// <summary>
/// The parse stage: turns a class carrying <c>[Network]</c> and its <c>[Layer]</c> attributes into a
/// <see cref="NetworkModel"/>, or into diagnostics that say what to fix. Nothing it returns holds a
/// symbol or a syntax node.
/// </summary>
internal static partial class NetworkParser
{
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var type = (INamedTypeSymbol)context.TargetSymbol;
        if (!IsFirstDeclarationWith(RuntimeNames.NetworkAttributeMetadataName, type, declaration, cancellationToken))
            return ParseResult.Nothing;
        var diagnostics = new List<DiagnosticInfo>();
        // Before anything else: where a type of the project hides a name generated code needs, even the
        // fallback members would not compile, and a hidden attribute leaves the declaration's meaning unknown.
        CheckHiddenNames(type.Name, context.SemanticModel.Compilation, diagnostics);
        if (diagnostics.Count > 0)
            return new ParseResult(null, diagnostics.ToEquatableArray());
        var classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        string name = type.Name;

        var network = context.Attributes[0];
        var networkSyntax = network.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var networkLocation = LocationInfo.From(networkSyntax) ?? classLocation;
        var weights = WeightsNamed(network, networkSyntax, networkLocation);

        CheckDeclaration(type, declaration, classLocation, GeneratedMembers.Of(weights is not null), diagnostics, cancellationToken);
        // Only a declaration that generated code can extend gets the fallback members of a failed network.
        var declared = diagnostics.Count == 0 && SyntaxFacts.IsValidIdentifier(name) ? Declared(type, context.SemanticModel.Compilation) : null;
        var fallback = declared is null ? null : new FallbackModel(declared, weights is not null,
            "the [Network] and [Layer] attributes of '" + name + "' have errors that the compiler reports");

        // An attribute the compiler could not bind (missing or mistyped argument) has no arguments:
        // the compiler reports that error itself, and there is nothing to generate.
        if (network.ConstructorArguments.Length != 1 || ValueOf(network.ConstructorArguments[0]) is not int inputCount)
            return Failed(diagnostics, fallback);
        if (fallback is not null && inputCount >= 1)
            fallback = fallback with { InputCount = inputCount };

        var loss = (Loss)NamedInt(network, "Loss", (int)Loss.Auto);
        var init = (Init)NamedInt(network, "Init", (int)Init.Auto);
        int unrollLimit = NamedInt(network, "UnrollLimit", UnrollLimits.Default);
        if (unrollLimit < 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeUnrollLimit, networkLocation, name, unrollLimit.ToString()));
        if (inputCount < 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputCountTooSmall, networkLocation, name, inputCount.ToString()));
        if (!IsDefined(loss))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedLoss, networkLocation, name, ((int)loss).ToString()));
        if (!IsDefined(init))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedInit, networkLocation, name, ((int)init).ToString()));

        var layers = ParseLayers(type, classLocation, diagnostics, cancellationToken);
        if (layers is null)
            return Failed(diagnostics, fallback);
        if (layers.Count == 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, classLocation, name));
        else if (IsDefined(layers[layers.Count - 1].Activation))
        {
            var (outputUnits, output) = layers[layers.Count - 1];
            if (ActivationTable.IsWholeLayer(output) && outputUnits >= 1 && outputUnits < ActivationTable.WholeLayerMinimumUnits)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WholeLayerOutputTooSmall, classLocation, name, output.ToString(),
                    outputUnits.ToString(), ActivationTable.WholeLayerMinimumUnits.ToString()));
            if (IsDefined(loss) && LossRules.Misfit(loss, output) is { } misfit)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossDoesNotFitOutput, networkLocation, name, misfit));
        }
        if (fallback is not null && layers.Count > 0 && layers[layers.Count - 1].Units >= 1)
            fallback = fallback with { OutputCount = layers[layers.Count - 1].Units };

        // Exactly and before anything is laid out in ints: the generated code holds the parameters inline.
        if (inputCount >= 1 && layers.Count > 0 && layers.All(layer => layer.Units >= 1))
        {
            var parameterCount = NetworkModel.CountParameters(inputCount, layers.Select(layer => layer.Units));
            if (parameterCount > NetworkModel.MaxParameters)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, classLocation, name,
                    parameterCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    NetworkModel.MaxParameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
            else if (fallback is not null)
                fallback = fallback with { ParameterCount = (int)parameterCount };
        }

        // No declaration to extend (the class has no name: the compiler reports that) is nothing to generate.
        if (HasErrors(diagnostics) || declared is null)
            return Failed(diagnostics, fallback);

        if (NetworkModel.CapChangesUnrolling(inputCount, layers, unrollLimit))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnrollLimitCapped, networkLocation, name, unrollLimit.ToString(),
                NetworkModel.MaxUnrollLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var model = NetworkModel.Create(declared, inputCount, layers, loss, init, unrollLimit) with
        {
            IntrinsicsAlias = context.SemanticModel.Compilation.GlobalNamespace.GetMembers(NetworkModel.ShortIntrinsicsAlias).Any()
                ? NetworkModel.LongIntrinsicsAlias : NetworkModel.ShortIntrinsicsAlias,
        };
        // Loop layers add methods whose names depend on the layers, so they are checked once the model exists.
        var methods = model.Layers.SelectMany(layer => weights is null ? layer.MethodNames : layer.BakedMethodNames).ToList();
        CheckMemberConflicts(type, methods, classLocation, diagnostics);
        if (methods.Contains(name))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNamedLikeMember, classLocation, name));
        return HasErrors(diagnostics) ? Failed(diagnostics, null) : new ParseResult(model, diagnostics.ToEquatableArray(), weights);
    }

    /// <summary>
    /// A failed parse: its diagnostics, and the fallback members (when the declaration can take them),
    /// whose exception quotes the first error.
    /// </summary>
    private static ParseResult Failed(List<DiagnosticInfo> diagnostics, FallbackModel? fallback)
    {
        var error = diagnostics.FirstOrDefault(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);
        if (fallback is not null && error is not null)
            fallback = fallback with { Reason = error.Message };
        return new ParseResult(null, diagnostics.ToEquatableArray(), Fallback: fallback);
    }

    private static bool HasErrors(List<DiagnosticInfo> diagnostics) =>
        diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

    /// <summary>
    /// The <c>Weights = "…"</c> argument: null when absent (or null), else the path and the location of
    /// its value, where a diagnostic about the file belongs.
    /// </summary>
    private static WeightsReference? WeightsNamed(AttributeData attribute, AttributeSyntax? syntax, LocationInfo? fallback)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key != "Weights" || ValueOf(argument.Value) is not string path)
                continue;
            var value = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Weights")?.Expression;
            return new WeightsReference(path, LocationInfo.From(value) ?? fallback);
        }
        return null;
    }

    /// <summary>
    /// Checks that the declaration can receive generated members: a non-static, non-generic, partial
    /// class in partial types, none of them file-local, with no member and not itself named like a generated member.
    /// </summary>
    private static void CheckDeclaration(
        INamedTypeSymbol type, TypeDeclarationSyntax declaration, LocationInfo? location, IEnumerable<string> generatedMembers,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAClass, location, type.Name, type.TypeKind.ToString().ToLowerInvariant()));
        if (type.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticClass, location, type.Name));
        if (type.IsGenericType)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNotSupported, location, type.Name));
        if (!IsPartial(declaration))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, location, type.Name));
        if (IsFileLocal(type, cancellationToken))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocal, location, type.Name));

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            foreach (var reference in outer.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax outerDeclaration && !IsPartial(outerDeclaration))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, LocationInfo.From(outerDeclaration.Identifier.GetLocation()), outer.Name));
                    break;
                }
            }
        }

        CheckMemberConflicts(type, generatedMembers, location, diagnostics);
        // A member may not share its class's name (CS0542), so the class cannot be named like one it would get.
        if (generatedMembers.Contains(type.Name))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNamedLikeMember, location, type.Name));
    }

    /// <summary>Reports each of <paramref name="names"/> that the class already declares.</summary>
    private static void CheckMemberConflicts(INamedTypeSymbol type, IEnumerable<string> names, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        foreach (string member in names)
        {
            foreach (var existing in type.GetMembers(member))
            {
                if (existing.IsImplicitlyDeclared)
                    continue;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, LocationInfo.From(existing.Locations.FirstOrDefault()) ?? location, type.Name, member));
                break;
            }
        }
    }

    /// <summary>
    /// The <c>[Layer]</c> attributes in source order, or null when their order is undefined (they
    /// are split across declarations: reported here) or one could not be bound (the compiler
    /// reports that). Reports sizes below 1 and undefined activations.
    /// </summary>
    private static List<(int Units, Activation Activation)>? ParseLayers(
        INamedTypeSymbol type, LocationInfo? classLocation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var applications = new List<(AttributeData Data, AttributeSyntax Syntax)>();
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != RuntimeNames.LayerAttributeMetadataName)
                continue;
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
                applications.Add((attribute, syntax));
        }

        var declarations = applications.Select(a => a.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>()).Distinct().ToList();
        if (declarations.Count > 1)
        {
            var second = applications.First(a => a.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() == declarations[1]);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersOnSeveralDeclarations, LocationInfo.From(second.Syntax) ?? classLocation, type.Name));
            return null;
        }

        applications.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
        var layers = new List<(int Units, Activation Activation)>();
        foreach (var (data, syntax) in applications)
        {
            if (data.ConstructorArguments.Length != 2
                || ValueOf(data.ConstructorArguments[0]) is not int units
                || ValueOf(data.ConstructorArguments[1]) is not int activationValue)
                return null;
            var activation = (Activation)activationValue;
            int index = layers.Count + 1;
            if (units < 1)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerTooSmall, LocationInfo.From(syntax), index.ToString(), type.Name, units.ToString()));
            if (!IsDefined(activation))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedActivation, LocationInfo.From(syntax), index.ToString(), type.Name, activationValue.ToString()));
            layers.Add((units, activation));
        }
        // Softmax belongs to the output layer alone; every layer before it is checked once all are known.
        for (int l = 0; l < layers.Count - 1; l++)
            if (IsDefined(layers[l].Activation) && ActivationTable.IsWholeLayer(layers[l].Activation))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WholeLayerActivationOnHiddenLayer,
                    LocationInfo.From(applications[l].Syntax), (l + 1).ToString(), type.Name, layers[l].Activation.ToString()));
        return layers;
    }

    private static int NamedInt(AttributeData attribute, string name, int fallback)
    {
        foreach (var argument in attribute.NamedArguments)
            if (argument.Key == name && ValueOf(argument.Value) is int value)
                return value;
        return fallback;
    }

    private static bool IsPartial(TypeDeclarationSyntax declaration) =>
        declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static bool IsDefined(Activation activation) => ActivationTable.IsDefined(activation);

    private static bool IsDefined(Loss loss) => LossTable.IsDefined(loss);

    private static bool IsDefined(Init init) => Enum.IsDefined(typeof(Init), init);

    private static ParseResult Result(NetworkModel? model, List<DiagnosticInfo> diagnostics) =>
        new(model, diagnostics.ToEquatableArray());
}
