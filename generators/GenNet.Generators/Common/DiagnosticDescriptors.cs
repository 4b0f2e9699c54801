using Microsoft.CodeAnalysis;

namespace GenNet.Generators;

/// <summary>Every diagnostic the generator reports, ids in sequence. Each message says how to fix the declaration.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "GenNet";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "GN0001", "Network class must be partial",
        "'{0}' must be declared partial so that GenNet can add the network's members to it; add the 'partial' modifier");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "GN0002", "Network has no layers",
        "Network '{0}' has no [Layer] attributes; add at least one, e.g. [Layer(1, Activation.Sigmoid)] for the output layer");

    public static readonly DiagnosticDescriptor InputCountTooSmall = Error(
        "GN0003", "Network needs at least one input",
        "Network '{0}' declares {1} inputs; a network needs at least 1, e.g. [Network(2)]");

    public static readonly DiagnosticDescriptor LayerTooSmall = Error(
        "GN0004", "Layer needs at least one unit",
        "Layer {0} of '{1}' declares {2} units; every layer needs at least 1");

    public static readonly DiagnosticDescriptor UndefinedActivation = Error(
        "GN0005", "Undefined activation",
        "Layer {0} of '{1}' uses the undefined activation value {2}; use a member of GenNet.Activation");

    public static readonly DiagnosticDescriptor UndefinedLoss = Error(
        "GN0006", "Undefined loss",
        "Network '{0}' uses the undefined loss value {1}; use a member of GenNet.Loss");

    public static readonly DiagnosticDescriptor UndefinedInit = Error(
        "GN0007", "Undefined initialisation",
        "Network '{0}' uses the undefined initialisation value {1}; use a member of GenNet.Init");

    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "GN0008", "Loss does not fit the output activation",
        "Network '{0}' cannot train as declared. {1}.");

    public static readonly DiagnosticDescriptor LayersOnSeveralDeclarations = Error(
        "GN0009", "Layers split across partial declarations",
        "Network '{0}' has [Layer] attributes on more than one partial declaration, so their order is undefined; put all of them on one declaration");

    public static readonly DiagnosticDescriptor NotAClass = Error(
        "GN0010", "Network must be a class",
        "'{0}' is a {1}; [Network] can only be put on a class");

    public static readonly DiagnosticDescriptor GenericNotSupported = Error(
        "GN0011", "Generic network classes are not supported",
        "'{0}' is generic, but a network's architecture and parameter count are fixed at compile time; declare it on a non-generic class");

    public static readonly DiagnosticDescriptor MemberConflict = Error(
        "GN0012", "Member conflicts with a generated member",
        "'{0}' already declares '{1}', which GenNet generates for the network; rename or remove it");

    public static readonly DiagnosticDescriptor StaticClass = Error(
        "GN0013", "Network class cannot be static",
        "'{0}' is static, but a network holds its parameters in an instance; remove the 'static' modifier");

    public static readonly DiagnosticDescriptor NegativeUnrollLimit = Error(
        "GN0014", "Unroll limit cannot be negative",
        "Network '{0}' sets UnrollLimit to {1}; use 0 to make every layer a loop, or a positive number of weights");

    public static readonly DiagnosticDescriptor WeightsFileNotListed = Error(
        "GN0015", "Weight file is not an additional file",
        "Network '{0}' bakes its weights from '{1}', but no AdditionalFiles item of the project ends with that path; add <AdditionalFiles Include=\"{1}\" /> to the project file, or correct the path");

    /// <summary>
    /// A warning, not an error: the one-project workflow declares the baked class before the program
    /// that trains and saves the weights has ever run. The class compiles with members that throw until
    /// the file exists, and the next build bakes it.
    /// </summary>
    public static readonly DiagnosticDescriptor WeightsFileMissing = Warning(
        "GN0016", "Weight file does not exist yet",
        "Network '{0}' bakes its weights from '{1}', which the project lists as an additional file but which does not exist yet; until it does, '{0}' compiles but its Predict and PredictBatch throw InvalidOperationException. Save the trained weights there with NetworkWeights.Save(network, \"{1}\") and rebuild, or correct the AdditionalFiles item");

    public static readonly DiagnosticDescriptor WeightsFileUnreadable = Error(
        "GN0017", "Weight file cannot be read",
        "Network '{0}' cannot bake its weights from '{1}': {2}; save the trained network as a JSON weight file with NetworkWeights.Save(network, \"{3}\") and name that file in Weights");

    public static readonly DiagnosticDescriptor WeightsShapeDiffers = Error(
        "GN0018", "Weight file holds another network",
        "Network '{0}' is {1}, but '{2}' holds the weights of {3}; make the [Network] and [Layer] attributes match the file, or save the weights of a network shaped like '{0}'");

    public static readonly DiagnosticDescriptor WeightsFileAmbiguous = Error(
        "GN0019", "Weight file path matches several additional files",
        "Network '{0}' bakes its weights from '{1}', but several AdditionalFiles items end with that path ({2}); write more of the path, e.g. \"Models/{1}\", so that it names one");

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        "GN0020", "Network too large for generated code",
        "Network '{0}' has {1} parameters, more than the {2} that generated code holds (its parameters are stored inline in the instance); use GenNet.DynamicNetwork for a network this large");

    public static readonly DiagnosticDescriptor UnrollLimitCapped = Warning(
        "GN0021", "Unroll limit above the cap",
        "Network '{0}' sets UnrollLimit to {1}, but at most {2} weights are unrolled (more make the compiler run out of time and memory); the layers beyond that are loops. Set UnrollLimit to {2} or less");

    public static readonly DiagnosticDescriptor ClassNamedLikeMember = Error(
        "GN0022", "Class is named like a generated member",
        "'{0}' has the name of a member GenNet generates for the network, and a member cannot have its class's name; rename the class");

    public static readonly DiagnosticDescriptor FileLocal = Error(
        "GN0023", "Network class cannot be file-local",
        "'{0}' is file-local ('file'), or nested in a file-local type, but the generated members live in a file of their own and a 'file' type cannot span files; make it 'internal' instead");

    public static readonly DiagnosticDescriptor WholeLayerActivationOnHiddenLayer = Error(
        "GN0024", "Softmax on a hidden layer",
        "Layer {0} of '{1}' is Activation.{2}, which is only for the output layer (its units share one distribution over classes); use Tanh or ReLU in hidden layers");

    public static readonly DiagnosticDescriptor WholeLayerOutputTooSmall = Error(
        "GN0025", "Softmax output of one unit",
        "Network '{0}' has an Activation.{1} output layer of {2} unit, which always outputs 1; give it one unit per class (at least {3}), or use Activation.Sigmoid for a single yes/no output");

    public static readonly DiagnosticDescriptor NameHidden = Error(
        "GN0026", "A type of the project hides a name GenNet needs",
        "Network '{0}' cannot be generated: the project's type '{1}' hides the {2} of that name, which GenNet needs to generate it; rename that type or move it into a namespace of your own");

    /// <summary>
    /// A warning, as nothing is generated that could fail: but without it the class silently lacks every
    /// network member, and the user meets CS1061 at its first use instead.
    /// </summary>
    public static readonly DiagnosticDescriptor LayersWithoutNetwork = Warning(
        "GN0027", "Layers without a [Network] attribute",
        "'{0}' has [Layer] attributes but no [Network] attribute (GenNet.NetworkAttribute), so GenNet generates nothing for it; add [Network(n)] with its number of inputs n, e.g. [Network(2)]");

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
