namespace GenNet.Generators.Model;

// The decisions of batched training (ComputeGradients and TrainStep with many examples), which runs
// whole blocks of examples one example per lane, as PredictBatch does: the forward pass is
// PredictBatch's, keeping every layer's Z and A; the backward pass takes each unit of an unrolled
// layer as one vector for the block and each weight as a broadcast scalar; a loop layer is a call of
// BatchKernels (AccumulateGradients, Backpropagate) over rows. An unrolled layer's Σ dW and Σ db are
// summed lane by lane (one vector per parameter, in memory) and added across the lanes once, after
// the last block; a loop layer's go into the gradient sum once per block. The examples past the last
// whole block go through the one-example code.
internal sealed partial record NetworkModel
{
    /// <summary>
    /// The examples of a training block: 8, one per lane of a <c>Vector256</c>, on any hardware that
    /// accelerates it; elsewhere every example goes through the one-example code. One width, not the
    /// widest the machine has, so that a block's sums come out the same on every machine with AVX2, with
    /// or without AVX-512 (they are added in an order that depends on the block's width), and so that the
    /// largest part of the generated code is written once. Zen 4 runs 512-bit arithmetic as two 256-bit
    /// halves, so the narrower block costs little there.
    /// </summary>
    public const int TrainingBatchLanes = 8;

    /// <summary>
    /// Whether training's one-at-a-time examples sum their loss after their gradients, from outputs kept
    /// until then (<see cref="PendingLossExamples"/>), rather than as soon as each example's outputs exist.
    /// The loss is a call (cross-entropy's logarithm), and a call saves every vector register: where the
    /// unrolled layers' gradient sums fit in registers, it made them go to the stack and back in every
    /// example, and the step wait on it (2-4-1 <c>TrainStep</c> with m = 1: 74 against 60 ns). Where they
    /// do not fit they live on the stack anyway, and the kept outputs cost more than they save (8-16-1,
    /// 41 sums: 149 against 174 ns). Nor where one example's outputs would not fit the stack
    /// (<see cref="StackCacheLimit"/>): the kept outputs are a value on it.
    /// </summary>
    public bool DefersLoss =>
        OutputLayer.Units <= StackCacheLimit
        && Layers.Where(layer => layer.Unrolled).Sum(layer => layer.GradientSumVectors) <= RegisterGradientSumVectors;

    /// <summary>
    /// Whether <c>TrainStep</c> with fewer examples than a training block (which all go one at a time) has
    /// <c>Backpropagate</c> apply the step from the registers that hold the gradient sums, checking them
    /// finite there, instead of storing them into the gradient sum for <c>Kernels.GradientStep</c> to read
    /// back: so it does where every layer is unrolled and the sums stay in registers (<see cref="DefersLoss"/>).
    /// Read back at once, the sum's wide loads spanned several of the narrow stores just made, which the
    /// store buffer cannot forward, and waited for them to reach the cache: 2-4-1 <c>TrainStep</c> with one
    /// example spent 12 of its 68 ns in the step, 6 with the update from registers.
    /// </summary>
    public bool StepsFromRegisters => DefersLoss && Layers.All(layer => layer.Unrolled) && !Baked;

    /// <summary>The most gradient-sum vectors for which the loss waits (<see cref="DefersLoss"/>): half of AVX2's 16 registers.</summary>
    public const int RegisterGradientSumVectors = 8;

    /// <summary>
    /// How many examples taken one at a time keep their outputs until their loss is summed
    /// (<see cref="DefersLoss"/>): a block's worth, as long as that fits the stack (<see cref="StackCacheLimit"/>),
    /// and never fewer than one.
    /// </summary>
    public int PendingLossExamples => Math.Max(1, Math.Min(TrainingBatchLanes, StackCacheLimit / OutputLayer.Units));

    /// <summary>
    /// Whether the pending outputs hold every example that goes one at a time where the hardware has
    /// the blocks' vectors (fewer than a block): there, the loss is summed once, after the gradient sum
    /// is stored, and no call is left in the loop; elsewhere every example goes one at a time, and the
    /// loss is summed each time <see cref="PendingLossExamples"/> wait.
    /// </summary>
    public bool PendingLossHoldsEveryLeftover => PendingLossExamples >= TrainingBatchLanes - 1;

    /// <summary>
    /// The most weights, over all layers, that a training block writes as straight-line code. A block
    /// makes about three calls of <c>ILanes</c> per weight (the forward pass, the lane sums,
    /// <c>W[l+1]ᵀ·dZ[l+1]</c>, each for a vector of examples), every one of which the JIT must inline, and
    /// it stops inlining past a point: 64-32-10's block with its 320-weight output layer straight left 608
    /// calls (<c>benchmarks/check-jit-tiers.sh</c>), 8-16-1's 144 weights none. Past about 800 weights the
    /// method would also cross the JIT's 60,000 bytes of IL and be compiled without optimisation. The rest
    /// go through the kernels.
    /// </summary>
    public const int TrainingBlockUnrollLimit = 256;

    /// <summary>
    /// Whether layer l is straight-line code in a training block: it is unrolled, and it fits
    /// <see cref="TrainingBlockUnrollLimit"/> with the other unrolled layers, taken smallest first as
    /// <see cref="ChooseUnrolled"/> takes them. The other layers are loops there, with their values in rows.
    /// </summary>
    public bool StraightInTrainingBlock(int l) => StraightInTrainingBlocks()[l - 1];

    private bool[] StraightInTrainingBlocks() =>
        ChooseUnrolled(Layers.Select(layer => layer.Unrolled ? (long)layer.WeightCount : long.MaxValue / 2).ToList(), TrainingBlockUnrollLimit);

    /// <summary>Whether layer l is straight-line code in a block of the pass: PredictBatch's follow <see cref="LayerModel.Unrolled"/>, training blocks <see cref="StraightInTrainingBlock"/>.</summary>
    public bool StraightInBlock(int l, bool training) => training ? StraightInTrainingBlock(l) : Layers[l - 1].Unrolled;

    /// <summary>Whether layer l is straight-line code in a block of the pass and layer l + 1 is a loop there, so that A[l] (and in training dZ[l]) must also be rows.</summary>
    public bool FeedsLoopInBlock(int l, bool training) =>
        l >= 1 && l < Layers.Count && StraightInBlock(l, training) && !StraightInBlock(l + 1, training);

    /// <summary>
    /// The rows a training block keeps in memory, in the order they are laid out, each
    /// <see cref="SpanCache.Length"/> rows of one float per lane: A[0] when there is more than one input;
    /// Y when there is more than one output (the block's targets, de-interleaved); Z, A and dZ of every
    /// loop layer; A and dZ of every unrolled layer feeding one; Z[L] or A[L] of an unrolled output layer,
    /// whichever the loss reads (<see cref="LossReadsLogits"/>); A of a layer activated over rows
    /// (<see cref="ActivatesOverRows"/>); and <c>x</c>,
    /// the block's A[l-1] back in the batch layout for a loop layer above the first
    /// (<c>BatchKernels.AccumulateGradients</c> reads its inputs example by example).
    /// </summary>
    public IEnumerable<SpanCache> TrainingBatchRows()
    {
        if (InputCount > 1)
            yield return new SpanCache("a", 0, InputCount);
        if (OutputCount > 1)
            yield return new SpanCache("y", Layers.Count, OutputCount);
        foreach (var layer in Layers)
        {
            int l = layer.Index;
            if (!StraightInTrainingBlock(l))
            {
                yield return new SpanCache("z", l, layer.Units);
                yield return new SpanCache("a", l, layer.Units);
                yield return new SpanCache("dz", l, layer.Units);
            }
            else if (FeedsLoopInBlock(l, training: true))
            {
                yield return new SpanCache("a", l, layer.Units);
                yield return new SpanCache("dz", l, layer.Units);
            }
            else
            {
                bool output = l == Layers.Count;
                if (output && LossReadsLogits)
                    yield return new SpanCache("z", l, layer.Units);
                if ((output && !LossReadsLogits) || ActivatesOverRows(l, TrainingBatchLanes, training: true))
                    yield return new SpanCache("a", l, layer.Units);
            }
        }
        int examples = Layers.Where(layer => !StraightInTrainingBlock(layer.Index) && layer.Index > 1).Select(layer => layer.Inputs).DefaultIfEmpty(0).Max();
        if (examples > 0)
            yield return new SpanCache("x", 0, examples);
    }

    /// <summary>The floats of <see cref="TrainingBatchRows"/> per lane of a block.</summary>
    public int TrainingBatchRowsPerLane => TrainingBatchRows().Sum(rows => rows.Length);

    /// <summary>
    /// Whether a training block's rows are <c>stackalloc</c>ed: they fit <see cref="StackCacheLimit"/> at
    /// the widest block. Else the instance allocates them once, on its first batch of a block or more
    /// (training is one thread at a time per instance).
    /// </summary>
    public bool TrainingBatchRowsOnStack => TrainingBatchRowsPerLane * TrainingBatchLanes <= StackCacheLimit;

    /// <summary>
    /// The parameters whose gradients are summed lane by lane, on the stack: every weight and bias of the
    /// layers that are straight-line code in a training block, layer after layer, each layer's <c>W</c> then
    /// <c>b</c> as in the parameter layout. A layer has no more biases than weights, so they are at most
    /// 2 · <see cref="TrainingBlockUnrollLimit"/> = 1,024, and their 8,192 lane sums fit
    /// <see cref="StackGradientLimit"/>.
    /// </summary>
    public int LaneSummedParameters => Layers.Where(layer => StraightInTrainingBlock(layer.Index)).Sum(layer => layer.WeightCount + layer.Units);

    /// <summary>Where a straight-line layer's parameters start among the <see cref="LaneSummedParameters"/>.</summary>
    public int LaneSumOffset(LayerModel layer) =>
        Layers.Where(other => StraightInTrainingBlock(other.Index) && other.Index < layer.Index).Sum(other => other.WeightCount + other.Units);
}
