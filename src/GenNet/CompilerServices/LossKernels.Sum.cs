using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

// The losses of many examples at once, for generated training code: the examples kept until their loss is
// summed (one after another), and a training block's rows (one row per output unit, one lane per example).
// Eight terms at a time where Vector256 is accelerated: a logarithm per example cost about 12 % of an 8-16-1
// training step (measured: 12.1 to 10.7 µs). Each is the scalar form's formula; the vector logarithm (.NET 9
// and later) rounds within an ulp of MathF.Log and VectorActivations.ExpOfNonPositive within one of
// MathF.Exp, so a sum differs from the scalar one in its last bits only. On .NET 8, or where Vector256 is
// not accelerated, the sum is the scalar loop's.
public static partial class LossKernels
{
    /// <summary>
    /// <c>Σ_i L(i)</c> over examples laid out one after another, <paramref name="units"/> values each (the
    /// layout of a batch): what <see cref="LossFunctions.Of(Loss, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    /// gives each example, summed. <paramref name="outputs"/> holds what the loss reads: the logits <c>Z[L]</c>
    /// for a cross-entropy, <c>A[L]</c> for half squared error. A NaN output makes the sum NaN.
    /// </summary>
    /// <param name="loss">A resolved loss (not <see cref="Loss.Auto"/>).</param>
    /// <param name="outputs">Each example's <c>Z[L]</c> (cross-entropy) or <c>A[L]</c> (squared error), example after example.</param>
    /// <param name="targets">The targets <c>y</c>, in the same layout.</param>
    /// <param name="units">The output units of an example, at least one.</param>
    /// <exception cref="ArgumentException">The lengths differ, or are not whole examples.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loss"/> is <see cref="Loss.Auto"/> or undefined.</exception>
    public static float Sum(Loss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int units)
    {
        RequireExamples(loss, outputs.Length, targets.Length, units);
        if (loss != Loss.CategoricalCrossEntropy)
            return SumOfUnits(loss, outputs, targets);
        float sum = 0f;
        for (int first = 0; first < outputs.Length; first += units)
            sum += LossFunctions.CategoricalCrossEntropyOf(outputs, targets, first, stride: 1, units);
        return sum;
    }

    /// <summary>
    /// <c>Σ_i L(i)</c> over a block of examples held as rows: row <c>k</c> holds output unit <c>k</c> of every
    /// example, one lane per example (a training block's layout). <paramref name="rows"/> holds what the loss
    /// reads, as in <see cref="Sum(Loss, ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>. A NaN makes the sum NaN.
    /// </summary>
    /// <param name="loss">A resolved loss (not <see cref="Loss.Auto"/>).</param>
    /// <param name="rows"><c>Z[L]</c> (cross-entropy) or <c>A[L]</c> (squared error), one row per output unit.</param>
    /// <param name="targets">The targets <c>y</c>, in the same layout.</param>
    /// <param name="units">The output units: the number of rows, at least one.</param>
    /// <exception cref="ArgumentException">The lengths differ, or are not whole rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loss"/> is <see cref="Loss.Auto"/> or undefined.</exception>
    public static float SumOfRows(Loss loss, ReadOnlySpan<float> rows, ReadOnlySpan<float> targets, int units)
    {
        RequireExamples(loss, rows.Length, targets.Length, units);
        if (loss != Loss.CategoricalCrossEntropy)
            return SumOfUnits(loss, rows, targets);
        int lanes = rows.Length / units, lane = 0;
        float sum = 0f;
#if NET9_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated && lanes >= Vector256<float>.Count)
        {
            ref float z = ref MemoryMarshal.GetReference(rows);
            ref float y = ref MemoryMarshal.GetReference(targets);
            var sums = Vector256<float>.Zero;
            for (; lane <= lanes - Vector256<float>.Count; lane += Vector256<float>.Count)
                sums += CategoricalCrossEntropyOfLanes(ref Unsafe.Add(ref z, lane), ref Unsafe.Add(ref y, lane), lanes, units);
            sum = Vector256.Sum(sums);
        }
#endif
        for (; lane < lanes; lane++)
            sum += LossFunctions.CategoricalCrossEntropyOf(rows, targets, lane, stride: lanes, units);
        return sum;
    }

    /// <summary>
    /// Throws unless <paramref name="loss"/> is resolved and the spans are whole examples of <paramref name="units"/>
    /// values; the names are those of <c>Sum</c>'s and <c>SumOfRows</c>' parameters.
    /// </summary>
    private static void RequireExamples(Loss loss, int length, int targets, int units)
    {
        if (targets != length)
            throw new ArgumentException($"Expected {length} targets, but the span has {targets}.", nameof(targets));
        if (units < 1 || length % units != 0)
            throw new ArgumentException($"Expected a whole number of examples of at least one unit, but {length} values are not a multiple of {units}.", nameof(units));
        if (loss is not (Loss.BinaryCrossEntropy or Loss.HalfSquaredError or Loss.CategoricalCrossEntropy))
            throw LossFunctions.Unresolved(loss);
    }

    /// <summary>The sum of a loss that is a sum over units (binary cross-entropy, half squared error): in any layout.</summary>
    private static float SumOfUnits(Loss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        int k = 0;
        float sum = 0f;
#if NET9_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated && outputs.Length >= Vector256<float>.Count)
        {
            ref float output = ref MemoryMarshal.GetReference(outputs);
            ref float y = ref MemoryMarshal.GetReference(targets);
            var sums = Vector256<float>.Zero;
            for (; k <= outputs.Length - Vector256<float>.Count; k += Vector256<float>.Count)
                sums += UnitLosses(loss, Vector256.LoadUnsafe(ref output, (nuint)k), Vector256.LoadUnsafe(ref y, (nuint)k));
            sum = Vector256.Sum(sums);
        }
#endif
        if (loss == Loss.BinaryCrossEntropy)
            for (; k < outputs.Length; k++)
                sum += LossFunctions.BinaryCrossEntropyOf(outputs[k], targets[k]);
        else
            for (; k < outputs.Length; k++)
                sum += LossFunctions.SquaredErrorOf(outputs[k], targets[k]);
        return sum;
    }

#if NET9_0_OR_GREATER
    /// <summary>The loss of eight output units, lane by lane: the scalar forms' formulas.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> UnitLosses(Loss loss, Vector256<float> output, Vector256<float> target)
    {
        if (loss == Loss.HalfSquaredError)
        {
            var error = output - target;
            return Vector256.Create(0.5f) * error * error;
        }
        // max(z, 0) - y z + log(1 + e^-|z|); a NaN z reaches the result through y z
        var positivePart = output & Vector256.GreaterThan(output, Vector256<float>.Zero);
        var e = VectorActivations.ExpOfNonPositive<Vector256<float>, Lanes8>(output | Vector256.Create(-0f)); // e^-|z|
        return positivePart - target * output + LogOnePlus(e);
    }

    /// <summary>
    /// Categorical cross-entropy of the eight examples (lanes) at <paramref name="z"/>, their unit k at
    /// <c>k · stride</c>: the scalar form's max, exponentials and sum, lane by lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> CategoricalCrossEntropyOfLanes(ref float z, ref float y, int stride, int units)
    {
        var max = Vector256.LoadUnsafe(ref z);
        for (int k = 1; k < units; k++)
            max = VectorActivations.MaxPropagatingNaN<Vector256<float>, Lanes8>(max, Vector256.LoadUnsafe(ref z, (nuint)(k * stride)));
        var sum = Vector256<float>.Zero;
        for (int k = 0; k < units; k++)
            sum += VectorActivations.ExpOfNonPositive<Vector256<float>, Lanes8>(Vector256.LoadUnsafe(ref z, (nuint)(k * stride)) - max);
        var logSum = Vector256.Log(sum);
        var loss = Vector256<float>.Zero;
        for (int k = 0; k < units; k++)
            loss += Vector256.LoadUnsafe(ref y, (nuint)(k * stride)) * ((max - Vector256.LoadUnsafe(ref z, (nuint)(k * stride))) + logSum);
        return loss;
    }

    /// <summary><c>log(1 + t)</c> for <c>t</c> in [0, 1], lane by lane: the scalar <c>LogOnePlus</c>'s correction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LogOnePlus(Vector256<float> t)
    {
        var u = Vector256<float>.One + t;
        // Where u rounds to 1 the quotient is 0 · ∞ = NaN, and t is the answer.
        return Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<float>.One), t, Vector256.Log(u) * (t / (u - Vector256<float>.One)));
    }
#endif
}
