namespace GenNet;

/// <summary>
/// The per-example losses <c>L(ŷ, y)</c>, in single and double precision. Every engine computes its
/// cost with these (or with <see cref="CompilerServices.LossKernels"/>, which sums the same formulas
/// eight at a time), so they agree.
/// </summary>
public static partial class LossFunctions
{
    /// <summary>
    /// How far from 0 and 1 the cross-entropies clamp <c>ŷ</c> before taking logarithms. A sigmoid
    /// reaches exactly 1 in float for <c>z</c> above about 17, and <c>log 0</c> would make the cost
    /// infinite; the clamp bounds one example's loss by about 16.1. It applies to the cost only:
    /// the gradient <c>dZ = A - Y</c> never takes a logarithm and is left exact.
    /// </summary>
    public const float ProbabilityEpsilon = 1e-7f;

    /// <summary><c>-(y log ŷ + (1 - y) log(1 - ŷ))</c> with <c>ŷ</c> clamped to [ε, 1 - ε].</summary>
    /// <param name="prediction">The sigmoid output <c>ŷ</c>.</param>
    /// <param name="target">The label <c>y</c>, usually 0 or 1.</param>
    public static float BinaryCrossEntropy(float prediction, float target)
    {
        float p = Math.Clamp(prediction, ProbabilityEpsilon, 1f - ProbabilityEpsilon);
        // With a 0/1 label one term is exactly 0 (0 times a finite logarithm), so one logarithm
        // gives the same bits as both: half the cost of the loss in training's inner loop.
        if (target == 1f)
            return -MathF.Log(p);
        if (target == 0f)
            return -MathF.Log(1f - p);
        return -(target * MathF.Log(p) + (1f - target) * MathF.Log(1f - p));
    }

    /// <summary><c>-(y log ŷ + (1 - y) log(1 - ŷ))</c> with <c>ŷ</c> clamped to [ε, 1 - ε].</summary>
    /// <param name="prediction">The sigmoid output <c>ŷ</c>.</param>
    /// <param name="target">The label <c>y</c>, usually 0 or 1.</param>
    public static double BinaryCrossEntropy(double prediction, double target)
    {
        double p = Math.Clamp(prediction, ProbabilityEpsilon, 1.0 - ProbabilityEpsilon);
        return -(target * Math.Log(p) + (1 - target) * Math.Log(1 - p));
    }

    /// <summary>
    /// One output unit's term of categorical cross-entropy, <c>-y log ŷ</c>, with <c>ŷ</c> clamped to
    /// [ε, 1]; summed over the units of a softmax output it is <c>-Σ_k y_k log ŷ_k</c>. A unit whose
    /// target is 0 adds 0 (or NaN, if <c>ŷ</c> is NaN: nothing hides a NaN).
    /// </summary>
    /// <param name="prediction">The softmax output <c>ŷ_k</c>.</param>
    /// <param name="target">The target <c>y_k</c>: 1 for the example's class, 0 for the others.</param>
    public static float CategoricalCrossEntropy(float prediction, float target) =>
        -target * MathF.Log(Math.Clamp(prediction, ProbabilityEpsilon, 1f));

    /// <summary>One output unit's term of categorical cross-entropy, <c>-y log ŷ</c>, with <c>ŷ</c> clamped to [ε, 1].</summary>
    /// <param name="prediction">The softmax output <c>ŷ_k</c>.</param>
    /// <param name="target">The target <c>y_k</c>.</param>
    public static double CategoricalCrossEntropy(double prediction, double target) =>
        -target * Math.Log(Math.Clamp(prediction, ProbabilityEpsilon, 1.0));

    /// <summary><c>½ (ŷ - y)²</c>.</summary>
    /// <param name="prediction">The output <c>ŷ</c>.</param>
    /// <param name="target">The target <c>y</c>.</param>
    public static float SquaredError(float prediction, float target)
    {
        float error = prediction - target;
        return 0.5f * error * error;
    }

    /// <summary><c>½ (ŷ - y)²</c>.</summary>
    /// <param name="prediction">The output <c>ŷ</c>.</param>
    /// <param name="target">The target <c>y</c>.</param>
    public static double SquaredError(double prediction, double target)
    {
        double error = prediction - target;
        return 0.5 * error * error;
    }

    /// <summary>The loss of one example, <c>L(ŷ, y)</c> summed over the output units, in single precision.</summary>
    /// <param name="loss">A resolved loss (not <see cref="Loss.Auto"/>).</param>
    /// <param name="prediction">The outputs <c>ŷ</c>.</param>
    /// <param name="target">The targets <c>y</c>, as long as <paramref name="prediction"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float Of(Loss loss, ReadOnlySpan<float> prediction, ReadOnlySpan<float> target)
    {
        if (target.Length != prediction.Length)
            throw new ArgumentException($"Expected {prediction.Length} targets, but the span has {target.Length}.", nameof(target));
        float sum = 0f;
        for (int i = 0; i < prediction.Length; i++)
            sum += Of(loss, prediction[i], target[i]);
        return sum;
    }

    /// <summary>The error for <see cref="Loss.Auto"/> (or an undefined value) where a resolved loss is needed.</summary>
    internal static ArgumentOutOfRangeException Unresolved(Loss loss) => new(nameof(loss), loss, "Resolve Loss.Auto first.");

    /// <summary>The loss of one output unit, in single precision.</summary>
    /// <param name="loss">A resolved loss (not <see cref="Loss.Auto"/>).</param>
    /// <param name="prediction">The output <c>ŷ</c>.</param>
    /// <param name="target">The target <c>y</c>.</param>
    public static float Of(Loss loss, float prediction, float target) => loss switch
    {
        Loss.BinaryCrossEntropy => BinaryCrossEntropy(prediction, target),
        Loss.HalfSquaredError => SquaredError(prediction, target),
        Loss.CategoricalCrossEntropy => CategoricalCrossEntropy(prediction, target),
        _ => throw Unresolved(loss),
    };

    /// <summary>The loss of one output unit.</summary>
    /// <param name="loss">A resolved loss (not <see cref="Loss.Auto"/>).</param>
    /// <param name="prediction">The output <c>ŷ</c>.</param>
    /// <param name="target">The target <c>y</c>.</param>
    public static double Of(Loss loss, double prediction, double target) => loss switch
    {
        Loss.BinaryCrossEntropy => BinaryCrossEntropy(prediction, target),
        Loss.HalfSquaredError => SquaredError(prediction, target),
        Loss.CategoricalCrossEntropy => CategoricalCrossEntropy(prediction, target),
        _ => throw Unresolved(loss),
    };
}
