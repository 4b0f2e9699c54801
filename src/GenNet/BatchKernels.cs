using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNet;

/// <summary>
/// The kernels of generated <c>PredictBatch</c> and batched training, which run a batch in blocks of as many examples as a
/// vector has lanes (16 in a <see cref="Vector512{T}"/>, 8 in a <see cref="Vector256{T}"/>, 4 in a
/// <see cref="Vector128{T}"/>), one example per lane. Inside a block every quantity of the course is a
/// row: <c>rows[j · lanes + e]</c> is value <c>j</c> of example <c>e</c>, so one vector holds one unit
/// (or input) for the whole block, and a weight is a scalar broadcast to every lane.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static partial class BatchKernels
{
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
        for (int e = 0; e < lanes; e++)
            for (int j = 0; j < count; j++)
                Unsafe.Add(ref destination, j * lanes + e) = Unsafe.Add(ref source, e * count + j);
    }

    /// <summary>
    /// The most values per example that <see cref="Deinterleave"/> gathers with permutes: row j takes
    /// lanes from each of the block's <c>count</c> vectors, a permute and a blend each, so the work
    /// grows as count²; past eight, scalar copies (two per value) cost less.
    /// </summary>
    private const int MostPermutedInputs = 8;

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
        for (int e = 0; e < lanes; e++)
            for (int j = 0; j < count; j++)
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
