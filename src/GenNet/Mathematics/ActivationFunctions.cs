using System.Numerics;

namespace GenNet;

/// <summary>
/// Each activation's value <c>g(z)</c> and derivative <c>g'(z)</c>, side by side, in double
/// precision: the definitions the interpreter uses and the generated code is checked against.
/// </summary>
public static class ActivationFunctions
{
    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> for negative <c>z</c>.</summary>
    public const double LeakySlope = ActivationTable.LeakySlope;

    /// <summary>The activation's value <c>g(z)</c> of one unit, for an elementwise activation (all but softmax).</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The pre-activation.</param>
    /// <exception cref="ArgumentException"><paramref name="activation"/> is softmax, which needs the whole layer (<see cref="Apply(Activation, ReadOnlySpan{double}, Span{double})"/>).</exception>
    public static double Value(Activation activation, double z) => activation switch
    {
        Activation.Linear => z,
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Math.Tanh(z),
        Activation.ReLU => z > 0 ? z : 0,
        Activation.LeakyReLU => z > 0 ? z : LeakySlope * z,
        _ => throw NotElementwise(activation),
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
        _ => throw NotElementwise(activation),
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
        _ => throw NotElementwise(activation),
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
        _ => throw NotElementwise(activation),
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

    /// <summary>
    /// <c>A = g(Z)</c> over one example's layer: unit by unit for an elementwise activation, and the
    /// softmax of the whole span for <see cref="Activation.Softmax"/>.
    /// </summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The layer's pre-activations.</param>
    /// <param name="a">Receives the activations; as long as <paramref name="z"/> (it may be the same memory).</param>
    /// <exception cref="ArgumentException"><paramref name="a"/>'s length differs from <paramref name="z"/>'s.</exception>
    public static void Apply(Activation activation, ReadOnlySpan<double> z, Span<double> a)
    {
        RequireSameLength(z.Length, a.Length, nameof(a));
        if (activation == Activation.Softmax)
            Softmax(z, a);
        else
            for (int k = 0; k < z.Length; k++)
                a[k] = Value(activation, z[k]);
    }

    /// <summary><c>A = g(Z)</c> over one example's layer in single precision; see <see cref="Apply(Activation, ReadOnlySpan{double}, Span{double})"/>.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The layer's pre-activations.</param>
    /// <param name="a">Receives the activations; as long as <paramref name="z"/> (it may be the same memory).</param>
    /// <exception cref="ArgumentException"><paramref name="a"/>'s length differs from <paramref name="z"/>'s.</exception>
    public static void Apply(Activation activation, ReadOnlySpan<float> z, Span<float> a)
    {
        RequireSameLength(z.Length, a.Length, nameof(a));
        if (activation == Activation.Softmax)
            Softmax(z, a);
        else
            for (int k = 0; k < z.Length; k++)
                a[k] = Value(activation, z[k]);
    }

    /// <summary>
    /// <c>a_k = e^(z_k - max z) / Σ_j e^(z_j - max z)</c>: the softmax, with the largest <c>z</c> subtracted
    /// first so that no exponential overflows (the largest term is e^0 = 1, so the sum is at least 1 and
    /// the division is safe). Equal to <c>e^(z_k) / Σ_j e^(z_j)</c>. A NaN anywhere makes every output NaN.
    /// </summary>
    /// <typeparam name="T">The precision: <see cref="double"/> for the interpreter, <see cref="float"/> for the dynamic engine.</typeparam>
    /// <param name="z">The layer's pre-activations; at least one.</param>
    /// <param name="a">Receives the probabilities; as long as <paramref name="z"/> (it may be the same memory).</param>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, or <paramref name="a"/>'s length differs.</exception>
    public static void Softmax<T>(ReadOnlySpan<T> z, Span<T> a)
        where T : IFloatingPointIeee754<T>
    {
        if (z.IsEmpty)
            throw new ArgumentException("Softmax needs at least one value.", nameof(z));
        RequireSameLength(z.Length, a.Length, nameof(a));
        T max = z[0];
        for (int k = 1; k < z.Length; k++)
            max = z[k] > max || T.IsNaN(z[k]) ? z[k] : max; // a NaN wins, so it reaches every output
        T sum = T.Zero;
        for (int k = 0; k < z.Length; k++)
        {
            a[k] = T.Exp(z[k] - max);
            sum += a[k];
        }
        for (int k = 0; k < z.Length; k++)
            a[k] /= sum;
    }

    private static void RequireSameLength(int expected, int actual, string name = "a")
    {
        if (actual != expected)
            throw new ArgumentException($"Expected {expected} activations, but the span has {actual}.", name);
    }

    /// <summary>What every per-unit form (scalar or lanes) throws for softmax, or for a value that is no activation.</summary>
    internal static ArgumentException NotElementwise(Activation activation) =>
        ActivationTable.IsDefined(activation)
            ? new ArgumentException($"{activation} depends on the whole layer, not on each unit alone; use Apply over the layer's values.", nameof(activation))
            : new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation.");
}
