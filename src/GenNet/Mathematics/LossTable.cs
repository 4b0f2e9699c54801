#if GENNET_GENERATOR
namespace GenNet.Generators.Model;
#else
namespace GenNet;
#endif

// Linked into the generator (GENNET_GENERATOR), where it is internal and in the model's namespace.
// Only netstandard2.0 APIs here: the generator loads into the compiler.

/// <summary>
/// One loss as everything but its mathematics sees it: how generated code names and calls it, and
/// the output activation it is paired with.
/// </summary>
/// <param name="Loss">The loss this entry describes.</param>
/// <param name="Name">Its name in words: <c>binary cross-entropy</c>.</param>
/// <param name="Equation">Its per-example formula, as equation comments write it.</param>
/// <param name="Function">
/// The <c>LossFunctions</c> method that computes it: of one output unit (two floats) where <paramref name="PerUnit"/>,
/// else of one example's spans (logits, targets).
/// </param>
/// <param name="PerUnit">Whether it is a sum of one term per output unit, each a function of that unit alone.</param>
/// <param name="ReadsLogits">
/// Whether it is computed from the output layer's pre-activations <c>Z[L]</c> (the cross-entropies: exact and
/// finite however saturated ŷ is) rather than from <c>A[L] = ŷ</c>.
/// </param>
/// <param name="MatchingOutput">
/// The output activation whose derivative it cancels, so that <c>dZ[L] = A[L] - Y</c> exactly
/// (cross-entropy after σ, squared error after the identity); null for <see cref="Loss.Auto"/>.
/// </param>
/// <param name="RequiresMatchingOutput">Whether it is defined only after <see cref="MatchingOutput"/> (the cross-entropies need ŷ in (0, 1)).</param>
internal sealed record LossEntry(
    Loss Loss,
    string Name,
    string Equation,
    string? Function,
    bool PerUnit,
    bool ReadsLogits,
    Activation? MatchingOutput,
    bool RequiresMatchingOutput);

/// <summary>
/// The one table of losses: an entry per <see cref="Loss"/> value, read by the code emitter, the
/// loss rules (<see cref="LossRules"/>) and the tests.
/// </summary>
internal static class LossTable
{
    /// <summary>Every loss, in the order of its enum value (a test checks each value has its entry).</summary>
    public static readonly IReadOnlyList<LossEntry> Entries =
    [
        new(Loss.Auto, "chosen from the output activation", "", null, false, false, null, false),
        new(Loss.BinaryCrossEntropy, "binary cross-entropy", "L(ŷ, y) = -(y log ŷ + (1 - y) log(1 - ŷ)) = y softplus(-z) + (1 - y) softplus(z) with z = Z[L]",
            "BinaryCrossEntropyWithLogits", PerUnit: true, ReadsLogits: true, Activation.Sigmoid, true),
        new(Loss.HalfSquaredError, "half squared error", "L(ŷ, y) = ½ (ŷ - y)²", "SquaredError", PerUnit: true, ReadsLogits: false, Activation.Linear, false),
        new(Loss.CategoricalCrossEntropy, "categorical cross-entropy", "L(ŷ, y) = -Σ_k y_k log ŷ_k = Σ_k y_k (log Σ_j e^(z_j) - z_k) with z = Z[L]",
            "CategoricalCrossEntropyWithLogits", PerUnit: false, ReadsLogits: true, Activation.Softmax, true),
    ];

    /// <summary>The entry of <paramref name="loss"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value has no entry (it is not a defined loss).</exception>
    public static LossEntry Of(Loss loss)
    {
        int index = (int)loss;
        if (index < 0 || index >= Entries.Count || Entries[index].Loss != loss)
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "Undefined loss: it has no entry in LossTable.");
        return Entries[index];
    }

    /// <summary>Whether <paramref name="loss"/> is a value with an entry.</summary>
    public static bool IsDefined(Loss loss) =>
        (int)loss >= 0 && (int)loss < Entries.Count && Entries[(int)loss].Loss == loss;
}
