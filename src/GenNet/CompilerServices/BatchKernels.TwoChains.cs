using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

// An unrolled layer's block, summed by a kernel in the order of the one-example code, for blocks whose
// registers cannot hold the layer's inputs.
public static partial class BatchKernels
{
    /// <summary>
    /// <c>A[l] = g(W[l]·A[l-1] + b[l])</c> for a block of examples, one per lane of a <typeparamref name="TVector"/>,
    /// each unit summed as the one-example code sums an unrolled layer of eight inputs or more: from its bias,
    /// the even inputs in one chain and the odd ones in another, the two added at the end; so every lane
    /// gets <c>Predict</c>'s bits. Generated <c>PredictBatch</c> calls it for an unrolled layer of many inputs
    /// between rows: written out, each unit's multiply-adds reload a spilled input vector for every weight
    /// once the inputs outnumber the registers, where here a group of units loads each input row once (six
    /// units, twelve sums in registers, in 8- and 4-lane blocks, for AVX2's 16 registers; eight in 16-lane
    /// ones, which call it past 32 inputs).
    /// </summary>
    /// <typeparam name="TVector">The block's vector: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/> of floats.</typeparam>
    /// <typeparam name="TLanes">The operations of that width: <see cref="Lanes16"/>, <see cref="Lanes8"/> or <see cref="Lanes4"/>.</typeparam>
    /// <param name="activation">The layer's elementwise activation <c>g</c> (not softmax, which the one-example code sums in an order of its own).</param>
    /// <param name="weights"><c>W[l]</c>, units × inputs, row-major.</param>
    /// <param name="biases"><c>b[l]</c>, one per unit.</param>
    /// <param name="inputRows"><c>A[l-1]</c> as rows of one value per lane, one row per input: at least two.</param>
    /// <param name="outputRows">Receives <c>A[l]</c> as rows of one value per lane, one row per unit; apart from <paramref name="inputRows"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not describe one layer of two inputs or more and one block, the activation is softmax, or the rows overlap.</exception>
    public static void ForwardInTwoChains<TVector, TLanes>(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        if (!ActivationTable.IsDefined(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation.");
        if (ActivationTable.IsWholeLayer(activation))
            throw new ArgumentException("Expected an elementwise activation: softmax's sum over the units has an order of its own.", nameof(activation));
        int lanes = TLanes.Count, units = biases.Length;
        if (units == 0 || inputRows.Length < 2 * lanes || inputRows.Length % lanes != 0)
            throw new ArgumentException($"Expected at least one unit and two or more rows of {lanes} lanes, one per input, but there are {units} biases and {inputRows.Length} input values.", nameof(inputRows));
        int inputs = inputRows.Length / lanes;
        if (weights.Length != units * inputs)
            throw new ArgumentException($"Expected {units} × {inputs} weights, but the span has {weights.Length}.", nameof(weights));
        if (outputRows.Length < units * lanes)
            throw new ArgumentException($"Expected at least {units * lanes} output values, but the span has {outputRows.Length}.", nameof(outputRows));
        if (outputRows.Overlaps(inputRows))
            throw new ArgumentException("Expected the output rows apart from the input rows, which are read after the first units are written, but they overlap.", nameof(outputRows));

        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float x = ref MemoryMarshal.GetReference(inputRows);
        ref float a = ref MemoryMarshal.GetReference(outputRows);
        // As in Forward: a rectifier (or none) as each sum is stored, σ and tanh in a pass after the sums.
        bool rectifier = !ActivationTable.Of(activation).EvaluatesExponential;
        int done = lanes == 16
            ? SumGroupsInTwoChains<TVector, TLanes, SixteenSums>(activation, rectifier, ref w, ref b, inputs, ref x, ref a, 0, units)
            : SumGroupsInTwoChains<TVector, TLanes, TwelveSums>(activation, rectifier, ref w, ref b, inputs, ref x, ref a, 0, units);
        if (done < units)
            SumGroupsInTwoChains<TVector, TLanes, TwoSums>(activation, rectifier, ref w, ref b, inputs, ref x, ref a, done, units);
        if (!rectifier)
            Activate<TVector, TLanes>(activation, ref a, ref a, units);
    }

    /// <summary>
    /// The whole groups of units from <paramref name="first"/> before <paramref name="units"/> (each group
    /// <typeparamref name="TGroup"/>'s sums, two a unit), a group at a time (<see cref="SumUnitsInTwoChains"/>);
    /// returns the unit after the last group. A method of its own for each size of group: inlined together,
    /// the sizes took the kernel past the JIT's inlining budget, and the vector operations stayed calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SumGroupsInTwoChains<TVector, TLanes, TGroup>(Activation activation, bool rectifier, ref float w, ref float b, int inputs, ref float x, ref float a, int first, int units)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TGroup : struct, ISumGroup
    {
        int size = TGroup.Count / 2, end = first + (units - first) / size * size;
        for (int i = first; i < end; i += size)
            SumUnitsInTwoChains<TVector, TLanes, TGroup>(activation, rectifier, ref Unsafe.Add(ref w, i * inputs), ref Unsafe.Add(ref b, i), inputs, ref x, ref a, (nuint)(i * TLanes.Count));
        return end;
    }

    /// <summary>
    /// Half <typeparamref name="TGroup"/>'s count of sums in units (up to eight) from <paramref name="w0"/> (their rows of W, one
    /// after the other) and <paramref name="b"/>: for each, an even and an odd sum in registers, each input row
    /// loaded once for the group and each weight broadcast once for the block; the unit's sum is
    /// <c>b + w0·x0 + w2·x2 + …</c> plus <c>w1·x1 + w3·x3 + …</c>, in that order, stored from
    /// <paramref name="offset"/> (<see cref="StoreSum"/>). The units a group does not have are constants
    /// to the JIT, which drops their code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumUnitsInTwoChains<TVector, TLanes, TGroup>(Activation activation, bool rectifier, ref float w0, ref float b, int inputs, ref float x, ref float a, nuint offset)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TGroup : struct, ISumGroup
    {
        // Two sums a unit: its even and its odd inputs
        int lanes = TLanes.Count, count = TGroup.Count / 2;
        nint n = inputs;
        // Units 2j and 2j + 1 share a pointer (unit 2j + 1's weight k is n floats on), as in Forward's groups.
        ref float w2 = ref Unsafe.Add(ref w0, count > 2 ? 2 * n : 0);
        ref float w4 = ref Unsafe.Add(ref w2, count > 4 ? 2 * n : 0);
        ref float w6 = ref Unsafe.Add(ref w4, count > 6 ? 2 * n : 0);
        // Inputs 0 and 1 start the chains: the even one from the bias, the odd one a product (not a
        // multiply-add onto zero, which would make -0 into +0).
        var x0 = TLanes.Load(ref x, 0);
        var x1 = TLanes.Load(ref x, (nuint)lanes);
        TVector e0 = TLanes.MultiplyAdd(TLanes.Broadcast(w0), x0, TLanes.Broadcast(b)), o0 = TLanes.Multiply(TLanes.Broadcast(Unsafe.Add(ref w0, 1)), x1);
        TVector e1 = default, o1 = default, e2 = default, o2 = default, e3 = default, o3 = default;
        TVector e4 = default, o4 = default, e5 = default, o5 = default, e6 = default, o6 = default, e7 = default, o7 = default;
        if (count > 1)
        {
            e1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w0, n)), x0, TLanes.Broadcast(Unsafe.Add(ref b, 1)));
            o1 = TLanes.Multiply(TLanes.Broadcast(Unsafe.Add(ref w0, n + 1)), x1);
        }
        if (count > 2)
        {
            e2 = TLanes.MultiplyAdd(TLanes.Broadcast(w2), x0, TLanes.Broadcast(Unsafe.Add(ref b, 2)));
            o2 = TLanes.Multiply(TLanes.Broadcast(Unsafe.Add(ref w2, 1)), x1);
            e3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w2, n)), x0, TLanes.Broadcast(Unsafe.Add(ref b, 3)));
            o3 = TLanes.Multiply(TLanes.Broadcast(Unsafe.Add(ref w2, n + 1)), x1);
        }
        if (count > 4)
        {
            e4 = TLanes.MultiplyAdd(TLanes.Broadcast(w4), x0, TLanes.Broadcast(Unsafe.Add(ref b, 4)));
            o4 = TLanes.Multiply(TLanes.Broadcast(Unsafe.Add(ref w4, 1)), x1);
            e5 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w4, n)), x0, TLanes.Broadcast(Unsafe.Add(ref b, 5)));
            o5 = TLanes.Multiply(TLanes.Broadcast(Unsafe.Add(ref w4, n + 1)), x1);
        }
        if (count > 6)
        {
            e6 = TLanes.MultiplyAdd(TLanes.Broadcast(w6), x0, TLanes.Broadcast(Unsafe.Add(ref b, 6)));
            o6 = TLanes.Multiply(TLanes.Broadcast(Unsafe.Add(ref w6, 1)), x1);
            e7 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w6, n)), x0, TLanes.Broadcast(Unsafe.Add(ref b, 7)));
            o7 = TLanes.Multiply(TLanes.Broadcast(Unsafe.Add(ref w6, n + 1)), x1);
        }
        nint k = 2;
        for (; k <= n - 2; k += 2)
        {
            var even = TLanes.Load(ref x, (nuint)(k * lanes));
            var odd = TLanes.Load(ref x, (nuint)((k + 1) * lanes));
            e0 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w0, k)), even, e0);
            o0 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w0, k + 1)), odd, o0);
            if (count > 1)
            {
                e1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w0, n + k)), even, e1);
                o1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w0, n + k + 1)), odd, o1);
            }
            if (count > 2)
            {
                e2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w2, k)), even, e2);
                o2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w2, k + 1)), odd, o2);
                e3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w2, n + k)), even, e3);
                o3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w2, n + k + 1)), odd, o3);
            }
            if (count > 4)
            {
                e4 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w4, k)), even, e4);
                o4 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w4, k + 1)), odd, o4);
                e5 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w4, n + k)), even, e5);
                o5 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w4, n + k + 1)), odd, o5);
            }
            if (count > 6)
            {
                e6 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w6, k)), even, e6);
                o6 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w6, k + 1)), odd, o6);
                e7 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w6, n + k)), even, e7);
                o7 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w6, n + k + 1)), odd, o7);
            }
        }
        // An odd count of inputs leaves one even input
        if (k < n)
        {
            var even = TLanes.Load(ref x, (nuint)(k * lanes));
            e0 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w0, k)), even, e0);
            if (count > 1)
                e1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w0, n + k)), even, e1);
            if (count > 2)
            {
                e2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w2, k)), even, e2);
                e3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w2, n + k)), even, e3);
            }
            if (count > 4)
            {
                e4 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w4, k)), even, e4);
                e5 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w4, n + k)), even, e5);
            }
            if (count > 6)
            {
                e6 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w6, k)), even, e6);
                e7 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w6, n + k)), even, e7);
            }
        }
        nuint step = (nuint)lanes;
        StoreSum<TVector, TLanes>(activation, rectifier, keepsZ: false, TLanes.Add(e0, o0), ref a, ref a, offset);
        if (count > 1)
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ: false, TLanes.Add(e1, o1), ref a, ref a, offset + step);
        if (count > 2)
        {
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ: false, TLanes.Add(e2, o2), ref a, ref a, offset + 2 * step);
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ: false, TLanes.Add(e3, o3), ref a, ref a, offset + 3 * step);
        }
        if (count > 4)
        {
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ: false, TLanes.Add(e4, o4), ref a, ref a, offset + 4 * step);
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ: false, TLanes.Add(e5, o5), ref a, ref a, offset + 5 * step);
        }
        if (count > 6)
        {
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ: false, TLanes.Add(e6, o6), ref a, ref a, offset + 6 * step);
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ: false, TLanes.Add(e7, o7), ref a, ref a, offset + 7 * step);
        }
    }

    /// <summary>Sixteen sums, eight units in two chains: <see cref="ForwardInTwoChains{TVector, TLanes}"/>'s group in 16-lane blocks (32 registers on AVX-512).</summary>
    private readonly struct SixteenSums : ISumGroup
    {
        public static int Count => 16;
    }

    /// <summary>Two sums, one unit in two chains: <see cref="ForwardInTwoChains{TVector, TLanes}"/>'s units past the last whole group.</summary>
    private readonly struct TwoSums : ISumGroup
    {
        public static int Count => 2;
    }
}
