using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

/// <summary>
/// How each activation is written in generated C#: its value <c>g(z)</c> and its derivative
/// <c>g'(z)</c> on a vector of four units, as calls of the runtime's <c>VectorActivations</c> that
/// <see cref="ActivationTable"/> names. The equivalence tests hold them to <c>ActivationFunctions</c>.
/// </summary>
internal static class ActivationEmission
{
    /// <summary>
    /// The expression for <c>g(z)</c> of the vector local named <paramref name="z"/>, for an elementwise activation;
    /// <paramref name="typeArguments"/> name the width in a block method (<c>&lt;TVector, TLanes&gt;</c>), none the four-lane form.
    /// </summary>
    public static string Value(Activation activation, string z, string typeArguments = "") =>
        ActivationTable.Of(activation).VectorValue is { } method ? $"{RuntimeNames.VectorActivations}.{method}{typeArguments}({z})"
        : ActivationTable.IsWholeLayer(activation) ? throw new InvalidOperationException($"{activation} is written across the layer (WriteUnrolledSoftmax).")
        : z;

    /// <summary>
    /// The expression for <c>g'(z)</c> of vector locals, in terms of the pre-activation <paramref name="z"/>
    /// or the activation <paramref name="a"/> as the table says; null where it is 1 (linear), so the
    /// emitter can leave the factor out. <paramref name="typeArguments"/> as for <see cref="Value"/>.
    /// </summary>
    public static string? Derivative(Activation activation, string z, string a, string typeArguments = "")
    {
        var entry = ActivationTable.Of(activation);
        return entry.DerivativeInput switch
        {
            DerivativeInput.PreActivation => $"{RuntimeNames.VectorActivations}.{entry.VectorDerivative}{typeArguments}({z})",
            DerivativeInput.Activation => $"{RuntimeNames.VectorActivations}.{entry.VectorDerivative}{typeArguments}({a})",
            DerivativeInput.None => null,
            // The model allows softmax only on an output whose loss cancels its derivative.
            _ => throw new InvalidOperationException($"{activation} has no elementwise derivative; the model never asks for one."),
        };
    }

    /// <summary>The function's name as the equation comments write it.</summary>
    public static string Symbol(Activation activation) => ActivationTable.Of(activation).Symbol;
}
