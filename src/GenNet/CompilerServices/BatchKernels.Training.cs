using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNet.CompilerServices;

// The gradient kernels of batched training for a loop layer: dW[l] += dZ[l]·A[l-1]ᵀ and db[l] += Σ dZ[l]
// over a block, and the per-lane accumulators' reduction once per batch. dZ comes as rows (one vector
// per unit: the block's examples), A[l-1] in the batch layout (one example after the other), so a dW
// row is a run of consecutive floats that a vector of inputs meets head on.
public static partial class BatchKernels
{
    /// <summary>
    /// <c>dW[l] += dZ[l]·A[l-1]ᵀ</c> and <c>db[l] += Σₑ dZ[l]</c> over a block of examples, one per lane of a
    /// <typeparamref name="TVector"/>. A tile of four units × two vectors of inputs (six units in blocks
    /// narrower than 16 lanes) is summed in eight (twelve) registers over the block's examples and added into
    /// <paramref name="weightGradients"/> once, so every gradient is read and written once per call.
    /// </summary>
    /// <typeparam name="TVector">The block's vector: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/> of floats.</typeparam>
    /// <typeparam name="TLanes">The operations of that width: <see cref="Lanes16"/>, <see cref="Lanes8"/> or <see cref="Lanes4"/>.</typeparam>
    /// <param name="errorRows"><c>dZ[l]</c> as rows of one value per lane, one row per unit: <c>errorRows[i · lanes + e]</c>.</param>
    /// <param name="inputExamples"><c>A[l-1]</c> of the block's examples in the batch layout: <c>inputExamples[e · inputs + j]</c>.</param>
    /// <param name="weightGradients"><c>dW[l]</c>, units × inputs, row-major; the block's sums are added to it.</param>
    /// <param name="biasGradients"><c>db[l]</c>, one per unit; the block's sums are added to it.</param>
    /// <exception cref="ArgumentException">The lengths do not describe one layer and one block.</exception>
    public static void AccumulateGradients<TVector, TLanes>(ReadOnlySpan<float> errorRows, ReadOnlySpan<float> inputExamples, Span<float> weightGradients, Span<float> biasGradients)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        int lanes = TLanes.Count, units = biasGradients.Length;
        if (units == 0)
            throw new ArgumentException("Expected at least one unit (one bias gradient per unit), but the span is empty.", nameof(biasGradients));
        if (errorRows.Length != units * lanes)
            throw new ArgumentException($"Expected {units} rows of {lanes} lanes ({units * lanes} values), one per unit, but the span has {errorRows.Length}.", nameof(errorRows));
        if (inputExamples.Length == 0 || inputExamples.Length % lanes != 0)
            throw new ArgumentException($"Expected {lanes} examples of at least one input each, but the span has {inputExamples.Length} values.", nameof(inputExamples));
        int inputs = inputExamples.Length / lanes;
        if (weightGradients.Length != units * inputs)
            throw new ArgumentException($"Expected {units} × {inputs} weight gradients, but the span has {weightGradients.Length}.", nameof(weightGradients));

        ref float dz = ref MemoryMarshal.GetReference(errorRows);
        ref float x = ref MemoryMarshal.GetReference(inputExamples);
        ref float dw = ref MemoryMarshal.GetReference(weightGradients);
        int wholeVectors = inputs - inputs % lanes, i = 0;
        // Blocks narrower than 16 lanes take six units a tile where they can: twelve sums hide the latency
        // that eight leave bare, and fit AVX2's 16 registers with the two rows and a broadcast.
        if (TLanes.Count < 16)
            for (; i <= units - 6; i += 6)
            {
                int j = 0;
                for (; j <= wholeVectors - 2 * lanes; j += 2 * lanes)
                    AccumulateTileOfTwoVectors<TVector, TLanes, TwelveSums>(ref dz, ref x, ref dw, i, j, inputs);
                if (j < wholeVectors)
                {
                    AccumulateTile4x1<TVector, TLanes>(ref dz, ref x, ref dw, i, j, inputs);
                    AccumulateTile1x1<TVector, TLanes>(ref dz, ref x, ref dw, i + 4, j, inputs);
                    AccumulateTile1x1<TVector, TLanes>(ref dz, ref x, ref dw, i + 5, j, inputs);
                }
            }
        for (; i <= units - 4; i += 4)
        {
            int j = 0;
            for (; j <= wholeVectors - 2 * lanes; j += 2 * lanes)
                AccumulateTileOfTwoVectors<TVector, TLanes, EightSums>(ref dz, ref x, ref dw, i, j, inputs);
            if (j < wholeVectors)
                AccumulateTile4x1<TVector, TLanes>(ref dz, ref x, ref dw, i, j, inputs);
        }
        for (; i < units; i++)
            for (int j = 0; j < wholeVectors; j += lanes)
                AccumulateTile1x1<TVector, TLanes>(ref dz, ref x, ref dw, i, j, inputs);
        if (wholeVectors < inputs)
            AccumulateTailColumns<TVector, TLanes>(ref dz, ref x, ref dw, units, inputs, wholeVectors);
        AddLaneSums<TVector, TLanes>(errorRows, biasGradients);
    }

    /// <summary>
    /// Units <c>i..i+3</c> (eight sums) or <c>i..i+5</c> (twelve, <typeparamref name="TGroup"/>) × inputs
    /// <c>j..j+2·lanes</c>: eight or twelve multiply-adds (two pipes, four cycles each) are in flight per
    /// example; each example costs two loads of A and a broadcast of dZ per unit. Each sum runs over the
    /// examples in order, whatever the tile. A wider tile would not fit the sixteen registers of AVX2 with
    /// its operands.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateTileOfTwoVectors<TVector, TLanes, TGroup>(ref float dz, ref float x, ref float dw, int i, int j, int inputs)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TGroup : struct, ISumGroup
    {
        int lanes = TLanes.Count;
        bool six = TGroup.Count == 12;
        ref float d0 = ref Unsafe.Add(ref dz, i * lanes);
        ref float d1 = ref Unsafe.Add(ref d0, lanes);
        ref float d2 = ref Unsafe.Add(ref d1, lanes);
        ref float d3 = ref Unsafe.Add(ref d2, lanes);
        // (A tile of four units keeps d4 and d5 at d3, never read, rather than pointing past dZ's rows.)
        ref float d4 = ref Unsafe.Add(ref d3, six ? lanes : 0);
        ref float d5 = ref Unsafe.Add(ref d4, six ? lanes : 0);
        TVector s00 = TLanes.Broadcast(0f), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00, s40 = s00, s41 = s00, s50 = s00, s51 = s00;
        for (int e = 0; e < lanes; e++)
        {
            ref float a = ref Unsafe.Add(ref x, e * inputs + j);
            TVector a0 = TLanes.Load(ref a, 0), a1 = TLanes.Load(ref a, (nuint)lanes);
            TVector g = TLanes.Broadcast(Unsafe.Add(ref d0, e));
            s00 = TLanes.MultiplyAdd(g, a0, s00);
            s01 = TLanes.MultiplyAdd(g, a1, s01);
            g = TLanes.Broadcast(Unsafe.Add(ref d1, e));
            s10 = TLanes.MultiplyAdd(g, a0, s10);
            s11 = TLanes.MultiplyAdd(g, a1, s11);
            g = TLanes.Broadcast(Unsafe.Add(ref d2, e));
            s20 = TLanes.MultiplyAdd(g, a0, s20);
            s21 = TLanes.MultiplyAdd(g, a1, s21);
            g = TLanes.Broadcast(Unsafe.Add(ref d3, e));
            s30 = TLanes.MultiplyAdd(g, a0, s30);
            s31 = TLanes.MultiplyAdd(g, a1, s31);
            if (six)
            {
                g = TLanes.Broadcast(Unsafe.Add(ref d4, e));
                s40 = TLanes.MultiplyAdd(g, a0, s40);
                s41 = TLanes.MultiplyAdd(g, a1, s41);
                g = TLanes.Broadcast(Unsafe.Add(ref d5, e));
                s50 = TLanes.MultiplyAdd(g, a0, s50);
                s51 = TLanes.MultiplyAdd(g, a1, s51);
            }
        }
        ref float w0 = ref Unsafe.Add(ref dw, i * inputs + j);
        ref float w1 = ref Unsafe.Add(ref w0, inputs);
        ref float w2 = ref Unsafe.Add(ref w1, inputs);
        ref float w3 = ref Unsafe.Add(ref w2, inputs);
        AddInto<TVector, TLanes>(s00, ref w0, 0);
        AddInto<TVector, TLanes>(s01, ref w0, (nuint)lanes);
        AddInto<TVector, TLanes>(s10, ref w1, 0);
        AddInto<TVector, TLanes>(s11, ref w1, (nuint)lanes);
        AddInto<TVector, TLanes>(s20, ref w2, 0);
        AddInto<TVector, TLanes>(s21, ref w2, (nuint)lanes);
        AddInto<TVector, TLanes>(s30, ref w3, 0);
        AddInto<TVector, TLanes>(s31, ref w3, (nuint)lanes);
        if (six)
        {
            ref float w4 = ref Unsafe.Add(ref w3, inputs);
            ref float w5 = ref Unsafe.Add(ref w4, inputs);
            AddInto<TVector, TLanes>(s40, ref w4, 0);
            AddInto<TVector, TLanes>(s41, ref w4, (nuint)lanes);
            AddInto<TVector, TLanes>(s50, ref w5, 0);
            AddInto<TVector, TLanes>(s51, ref w5, (nuint)lanes);
        }
    }

    /// <summary>Units <c>i..i+3</c> × one vector of inputs from <c>j</c>: the odd vector of a row after the two-vector tiles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateTile4x1<TVector, TLanes>(ref float dz, ref float x, ref float dw, int i, int j, int inputs)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        int lanes = TLanes.Count;
        ref float d0 = ref Unsafe.Add(ref dz, i * lanes);
        ref float d1 = ref Unsafe.Add(ref d0, lanes);
        ref float d2 = ref Unsafe.Add(ref d1, lanes);
        ref float d3 = ref Unsafe.Add(ref d2, lanes);
        TVector s0 = TLanes.Broadcast(0f), s1 = s0, s2 = s0, s3 = s0;
        for (int e = 0; e < lanes; e++)
        {
            TVector a = TLanes.Load(ref x, (nuint)(e * inputs + j));
            s0 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref d0, e)), a, s0);
            s1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref d1, e)), a, s1);
            s2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref d2, e)), a, s2);
            s3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref d3, e)), a, s3);
        }
        ref float w0 = ref Unsafe.Add(ref dw, i * inputs + j);
        AddInto<TVector, TLanes>(s0, ref w0, 0);
        AddInto<TVector, TLanes>(s1, ref w0, (nuint)inputs);
        AddInto<TVector, TLanes>(s2, ref w0, (nuint)(2 * inputs));
        AddInto<TVector, TLanes>(s3, ref w0, (nuint)(3 * inputs));
    }

    /// <summary>
    /// Unit <c>i</c> × one vector of inputs from <c>j</c>, for the last units of a layer whose count is
    /// not a multiple of four: one chain per tile, but consecutive tiles are independent and overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateTile1x1<TVector, TLanes>(ref float dz, ref float x, ref float dw, int i, int j, int inputs)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        int lanes = TLanes.Count;
        ref float d = ref Unsafe.Add(ref dz, i * lanes);
        TVector s = TLanes.Broadcast(0f);
        for (int e = 0; e < lanes; e++)
            s = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref d, e)), TLanes.Load(ref x, (nuint)(e * inputs + j)), s);
        AddInto<TVector, TLanes>(s, ref dw, (nuint)(i * inputs + j));
    }

    /// <summary>
    /// The inputs from <paramref name="first"/> on, fewer than a vector: each input's column of the
    /// block (one value per example) is gathered into a vector once, then every unit's gradient is the
    /// lane sum of its dZ row times that column.
    /// </summary>
    private static void AccumulateTailColumns<TVector, TLanes>(ref float dz, ref float x, ref float dw, int units, int inputs, int first)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        int lanes = TLanes.Count;
        Span<float> gathered = stackalloc float[16];
        ref float column = ref MemoryMarshal.GetReference(gathered);
        for (int j = first; j < inputs; j++)
        {
            for (int e = 0; e < lanes; e++)
                Unsafe.Add(ref column, e) = Unsafe.Add(ref x, e * inputs + j);
            TVector a = TLanes.Load(ref column, 0);
            for (int i = 0; i < units; i++)
                Unsafe.Add(ref dw, i * inputs + j) += TLanes.Sum(TLanes.Multiply(TLanes.Load(ref dz, (nuint)(i * lanes)), a));
        }
    }

    /// <summary><c>destination[offset..] += value</c>, one vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddInto<TVector, TLanes>(TVector value, ref float destination, nuint offset)
        where TVector : struct
        where TLanes : struct, ILanes<TVector> =>
        TLanes.Store(TLanes.Add(TLanes.Load(ref destination, offset), value), ref destination, offset);

    /// <summary>
    /// <c>sums[p] += Σₑ laneSums[p · lanes + e]</c>: per-lane accumulators (one vector per quantity) reduced
    /// into one value per quantity, once per batch: one horizontal sum per quantity.
    /// </summary>
    /// <typeparam name="TVector">The block's vector: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/> of floats.</typeparam>
    /// <typeparam name="TLanes">The operations of that width: <see cref="Lanes16"/>, <see cref="Lanes8"/> or <see cref="Lanes4"/>.</typeparam>
    /// <param name="laneSums">One row of one value per lane for each quantity, <c>lanes · sums.Length</c> values.</param>
    /// <param name="sums">The quantities; each lane sum is added to its own.</param>
    /// <exception cref="ArgumentException"><paramref name="laneSums"/> is not one value per lane for each quantity.</exception>
    public static void AddLaneSums<TVector, TLanes>(ReadOnlySpan<float> laneSums, Span<float> sums)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        int lanes = TLanes.Count;
        if (laneSums.Length != sums.Length * lanes)
            throw new ArgumentException($"Expected {lanes} lanes for each of {sums.Length} sums ({sums.Length * lanes} values), but the span has {laneSums.Length}.", nameof(laneSums));
        ref float rows = ref MemoryMarshal.GetReference(laneSums);
        ref float total = ref MemoryMarshal.GetReference(sums);
        int p = 0;
        // The eight-lane sums of a training block, eight at a time (the JIT keeps one branch).
        if (typeof(TVector) == typeof(Vector256<float>) && Avx.IsSupported)
            p = AddEightLaneSumsByHorizontalAdds(ref rows, ref total, sums.Length);
        for (; p < sums.Length; p++)
            Unsafe.Add(ref total, p) += TLanes.Sum(TLanes.Load(ref rows, (nuint)(p * lanes)));
    }

    /// <summary>
    /// <c>total[p] += Σ_e rows[p · 8 + e]</c> for eight sums at a time, as far as whole eights go; returns how
    /// many. Eight vectors, one per sum, are reduced together by a tree of horizontal adds, where a sum
    /// at a time would take a reduction of its own: three levels of <c>vhaddps</c> pairs and one exchange
    /// of 128-bit halves give all eight sums in one vector.
    /// </summary>
    private static int AddEightLaneSumsByHorizontalAdds(ref float rows, ref float total, int count)
    {
        int p = 0;
        for (; p <= count - 8; p += 8)
        {
            ref float row = ref Unsafe.Add(ref rows, p * 8);
            // hadd(a, b) = [a0+a1, a2+a3, b0+b1, b2+b3 | a4+a5, a6+a7, b4+b5, b6+b7], so after two levels the
            // lower half holds lanes 0..3 of sums p … p+3 summed, the upper half lanes 4..7 of them.
            var sums01 = Avx.HorizontalAdd(Vector256.LoadUnsafe(ref row, 0), Vector256.LoadUnsafe(ref row, 8));
            var sums23 = Avx.HorizontalAdd(Vector256.LoadUnsafe(ref row, 16), Vector256.LoadUnsafe(ref row, 24));
            var sums45 = Avx.HorizontalAdd(Vector256.LoadUnsafe(ref row, 32), Vector256.LoadUnsafe(ref row, 40));
            var sums67 = Avx.HorizontalAdd(Vector256.LoadUnsafe(ref row, 48), Vector256.LoadUnsafe(ref row, 56));
            var sums0123 = Avx.HorizontalAdd(sums01, sums23);
            var sums4567 = Avx.HorizontalAdd(sums45, sums67);
            var lowerHalves = Avx.Permute2x128(sums0123, sums4567, 0x20);
            var upperHalves = Avx.Permute2x128(sums0123, sums4567, 0x31);
            (Vector256.LoadUnsafe(ref total, (nuint)p) + (lowerHalves + upperHalves)).StoreUnsafe(ref total, (nuint)p);
        }
        return p;
    }
}
