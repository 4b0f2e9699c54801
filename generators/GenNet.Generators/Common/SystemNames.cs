namespace GenNet.Generators;

/// <summary>
/// Every name of .NET's own libraries that generated code depends on, in one place: those it spells
/// (with <c>global::</c>, so that no namespace or member of the user's can capture them) and those the
/// compiler's lowering of it calls. A type of the user's project with one of these full names, or with
/// the full name of a namespace on their way, hides it from generated code, which then does not compile:
/// the parser reports that (GN0026) from <see cref="Types"/> and <see cref="Attributes"/>, and a test
/// checks that they cover every type the compiled code of the generated networks references.
/// </summary>
internal static class SystemNames
{
    public const string Span = "global::System.Span";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan";
    public const string MathF = "global::System.MathF";
    public const string InvalidOperationException = "global::System.InvalidOperationException";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string MethodImplOptions = "global::System.Runtime.CompilerServices.MethodImplOptions";

    /// <summary>Reached through a namespace alias (<c>Simd::Vector128</c>, see <c>NetworkModel.IntrinsicsAlias</c>), which no member of the user's can shadow.</summary>
    public const string Intrinsics = "global::System.Runtime.Intrinsics";

    // Attributes, as generated code spells them (without "Attribute").
    public const string ThreadStatic = "global::System.ThreadStatic";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCode";
    public const string MethodImpl = "global::System.Runtime.CompilerServices.MethodImpl";
    public const string InlineArray = "global::System.Runtime.CompilerServices.InlineArray";

    /// <summary>
    /// Not spelled but called: the compiler turns element access of an inline array (the parameters, the
    /// pending outputs) into <c>Unsafe.Add</c> and <c>Unsafe.As</c>, and finds <c>Unsafe</c> by its full name.
    /// </summary>
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";

    /// <summary>The types generated code depends on, other than attributes, as <c>global::</c> names without type arguments.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        Span, ReadOnlySpan, MathF, InvalidOperationException, MemoryMarshal, MethodImplOptions, Unsafe,
        Intrinsics + ".Vector128", Intrinsics + ".Vector256", Intrinsics + ".Vector512",
    ];

    /// <summary>The attributes generated code applies, as it spells them.</summary>
    public static readonly IReadOnlyList<string> Attributes = [ThreadStatic, GeneratedCode, MethodImpl, InlineArray];
}
