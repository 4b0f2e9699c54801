namespace GenNet.Generators;

/// <summary>
/// Every name of the GenNet runtime that the generator reads in a declaration or writes into
/// generated code, in one place: a rename in the runtime is one edit here, and a test resolves each
/// of these names by reflection against the runtime assembly, so a name that no longer exists fails
/// GenNet's own tests instead of a user's build.
/// </summary>
internal static class RuntimeNames
{
    /// <summary>The namespace users see: the declaration's attributes, the contract, the enumerations.</summary>
    public const string Namespace = "GenNet";

    /// <summary>What only generated code calls (public because it must be, hidden from IntelliSense).</summary>
    public const string CompilerServicesNamespace = Namespace + ".CompilerServices";

    // Metadata names, as the parser compares attribute classes.
    public const string NetworkAttributeMetadataName = Namespace + ".NetworkAttribute";
    public const string LayerAttributeMetadataName = Namespace + ".LayerAttribute";

    // Fully qualified names, as generated code spells them (global:: so that no user type can shadow them).
    private const string Global = "global::" + Namespace + ".";
    private const string GlobalCompilerServices = "global::" + CompilerServicesNamespace + ".";

    public const string Activation = Global + "Activation";
    public const string Loss = Global + "Loss";
    public const string Init = Global + "Init";
    public const string NetworkSpec = Global + "NetworkSpec";
    public const string LayerSpec = Global + "LayerSpec";
    public const string IPredictor = Global + "IPredictor";
    public const string INetwork = Global + "INetwork";
    public const string LossFunctions = Global + "LossFunctions";

    public const string VectorActivations = GlobalCompilerServices + "VectorActivations";
    public const string Kernels = GlobalCompilerServices + "Kernels";
    public const string BatchKernels = GlobalCompilerServices + "BatchKernels";
    public const string LossKernels = GlobalCompilerServices + "LossKernels";
    public const string NetworkArgument = GlobalCompilerServices + "NetworkArgument";
    public const string ParameterInitializer = GlobalCompilerServices + "ParameterInitializer";

    /// <summary>The vector operations a batch block is written with, generic over the width (<c>ILanes&lt;TVector&gt;</c>).</summary>
    public const string ILanes = GlobalCompilerServices + "ILanes";

    /// <summary>The bindings of <see cref="ILanes"/> for 16, 8 and 4 lanes.</summary>
    public const string Lanes16 = GlobalCompilerServices + "Lanes16";
    public const string Lanes8 = GlobalCompilerServices + "Lanes8";
    public const string Lanes4 = GlobalCompilerServices + "Lanes4";

    /// <summary>
    /// Every type above that generated code names: the parser reports a type of the user's project with
    /// one of these full names (GN0026), which would hide it (a test checks that none is missing here).
    /// </summary>
    public static readonly IReadOnlyList<string> Types =
    [
        Activation, Loss, Init, NetworkSpec, LayerSpec, IPredictor, INetwork, LossFunctions,
        VectorActivations, Kernels, BatchKernels, LossKernels, NetworkArgument, ParameterInitializer,
        ILanes, Lanes16, Lanes8, Lanes4,
    ];

    /// <summary>
    /// The attributes a declaration carries, by their full names: a type of the user's project named like
    /// one takes its place in the user's own declarations (CS0436, a warning), and the generator cannot
    /// tell what those mean.
    /// </summary>
    public static readonly IReadOnlyList<string> Attributes = ["global::" + NetworkAttributeMetadataName, "global::" + LayerAttributeMetadataName];
}
