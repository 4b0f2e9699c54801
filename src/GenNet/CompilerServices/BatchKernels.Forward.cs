using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GenNet.CompilerServices;

// Forward through one loop layer for a block, in two forms over one text: PredictBatch's, which keeps
// only A[l], and training's, which keeps Z[l] too for the backward pass.
public static partial class BatchKernels
{
    /// <summary>
    /// <c>A[l] = g(W[l]·A[l-1] + b[l])</c> for a block of examples, one per lane of a <typeparamref name="TVector"/>:
    /// a group of units at a time (eight in 16-lane blocks, twelve in narrower ones) is summed in as many
    /// registers, so each weight is read once per block and each input row once per group.
    /// </summary>
    /// <typeparam name="TVector">The block's vector: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/> of floats.</typeparam>
    /// <typeparam name="TLanes">The operations of that width: <see cref="Lanes16"/>, <see cref="Lanes8"/> or <see cref="Lanes4"/>.</typeparam>
    /// <param name="activation">The layer's activation <c>g</c>.</param>
    /// <param name="weights"><c>W[l]</c>, units × inputs, row-major.</param>
    /// <param name="biases"><c>b[l]</c>, one per unit.</param>
    /// <param name="inputRows"><c>A[l-1]</c> as rows of one value per lane, one row per input.</param>
    /// <param name="outputRows">Receives <c>A[l]</c> as rows of one value per lane, one row per unit.</param>
    /// <exception cref="ArgumentException">The lengths do not describe one layer and one block.</exception>
    public static void Forward<TVector, TLanes>(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows)
        where TVector : struct
        where TLanes : struct, ILanes<TVector> =>
        Forward<TVector, TLanes>(activation, weights, biases, inputRows, outputRows, outputRows, default, default);

    /// <summary>
    /// The training form of <see cref="Forward{TVector, TLanes}(Activation, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>:
    /// keeps <c>Z[l] = W[l]·A[l-1] + b[l]</c> for the backward pass as well as <c>A[l] = g(Z[l])</c>.
    /// The two destinations are either apart or the same span (then it holds <c>A[l]</c>, the bits
    /// of the five-argument form); neither may overlap <paramref name="inputRows"/>.
    /// </summary>
    /// <typeparam name="TVector">The block's vector: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/> of floats.</typeparam>
    /// <typeparam name="TLanes">The operations of that width: <see cref="Lanes16"/>, <see cref="Lanes8"/> or <see cref="Lanes4"/>.</typeparam>
    /// <param name="activation">The layer's activation <c>g</c>.</param>
    /// <param name="weights"><c>W[l]</c>, units × inputs, row-major.</param>
    /// <param name="biases"><c>b[l]</c>, one per unit.</param>
    /// <param name="inputRows"><c>A[l-1]</c> as rows of one value per lane, one row per input.</param>
    /// <param name="preActivationRows">Receives <c>Z[l]</c> as rows of one value per lane, one row per unit.</param>
    /// <param name="outputRows">Receives <c>A[l]</c> as rows of one value per lane, one row per unit.</param>
    /// <exception cref="ArgumentException">The lengths do not describe one layer and one block.</exception>
    public static void Forward<TVector, TLanes>(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> preActivationRows, Span<float> outputRows)
        where TVector : struct
        where TLanes : struct, ILanes<TVector> =>
        Forward<TVector, TLanes>(activation, weights, biases, inputRows, preActivationRows, outputRows, default, default);

    /// <summary>
    /// <see cref="Forward{TVector, TLanes}(Activation, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> for
    /// one block while the next block's examples are de-interleaved into rows of their own, as
    /// <see cref="Deinterleave"/> would: in a 16-lane block, example e is copied a value at a time inside the
    /// loop of the e-th group of eight units, where its loads and stores take ports the multiply-adds leave
    /// idle, and the examples past the last group after the groups. A layer of 128 units or more copies
    /// every example that way; 784-128-10's <c>PredictBatch</c> spent 4 % of its time de-interleaving before
    /// the blocks. Generated code calls it for blocks of 16 only: a step of the narrower blocks takes half
    /// the cycles for the same loads, the load ports are already busy, and with the copy 784-128-10's
    /// eight-lane blocks ran 8 % slower than de-interleaving first; narrower blocks copy every example after
    /// the sums.
    /// </summary>
    /// <typeparam name="TVector">The block's vector: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/> of floats.</typeparam>
    /// <typeparam name="TLanes">The operations of that width: <see cref="Lanes16"/>, <see cref="Lanes8"/> or <see cref="Lanes4"/>.</typeparam>
    /// <param name="activation">The layer's activation <c>g</c>.</param>
    /// <param name="weights"><c>W[l]</c>, units × inputs, row-major.</param>
    /// <param name="biases"><c>b[l]</c>, one per unit.</param>
    /// <param name="inputRows"><c>A[l-1]</c> as rows of one value per lane, one row per input.</param>
    /// <param name="outputRows">Receives <c>A[l]</c> as rows of one value per lane, one row per unit.</param>
    /// <param name="nextExamples">The next block's examples in the batch layout (each as many values as the layer has inputs, one after the other), or empty when there is no next block.</param>
    /// <param name="nextInputRows">Receives the next block's rows (<c>nextInputRows[j · lanes + e]</c> = input j of example e); apart from the other spans.</param>
    /// <exception cref="ArgumentException">The lengths do not describe one layer and two blocks, or <paramref name="nextInputRows"/> overlaps another span.</exception>
    public static void ForwardAndDeinterleave<TVector, TLanes>(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> outputRows, ReadOnlySpan<float> nextExamples, Span<float> nextInputRows)
        where TVector : struct
        where TLanes : struct, ILanes<TVector> =>
        Forward<TVector, TLanes>(activation, weights, biases, inputRows, outputRows, outputRows, nextExamples, nextInputRows);

    /// <summary>
    /// The one text of the three <c>Forward</c> kernels; <typeparamref name="TLanes"/> supplies the vector
    /// operations. Z goes to <paramref name="preActivationRows"/> and g reads it from there into
    /// <paramref name="outputRows"/>; PredictBatch passes one span as both, so g works in place. A non-empty
    /// <paramref name="nextExamples"/> is de-interleaved into <paramref name="nextInputRows"/> on the way.
    /// </summary>
    private static void Forward<TVector, TLanes>(Activation activation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputRows, Span<float> preActivationRows, Span<float> outputRows,
        ReadOnlySpan<float> nextExamples, Span<float> nextInputRows)
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
        if (preActivationRows.Length < units * lanes)
            throw new ArgumentException($"Expected at least {units * lanes} pre-activation values, but the span has {preActivationRows.Length}.", nameof(preActivationRows));
        bool deinterleaves = !nextExamples.IsEmpty;
        if (deinterleaves)
        {
            if (nextExamples.Length != lanes * inputs)
                throw new ArgumentException($"Expected the next block's {lanes} examples of {inputs} values ({lanes * inputs}), or none, but the span has {nextExamples.Length}.", nameof(nextExamples));
            if (nextInputRows.Length < lanes * inputs)
                throw new ArgumentException($"Expected at least {lanes * inputs} values for the next block's rows, but the span has {nextInputRows.Length}.", nameof(nextInputRows));
            if (nextInputRows.Overlaps(nextExamples) || nextInputRows.Overlaps(inputRows) || nextInputRows.Overlaps(weights) || nextInputRows.Overlaps(biases) || nextInputRows.Overlaps(preActivationRows) || nextInputRows.Overlaps(outputRows))
                throw new ArgumentException("Expected the next block's rows apart from every other span, but they overlap.", nameof(nextInputRows));
            if (nextExamples.Overlaps(preActivationRows) || nextExamples.Overlaps(outputRows))
                throw new ArgumentException("Expected the next block's examples apart from the output rows, which change while they are read, but they overlap.", nameof(nextExamples));
        }

        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float x = ref MemoryMarshal.GetReference(inputRows);
        ref float y = ref MemoryMarshal.GetReference(preActivationRows);
        ref float a = ref MemoryMarshal.GetReference(outputRows);
        ref float nextX = ref MemoryMarshal.GetReference(nextExamples);
        ref float nextRow = ref MemoryMarshal.GetReference(nextInputRows);
        // Independent sums hide the multiply-add latency on two pipes (four cycles each); each input row is
        // loaded once for a group of units, each weight broadcast once for the block. A rectifier (or no g)
        // is applied to the sums as they are stored, one operation each (Rectified); σ, tanh and softmax in
        // a pass of their own: written after the sums, their calls would make the JIT keep the sums in
        // memory rather than registers (every vector register is caller-saved). The rectifier's pass was
        // about 5 % of 16-32-16-1's 32 → 16 layer.
        bool rectifier = !ActivationTable.Of(activation).EvaluatesExponential && !ActivationTable.IsWholeLayer(activation);
        bool keepsZ = !Unsafe.AreSame(ref y, ref a);
        int i = 0, copied = 0;
        if (TLanes.Count == 16)
            for (; i <= units - 8; i += 8)
            {
                // Example e = i / 8 of the next block is copied in this group's loop.
                int e = i / 8;
                if (deinterleaves && e < lanes)
                {
                    SumUnits<TVector, TLanes, EightSums, CopyingExample>(activation, rectifier, keepsZ, ref Unsafe.Add(ref w, i * inputs), ref Unsafe.Add(ref b, i), inputs, ref x, ref y, ref a, (nuint)(i * lanes),
                        ref Unsafe.Add(ref nextX, e * inputs), ref Unsafe.Add(ref nextRow, e));
                    copied++;
                }
                else
                    SumUnits<TVector, TLanes, EightSums, NotCopying>(activation, rectifier, keepsZ, ref Unsafe.Add(ref w, i * inputs), ref Unsafe.Add(ref b, i), inputs, ref x, ref y, ref a, (nuint)(i * lanes),
                        ref nextX, ref nextRow);
            }
        else
        {
            // Narrower blocks sum twelve units at a time: eight sums on two pipes leave no slack for the
            // four-cycle latency, and with AVX2's 16 registers twelve sums, the row and a broadcast weight
            // fit (AVX-512's 32 registers run eight at the peak). Twelve-unit groups go in pairs, 24 units,
            // so the units past them are a multiple of eight and every unit is summed in the order, and to
            // the bits, of the groups of eight. These blocks copy no example in the loop (see
            // ForwardAndDeinterleave): all after the sums.
            if (units >= 24)
                i = SumUnitsApart<TVector, TLanes, TwelveSums>(activation, rectifier, keepsZ, ref w, ref b, inputs, ref x, ref y, ref a, 0, units - units % 24);
            if (units - i >= 8)
                i = SumUnitsApart<TVector, TLanes, EightSums>(activation, rectifier, keepsZ, ref w, ref b, inputs, ref x, ref y, ref a, i, units - units % 8);
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
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, TLanes.Add(even, odd), ref y, ref a, (nuint)(i * lanes));
        }
        if (!rectifier)
            Activate<TVector, TLanes>(activation, ref y, ref a, units);
        // The examples no group copied: a 16-lane block's layer has fewer groups of eight units than the
        // block has examples, or the block is narrower.
        if (deinterleaves)
            for (int e = copied; e < lanes; e++)
                for (int j = 0; j < inputs; j++)
                    Unsafe.Add(ref nextRow, j * lanes + e) = Unsafe.Add(ref nextX, e * inputs + j);
    }

    /// <summary>
    /// Units <paramref name="first"/> to <paramref name="end"/> (a whole number of groups) in groups of
    /// <typeparamref name="TGroup"/> (<see cref="SumUnits"/>, with no copy), as a call of its own, for blocks
    /// narrower than 16 lanes; returns <paramref name="end"/>. Inlined, the forms of eight and twelve units
    /// took Forward past the JIT's inlining budget, which then left the vector operations of one as calls
    /// (16-32-16-1's 32 → 16 layer 14× slower); in one method with the copying forms, the twelve-unit loop
    /// kept two pointers on the stack. Sixteen-lane blocks inline their two forms (eight units, copying or
    /// not) as before.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SumUnitsApart<TVector, TLanes, TGroup>(Activation activation, bool rectifier, bool keepsZ, ref float w, ref float b, int inputs, ref float x, ref float y, ref float a, int first, int end)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TGroup : struct, ISumGroup
    {
        for (int i = first; i < end; i += TGroup.Count)
            SumUnits<TVector, TLanes, TGroup, NotCopying>(activation, rectifier, keepsZ, ref Unsafe.Add(ref w, i * inputs), ref Unsafe.Add(ref b, i), inputs, ref x, ref y, ref a, (nuint)(i * TLanes.Count),
                ref Unsafe.NullRef<float>(), ref Unsafe.NullRef<float>());
        return end;
    }

    /// <summary>
    /// Eight or twelve units (<typeparamref name="TGroup"/>) of a loop layer from <paramref name="firstWeight"/> (their
    /// rows of W, one after the other) and <paramref name="firstBias"/>: the sums in as many registers, each
    /// input row loaded once for the group and each weight broadcast once for the block, each sum in the
    /// order of the inputs from its bias, then stored from <paramref name="offset"/> (<see cref="StoreSum"/>).
    /// Where <typeparamref name="TCopy"/> copies (a constant to the JIT), each step also copies value k of
    /// one example from <paramref name="from"/> to <c>to[k · lanes]</c>: the next block's de-interleave, on
    /// the load and store ports that the sums leave idle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumUnits<TVector, TLanes, TGroup, TCopy>(Activation activation, bool rectifier, bool keepsZ, ref float firstWeight, ref float firstBias, int inputs, ref float x, ref float y, ref float a, nuint offset,
        ref float from, ref float to)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TGroup : struct, ISumGroup
        where TCopy : struct, IExampleCopy
    {
        int lanes = TLanes.Count;
        bool twelve = TGroup.Count == 12;
        // Units 2j and 2j + 1 share a pointer: unit 2j's weight k is w[2j][k], unit 2j + 1's w[2j][k + inputs],
        // the next row. Four pointers (six for twelve units) and two indices leave general registers for
        // the copy's two pointers; with eight the JIT kept the copy's running pointer on the stack, stored
        // and reloaded every step.
        ref float w0 = ref firstWeight;
        ref float w2 = ref Unsafe.Add(ref w0, 2 * inputs);
        ref float w4 = ref Unsafe.Add(ref w2, 2 * inputs);
        ref float w6 = ref Unsafe.Add(ref w4, 2 * inputs);
        // (A group of eight keeps w8 and w10 at w6, never read, rather than pointing past its rows.)
        ref float w8 = ref Unsafe.Add(ref w6, twelve ? 2 * inputs : 0);
        ref float w10 = ref Unsafe.Add(ref w8, twelve ? 2 * inputs : 0);
        TVector s0 = TLanes.Broadcast(firstBias), s1 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 1));
        TVector s2 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 2)), s3 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 3));
        TVector s4 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 4)), s5 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 5));
        TVector s6 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 6)), s7 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 7));
        TVector s8 = default, s9 = default, s10 = default, s11 = default;
        if (twelve)
        {
            s8 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 8));
            s9 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 9));
            s10 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 10));
            s11 = TLanes.Broadcast(Unsafe.Add(ref firstBias, 11));
        }
        // The copy goes through a general register: a float stored from a vector register takes a
        // floating-point pipe for the store's data, and on Zen 4 that slowed the multiply-adds by 12 %.
        ref int copyFrom = ref Unsafe.As<float, int>(ref from);
        ref int copyTo = ref Unsafe.As<float, int>(ref to);
        for (nint k = 0, next = inputs; k < inputs; k++, next++)
        {
            if (TCopy.Copies)
            {
                copyTo = Unsafe.Add(ref copyFrom, k);
                copyTo = ref Unsafe.Add(ref copyTo, lanes);
            }
            var row = TLanes.Load(ref x, (nuint)(k * lanes));
            s0 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w0, k)), row, s0);
            s1 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w0, next)), row, s1);
            s2 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w2, k)), row, s2);
            s3 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w2, next)), row, s3);
            s4 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w4, k)), row, s4);
            s5 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w4, next)), row, s5);
            s6 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w6, k)), row, s6);
            s7 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w6, next)), row, s7);
            if (twelve)
            {
                s8 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w8, k)), row, s8);
                s9 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w8, next)), row, s9);
                s10 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w10, k)), row, s10);
                s11 = TLanes.MultiplyAdd(TLanes.Broadcast(Unsafe.Add(ref w10, next)), row, s11);
            }
        }
        nuint step = (nuint)lanes;
        StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s0, ref y, ref a, offset);
        StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s1, ref y, ref a, offset + step);
        StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s2, ref y, ref a, offset + 2 * step);
        StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s3, ref y, ref a, offset + 3 * step);
        StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s4, ref y, ref a, offset + 4 * step);
        StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s5, ref y, ref a, offset + 5 * step);
        StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s6, ref y, ref a, offset + 6 * step);
        StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s7, ref y, ref a, offset + 7 * step);
        if (twelve)
        {
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s8, ref y, ref a, offset + 8 * step);
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s9, ref y, ref a, offset + 9 * step);
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s10, ref y, ref a, offset + 10 * step);
            StoreSum<TVector, TLanes>(activation, rectifier, keepsZ, s11, ref y, ref a, offset + 11 * step);
        }
    }

    /// <summary>
    /// Stores one unit's sum <paramref name="z"/>: a rectifier's (or no g's) A at once, and Z too where it is
    /// kept apart (<paramref name="keepsZ"/>); any other g's Z alone, for the pass after the sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSum<TVector, TLanes>(Activation activation, bool rectifier, bool keepsZ, TVector z, ref float y, ref float a, nuint offset)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        if (!rectifier || keepsZ)
            TLanes.Store(z, ref y, offset);
        if (rectifier)
            TLanes.Store(Rectified<TVector, TLanes>(activation, z), ref a, offset);
    }

    /// <summary><c>g(z)</c> for an activation that evaluates no exponential: ReLU, leaky ReLU, or none (linear).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Rectified<TVector, TLanes>(Activation activation, TVector z)
        where TVector : struct
        where TLanes : struct, ILanes<TVector> => activation switch
        {
            Activation.ReLU => VectorActivations.ReLU<TVector, TLanes>(z),
            Activation.LeakyReLU => VectorActivations.LeakyReLU<TVector, TLanes>(z),
            _ => z,
        };

    /// <summary>
    /// <c>A = g(Z)</c> in place over a block's rows (one example per lane of a <typeparamref name="TVector"/>),
    /// for generated code that sums a layer's units first and applies an activation like tanh or σ after
    /// all of them: inside this loop the activation's constants keep their registers, where beside the
    /// layer's inputs they would crowd them out. Softmax is taken per example (lane) over the rows.
    /// </summary>
    /// <typeparam name="TVector">The block's vector: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/> of floats.</typeparam>
    /// <typeparam name="TLanes">The operations of that width: <see cref="Lanes16"/>, <see cref="Lanes8"/> or <see cref="Lanes4"/>.</typeparam>
    /// <param name="activation">The layer's activation <c>g</c>.</param>
    /// <param name="rows">Holds <c>Z</c>, one row of one value per lane for each unit; receives <c>A</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is empty or not whole rows.</exception>
    public static void ActivateRows<TVector, TLanes>(Activation activation, Span<float> rows)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        if (!ActivationTable.IsDefined(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation.");
        int lanes = TLanes.Count;
        if (rows.IsEmpty || rows.Length % lanes != 0)
            throw new ArgumentException($"Expected whole rows of {lanes} lanes, one per unit, but the span has {rows.Length} values.", nameof(rows));
        ref float z = ref MemoryMarshal.GetReference(rows);
        Activate<TVector, TLanes>(activation, ref z, ref z, rows.Length / lanes);
    }

    /// <summary>
    /// <c>A = g(Z)</c> over a block's <paramref name="units"/> rows (<paramref name="a"/> may be
    /// <paramref name="z"/>): softmax per example (lane) across the rows, any other g elementwise.
    /// </summary>
    private static void Activate<TVector, TLanes>(Activation activation, ref float z, ref float a, int units)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        if (ActivationTable.IsWholeLayer(activation))
            SoftmaxRows<TVector, TLanes>(ref z, ref a, units);
        else
            ActivateWidest(activation, ref z, ref a, units * TLanes.Count);
    }

    /// <summary>
    /// <c>a = softmax(z)</c> for every example (lane) of a block over its <paramref name="units"/> rows
    /// (<paramref name="a"/> may be <paramref name="z"/>): the largest
    /// <c>z</c> over the units, <c>e^(z - max)</c> per unit (every argument ≤ 0, so none overflows), their
    /// sum, one division per unit. A NaN in any unit of an example makes all its outputs NaN.
    /// </summary>
    private static void SoftmaxRows<TVector, TLanes>(ref float z, ref float a, int units)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        nuint step = (nuint)TLanes.Count, end = (nuint)units * step;
        var max = TLanes.Load(ref z, 0);
        for (nuint k = step; k < end; k += step)
            max = VectorActivations.MaxPropagatingNaN<TVector, TLanes>(max, TLanes.Load(ref z, k));
        var sum = TLanes.Broadcast(0f);
        for (nuint k = 0; k < end; k += step)
        {
            var e = VectorActivations.ExpOfNonPositive<TVector, TLanes>(TLanes.Subtract(TLanes.Load(ref z, k), max));
            TLanes.Store(e, ref a, k);
            sum = TLanes.Add(sum, e);
        }
        for (nuint k = 0; k < end; k += step)
            TLanes.Store(TLanes.Divide(TLanes.Load(ref a, k), sum), ref a, k);
    }

    /// <summary>
    /// <c>a[k] = g(z[k])</c> for <paramref name="count"/> floats (a multiple of four) at the widest width the
    /// hardware accelerates, whatever the block's: an elementwise g does not care which lane is which
    /// example, and its 16-, 8- and 4-lane forms give the same bits. So 8-lane rows on an AVX-512 machine
    /// take half as many evaluations; the floats past the last whole wide vector go four at a time.
    /// </summary>
    private static void ActivateWidest(Activation activation, ref float z, ref float a, int count)
    {
        int done = 0;
        if (Vector512.IsHardwareAccelerated)
            ActivateRows<Vector512<float>, Lanes16>(activation, ref z, ref a, done = count - count % 16);
        else if (Vector256.IsHardwareAccelerated)
            ActivateRows<Vector256<float>, Lanes8>(activation, ref z, ref a, done = count - count % 8);
        if (done < count)
            ActivateRows<Vector128<float>, Lanes4>(activation, ref Unsafe.Add(ref z, done), ref Unsafe.Add(ref a, done), count - done);
    }

    /// <summary><c>a[k] = g(z[k])</c> for the first <paramref name="count"/> floats (whole vectors), the activation chosen once, outside the loop; <paramref name="a"/> may be <paramref name="z"/>.</summary>
    private static void ActivateRows<TVector, TLanes>(Activation activation, ref float z, ref float a, int count)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        nuint end = (nuint)count, step = (nuint)TLanes.Count;
        switch (activation)
        {
            case Activation.Linear:
                if (!Unsafe.AreSame(ref z, ref a))
                    for (nuint k = 0; k < end; k += step)
                        TLanes.Store(TLanes.Load(ref z, k), ref a, k);
                break;
            case Activation.Sigmoid:
                for (nuint k = 0; k < end; k += step)
                    TLanes.Store(VectorActivations.Sigmoid<TVector, TLanes>(TLanes.Load(ref z, k)), ref a, k);
                break;
            case Activation.Tanh:
                for (nuint k = 0; k < end; k += step)
                    TLanes.Store(VectorActivations.Tanh<TVector, TLanes>(TLanes.Load(ref z, k)), ref a, k);
                break;
            case Activation.ReLU:
                for (nuint k = 0; k < end; k += step)
                    TLanes.Store(VectorActivations.ReLU<TVector, TLanes>(TLanes.Load(ref z, k)), ref a, k);
                break;
            case Activation.LeakyReLU:
                for (nuint k = 0; k < end; k += step)
                    TLanes.Store(VectorActivations.LeakyReLU<TVector, TLanes>(TLanes.Load(ref z, k)), ref a, k);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Undefined activation.");
        }
    }

    /// <summary>
    /// How many sums a kernel's loop keeps in registers together (<see cref="SumUnits"/>' units,
    /// <see cref="Backpropagate"/>'s inputs, a gradient tile's units × two vectors, <see cref="ForwardInTwoChains"/>'
    /// units × two chains): a constant to the JIT.
    /// </summary>
    private interface ISumGroup
    {
        /// <summary>The sums of one group.</summary>
        static abstract int Count { get; }
    }

    /// <summary>Eight sums: the group of 16-lane blocks (32 registers on AVX-512), and after the pairs of twelve in narrower ones.</summary>
    private readonly struct EightSums : ISumGroup
    {
        public static int Count => 8;
    }

    /// <summary>Twelve sums: the group of 8- and 4-lane blocks (16 vector registers on AVX2), which hides the multiply-add latency that eight leave bare (six units in <see cref="ForwardInTwoChains"/>).</summary>
    private readonly struct TwelveSums : ISumGroup
    {
        public static int Count => 12;
    }

    /// <summary>Whether <see cref="SumUnits"/> copies an example of the next block as it sums: a constant to the JIT.</summary>
    private interface IExampleCopy
    {
        /// <summary>Whether each step copies a value.</summary>
        static abstract bool Copies { get; }
    }

    /// <summary>Each step copies a value of the next block's example.</summary>
    private readonly struct CopyingExample : IExampleCopy
    {
        public static bool Copies => true;
    }

    /// <summary>The steps only sum.</summary>
    private readonly struct NotCopying : IExampleCopy
    {
        public static bool Copies => false;
    }
}
