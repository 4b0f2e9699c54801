using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

/// <summary>
/// How each activation is written in generated C#: its value <c>g(z)</c> and its derivative
/// <c>g'(z)</c> side by side, on a vector of four units (the runtime's <c>VectorActivations</c>).
/// These must compute what the runtime's <c>ActivationFunctions</c> computes in double; the
/// equivalence tests hold them to it.
/// </summary>
internal static class ActivationEmission
{
    private const string Lanes = "global::GenNet.VectorActivations";

    /// <summary>The expression for <c>g(z)</c> of the vector local named <paramref name="z"/>.</summary>
    public static string Value(Activation activation, string z) => activation switch
    {
        Activation.Linear => z,
        Activation.Sigmoid => $"{Lanes}.Sigmoid({z})",
        Activation.Tanh => $"{Lanes}.Tanh({z})",
        Activation.ReLU => $"{Lanes}.ReLU({z})",
        Activation.LeakyReLU => $"{Lanes}.LeakyReLU({z})",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>
    /// The expression for <c>g'(z)</c> of vector locals, in terms of the pre-activation <paramref name="z"/>
    /// or the activation <paramref name="a"/> as the course writes it; null where it is 1 (linear), so
    /// the emitter can leave the factor out.
    /// </summary>
    public static string? Derivative(Activation activation, string z, string a) => activation switch
    {
        Activation.Linear => null,
        Activation.Sigmoid => $"{Lanes}.SigmoidDerivative({a})",
        Activation.Tanh => $"{Lanes}.TanhDerivative({a})",
        Activation.ReLU => $"{Lanes}.ReLUDerivative({z})",
        Activation.LeakyReLU => $"{Lanes}.LeakyReLUDerivative({z})",
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
