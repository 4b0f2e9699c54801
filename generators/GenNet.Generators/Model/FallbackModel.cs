namespace GenNet.Generators.Model;

/// <summary>
/// What is generated for a network that cannot be: the public surface it would have had (<c>INetwork</c>,
/// or <c>IPredictor</c> for baked weights), every member throwing <see cref="System.InvalidOperationException"/>
/// with <see cref="Reason"/>. Code that uses the class then compiles, and the user sees the GN diagnostic
/// alone rather than a compiler error at every use of the class (as the Regex generator does for a bad pattern).
/// </summary>
/// <param name="Type">The class; only a declaration that generated code can extend gets a fallback.</param>
/// <param name="Baked">Whether the class names a weight file, so its surface is <c>IPredictor</c>.</param>
/// <param name="Reason">Why there is no network: what the exception says.</param>
internal sealed record FallbackModel(DeclaredType Type, bool Baked, string Reason)
{
    /// <summary>The declared <c>n[0]</c> where it is valid: then <c>InputCount</c> is a constant, as it would have been.</summary>
    public int? InputCount { get; init; }

    /// <summary>The declared <c>n[L]</c> where it is valid.</summary>
    public int? OutputCount { get; init; }

    /// <summary>The declared parameter count where it is valid.</summary>
    public int? ParameterCount { get; init; }

    /// <summary>
    /// The valid network when only its weight file is missing: then <c>Spec</c> and the constants are
    /// the real ones, and only prediction throws until the file exists.
    /// </summary>
    public NetworkModel? Network { get; init; }
}
