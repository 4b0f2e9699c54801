using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

// The error of a loop layer's inputs for a block, W[l]ᵀ·dZ[l]: Forward's kernel with the weight matrix
// read by columns, so the rows it sums are dZ's (one per unit) and the rows it writes are the inputs'.
public static partial class BatchKernels
{
    /// <summary>
    /// <c>W[l]ᵀ·dZ[l]</c> for a block of examples, one per lane of a <typeparamref name="TVector"/>:
    /// <c>outputRows[j · lanes + e] = Σᵢ W[i][j] · dZ[i][e]</c>. A group of inputs at a time (eight in 16-lane
    /// blocks, twelve in narrower ones) is summed in as many registers, so each weight is read once per
    /// block and each error row once per group.
    /// </summary>
    /// <typeparam name="TVector">The block's vector: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/> of floats.</typeparam>
    /// <typeparam name="TLanes">The operations of that width: <see cref="Lanes16"/>, <see cref="Lanes8"/> or <see cref="Lanes4"/>.</typeparam>
    /// <param name="weights"><c>W[l]</c>, units × inputs, row-major.</param>
    /// <param name="errorRows"><c>dZ[l]</c> as rows of one value per lane, one row per unit.</param>
    /// <param name="outputRows">Receives the inputs' error as rows of one value per lane, one row per input (overwritten).</param>
    /// <exception cref="ArgumentException">The lengths do not describe one layer and one block.</exception>
    public static void Backpropagate<TVector, TLanes>(ReadOnlySpan<float> weights, ReadOnlySpan<float> errorRows, Span<float> outputRows)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        int lanes = TLanes.Count;
        if (errorRows.Length == 0 || errorRows.Length % lanes != 0)
            throw new ArgumentException($"Expected rows of {lanes} lanes, at least one, one per unit, but the span has {errorRows.Length} values.", nameof(errorRows));
        int units = errorRows.Length / lanes;
        if (weights.Length == 0 || weights.Length % units != 0)
            throw new ArgumentException($"Expected {units} × inputs weights (at least one input), but the span has {weights.Length}.", nameof(weights));
        int inputs = weights.Length / units;
        if (outputRows.Length < inputs * lanes)
            throw new ArgumentException($"Expected at least {inputs * lanes} output values, but the span has {outputRows.Length}.", nameof(outputRows));

        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float dz = ref MemoryMarshal.GetReference(errorRows);
        ref float y = ref MemoryMarshal.GetReference(outputRows);
        int j = 0;
        // As in Forward: independent sums hide the multiply-add latency, eight in 16-lane blocks and twelve
        // in narrower ones (AVX2's 16 registers), the twelves in pairs so every input keeps the bits of the
        // groups of eight; each dZ row is loaded once for the group, whose weights W[i][j..] are
        // consecutive floats of row i.
        if (TLanes.Count < 16)
            for (; j < inputs - inputs % 24; j += 12)
                BackpropagateInputs<TVector, TLanes, TwelveSums>(ref w, ref dz, ref y, j, units, inputs);
        for (; j <= inputs - 8; j += 8)
            BackpropagateInputs<TVector, TLanes, EightSums>(ref w, ref dz, ref y, j, units, inputs);
        // The last inputs one at a time, in two chains (even and odd units) so they wait half as long.
        for (; j < inputs; j++)
        {
            TVector even = TLanes.Broadcast(0f), odd = even;
            int i = 0;
            for (; i <= units - 2; i += 2)
            {
                even = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w, i * inputs + j)), TLanes.Load(ref dz, (nuint)(i * lanes)), even);
                odd = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w, (i + 1) * inputs + j)), TLanes.Load(ref dz, (nuint)((i + 1) * lanes)), odd);
            }
            if (i < units)
                even = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w, i * inputs + j)), TLanes.Load(ref dz, (nuint)(i * lanes)), even);
            TLanes.Store(TLanes.Add(even, odd), ref y, (nuint)(j * lanes));
        }
    }

    /// <summary>
    /// Inputs <c>j..j+7</c> or <c>j..j+11</c> (<typeparamref name="TGroup"/>) of <see cref="Backpropagate"/>: their
    /// sums over the units in as many registers, each in the order of the units, then stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackpropagateInputs<TVector, TLanes, TGroup>(ref float w, ref float dz, ref float y, int j, int units, int inputs)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TGroup : struct, ISumGroup
    {
        int lanes = TLanes.Count;
        bool twelve = TGroup.Count == 12;
        TVector s0 = TLanes.Broadcast(0f), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0;
        for (int i = 0; i < units; i++)
        {
            var error = TLanes.Load(ref dz, (nuint)(i * lanes));
            ref float wi = ref Unsafe.Add(ref w, i * inputs + j);
            s0 = TLanes.MultiplyAdd(TLanes.Broadcast(wi), error, s0);
            s1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 1)), error, s1);
            s2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 2)), error, s2);
            s3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 3)), error, s3);
            s4 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 4)), error, s4);
            s5 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 5)), error, s5);
            s6 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 6)), error, s6);
            s7 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 7)), error, s7);
            if (twelve)
            {
                s8 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 8)), error, s8);
                s9 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 9)), error, s9);
                s10 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 10)), error, s10);
                s11 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, 11)), error, s11);
            }
        }
        TLanes.Store(s0, ref y, (nuint)(j * lanes));
        TLanes.Store(s1, ref y, (nuint)((j + 1) * lanes));
        TLanes.Store(s2, ref y, (nuint)((j + 2) * lanes));
        TLanes.Store(s3, ref y, (nuint)((j + 3) * lanes));
        TLanes.Store(s4, ref y, (nuint)((j + 4) * lanes));
        TLanes.Store(s5, ref y, (nuint)((j + 5) * lanes));
        TLanes.Store(s6, ref y, (nuint)((j + 6) * lanes));
        TLanes.Store(s7, ref y, (nuint)((j + 7) * lanes));
        if (twelve)
        {
            TLanes.Store(s8, ref y, (nuint)((j + 8) * lanes));
            TLanes.Store(s9, ref y, (nuint)((j + 9) * lanes));
            TLanes.Store(s10, ref y, (nuint)((j + 10) * lanes));
            TLanes.Store(s11, ref y, (nuint)((j + 11) * lanes));
        }
    }
}
