using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

// The activations over a whole layer: a span of units four at a time, and the softmax with its pieces
// (the largest value propagating NaN, the lanes' max and sum, the padding of a partial vector).
public static partial class VectorActivations
{
    /// <summary><c>a[k] = g(z[k])</c> over a whole layer, four units at a time; the softmax of the whole span for <see cref="Activation.Softmax"/>.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The layer's pre-activations.</param>
    /// <param name="a">Receives the activations; at least as long as <paramref name="z"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="a"/> is shorter than <paramref name="z"/>.</exception>
    public static void Apply(Activation activation, ReadOnlySpan<float> z, Span<float> a)
    {
        if (a.Length < z.Length)
            throw new ArgumentException($"Expected at least {z.Length} values, but the span has {a.Length}.", nameof(a));
        if (activation == Activation.Softmax)
        {
            Softmax(z, a[..z.Length]);
            return;
        }
        int k = 0;
        for (; k <= z.Length - 4; k += 4)
            Value(activation, Vector128.Create(z.Slice(k, 4))).CopyTo(a.Slice(k, 4));
        if (k < z.Length)
            StorePartial(Value(activation, LoadPartial(z[k..])), a[k..z.Length]);
    }

    /// <summary><c>dz[k] ∗= g'(z[k])</c> over a whole layer, four units at a time: the last factor of <c>dZ[l] = W[l+1]ᵀ·dZ[l+1] ∗ g'(Z[l])</c>.</summary>
    /// <param name="activation">The activation <c>g</c>.</param>
    /// <param name="z">The layer's pre-activations.</param>
    /// <param name="a">The layer's activations, as long as <paramref name="z"/>.</param>
    /// <param name="dz">Multiplied in place; as long as <paramref name="z"/>.</param>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="z"/>'s.</exception>
    public static void MultiplyByDerivative(Activation activation, ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> dz)
    {
        if (a.Length != z.Length)
            throw new ArgumentException($"Expected {z.Length} activations, but the span has {a.Length}.", nameof(a));
        if (dz.Length != z.Length)
            throw new ArgumentException($"Expected {z.Length} errors, but the span has {dz.Length}.", nameof(dz));
        var derivativeInput = ActivationTable.Of(activation).DerivativeInput;
        if (derivativeInput == DerivativeInput.None)
            return; // g' is 1: dZ stays as it is
        if (derivativeInput == DerivativeInput.WholeLayer)
            throw NotElementwise(activation);
        int k = 0;
        for (; k <= z.Length - 4; k += 4)
        {
            var product = Vector128.Create((ReadOnlySpan<float>)dz.Slice(k, 4)) * Derivative(activation, Vector128.Create(z.Slice(k, 4)), Vector128.Create(a.Slice(k, 4)));
            product.CopyTo(dz.Slice(k, 4));
        }
        if (k < z.Length)
            StorePartial(LoadPartial(dz[k..]) * Derivative(activation, LoadPartial(z[k..]), LoadPartial(a[k..])), dz[k..]);
    }

    /// <summary>
    /// The softmax of a whole layer, <c>a_k = e^(z_k - max z) / Σ_j e^(z_j - max z)</c>, four units at a
    /// time: the largest <c>z</c> is subtracted first, so every exponential is of a number ≤ 0 and none
    /// overflows, and the sum is at least 1 (the largest unit's term is e^0). A NaN anywhere makes every
    /// output NaN.
    /// </summary>
    /// <param name="z">The layer's pre-activations; at least one.</param>
    /// <param name="a">Receives the probabilities; as long as <paramref name="z"/> (it may be the same memory).</param>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, or <paramref name="a"/>'s length differs.</exception>
    internal static void Softmax(ReadOnlySpan<float> z, Span<float> a)
    {
        if (z.IsEmpty)
            throw new ArgumentException("Softmax needs at least one value.", nameof(z));
        if (a.Length != z.Length)
            throw new ArgumentException($"Expected {z.Length} activations, but the span has {a.Length}.", nameof(a));
        int full = z.Length & ~3, tail = z.Length - full;

        var max = Vector128.Create(z[0]);
        for (int k = 0; k < full; k += 4)
            max = MaxPropagatingNaN(max, Vector128.Create(z.Slice(k, 4)));
        if (tail > 0)
            max = MaxPropagatingNaN(max, PadLanes(LoadPartial(z[full..]), tail, float.NegativeInfinity));
        max = MaxOfLanes(max);

        var sum = Vector128<float>.Zero;
        for (int k = 0; k < full; k += 4)
        {
            var e = ExpOfNonPositive(Vector128.Create(z.Slice(k, 4)) - max);
            e.CopyTo(a.Slice(k, 4));
            sum += e;
        }
        if (tail > 0)
        {
            var e = PadLanes(ExpOfNonPositive(LoadPartial(z[full..]) - max), tail, 0f);
            StorePartial(e, a[full..]);
            sum += e;
        }
        sum = SumOfLanes(sum);

        for (int k = 0; k < full; k += 4)
            (Vector128.Create((ReadOnlySpan<float>)a.Slice(k, 4)) / sum).CopyTo(a.Slice(k, 4));
        if (tail > 0)
            StorePartial(LoadPartial(a[full..]) / sum, a[full..]);
    }

    /// <summary>
    /// The larger of two values, lane by lane, NaN where either is NaN (the hardware's max would drop a NaN
    /// in its first operand, and a softmax over it would look like a valid distribution).
    /// </summary>
    /// <param name="left">The first values.</param>
    /// <param name="right">The second values.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxPropagatingNaN(Vector128<float> left, Vector128<float> right) => MaxPropagatingNaN<Vector128<float>, Lanes4>(left, right);

    /// <summary>The one text of <see cref="MaxPropagatingNaN(Vector128{float}, Vector128{float})"/> for every width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector MaxPropagatingNaN<TVector, TLanes>(TVector left, TVector right)
        where TLanes : struct, ILanes<TVector>
    {
        var max = TLanes.ConditionalSelect(TLanes.GreaterThan(left, right), left, right);
        return TLanes.ConditionalSelect(TLanes.IsNaN(left), left, max); // right's NaN is already chosen
    }

    /// <summary>The largest of the four lanes in every lane (NaN if any lane is NaN); the softmax's shift.</summary>
    /// <param name="v">Four values.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxOfLanes(Vector128<float> v)
    {
        v = MaxPropagatingNaN(v, Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1)));
        return MaxPropagatingNaN(v, Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2)));
    }

    /// <summary>The sum of the four lanes in every lane; the softmax's denominator.</summary>
    /// <param name="v">Four values.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SumOfLanes(Vector128<float> v)
    {
        v += Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1));
        return v + Vector128.Shuffle(v, Vector128.Create(1, 0, 3, 2));
    }

    /// <summary>
    /// <paramref name="v"/> with the lanes from <paramref name="count"/> on replaced by <paramref name="padding"/>:
    /// the padding lanes of a layer's last, partial vector, which must not count in its max (padding −∞)
    /// or its sum (padding 0).
    /// </summary>
    /// <param name="v">Four values, of which the first <paramref name="count"/> are units.</param>
    /// <param name="count">How many lanes are units, 1 to 4.</param>
    /// <param name="padding">The value of the other lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> PadLanes(Vector128<float> v, int count, float padding) =>
        Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Create(0, 1, 2, 3), Vector128.Create(count)).AsSingle(), v, Vector128.Create(padding));

    private static Vector128<float> LoadPartial(ReadOnlySpan<float> values)
    {
        Span<float> lanes = stackalloc float[4];
        lanes.Clear();
        values.CopyTo(lanes);
        return Vector128.Create((ReadOnlySpan<float>)lanes);
    }

    private static void StorePartial(Vector128<float> value, Span<float> destination)
    {
        Span<float> lanes = stackalloc float[4];
        value.CopyTo(lanes);
        lanes[..destination.Length].CopyTo(destination);
    }
}
