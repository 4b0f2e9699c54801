using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

/// <summary>
/// How each activation is written in generated C#: its value <c>g(z)</c> and its derivative
/// <c>g'(z)</c> side by side, in single precision. These must compute what the runtime's
/// <c>ActivationFunctions</c> computes in double; the equivalence tests hold them to it.
/// </summary>
internal static class ActivationEmission
{
    /// <summary>The expression for <c>g(z)</c> of the local named <paramref name="z"/>.</summary>
    public static string Value(Activation activation, string z) => activation switch
    {
        Activation.Linear => z,
        // e^-z overflows to ∞ for z < -88, and 1 / (1 + ∞) is 0: no NaN.
        Activation.Sigmoid => $"1f / (1f + global::System.MathF.Exp(-{z}))",
        Activation.Tanh => $"global::System.MathF.Tanh({z})",
        Activation.ReLU => $"{z} > 0f ? {z} : 0f",
        Activation.LeakyReLU => $"{z} > 0f ? {z} : 0.01f * {z}",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>
    /// The expression for <c>g'(z)</c>, in terms of the pre-activation <paramref name="z"/> or the
    /// activation <paramref name="a"/> as the course writes it; null where it is 1 (linear), so the
    /// emitter can leave the factor out.
    /// </summary>
    public static string? Derivative(Activation activation, string z, string a) => activation switch
    {
        Activation.Linear => null,
        Activation.Sigmoid => $"{a} * (1f - {a})",
        Activation.Tanh => $"1f - {a} * {a}",
        Activation.ReLU => $"{z} > 0f ? 1f : 0f",
        Activation.LeakyReLU => $"{z} > 0f ? 1f : 0.01f",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>The function's name as the equation comments write it.</summary>
    public static string Symbol(Activation activation) => activation switch
    {
        Activation.Linear => "identity",
        Activation.Sigmoid => "σ",
        Activation.Tanh => "tanh",
        Activation.ReLU => "relu",
        Activation.LeakyReLU => "leaky relu",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
