using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GenNet;

/// <summary>
/// The kernels of generated <c>PredictBatch</c>, which runs a batch in blocks of as many examples as a
/// vector has lanes (16 in a <see cref="Vector512{T}"/>, 8 in a <see cref="Vector256{T}"/>, 4 in a
/// <see cref="Vector128{T}"/>), one example per lane. Inside a block every quantity of the course is a
/// row: <c>rows[j · lanes + e]</c> is value <c>j</c> of example <c>e</c>, so one vector holds one unit
/// (or input) for the whole block, and a weight is a scalar broadcast to every lane.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class BatchKernels
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

    /// <summary>
    /// <c>A[l] = g(W[l]·A[l-1] + b[l])</c> for a block of 16 examples, one per lane of a <see cref="Vector512{T}"/>:
    /// eight units at a time are summed in eight registers, so each weight is read once per block and
    /// each input row once per eight units.
    /// </summary>
    /// <param name="activation">The layer's activation <c>g</c>.</param>
    /// <param name="weights"><c>W[l]</c>, units × inputs, row-major.</param>
    /// <param name="biases"><c>b[l]</c>, one per unit.</param>
    /// <param name="inputRows"><c>A[l-1]</c> as rows of 16 lanes, one per input.</param>
    /// <param name="outputRows">Receives <c>A[l]</c> as rows of 16 lanes, one per unit.</param>
    /// <exception cref="ArgumentException">The lengths do not describe one layer and one block.</exception>
    public static void Forward16(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows) =>
        Forward<Vector512<float>, Lanes16>(activation, weights, biases, inputRows, outputRows);

    /// <summary>The eight-lane form of <see cref="Forward16"/>, one example per lane of a <see cref="Vector256{T}"/>.</summary>
    /// <param name="activation">The layer's activation <c>g</c>.</param>
    /// <param name="weights"><c>W[l]</c>, units × inputs, row-major.</param>
    /// <param name="biases"><c>b[l]</c>, one per unit.</param>
    /// <param name="inputRows"><c>A[l-1]</c> as rows of 8 lanes, one per input.</param>
    /// <param name="outputRows">Receives <c>A[l]</c> as rows of 8 lanes, one per unit.</param>
    /// <exception cref="ArgumentException">The lengths do not describe one layer and one block.</exception>
    public static void Forward8(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows) =>
        Forward<Vector256<float>, Lanes8>(activation, weights, biases, inputRows, outputRows);

    /// <summary>The four-lane form of <see cref="Forward16"/>, one example per lane of a <see cref="Vector128{T}"/>.</summary>
    /// <param name="activation">The layer's activation <c>g</c>.</param>
    /// <param name="weights"><c>W[l]</c>, units × inputs, row-major.</param>
    /// <param name="biases"><c>b[l]</c>, one per unit.</param>
    /// <param name="inputRows"><c>A[l-1]</c> as rows of 4 lanes, one per input.</param>
    /// <param name="outputRows">Receives <c>A[l]</c> as rows of 4 lanes, one per unit.</param>
    /// <exception cref="ArgumentException">The lengths do not describe one layer and one block.</exception>
    public static void Forward4(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows) =>
        Forward<Vector128<float>, Lanes4>(activation, weights, biases, inputRows, outputRows);

    /// <summary>The one text of the three <c>Forward</c> kernels; <typeparamref name="TLanes"/> supplies the vector operations.</summary>
    private static void Forward<TVector, TLanes>(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        if (!ActivationTable.IsDefined(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation.");
        int lanes = TLanes.Count, units = biases.Length;
        if (units == 0 || inputRows.Length == 0 || inputRows.Length % lanes != 0)
            throw new ArgumentException($"Expected at least one unit and rows of {lanes} lanes, one per input, but there are {units} biases and {inputRows.Length} input values.", nameof(inputRows));
        int inputs = inputRows.Length / lanes;
        if (weights.Length != units * inputs)
            throw new ArgumentException($"Expected {units} × {inputs} weights, but the span has {weights.Length}.", nameof(weights));
        if (outputRows.Length < units * lanes)
            throw new ArgumentException($"Expected at least {units * lanes} output values, but the span has {outputRows.Length}.", nameof(outputRows));

        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float x = ref MemoryMarshal.GetReference(inputRows);
        ref float y = ref MemoryMarshal.GetReference(outputRows);
        int i = 0;
        // Eight independent sums hide the multiply-add latency on two pipes; each input row is loaded
        // once for the eight, each weight broadcast once for the block. Z goes to the output rows and
        // g is applied in a pass of its own: a call of g's switch after the sums would make the JIT
        // keep the eight sums in memory rather than registers (every vector register is caller-saved).
        for (; i <= units - 8; i += 8)
        {
            ref float w0 = ref Unsafe.Add(ref w, i * inputs);
            ref float w1 = ref Unsafe.Add(ref w0, inputs);
            ref float w2 = ref Unsafe.Add(ref w1, inputs);
            ref float w3 = ref Unsafe.Add(ref w2, inputs);
            ref float w4 = ref Unsafe.Add(ref w3, inputs);
            ref float w5 = ref Unsafe.Add(ref w4, inputs);
            ref float w6 = ref Unsafe.Add(ref w5, inputs);
            ref float w7 = ref Unsafe.Add(ref w6, inputs);
            TVector s0 = TLanes.Broadcast(Unsafe.Add(ref b, i)), s1 = TLanes.Broadcast(Unsafe.Add(ref b, i + 1));
            TVector s2 = TLanes.Broadcast(Unsafe.Add(ref b, i + 2)), s3 = TLanes.Broadcast(Unsafe.Add(ref b, i + 3));
            TVector s4 = TLanes.Broadcast(Unsafe.Add(ref b, i + 4)), s5 = TLanes.Broadcast(Unsafe.Add(ref b, i + 5));
            TVector s6 = TLanes.Broadcast(Unsafe.Add(ref b, i + 6)), s7 = TLanes.Broadcast(Unsafe.Add(ref b, i + 7));
            for (int k = 0; k < inputs; k++)
            {
                var row = TLanes.Load(ref x, (nuint)(k * lanes));
                s0 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w0, k)), row, s0);
                s1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w1, k)), row, s1);
                s2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w2, k)), row, s2);
                s3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w3, k)), row, s3);
                s4 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w4, k)), row, s4);
                s5 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w5, k)), row, s5);
                s6 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w6, k)), row, s6);
                s7 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w7, k)), row, s7);
            }
            TLanes.Store(s0, ref y, (nuint)(i * lanes));
            TLanes.Store(s1, ref y, (nuint)((i + 1) * lanes));
            TLanes.Store(s2, ref y, (nuint)((i + 2) * lanes));
            TLanes.Store(s3, ref y, (nuint)((i + 3) * lanes));
            TLanes.Store(s4, ref y, (nuint)((i + 4) * lanes));
            TLanes.Store(s5, ref y, (nuint)((i + 5) * lanes));
            TLanes.Store(s6, ref y, (nuint)((i + 6) * lanes));
            TLanes.Store(s7, ref y, (nuint)((i + 7) * lanes));
        }
        // The last units one at a time, in two chains (even and odd inputs) so they wait half as long.
        for (; i < units; i++)
        {
            ref float wi = ref Unsafe.Add(ref w, i * inputs);
            TVector even = TLanes.Broadcast(Unsafe.Add(ref b, i)), odd = TLanes.Broadcast(0f);
            int k = 0;
            for (; k <= inputs - 2; k += 2)
            {
                even = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, k)), TLanes.Load(ref x, (nuint)(k * lanes)), even);
                odd = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, k + 1)), TLanes.Load(ref x, (nuint)((k + 1) * lanes)), odd);
            }
            if (k < inputs)
                even = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref wi, k)), TLanes.Load(ref x, (nuint)(k * lanes)), even);
            TLanes.Store(TLanes.Add(even, odd), ref y, (nuint)(i * lanes));
        }
        if (ActivationTable.IsWholeLayer(activation))
            SoftmaxRows<TVector, TLanes>(ref y, units);
        else
            ActivateRows<TVector, TLanes>(activation, ref y, units * lanes);
    }

    /// <summary>
    /// The softmax of every example (lane) of a block over its <paramref name="units"/> rows: the largest
    /// <c>z</c> over the units, <c>e^(z - max)</c> per unit (every argument ≤ 0, so none overflows), their
    /// sum, one division per unit. A NaN in any unit of an example makes all its outputs NaN.
    /// </summary>
    private static void SoftmaxRows<TVector, TLanes>(ref float rows, int units)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        nuint step = (nuint)TLanes.Count, end = (nuint)units * step;
        var max = TLanes.Load(ref rows, 0);
        for (nuint k = step; k < end; k += step)
            max = TLanes.MaxPropagatingNaN(max, TLanes.Load(ref rows, k));
        var sum = TLanes.Broadcast(0f);
        for (nuint k = 0; k < end; k += step)
        {
            var e = TLanes.ExpOfNonPositive(TLanes.Subtract(TLanes.Load(ref rows, k), max));
            TLanes.Store(e, ref rows, k);
            sum = TLanes.Add(sum, e);
        }
        for (nuint k = 0; k < end; k += step)
            TLanes.Store(TLanes.Divide(TLanes.Load(ref rows, k), sum), ref rows, k);
    }

    /// <summary><c>rows[k] = g(rows[k])</c> for the first <paramref name="count"/> floats (whole vectors), the activation chosen once, outside the loop.</summary>
    private static void ActivateRows<TVector, TLanes>(Activation activation, ref float rows, int count)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        nuint end = (nuint)count, step = (nuint)TLanes.Count;
        switch (activation)
        {
            case Activation.Linear:
                break;
            case Activation.Sigmoid:
                for (nuint k = 0; k < end; k += step)
                    TLanes.Store(TLanes.Sigmoid(TLanes.Load(ref rows, k)), ref rows, k);
                break;
            case Activation.Tanh:
                for (nuint k = 0; k < end; k += step)
                    TLanes.Store(TLanes.Tanh(TLanes.Load(ref rows, k)), ref rows, k);
                break;
            case Activation.ReLU:
                for (nuint k = 0; k < end; k += step)
                    TLanes.Store(TLanes.ReLU(TLanes.Load(ref rows, k)), ref rows, k);
                break;
            case Activation.LeakyReLU:
                for (nuint k = 0; k < end; k += step)
                    TLanes.Store(TLanes.LeakyReLU(TLanes.Load(ref rows, k)), ref rows, k);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation.");
        }
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
