using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNet.CompilerServices;

/// <summary>
/// The kernels of generated <c>PredictBatch</c> and batched training, which run a batch in blocks of as many examples as a
/// vector has lanes (16 in a <see cref="Vector512{T}"/>, 8 in a <see cref="Vector256{T}"/>, 4 in a
/// <see cref="Vector128{T}"/>), one example per lane. Inside a block every quantity of the course is a
/// row: <c>rows[j · lanes + e]</c> is value <c>j</c> of example <c>e</c>, so one vector holds one unit
/// (or input) for the whole block, and a weight is a scalar broadcast to every lane.
/// </summary>
/// <remarks>For generated code only: public because the code GenNet generates into your assembly
/// calls it, hidden from IntelliSense, and with no compatibility promise between versions.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class BatchKernels
{
    /// <summary>How many floats a buffer for <see cref="AlignedRows"/> needs beyond the rows it holds: at most 15 are skipped.</summary>
    public const int RowAlignmentPadding = 15;

    /// <summary>
    /// The <paramref name="length"/> floats of <paramref name="buffer"/> from its first 64-byte boundary:
    /// where a block's rows start, so that no vector of a row straddles two cache lines. A straddling
    /// row depended on where the stack happened to be, and made a 2-4-1 <c>PredictBatch</c> a third
    /// slower in the processes where it did (1.29 against 1.00 µs).
    /// </summary>
    /// <param name="buffer">At least <paramref name="length"/> + <see cref="RowAlignmentPadding"/> floats.</param>
    /// <param name="length">The floats of the rows.</param>
    /// <returns>A slice of <paramref name="buffer"/> that starts on a 64-byte boundary.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is shorter than <paramref name="length"/> + <see cref="RowAlignmentPadding"/>.</exception>
    public static unsafe Span<float> AlignedRows(Span<float> buffer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (buffer.Length - RowAlignmentPadding < length)
            throw new ArgumentException($"Expected at least {length} + {RowAlignmentPadding} floats (the rows and room to align them), but the span has {buffer.Length}.", nameof(buffer));
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer));
        int skipped = (int)((64 - address % 64) % 64 / sizeof(float));
        return buffer.Slice(skipped, length);
    }

    /// <summary>
    /// Turns a block of examples, each <paramref name="count"/> values long and one after the other
    /// (the batch layout), into rows: <c>rows[j · lanes + e] = examples[e · count + j]</c>, with
    /// <c>lanes = examples.Length / count</c>.
    /// </summary>
    /// <param name="examples">The block's examples, <c>lanes · count</c> values.</param>
    /// <param name="count">The values of one example.</param>
    /// <param name="rows">Receives the rows; at least as long as <paramref name="examples"/>.</param>
    /// <exception cref="ArgumentException">A length does not fit <paramref name="count"/>.</exception>
    public static void Deinterleave(ReadOnlySpan<float> examples, int count, Span<float> rows)
    {
        int lanes = BlockLanes(examples.Length, count, rows.Length, nameof(rows));
        ref float source = ref MemoryMarshal.GetReference(examples);
        ref float destination = ref MemoryMarshal.GetReference(rows);
        if (count <= MostPermutedInputs && count > 1)
        {
            if (lanes == 16 && Avx512F.IsSupported)
            {
                DeinterleaveByPermutes16(ref source, count, ref destination);
                return;
            }
            if (lanes == 8 && Avx2.IsSupported)
            {
                DeinterleaveByPermutes8(ref source, count, ref destination);
                return;
            }
        }
        int tiled = TransposeTiles(ref source, ref destination, count, lanes, toRows: true);
        // The values past the last whole tile (all of them without AVX), row by row: each row's writes
        // are one line, its reads come from the block's few example lines, all in cache.
        for (int j = tiled; j < count; j++)
            for (int e = 0; e < lanes; e++)
                Unsafe.Add(ref destination, j * lanes + e) = Unsafe.Add(ref source, e * count + j);
    }

    /// <summary>
    /// Moves a block's values between the batch layout (<c>examples[e · count + j]</c>) and rows
    /// (<c>rows[j · lanes + e]</c>) in tiles, where the hardware has the shuffles: 16 × 16 with AVX-512
    /// for 16 lanes, then 16 × 8 on the way to 16-lane rows, else 8 × 8 with AVX. To rows for
    /// <see cref="Deinterleave"/>, back for <see cref="Interleave"/>. Returns how many values of each
    /// example it moved (the rest, fewer than eight, are the caller's). The scalar copy it replaces wrote one float to each of <c>count</c>
    /// lines per example: with 784 inputs (50 KB of rows) those lines no longer stayed in L1, and
    /// de-interleaving took a quarter of 784-128-10's <c>PredictBatch</c>.
    /// </summary>
    private static int TransposeTiles(ref float source, ref float destination, int count, int lanes, bool toRows)
    {
        // A value's place in each layout; the tiles read one and write the other.
        nuint exampleStride = (nuint)count, rowStride = (nuint)lanes;
        nuint fromStride = toRows ? exampleStride : rowStride, toStride = toRows ? rowStride : exampleStride;
        int From(int e, int j) => toRows ? e * count + j : j * lanes + e;
        int To(int e, int j) => toRows ? j * lanes + e : e * count + j;
        int done = 0;
        if (lanes == 16 && Avx512F.IsSupported && count >= 16)
        {
            done = count - count % 16;
            for (int j0 = 0; j0 < done; j0 += 16)
                Transpose16x16(ref Unsafe.Add(ref source, From(0, j0)), fromStride, ref Unsafe.Add(ref destination, To(0, j0)), toStride);
        }
        if (lanes == 16 && Avx512F.IsSupported && toRows && count - done > 0 && count >= 8)
        {
            // The values left, eight at a time, each tile a whole row of 16 lanes per value: written as
            // two 8 × 8 tiles, each row would be two 32-byte stores, and the block's 64-byte loads of the
            // row right after could not take the stored values from the store buffer (8-16-1's
            // PredictBatch waited about 19 ns a block for them). The last tile ends at the last value,
            // overlapping the one before it rather than leaving fewer than eight to copy one by one.
            for (int j0 = done; j0 < count; j0 += 8)
            {
                int first = Math.Min(j0, count - 8);
                Transpose16x8(ref Unsafe.Add(ref source, From(0, first)), exampleStride, ref Unsafe.Add(ref destination, To(0, first)), rowStride);
            }
            return count;
        }
        if (Avx.IsSupported && lanes % 8 == 0 && count - done >= 8)
        {
            int end = count - count % 8;
            for (int e0 = 0; e0 < lanes; e0 += 8)
                for (int j0 = done; j0 < end; j0 += 8)
                    Transpose8x8(ref Unsafe.Add(ref source, From(e0, j0)), fromStride, ref Unsafe.Add(ref destination, To(e0, j0)), toStride);
            done = end;
        }
        return done;
    }

    /// <summary>
    /// <c>to[c · outStride + r] = from[r · inStride + c]</c> for r, c &lt; 16: unpacks pair the rows'
    /// values, shuffles make quadruples within each 128-bit lane, and two rounds of 128-bit lane
    /// shuffles gather each column's four quadruples (64 shuffles for 256 values, against 96 as 8 × 8
    /// tiles, and half the loads and stores).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose16x16(ref float from, nuint inStride, ref float to, nuint outStride)
    {
        // u: four rows' value c in 128-bit lane 0, c + 4 in lane 1, c + 8 in 2, c + 12 in 3 (u0: c = 0, u1: c = 1, …)
        var u0 = Quadruples(ref from, inStride, 0, out var u1, out var u2, out var u3);
        var u4 = Quadruples(ref from, inStride, 4, out var u5, out var u6, out var u7);
        var u8 = Quadruples(ref from, inStride, 8, out var u9, out var u10, out var u11);
        var u12 = Quadruples(ref from, inStride, 12, out var u13, out var u14, out var u15);
        // v: rows 0-7 (v8 on: rows 8-15) of two columns, c and c + 8 (v0-v3) or c + 4 and c + 12 (v4-v7)
        var v0 = Avx512F.Shuffle4x128(u0, u4, 0x88); var v4 = Avx512F.Shuffle4x128(u0, u4, 0xDD);
        var v1 = Avx512F.Shuffle4x128(u1, u5, 0x88); var v5 = Avx512F.Shuffle4x128(u1, u5, 0xDD);
        var v2 = Avx512F.Shuffle4x128(u2, u6, 0x88); var v6 = Avx512F.Shuffle4x128(u2, u6, 0xDD);
        var v3 = Avx512F.Shuffle4x128(u3, u7, 0x88); var v7 = Avx512F.Shuffle4x128(u3, u7, 0xDD);
        var v8 = Avx512F.Shuffle4x128(u8, u12, 0x88); var v12 = Avx512F.Shuffle4x128(u8, u12, 0xDD);
        var v9 = Avx512F.Shuffle4x128(u9, u13, 0x88); var v13 = Avx512F.Shuffle4x128(u9, u13, 0xDD);
        var v10 = Avx512F.Shuffle4x128(u10, u14, 0x88); var v14 = Avx512F.Shuffle4x128(u10, u14, 0xDD);
        var v11 = Avx512F.Shuffle4x128(u11, u15, 0x88); var v15 = Avx512F.Shuffle4x128(u11, u15, 0xDD);
        // column c of all 16 rows: from the v holding it for rows 0-7 and for rows 8-15
        Avx512F.Shuffle4x128(v0, v8, 0x88).StoreUnsafe(ref to);
        Avx512F.Shuffle4x128(v1, v9, 0x88).StoreUnsafe(ref to, outStride);
        Avx512F.Shuffle4x128(v2, v10, 0x88).StoreUnsafe(ref to, 2 * outStride);
        Avx512F.Shuffle4x128(v3, v11, 0x88).StoreUnsafe(ref to, 3 * outStride);
        Avx512F.Shuffle4x128(v4, v12, 0x88).StoreUnsafe(ref to, 4 * outStride);
        Avx512F.Shuffle4x128(v5, v13, 0x88).StoreUnsafe(ref to, 5 * outStride);
        Avx512F.Shuffle4x128(v6, v14, 0x88).StoreUnsafe(ref to, 6 * outStride);
        Avx512F.Shuffle4x128(v7, v15, 0x88).StoreUnsafe(ref to, 7 * outStride);
        Avx512F.Shuffle4x128(v0, v8, 0xDD).StoreUnsafe(ref to, 8 * outStride);
        Avx512F.Shuffle4x128(v1, v9, 0xDD).StoreUnsafe(ref to, 9 * outStride);
        Avx512F.Shuffle4x128(v2, v10, 0xDD).StoreUnsafe(ref to, 10 * outStride);
        Avx512F.Shuffle4x128(v3, v11, 0xDD).StoreUnsafe(ref to, 11 * outStride);
        Avx512F.Shuffle4x128(v4, v12, 0xDD).StoreUnsafe(ref to, 12 * outStride);
        Avx512F.Shuffle4x128(v5, v13, 0xDD).StoreUnsafe(ref to, 13 * outStride);
        Avx512F.Shuffle4x128(v6, v14, 0xDD).StoreUnsafe(ref to, 14 * outStride);
        Avx512F.Shuffle4x128(v7, v15, 0xDD).StoreUnsafe(ref to, 15 * outStride);
    }

    /// <summary>
    /// <c>to[c · outStride + r] = from[r · inStride + c]</c> for r &lt; 16, c &lt; 8: sixteen examples' eight
    /// values into eight rows of 16 lanes. Two examples per vector, then two rounds of two-source
    /// permutes (four examples, then eight, per run of one value) and one of 128-bit shuffles joining
    /// examples 0-7 and 8-15 (24 shuffles for 128 values, every row one 64-byte store).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose16x8(ref float from, nuint inStride, ref float to, nuint outStride)
    {
        // p: examples 2k and 2k + 1, values 0-7 of each
        var p0 = ExamplePair(ref from, inStride, 0); var p1 = ExamplePair(ref from, inStride, 1);
        var p2 = ExamplePair(ref from, inStride, 2); var p3 = ExamplePair(ref from, inStride, 3);
        var p4 = ExamplePair(ref from, inStride, 4); var p5 = ExamplePair(ref from, inStride, 5);
        var p6 = ExamplePair(ref from, inStride, 6); var p7 = ExamplePair(ref from, inStride, 7);
        // q: four examples (from two pairs), value c of example e at lane 4c + e, c = 0-3 (even q) or 4-7 (odd q)
        var fourLow = Vector512.Create(0, 8, 16, 24, 1, 9, 17, 25, 2, 10, 18, 26, 3, 11, 19, 27);
        var fourHigh = Vector512.Create(4, 12, 20, 28, 5, 13, 21, 29, 6, 14, 22, 30, 7, 15, 23, 31);
        var q0 = Avx512F.PermuteVar16x32x2(p0, fourLow, p1); var q1 = Avx512F.PermuteVar16x32x2(p0, fourHigh, p1);
        var q2 = Avx512F.PermuteVar16x32x2(p2, fourLow, p3); var q3 = Avx512F.PermuteVar16x32x2(p2, fourHigh, p3);
        var q4 = Avx512F.PermuteVar16x32x2(p4, fourLow, p5); var q5 = Avx512F.PermuteVar16x32x2(p4, fourHigh, p5);
        var q6 = Avx512F.PermuteVar16x32x2(p6, fourLow, p7); var q7 = Avx512F.PermuteVar16x32x2(p6, fourHigh, p7);
        // s: eight examples (from two q), value c of example e at lane 8 (c mod 2) + e, two values a vector
        var eightLow = Vector512.Create(0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23);
        var eightHigh = Vector512.Create(8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31);
        var s0 = Avx512F.PermuteVar16x32x2(q0, eightLow, q2); var s1 = Avx512F.PermuteVar16x32x2(q0, eightHigh, q2);
        var s2 = Avx512F.PermuteVar16x32x2(q1, eightLow, q3); var s3 = Avx512F.PermuteVar16x32x2(q1, eightHigh, q3);
        var s4 = Avx512F.PermuteVar16x32x2(q4, eightLow, q6); var s5 = Avx512F.PermuteVar16x32x2(q4, eightHigh, q6);
        var s6 = Avx512F.PermuteVar16x32x2(q5, eightLow, q7); var s7 = Avx512F.PermuteVar16x32x2(q5, eightHigh, q7);
        // rows: value c of all sixteen examples, the low halves (0x44) or high halves (0xEE) of examples 0-7 and 8-15
        Avx512F.Shuffle4x128(s0, s4, 0x44).StoreUnsafe(ref to);
        Avx512F.Shuffle4x128(s0, s4, 0xEE).StoreUnsafe(ref to, outStride);
        Avx512F.Shuffle4x128(s1, s5, 0x44).StoreUnsafe(ref to, 2 * outStride);
        Avx512F.Shuffle4x128(s1, s5, 0xEE).StoreUnsafe(ref to, 3 * outStride);
        Avx512F.Shuffle4x128(s2, s6, 0x44).StoreUnsafe(ref to, 4 * outStride);
        Avx512F.Shuffle4x128(s2, s6, 0xEE).StoreUnsafe(ref to, 5 * outStride);
        Avx512F.Shuffle4x128(s3, s7, 0x44).StoreUnsafe(ref to, 6 * outStride);
        Avx512F.Shuffle4x128(s3, s7, 0xEE).StoreUnsafe(ref to, 7 * outStride);
    }

    /// <summary>Values 0-7 of examples 2k and 2k + 1 (rows <paramref name="inStride"/> apart) in one vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExamplePair(ref float from, nuint inStride, int k) =>
        Vector512.Create(Vector256.LoadUnsafe(ref from, (nuint)(2 * k) * inStride), Vector256.LoadUnsafe(ref from, (nuint)(2 * k + 1) * inStride));

    /// <summary>
    /// Rows <paramref name="first"/> … first + 3 of a 16 × 16 tile as four vectors: the first holds value
    /// c of the four rows in 128-bit lane c / 4 for c = 0, 4, 8, 12; the others the same for c + 1, + 2, + 3.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Quadruples(ref float from, nuint inStride, int first, out Vector512<float> second, out Vector512<float> third, out Vector512<float> fourth)
    {
        nuint row = (nuint)first * inStride;
        var r0 = Vector512.LoadUnsafe(ref from, row);
        var r1 = Vector512.LoadUnsafe(ref from, row + inStride);
        var r2 = Vector512.LoadUnsafe(ref from, row + 2 * inStride);
        var r3 = Vector512.LoadUnsafe(ref from, row + 3 * inStride);
        var t0 = Avx512F.UnpackLow(r0, r1); var t1 = Avx512F.UnpackHigh(r0, r1);
        var t2 = Avx512F.UnpackLow(r2, r3); var t3 = Avx512F.UnpackHigh(r2, r3);
        second = Avx512F.Shuffle(t0, t2, 0xEE);
        third = Avx512F.Shuffle(t1, t3, 0x44);
        fourth = Avx512F.Shuffle(t1, t3, 0xEE);
        return Avx512F.Shuffle(t0, t2, 0x44);
    }

    /// <summary>
    /// <c>to[c · outStride + r] = from[r · inStride + c]</c> for r, c &lt; 8: unpacks pair the rows' values,
    /// shuffles make quadruples, and 128-bit permutes join the halves (24 shuffles for 64 values).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref float from, nuint inStride, ref float to, nuint outStride)
    {
        var r0 = Vector256.LoadUnsafe(ref from);
        var r1 = Vector256.LoadUnsafe(ref from, inStride);
        var r2 = Vector256.LoadUnsafe(ref from, 2 * inStride);
        var r3 = Vector256.LoadUnsafe(ref from, 3 * inStride);
        var r4 = Vector256.LoadUnsafe(ref from, 4 * inStride);
        var r5 = Vector256.LoadUnsafe(ref from, 5 * inStride);
        var r6 = Vector256.LoadUnsafe(ref from, 6 * inStride);
        var r7 = Vector256.LoadUnsafe(ref from, 7 * inStride);
        // t: pairs of rows interleaved (values 0,1 | 4,5 and 2,3 | 6,7 of each 128-bit half)
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        // s: value c of rows 0-3 (or 4-7) in the low half, value c + 4 in the high half
        var s0 = Avx.Shuffle(t0, t2, 0x44); var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44); var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44); var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44); var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(s0, s4, 0x20).StoreUnsafe(ref to);
        Avx.Permute2x128(s1, s5, 0x20).StoreUnsafe(ref to, outStride);
        Avx.Permute2x128(s2, s6, 0x20).StoreUnsafe(ref to, 2 * outStride);
        Avx.Permute2x128(s3, s7, 0x20).StoreUnsafe(ref to, 3 * outStride);
        Avx.Permute2x128(s0, s4, 0x31).StoreUnsafe(ref to, 4 * outStride);
        Avx.Permute2x128(s1, s5, 0x31).StoreUnsafe(ref to, 5 * outStride);
        Avx.Permute2x128(s2, s6, 0x31).StoreUnsafe(ref to, 6 * outStride);
        Avx.Permute2x128(s3, s7, 0x31).StoreUnsafe(ref to, 7 * outStride);
    }

    /// <summary>
    /// The most values per example that <see cref="Deinterleave"/> gathers with permutes: row j takes
    /// lanes from each of the block's <c>count</c> vectors, a permute and a blend each, so the work
    /// grows as count²; from eight on, 8 × 8 transposes cost less (16 × 8 values: 45 ns by permutes,
    /// 16 × 16 by transposes 20 ns, measured on Zen 4).
    /// </summary>
    private const int MostPermutedInputs = 7;

    /// <summary>Rows from a block of 16 examples: row j lane e is value <c>e · count + j</c> of the block, in source vector <c>(e · count + j) / 16</c>.</summary>
    private static void DeinterleaveByPermutes16(ref float source, int count, ref float destination)
    {
        var position = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) * count;
        for (int j = 0; j < count; j++, position += Vector512<int>.One)
        {
            var vectorOfLane = position >> 4;
            var laneInVector = position & Vector512.Create(15);
            var row = Vector512<float>.Zero;
            for (int v = 0; v < count; v++)
            {
                var permuted = Avx512F.PermuteVar16x32(Vector512.LoadUnsafe(ref source, (nuint)(v * 16)), laneInVector);
                row = Vector512.ConditionalSelect(Vector512.Equals(vectorOfLane, Vector512.Create(v)).AsSingle(), permuted, row);
            }
            row.StoreUnsafe(ref destination, (nuint)(j * 16));
        }
    }

    /// <summary>The eight-lane form of <see cref="DeinterleaveByPermutes16"/>.</summary>
    private static void DeinterleaveByPermutes8(ref float source, int count, ref float destination)
    {
        var position = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * count;
        for (int j = 0; j < count; j++, position += Vector256<int>.One)
        {
            var vectorOfLane = position >> 3;
            var laneInVector = position & Vector256.Create(7);
            var row = Vector256<float>.Zero;
            for (int v = 0; v < count; v++)
            {
                var permuted = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref source, (nuint)(v * 8)), laneInVector);
                row = Vector256.ConditionalSelect(Vector256.Equals(vectorOfLane, Vector256.Create(v)).AsSingle(), permuted, row);
            }
            row.StoreUnsafe(ref destination, (nuint)(j * 8));
        }
    }

    /// <summary>The inverse of <see cref="Deinterleave"/>: <c>examples[e · count + j] = rows[j · lanes + e]</c>.</summary>
    /// <param name="rows">The rows, <c>count · lanes</c> values with <c>lanes = examples.Length / count</c>.</param>
    /// <param name="count">The values of one example.</param>
    /// <param name="examples">Receives the block's examples in the batch layout.</param>
    /// <exception cref="ArgumentException">A length does not fit <paramref name="count"/>.</exception>
    public static void Interleave(ReadOnlySpan<float> rows, int count, Span<float> examples)
    {
        int lanes = BlockLanes(examples.Length, count, rows.Length, nameof(rows));
        ref float source = ref MemoryMarshal.GetReference(rows);
        ref float destination = ref MemoryMarshal.GetReference(examples);
        int tiled = TransposeTiles(ref source, ref destination, count, lanes, toRows: false);
        for (int e = 0; e < lanes; e++)
            for (int j = tiled; j < count; j++)
                Unsafe.Add(ref destination, e * count + j) = Unsafe.Add(ref source, j * lanes + e);
    }

    /// <summary>Throws unless <paramref name="examples"/> is a whole number of examples of <paramref name="count"/> values and the rows hold them; returns the examples.</summary>
    private static int BlockLanes(int examples, int count, int rows, string rowsName)
    {
        if (count <= 0 || examples % count != 0)
            throw new ArgumentException($"Expected whole examples of {count} values, but there are {examples} values.", nameof(count));
        if (rows < examples)
            throw new ArgumentException($"Expected at least {examples} values, but the span has {rows}.", rowsName);
        return examples / count;
    }
}
