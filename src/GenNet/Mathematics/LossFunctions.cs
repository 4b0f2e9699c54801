using System.Numerics;

namespace GenNet;

/// <summary>
/// The per-example losses <c>L(ŷ, y)</c>, in single and double precision. Every engine computes its
/// cost with these (or with <see cref="CompilerServices.LossKernels"/>, which sums the same formulas
/// eight at a time), so they agree.
/// </summary>
/// <remarks>
/// The cross-entropies are computed from the output layer's pre-activations <c>z = Z[L]</c> (the logits),
/// not from <c>ŷ = σ(z)</c> or <c>softmax(z)</c>: <c>-log σ(z) = softplus(-z)</c> and
/// <c>-log softmax(z)_k = log Σ_j e^(z_j) - z_k</c> are exact and finite for every finite <c>z</c>, where
/// <c>ŷ</c> has already rounded to 0 or 1 (σ(z) is 1 in float for z above about 17) and its logarithm
/// would be infinite. So a confident mistake costs what it is (z = -50 for a positive example costs 50),
/// and the cost that divergence detection and early stopping watch is never capped. Each cross-entropy
/// needs its own output activation (<see cref="LossRules"/>), so <c>z</c> always determines <c>ŷ</c>.
/// The gradient <c>dZ = A - Y</c> is unchanged: it never took a logarithm.
/// </remarks>
public static partial class LossFunctions
{
    /// <summary>
    /// Binary cross-entropy from the logit: <c>-(y log σ(z) + (1 - y) log(1 - σ(z))) = y softplus(-z) + (1 - y) softplus(z)</c>,
    /// with <c>softplus(x) = log(1 + e^x)</c>, computed as <c>max(z, 0) - y z + log(1 + e^-|z|)</c>: no exponential
    /// overflows and nothing is clamped. For a 0/1 label one of the first two terms is 0 and the other is <c>|z|</c>
    /// or 0, so a confident mistake costs about <c>|z|</c>.
    /// </summary>
    /// <param name="logit">The output unit's pre-activation <c>z</c>, whose sigmoid is the prediction <c>ŷ</c>.</param>
    /// <param name="target">The label <c>y</c>, usually 0 or 1.</param>
    public static float BinaryCrossEntropyWithLogits(float logit, float target) => BinaryCrossEntropyOf(logit, target);

    /// <summary>Binary cross-entropy from the logit, <c>y softplus(-z) + (1 - y) softplus(z)</c>, in double precision.</summary>
    /// <param name="logit">The output unit's pre-activation <c>z</c>.</param>
    /// <param name="target">The label <c>y</c>.</param>
    public static double BinaryCrossEntropyWithLogits(double logit, double target) => BinaryCrossEntropyOf(logit, target);

    /// <summary>
    /// Categorical cross-entropy of one example from its logits: <c>-Σ_k y_k log softmax(z)_k = Σ_k y_k (lse(z) - z_k)</c>
    /// with <c>lse(z) = log Σ_j e^(z_j)</c>, computed as <c>max z + log Σ_j e^(z_j - max z)</c> (every exponential
    /// at most 1, their sum at least 1) and each term as <c>y_k ((max z - z_k) + log Σ_j e^(z_j - max z))</c>, a
    /// sum of two non-negative values. A NaN logit makes the loss NaN.
    /// </summary>
    /// <param name="logits">The output layer's pre-activations <c>z</c>, whose softmax is <c>ŷ</c>; at least one.</param>
    /// <param name="targets">The targets <c>y</c>, as long as <paramref name="logits"/>: 1 for the example's class and 0 for the others, or any distribution.</param>
    /// <exception cref="ArgumentException"><paramref name="logits"/> is empty, or the lengths differ.</exception>
    public static float CategoricalCrossEntropyWithLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets)
    {
        RequireExample(logits.Length, targets.Length, nameof(logits), nameof(targets));
        return CategoricalCrossEntropyOf(logits, targets, first: 0, stride: 1, logits.Length);
    }

    /// <summary>Categorical cross-entropy of one example from its logits, <c>Σ_k y_k (lse(z) - z_k)</c>, in double precision.</summary>
    /// <param name="logits">The output layer's pre-activations <c>z</c>; at least one.</param>
    /// <param name="targets">The targets <c>y</c>, as long as <paramref name="logits"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="logits"/> is empty, or the lengths differ.</exception>
    public static double CategoricalCrossEntropyWithLogits(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets)
    {
        RequireExample(logits.Length, targets.Length, nameof(logits), nameof(targets));
        return CategoricalCrossEntropyOf(logits, targets, first: 0, stride: 1, logits.Length);
    }

    /// <summary><c>½ (ŷ - y)²</c>.</summary>
    /// <param name="prediction">The output <c>ŷ</c>.</param>
    /// <param name="target">The target <c>y</c>.</param>
    public static float SquaredError(float prediction, float target) => SquaredErrorOf(prediction, target);

    /// <summary><c>½ (ŷ - y)²</c>.</summary>
    /// <param name="prediction">The output <c>ŷ</c>.</param>
    /// <param name="target">The target <c>y</c>.</param>
    public static double SquaredError(double prediction, double target) => SquaredErrorOf(prediction, target);

    /// <summary>
    /// The loss of one example, <c>L(ŷ, y)</c> over its output units, in single precision, from its output
    /// layer: the cross-entropies from the logits <paramref name="z"/> (exact, see the remarks of
    /// <see cref="LossFunctions"/>), half squared error from <paramref name="a"/>.
    /// </summary>
    /// <param name="loss">A resolved loss (not <see cref="Loss.Auto"/>).</param>
    /// <param name="z">The output layer's pre-activations <c>Z[L]</c>.</param>
    /// <param name="a">Its activations <c>A[L] = ŷ</c>, as long as <paramref name="z"/>.</param>
    /// <param name="y">The targets <c>y</c>, as long as <paramref name="z"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the spans are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loss"/> is <see cref="Loss.Auto"/> or undefined.</exception>
    public static float Of(Loss loss, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> y) => OfExample(loss, z, a, y);

    /// <summary>The loss of one example from its output layer, in double precision; see <see cref="Of(Loss, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>.</summary>
    /// <param name="loss">A resolved loss (not <see cref="Loss.Auto"/>).</param>
    /// <param name="z">The output layer's pre-activations <c>Z[L]</c>.</param>
    /// <param name="a">Its activations <c>A[L] = ŷ</c>, as long as <paramref name="z"/>.</param>
    /// <param name="y">The targets <c>y</c>, as long as <paramref name="z"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the spans are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loss"/> is <see cref="Loss.Auto"/> or undefined.</exception>
    public static double Of(Loss loss, ReadOnlySpan<double> z, ReadOnlySpan<double> a, ReadOnlySpan<double> y) => OfExample(loss, z, a, y);

    private static T OfExample<T>(Loss loss, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> y)
        where T : IFloatingPointIeee754<T>
    {
        RequireExample(z.Length, y.Length, nameof(z), nameof(y));
        if (a.Length != z.Length)
            throw new ArgumentException($"Expected {z.Length} activations, but the span has {a.Length}.", nameof(a));
        T sum = T.Zero;
        switch (loss)
        {
            case Loss.BinaryCrossEntropy:
                for (int k = 0; k < z.Length; k++)
                    sum += BinaryCrossEntropyOf(z[k], y[k]);
                return sum;
            case Loss.HalfSquaredError:
                for (int k = 0; k < a.Length; k++)
                    sum += SquaredErrorOf(a[k], y[k]);
                return sum;
            case Loss.CategoricalCrossEntropy:
                return CategoricalCrossEntropyOf(z, y, first: 0, stride: 1, z.Length);
            default:
                throw Unresolved(loss);
        }
    }

    /// <summary>Throws unless one example has at least one output unit and as many targets.</summary>
    private static void RequireExample(int units, int targets, string unitsName, string targetsName)
    {
        if (units == 0)
            throw new ArgumentException("An example has at least one output unit, but the span is empty.", unitsName);
        if (targets != units)
            throw new ArgumentException($"Expected {units} targets, but the span has {targets}.", targetsName);
    }

    /// <summary>The error for <see cref="Loss.Auto"/> (or an undefined value) where a resolved loss is needed.</summary>
    internal static ArgumentOutOfRangeException Unresolved(Loss loss) => new(nameof(loss), loss, "Resolve Loss.Auto first.");

    /// <summary><c>½ (ŷ - y)²</c> in either precision, for <see cref="SquaredError(float, float)"/> and the kernels' sums.</summary>
    internal static T SquaredErrorOf<T>(T prediction, T target)
        where T : IFloatingPointIeee754<T>
    {
        T error = prediction - target;
        return T.CreateTruncating(0.5) * error * error;
    }

    /// <summary><c>max(z, 0) - y z + log(1 + e^-|z|)</c>, the scalar form the vector one (LossKernels.Sum.cs) follows.</summary>
    internal static T BinaryCrossEntropyOf<T>(T z, T y)
        where T : IFloatingPointIeee754<T> =>
        T.Max(z, T.Zero) - y * z + LogOnePlus(T.Exp(-T.Abs(z)));

    /// <summary>
    /// <c>log(1 + t)</c> for <c>t</c> in [0, 1], to a few units in the last place however small <c>t</c>: with
    /// <c>u = 1 + t</c> rounded, <c>log(u) · t / (u - 1)</c> divides the rounding of <c>u</c> back out (<c>u - 1</c> is
    /// exact). <c>log(1 + t)</c> alone returns 0 for <c>t</c> below half an ulp of 1, so a confidently right
    /// prediction (z = 20, loss 2e-9) would cost nothing; .NET's <c>LogP1</c> is that plain sum.
    /// </summary>
    private static T LogOnePlus<T>(T t)
        where T : IFloatingPointIeee754<T>
    {
        T u = T.One + t;
        return u == T.One ? t : T.Log(u) * (t / (u - T.One));
    }

    /// <summary>
    /// <c>Σ_k y_k ((max z - z_k) + log Σ_j e^(z_j - max z))</c> over the <paramref name="units"/> logits of one
    /// example at <paramref name="first"/>, <paramref name="first"/> + <paramref name="stride"/>, …: stride 1 for
    /// an example's own span, the block's width for one lane of a training block's rows.
    /// </summary>
    internal static T CategoricalCrossEntropyOf<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> y, int first, int stride, int units)
        where T : IFloatingPointIeee754<T>
    {
        T max = z[first];
        for (int k = 1; k < units; k++)
        {
            T value = z[first + k * stride];
            max = value > max || T.IsNaN(value) ? value : max; // a NaN wins, so the loss is NaN
        }
        T sum = T.Zero;
        for (int k = 0; k < units; k++)
            sum += T.Exp(z[first + k * stride] - max);
        T logSum = T.Log(sum);
        T loss = T.Zero;
        for (int k = 0; k < units; k++)
        {
            int at = first + k * stride;
            loss += y[at] * ((max - z[at]) + logSum);
        }
        return loss;
    }
}
