namespace GenNet.Generators.Model;

// The decisions of PredictBatch, which runs a batch in blocks of examples, one example per lane of a
// vector (structure of arrays inside a block): each unit of an unrolled layer is one vector for the
// whole block and each weight a broadcast scalar; a loop layer is one call of BatchKernels.Forward
// over rows of the block. The blocks are as wide as the widest vector the hardware accelerates; the
// examples left over (fewer than a block) go through the one-example Forward.
internal sealed partial record NetworkModel
{
    /// <summary>
    /// The block widths PredictBatch runs at, widest first: 16 (<c>Vector512</c>), 8 (<c>Vector256</c>),
    /// 4 (<c>Vector128</c>). Its block method is written once, generic over the width (<c>ILanes</c>);
    /// at run time PredictBatch calls it for the first width the hardware accelerates
    /// (<c>IsHardwareAccelerated</c>, a constant to the JIT), or not at all: then every example goes
    /// through <c>Forward</c>. Where the best code differs by width (<see cref="BatchActivation"/>,
    /// <see cref="DeinterleavesInFirstLayer"/>), the one text tests <c>TLanes.Count</c>, which the JIT
    /// folds, and each width compiles only its own side.
    /// </summary>
    public static readonly IReadOnlyList<int> BatchLanes = [16, 8, 4];

    /// <summary>The widest block: what the per-thread rows are sized for, and the only width that has AVX-512's 32 vector registers.</summary>
    public const int WidestBatchLanes = 16;

    /// <summary>A width below <see cref="WidestBatchLanes"/>, whose decisions every narrower width shares.</summary>
    private const int NarrowBatchLanes = 8;

    /// <summary>
    /// The rows a block keeps in memory rather than in vector locals, in the order they are laid out,
    /// each <see cref="SpanCache.Length"/> rows of one float per lane: A[0] when there is more than one
    /// input (the block's examples, de-interleaved); A of every loop layer, of every unrolled layer feeding
    /// one and of every layer activated over rows at some width (<see cref="BatchActivation"/>); and A[L]
    /// when there is more than one output (to interleave back into the batch layout). One input is already
    /// a row of the batch, and so is one output: those are read and written in place. Where layer 1 of the
    /// widest blocks de-interleaves the next block (<see cref="DeinterleavesInFirstLayer"/>), A[0] twice:
    /// this block's and the next's, swapped after each block.
    /// </summary>
    public IEnumerable<SpanCache> BatchRows()
    {
        if (InputCount > 1)
            yield return new SpanCache("a", 0, InputCount);
        if (DeinterleavesInFirstLayer(WidestBatchLanes, training: false))
            yield return new SpanCache("nextA", 0, InputCount);
        foreach (var layer in Layers)
        {
            bool output = layer.Index == Layers.Count;
            if (output ? OutputCount > 1 : !layer.Unrolled || FeedsLoop(layer.Index) || BatchActivation(layer.Index, training: false) != BlockActivation.Inline)
                yield return new SpanCache("a", layer.Index, layer.Units);
        }
    }

    /// <summary>
    /// The fewest units of a layer whose activation a block of <paramref name="lanes"/> examples applies
    /// over rows (<see cref="ActivatesOverRows"/>): 8 for a 16-lane block, which runs only where AVX-512
    /// gives 32 vector registers; 4 for narrower ones, which may have 16 (AVX2, SSE), where tanh's
    /// constants crowd out even four units. Measured on 2-4-1: with 32 registers its four tanh units
    /// inline are 30 % faster in PredictBatch and 9 % in a training step than over rows; with 16
    /// (<c>DOTNET_EnableAVX512=0</c>) over rows is 19 % faster in PredictBatch and 35 % in a step. A
    /// training block (always 8 lanes) takes the 16-register side.
    /// </summary>
    public static int RowActivationMinimumUnits(int lanes) => lanes >= 16 ? 8 : 4;

    /// <summary>
    /// Whether a block of <paramref name="lanes"/> examples (of PredictBatch, or of training) sums the
    /// units of its straight-line layer l first, each Z into the layer's rows, and then applies g over the
    /// rows in one call (<c>BatchKernels.ActivateRows</c>), rather than g inline after each unit's sum.
    /// So it does for an activation that evaluates an exponential (σ, tanh) on
    /// <see cref="RowActivationMinimumUnits"/> units or more: inline, g's score of constants stays in
    /// registers from the first unit to the last, beside the layer's input vectors, and the JIT spills g's
    /// temporaries instead (8-16-1's 16-lane block kept about 200 spill slots); in the kernel's loop the
    /// inputs are dead and the constants have the registers to themselves. Fewer units keep g inline,
    /// where it costs no spills and saves the rows' round trip.
    /// </summary>
    public bool ActivatesOverRows(int l, int lanes, bool training)
    {
        var layer = Layers[l - 1];
        return StraightInBlock(l, training) && layer.Units >= RowActivationMinimumUnits(lanes) && ActivationTable.Of(layer.Activation).EvaluatesExponential
            && !(l == Layers.Count && !training && ActivatesOutputsAfterBlocks);
    }

    /// <summary>
    /// Where a block applies the activation of its straight-line layer <paramref name="l"/>: inline after
    /// each unit's sum, over the layer's rows after the last (<see cref="ActivatesOverRows"/>), or, in
    /// PredictBatch where the two differ by width, chosen by the width: inline in the widest blocks, which
    /// have 32 registers, over rows in the narrower ones. A training block has one width
    /// (<see cref="TrainingBatchLanes"/>).
    /// </summary>
    public BlockActivation BatchActivation(int l, bool training)
    {
        if (training)
            return ActivatesOverRows(l, TrainingBatchLanes, training: true) ? BlockActivation.OverRows : BlockActivation.Inline;
        bool wide = ActivatesOverRows(l, WidestBatchLanes, training: false), narrow = ActivatesOverRows(l, NarrowBatchLanes, training: false);
        return wide == narrow ? (wide ? BlockActivation.OverRows : BlockActivation.Inline) : BlockActivation.ByWidth;
    }

    /// <summary>
    /// Whether PredictBatch leaves the output layer's g to one call after the last block, over every
    /// output the blocks wrote (<c>BatchKernels.ActivateRows</c> on <c>outputs</c>), the blocks writing
    /// Z[L]: so it does where the output layer is written out in the block and g is elementwise and
    /// evaluates an exponential (σ, tanh). In the block, g is the end of a chain of dependent operations
    /// that the next block's work cannot fill (σ alone was about a tenth of 8-16-1's block); after the
    /// blocks, g's evaluations are independent of each other and overlap. The bits are the same: g is
    /// elementwise, and its wide forms give the bits of the four-lane form. Training keeps g in the
    /// block, where the backward pass needs A[L].
    /// </summary>
    public bool ActivatesOutputsAfterBlocks =>
        StraightInBlock(Layers.Count, training: false) && !OutputLayer.WholeLayerActivation && ActivationTable.Of(OutputLayer.Activation).EvaluatesExponential;

    /// <summary>The most inputs of an unrolled layer that PredictBatch's blocks write out (<see cref="SumsByKernel"/>).</summary>
    public const int StraightBlockInputs = 32;

    /// <summary>
    /// Whether PredictBatch's blocks sum unrolled layer l by <c>BatchKernels.ForwardInTwoChains</c> rather than
    /// write it out: a layer of more than <see cref="StraightBlockInputs"/> inputs that reads them from rows
    /// (layer 1 of more than one input, or after a loop layer) and leaves its values in rows (before a loop
    /// layer, or as the output). Written out, such a layer's inputs outnumber even AVX-512's 32 registers, and
    /// each unit's multiply-adds reload a spilled input vector for every weight; the kernel sums each unit in
    /// the one-example code's order (even and odd inputs apart, so every lane keeps <c>Predict</c>'s bits)
    /// and loads each input row once for a group of units. 64-128-64-10's 64-input output layer: one call
    /// for 45 KB of source, at the same speed (BenchmarkDotNet, two rounds each: 1.00–1.01× the written-out
    /// layer at 16 lanes, 0.98–1.04× at 8). At 16 inputs (16-32-16-1's first layer) the kernel gained 1–3 %
    /// at 8 lanes (BenchmarkDotNet) and lost 13 % at 16 (a probe): not worth a text per width. Not for
    /// softmax (its sum over the units has its own order) or baked weights (constants in the code).
    /// </summary>
    public bool SumsByKernel(int l)
    {
        var layer = Layers[l - 1];
        return !Baked && layer.Unrolled && layer.Inputs > StraightBlockInputs && !layer.WholeLayerActivation
            && (l == 1 ? InputCount > 1 : !StraightInBlock(l - 1, training: false))
            && (l == Layers.Count || !StraightInBlock(l + 1, training: false));
    }

    /// <summary>
    /// The units of the groups <c>BatchKernels.Forward</c> sums together in 16-lane blocks, the only ones that
    /// de-interleave in the kernel: a loop layer's units go eight at a time, each group in one loop over the
    /// inputs (narrower blocks sum twelve at a time, with AVX2's 16 registers).
    /// </summary>
    public const int LoopUnitGroup = 8;

    /// <summary>
    /// Whether PredictBatch's loop over blocks of <paramref name="lanes"/> examples de-interleaves only the
    /// first block's examples up front and each next block's inside layer 1's kernel
    /// (<c>BatchKernels.ForwardAndDeinterleave</c>): example e copied a value per step in the loop of the
    /// e-th group of <see cref="LoopUnitGroup"/> units, on load and store ports that the group's multiply-adds
    /// leave idle. So it does in 16-lane blocks where there is more than one input and layer 1 is a loop with
    /// a group for every example (128 units or more); with fewer groups the examples left would be copied
    /// after the sums, in the open. 784-128-10 (m = 256) spent 4 % of its time in the de-interleave before
    /// each block; with it in the kernel, under 1 %. Eight- and four-lane blocks de-interleave first: their
    /// steps take half the cycles for the same loads, and the copy made 784-128-10's 8 % slower. Training
    /// blocks de-interleave first too (the kernel has no form that keeps Z).
    /// </summary>
    public bool DeinterleavesInFirstLayer(int lanes, bool training) =>
        !training && lanes == WidestBatchLanes && InputCount > 1 && !StraightInBlock(1, training: false) && Layers[0].Units / LoopUnitGroup >= lanes;

    /// <summary>The floats of <see cref="BatchRows"/> per lane of a block.</summary>
    public int BatchRowsPerLane => BatchRows().Sum(rows => rows.Length);

    /// <summary>
    /// Whether a block's rows are <c>stackalloc</c>ed: they fit <see cref="StackCacheLimit"/> at the
    /// widest block. Else each thread allocates them once, in a <c>[ThreadStatic]</c> array sized for
    /// the widest block.
    /// </summary>
    public bool BatchRowsOnStack => BatchRowsPerLane * WidestBatchLanes <= StackCacheLimit;
}

/// <summary>Where a block applies a straight-line layer's activation (<see cref="NetworkModel.BatchActivation"/>).</summary>
internal enum BlockActivation
{
    /// <summary>After each unit's sum, in registers.</summary>
    Inline,

    /// <summary>Over the layer's rows after the last sum (<c>BatchKernels.ActivateRows</c>).</summary>
    OverRows,

    /// <summary>Inline in the widest blocks, over rows in the narrower ones: a test of the width the JIT folds.</summary>
    ByWidth,
}
