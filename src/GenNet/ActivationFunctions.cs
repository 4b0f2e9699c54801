namespace GenNet;

/// <summary>
/// Each activation's value <c>g(z)</c> and derivative <c>g'(z)</c>, side by side, in double
/// precision: the definitions the interpreter uses and the generated code is checked against.
/// </summary>
public static class ActivationFunctions
{
    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> for negative <c>z</c>.</summary>
    public const double LeakySlope = ActivationTable.LeakySlope;

    /// <summary>The activation's value <c>g(z)</c>.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The pre-activation.</param>
    public static double Value(Activation activation, double z) => activation switch
    {
        Activation.Linear => z,
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Math.Tanh(z),
        Activation.ReLU => z > 0 ? z : 0,
        Activation.LeakyReLU => z > 0 ? z : LeakySlope * z,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation."),
    };

    /// <summary>
    /// The derivative <c>g'(z)</c>, written in terms of <c>a = g(z)</c> where that is how the course
    /// writes it (sigmoid <c>a(1 - a)</c>, tanh <c>1 - a²</c>).
    /// </summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation's value at <paramref name="z"/>.</param>
    public static double Derivative(Activation activation, double z, double a) => activation switch
    {
        Activation.Linear => 1,
        Activation.Sigmoid => a * (1 - a),
        Activation.Tanh => 1 - a * a,
        Activation.ReLU => z > 0 ? 1 : 0,
        Activation.LeakyReLU => z > 0 ? 1 : LeakySlope,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation."),
    };

    /// <summary>The activation's value <c>g(z)</c> in single precision, as the float engines compute it.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The pre-activation.</param>
    public static float Value(Activation activation, float z) => activation switch
    {
        Activation.Linear => z,
        Activation.Sigmoid => 1f / (1f + MathF.Exp(-z)), // e^-z → ∞ gives 0, never NaN
        Activation.Tanh => MathF.Tanh(z),
        Activation.ReLU => z > 0f ? z : 0f,
        Activation.LeakyReLU => z > 0f ? z : (float)LeakySlope * z,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation."),
    };

    /// <summary>The derivative <c>g'(z)</c> in single precision; see <see cref="Derivative(Activation, double, double)"/>.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation's value at <paramref name="z"/>.</param>
    public static float Derivative(Activation activation, float z, float a) => activation switch
    {
        Activation.Linear => 1f,
        Activation.Sigmoid => a * (1f - a),
        Activation.Tanh => 1f - a * a,
        Activation.ReLU => z > 0f ? 1f : 0f,
        Activation.LeakyReLU => z > 0f ? 1f : (float)LeakySlope,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation."),
    };

    /// <summary>
    /// <c>1 / (1 + e^-z)</c>, evaluated so that <c>e^x</c> is only taken of <c>x ≤ 0</c>: no overflow,
    /// and full relative precision for very negative <c>z</c>.
    /// </summary>
    /// <param name="z">The pre-activation.</param>
    public static double Sigmoid(double z)
    {
        if (z >= 0)
            return 1 / (1 + Math.Exp(-z));
        double e = Math.Exp(z);
        return e / (1 + e);
    }
}
