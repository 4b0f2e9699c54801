using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    // PredictBatch in blocks of examples, one example per lane (NetworkModel.Batch.cs has the decisions).
    // Inside a block, unit i of an unrolled layer l is the vector local a{l}_{i} holding that unit for
    // every example of the block, and a row in memory is {lanes} floats, one per example: rows a{l} hold
    // A[l] for loop layers and wherever the batch layout has to be crossed (NetworkModel.BatchRows).

    /// <summary>The vector type's static class for a block of <paramref name="lanes"/> examples.</summary>
    private static string BatchVectors(int lanes) => lanes switch
    {
        16 => IntrinsicsAlias + "::Vector512",
        8 => IntrinsicsAlias + "::Vector256",
        _ => Vectors,
    };

    /// <summary>The vector type of a block of <paramref name="lanes"/> examples as comments name it: <c>Vector256</c>.</summary>
    private static string BatchVectorName(int lanes) => BatchVectors(lanes).Substring(IntrinsicsAlias.Length + 2);

    /// <summary>The binding of <c>ILanes</c> for <paramref name="lanes"/> lanes.</summary>
    private static string LanesOf(int lanes) => lanes switch
    {
        16 => RuntimeNames.Lanes16,
        8 => RuntimeNames.Lanes8,
        _ => RuntimeNames.Lanes4,
    };

    /// <summary>A block method's type arguments for <paramref name="lanes"/> lanes: <c>&lt;Vector256&lt;float&gt;, Lanes8&gt;</c>.</summary>
    private static string BlockTypeArgumentsOf(int lanes) => $"<{BatchVectors(lanes)}<float>, {LanesOf(lanes)}>";

    // A block method is generic over its width: TVector is the block's vector of floats, TLanes the
    // operations on it (ILanes), and `lanes` (TLanes.Count) the examples of a block, a constant to the JIT.
    // Runtime kernels and activations take the same two type arguments.

    /// <summary>The type arguments a block method passes on to the runtime's kernels and activations.</summary>
    private const string BlockTypeArguments = "<TVector, TLanes>";

    /// <summary>
    /// Writes a block method's signature and constraints and opens its body. A block method is compiled
    /// fully optimised at its first call (<c>AggressiveOptimization</c>), never tiered: so the code that runs
    /// is the code <c>check-jit-tiers.sh</c> reads with tiering off. One whose rows are on the stack was
    /// already (the JIT does not tier a method with <c>stackalloc</c> and a loop); one with per-thread
    /// rows went through tier 1, where the profile spent the inlining budget on <c>Deinterleave</c> and
    /// its argument checks first and 203 of 64-128-64-10's 8-lane multiply-adds stayed calls: 1.15–1.2×
    /// the per-width code it replaced.
    /// </summary>
    private static SourceWriter.Scope BlockMethod(SourceWriter writer, string signature)
    {
        writer.Line($"[{SystemNames.MethodImpl}({SystemNames.MethodImplOptions}.AggressiveOptimization)]");
        writer.Line(signature);
        writer.Line("    where TVector : struct");
        return writer.Block($"    where TLanes : struct, {RuntimeNames.ILanes}<TVector>");
    }

    /// <summary>
    /// The test, in a block method, that holds in the widest blocks only (which have 32 vector registers); the JIT
    /// folds it. It reads the local <c>lanes</c> (<c>TLanes.Count</c>, read once at the top): each
    /// <c>TLanes.Count</c> is one more call to inline, and past the JIT's inlining budget, at the end of a
    /// long block, it stayed a call and the test a branch (64-128-64-10's 8-lane block).
    /// </summary>
    private static readonly string WidestBlocks = $"lanes == {NetworkModel.WidestBatchLanes}";

    /// <summary>The test, in a block method, that holds in every block narrower than the widest (see <see cref="WidestBlocks"/>).</summary>
    private static readonly string NarrowerBlocks = $"lanes != {NetworkModel.WidestBatchLanes}";

    /// <summary><paramref name="count"/> rows of a block, as an expression: <c>3 * lanes</c>, or <c>lanes</c> for one.</summary>
    private static string RowsLength(int count) => count == 1 ? "lanes" : $"{count} * lanes";

    /// <summary>
    /// <c>w·b + c</c> in a block, <c>w</c> the parameter at <paramref name="parameter"/> in every lane: from
    /// <c>θ0</c>, θ's first element, by its index (a reference and a constant as arguments, which the JIT
    /// inlines without a temporary; <see cref="WriteFirstParameter"/>), or the baked constant.
    /// </summary>
    private static string WeightMultiplyAdd(NetworkModel model, int parameter, string b, string c) =>
        model.Baked ? $"TLanes.MultiplyAdd({Parameter(model, parameter)}, {b}, {c})" : $"TLanes.MultiplyAdd(ref θ0, {parameter}, {b}, {c})";

    /// <summary>The parameter at <paramref name="parameter"/> in every lane, by index from <c>θ</c> as in <see cref="WeightMultiplyAdd"/>, or the baked constant.</summary>
    private static string WeightBroadcast(NetworkModel model, int parameter) =>
        model.Baked ? $"TLanes.Broadcast({Parameter(model, parameter)})" : $"TLanes.Broadcast(ref θ0, {parameter})";

    /// <summary><c>w·b</c> in a block, <c>w</c> the parameter at <paramref name="parameter"/> in every lane, as in <see cref="WeightMultiplyAdd"/>.</summary>
    private static string WeightMultiply(NetworkModel model, int parameter, string b) =>
        model.Baked ? $"TLanes.Multiply(TLanes.Broadcast({Parameter(model, parameter)}), {b})" : $"TLanes.Multiply(ref θ0, {parameter}, {b})";

    /// <summary>
    /// Declares <c>θ0</c>, a reference to θ's first element, where a block reads weights by index
    /// (<see cref="WeightMultiplyAdd"/>): trainable networks with a straight-line layer in the block.
    /// </summary>
    private static void WriteFirstParameter(SourceWriter writer, NetworkModel model, bool training = false)
    {
        if (model.Baked || !model.Layers.Any(layer => model.StraightInBlock(layer.Index, training) && (training || !model.SumsByKernel(layer.Index))))
            return;
        writer.Line("// θ0 = θ[0]: the straight-line layers read θ[k] as (ref θ0, k), which the JIT inlines without a temporary");
        writer.Line($"ref float θ0 = ref {SystemNames.MemoryMarshal}.GetReference(θ);");
    }

    /// <summary>The sum of <paramref name="terms"/>, added left to right.</summary>
    private static string LaneAdd(IEnumerable<string> terms) => terms.Aggregate((left, right) => $"TLanes.Add({left}, {right})");

    /// <summary>PredictBatch: whole blocks at the widest width the hardware accelerates, then the rest one example at a time.</summary>
    private static void WritePredictBatch(SourceWriter writer)
    {
        writer.Line($"/// <inheritdoc cref=\"{RuntimeNames.IPredictor}.PredictBatch\"/>");
        writer.Line(GeneratedCode);
        using (writer.Block($"public void PredictBatch({ReadOnlySpan} inputs, {Span} outputs)"))
        {
            writer.Line($"int m = {RuntimeNames.NetworkArgument}.PredictionBatch(inputs, outputs, InputCount, OutputCount);");
            writer.Line("// Whole blocks of examples, one example per lane of the widest vector the hardware accelerates (the JIT");
            writer.Line("// folds these tests to one branch); the examples left over, one at a time");
            writer.Line("int done =");
            foreach (int lanes in NetworkModel.BatchLanes)
                writer.Line($"    {BatchVectors(lanes)}.IsHardwareAccelerated ? {GeneratedMembers.BatchBlock}{BlockTypeArgumentsOf(lanes)}(inputs, outputs, m) :");
            writer.Line("    0;");
            writer.Line("for (int i = done; i < m; i++)");
            writer.Line("    Forward(inputs.Slice(i * InputCount, InputCount), outputs.Slice(i * OutputCount, OutputCount));");
        }
        writer.Line();
    }

    /// <summary>
    /// PredictBatch's block method, once for every width: rows, then for each block the layers in order,
    /// then the outputs back in the batch layout.
    /// </summary>
    private static void WriteBatchBlocks(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <summary>Predicts the first m - m % lanes examples in blocks of lanes = TLanes.Count, one example per lane of a TVector; returns how many.</summary>");
        using (BlockMethod(writer, $"private {(model.Baked ? "static " : "")}int {GeneratedMembers.BatchBlock}{BlockTypeArguments}({ReadOnlySpan} inputs, {Span} outputs, int m)"))
        {
            writer.Line("int lanes = TLanes.Count, blocks = m / lanes;");
            writer.Line("if (blocks == 0)");
            writer.Line("    return 0;");
            WriteBatchRows(writer, model);
            if (!model.Baked || !model.FullyUnrolled)
                writer.Line($"{ReadOnlySpan} θ = {(model.Baked ? "Parameters" : "_parameters")};");
            WriteFirstParameter(writer, model);
            bool deinterleavesInLayer1 = model.DeinterleavesInFirstLayer(NetworkModel.WidestBatchLanes, training: false);
            if (deinterleavesInLayer1)
            {
                writer.Line($"// Blocks of {NetworkModel.WidestBatchLanes}: A[0] of the first block de-interleaved here (row j holds input j of each example); each block's layer 1 de-interleaves the next's");
                writer.Line($"if ({WidestBlocks})");
                writer.Line($"    {RuntimeNames.BatchKernels}.Deinterleave(inputs.Slice(0, lanes * InputCount), InputCount, a0);");
            }
            using (writer.Block("for (int first = 0; first < blocks * lanes; first += lanes)"))
            {
                WriteBatchForwardPass(writer, model, training: false);
                if (model.OutputCount > 1)
                {
                    writer.Line();
                    writer.Line($"// {(model.ActivatesOutputsAfterBlocks ? "Z" : "Ŷ = A")}[{model.Layers.Count}], interleaved back: output i of example e at outputs[(first + e) · OutputCount + i]");
                    writer.Line($"{RuntimeNames.BatchKernels}.Interleave(a{model.Layers.Count}, OutputCount, outputs.Slice(first * OutputCount, lanes * OutputCount));");
                }
                if (deinterleavesInLayer1)
                {
                    writer.Line();
                    writer.Line("// Swap the rows: nextA0, which layer 1's kernel filled, is the next block's A[0], and this block's rows take the block after");
                    using (writer.Block($"if ({WidestBlocks})"))
                    {
                        writer.Line($"{Span} swap = a0;");
                        writer.Line("a0 = nextA0;");
                        writer.Line("nextA0 = swap;");
                    }
                }
            }
            if (model.ActivatesOutputsAfterBlocks)
            {
                string g = ActivationEmission.Symbol(model.OutputLayer.Activation);
                writer.Line($"// Ŷ = {g}(Z[{model.Layers.Count}]) over every output of the blocks at once: independent evaluations that overlap, where in each block {g} waited on the sums");
                writer.Line($"{RuntimeNames.BatchKernels}.ActivateRows{BlockTypeArguments}({RuntimeNames.Activation}.{model.OutputLayer.Activation}, outputs.Slice(0, blocks * lanes * OutputCount));");
            }
            writer.Line("return blocks * lanes;");
        }
        writer.Line();
    }

    /// <summary>
    /// The forward pass of one block, shared by PredictBatch and batched training: the inputs as rows,
    /// then the layers in order. Training keeps Z of the loop layers in rows of their own and A[L] in
    /// rows (the loss reads them); prediction writes one output straight into the batch.
    /// </summary>
    private static void WriteBatchForwardPass(SourceWriter writer, NetworkModel model, bool training)
    {
        // The block's own inputs as rows, unless layer 1's kernel de-interleaved them during the block before
        bool deinterleavesInputs = model.InputCount > 1;
        if (deinterleavesInputs)
        {
            bool widestInLayer1 = model.DeinterleavesInFirstLayer(NetworkModel.WidestBatchLanes, training);
            writer.Line(widestInLayer1
                ? "// A[0] = X of examples first … first + lanes - 1, de-interleaved: row j holds input j of every example (blocks of 16 have it from the block before)"
                : "// A[0] = X of examples first … first + lanes - 1, de-interleaved: row j holds input j of every example");
            if (widestInLayer1)
                writer.Line($"if ({NarrowerBlocks})");
            writer.Line($"{(widestInLayer1 ? "    " : "")}{RuntimeNames.BatchKernels}.Deinterleave(inputs.Slice(first * InputCount, lanes * InputCount), InputCount, a0);");
        }
        foreach (var layer in model.Layers)
        {
            if (layer.Index > 1 || deinterleavesInputs)
                writer.Line();
            if (!training && model.SumsByKernel(layer.Index))
                WriteBatchKernelSum(writer, model, layer);
            else if (model.StraightInBlock(layer.Index, training))
                WriteBatchUnrolledLayer(writer, model, layer, training);
            else
                WriteBatchLoopLayer(writer, model, layer, training);
        }
    }

    /// <summary>Declares the block's rows (<see cref="NetworkModel.BatchRows"/>): on the stack while small, else in this thread's array.</summary>
    private static void WriteBatchRows(SourceWriter writer, NetworkModel model)
    {
        var rows = model.BatchRows().ToList();
        if (rows.Count == 0)
            return;
        if (!model.BatchRowsOnStack)
            writer.Line($"float[] rowArray = {GeneratedMembers.ThreadBatchRows} ??= new float[{model.BatchRowsPerLane * NetworkModel.WidestBatchLanes} + {RowAlignmentPadding}];");
        WriteRows(writer, rows, model.BatchRowsOnStack);
    }

    /// <summary>
    /// Declares a block's rows as spans named for what they hold (<c>a1</c>, <c>dz2</c>; <c>y</c> and <c>x</c>
    /// alone), one after the other in <c>rows</c>: <c>stackalloc</c>ed, or in the array <c>rowArray</c>
    /// declared before, from its first 64-byte boundary (<c>BatchKernels.AlignedRows</c>). Every row is a
    /// whole number of block vectors, so each starts on a vector's boundary too.
    /// </summary>
    private static void WriteRows(SourceWriter writer, IReadOnlyList<SpanCache> rows, bool onStack)
    {
        int perLane = rows.Sum(row => row.Length);
        writer.Line("// The block's rows from a 64-byte boundary, so that no vector of a row straddles two cache lines");
        writer.Line(onStack
            ? $"{Span} rows = {AlignedStackalloc(perLane)};"
            : $"{Span} rows = {RuntimeNames.BatchKernels}.AlignedRows(rowArray, {RowsLength(perLane)});");
        int offset = 0;
        foreach (var row in rows)
        {
            string name = row.Quantity is "y" or "x" ? row.Quantity : $"{row.Quantity}{row.Layer}";
            writer.Line($"{Span} {name} = rows.Slice({(offset == 0 ? "0" : RowsLength(offset))}, {RowsLength(row.Length)});");
            offset += row.Length;
        }
    }

    /// <summary>What a buffer for <c>BatchKernels.AlignedRows</c> holds beyond its rows.</summary>
    private const string RowAlignmentPadding = RuntimeNames.BatchKernels + ".RowAlignmentPadding";

    /// <summary><paramref name="rowCount"/> rows of a block on the stack from a 64-byte boundary (<c>BatchKernels.AlignedRows</c>), as an expression.</summary>
    private static string AlignedStackalloc(int rowCount) =>
        $"{RuntimeNames.BatchKernels}.AlignedRows(stackalloc float[{RowsLength(rowCount)} + {RowAlignmentPadding}], {RowsLength(rowCount)})";

    /// <summary>Declares the per-thread rows where they do not fit on the stack.</summary>
    private static void WriteThreadBatchRows(SourceWriter writer, NetworkModel model)
    {
        if (model.BatchRowsOnStack)
            return;
        writer.Line($"/// <summary>The rows of PredictBatch's blocks ({model.BatchRowsPerLane} per example of a block: too many for the stack), one array per thread.</summary>");
        writer.Line($"[{SystemNames.ThreadStatic}]");
        writer.Line($"private static float[]? {GeneratedMembers.ThreadBatchRows};");
        writer.Line();
    }

    /// <summary>
    /// An unrolled layer over a block: per unit, <c>z = b + Σ_j w·a</c> with each weight broadcast, summed in the
    /// order <c>Forward</c> sums it (even and odd inputs apart past a few), so every lane gets Predict's bits.
    /// </summary>
    private static void WriteBatchUnrolledLayer(SourceWriter writer, NetworkModel model, LayerModel layer, bool training)
    {
        int l = layer.Index;
        bool twoChains = layer.Inputs >= SplitChainInputs;
        if (l == 1 || !model.StraightInBlock(l - 1, training))
        {
            writer.Line(l == 1 && model.InputCount == 1
                ? "// A[0] = X of examples first … first + lanes - 1: one input, so the batch holds it as a row already"
                : $"// A[{l - 1}], one vector per {(l == 1 ? "input" : "unit")}");
            for (int j = 0; j < layer.Inputs; j++)
                writer.Line($"TVector a{l - 1}_{j} = {(l == 1 && model.InputCount == 1 ? "TLanes.Load(in inputs[first])" : $"TLanes.LoadRow(a{l - 1}, {j})")};");
        }
        bool elementwise = !ActivationTable.IsWholeLayer(layer.Activation);
        bool activatedAfterBlocks = l == model.Layers.Count && !training && model.ActivatesOutputsAfterBlocks;
        var placement = elementwise ? model.BatchActivation(l, training) : BlockActivation.Inline;
        bool overRows = placement == BlockActivation.OverRows, byWidth = placement == BlockActivation.ByWidth;
        bool oneOutputRow = l == model.Layers.Count && model.OutputCount == 1 && !training;
        // A training block's loss reads the output layer's rows: Z[L] for a cross-entropy, stored as each unit's sum is done
        bool logitsForLoss = training && l == model.Layers.Count && model.LossReadsLogits;
        bool activationToRows = !overRows && !oneOutputRow && !logitsForLoss && (l == model.Layers.Count || model.FeedsLoopInBlock(l, training));
        string rowsFor = l < model.Layers.Count ? $"for the loop of layer {l + 1}" : training ? "for the loss" : "to interleave";
        // An elementwise g's result goes to its row as soon as it is computed, so that no unit waits in a register for the last
        bool storeEachUnit = activationToRows && elementwise;
        string g = ActivationEmission.Symbol(layer.Activation);
        string activation = activatedAfterBlocks ? $" ({g} after the last block)"
            : overRows ? " into its rows"
            : byWidth ? ""
            : storeEachUnit ? $",  A[{l}] = {g}(Z[{l}]) into its rows {rowsFor}"
            : elementwise ? $",  A[{l}] = {g}(Z[{l}])" : "";
        if (logitsForLoss)
            activation = overRows ? " into its rows for the loss, and into A's for g" : $" into its rows for the loss{activation}";
        writer.Line(twoChains
            ? $"// Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}]{activation}: one vector per unit, each weight broadcast; even and odd inputs summed apart"
            : $"// Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}]{activation}: one vector per unit, each weight broadcast");
        for (int i = 0; i < layer.Units; i++)
        {
            string z = $"z{l}_{i}", odd = z + "_odd";
            writer.Line($"TVector {z} = {WeightBroadcast(model, layer.Bias(i))};");
            for (int j = 0; j < layer.Inputs; j++)
            {
                string input = $"a{l - 1}_{j}";
                string chain = twoChains && j % 2 == 1 ? odd : z;
                writer.Line(twoChains && j == 1
                    ? $"TVector {odd} = {WeightMultiply(model, layer.Weight(i, j), input)};"
                    : $"{chain} = {WeightMultiplyAdd(model, layer.Weight(i, j), input, chain)};");
            }
            if (twoChains)
                writer.Line($"{z} = TLanes.Add({z}, {odd});");
            if (logitsForLoss)
                writer.Line($"TLanes.StoreRow({z}, z{l}, {i});");
            if (overRows)
                writer.Line($"TLanes.StoreRow({z}, a{l}, {i});");
            else if (elementwise && !activatedAfterBlocks && !byWidth) // each unit's g right after its sum, so that few sums wait in registers
                writer.Line($"TVector a{l}_{i} = {ActivationEmission.Value(layer.Activation, z, BlockTypeArguments)};");
            if (storeEachUnit && !byWidth)
                writer.Line($"TLanes.StoreRow({(activatedAfterBlocks ? z : $"a{l}_{i}")}, a{l}, {i});");
        }
        bool nextReads = l < model.Layers.Count && model.StraightInBlock(l + 1, training);
        if (overRows)
        {
            WriteActivationOverRows(writer, layer);
            if (nextReads || training)
            {
                writer.Line(training ? $"// A[{l}], one vector per unit, for {(nextReads ? $"layer {l + 1} and " : "")}the backward pass" : $"// A[{l}], one vector per unit, for layer {l + 1}");
                for (int i = 0; i < layer.Units; i++)
                    writer.Line($"TVector a{l}_{i} = TLanes.LoadRow(a{l}, {i});");
            }
        }
        else if (byWidth)
        {
            writer.Line($"// A[{l}] = {g}(Z[{l}]): in blocks of {NetworkModel.WidestBatchLanes}, with 32 vector registers, after the sums in registers; in narrower blocks, with 16,");
            writer.Line($"// over the rows, where {g}'s constants do not crowd out the layer's inputs");
            writer.Line($"TVector {string.Join(", ", Enumerable.Range(0, layer.Units).Select(i => $"a{l}_{i}"))};");
            using (writer.Block($"if ({WidestBlocks})"))
            {
                for (int i = 0; i < layer.Units; i++)
                {
                    writer.Line($"a{l}_{i} = {ActivationEmission.Value(layer.Activation, $"z{l}_{i}", BlockTypeArguments)};");
                    if (storeEachUnit)
                        writer.Line($"TLanes.StoreRow(a{l}_{i}, a{l}, {i});");
                }
            }
            using (writer.Block("else"))
            {
                for (int i = 0; i < layer.Units; i++)
                    writer.Line($"TLanes.StoreRow(z{l}_{i}, a{l}, {i});");
                WriteActivationOverRows(writer, layer);
                if (nextReads)
                {
                    for (int i = 0; i < layer.Units; i++)
                        writer.Line($"a{l}_{i} = TLanes.LoadRow(a{l}, {i});");
                }
            }
        }
        else if (!elementwise)
            WriteBatchSoftmax(writer, layer);
        if (oneOutputRow)
        {
            writer.Line(activatedAfterBlocks
                ? $"// Z[{l}]: one output, so the block's outputs are one row of the batch"
                : $"// Ŷ = A[{l}]: one output, so the block's outputs are one row of the batch");
            writer.Line($"TLanes.Store({(activatedAfterBlocks ? $"z{l}_0" : $"a{l}_0")}, ref outputs[first]);");
        }
        else if (activationToRows && !storeEachUnit)
        {
            writer.Line($"// A[{l}] into rows, {rowsFor}");
            for (int i = 0; i < layer.Units; i++)
                writer.Line($"TLanes.StoreRow(a{l}_{i}, a{l}, {i});");
        }
    }

    /// <summary>A block kernel's first arguments for layer <paramref name="layer"/>: <c>g</c>, then <c>W[l]</c> and <c>b[l]</c> sliced from θ.</summary>
    private static string KernelParameters(Activation activation, LayerModel layer) =>
        $"{RuntimeNames.Activation}.{activation}, θ.Slice({layer.WeightOffset}, {layer.WeightCount}), θ.Slice({layer.BiasOffset}, {layer.Units})";

    /// <summary>
    /// The rows a block kernel writes layer l's values to: PredictBatch's single output straight into the batch
    /// (one output is a row of it already), training's Z and A rows, or the layer's A rows.
    /// </summary>
    private static string KernelOutputRows(NetworkModel model, int l, bool training) =>
        l == model.Layers.Count && model.OutputCount == 1 && !training ? "outputs.Slice(first, lanes)" : training ? $"z{l}, a{l}" : $"a{l}";

    /// <summary>
    /// An unrolled layer of many inputs in PredictBatch's block (<see cref="NetworkModel.SumsByKernel"/>): one call of
    /// <c>BatchKernels.ForwardInTwoChains</c>, from rows to rows, which sums each unit in <c>Predict</c>'s order.
    /// </summary>
    private static void WriteBatchKernelSum(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        bool afterBlocks = l == model.Layers.Count && model.ActivatesOutputsAfterBlocks;
        string g = ActivationEmission.Symbol(layer.Activation);
        var activation = afterBlocks ? Activation.Linear : layer.Activation;
        string sum = afterBlocks ? $"Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}] ({g} after the last block)" : $"A[{l}] = {g}(W[{l}]·A[{l - 1}] + b[{l}])";
        writer.Line($"// {sum}: {layer.Units} unit{(layer.Units == 1 ? "" : "s")} × {layer.Inputs} inputs, more than the registers hold, by a kernel that sums each in Predict's order (even and odd inputs apart) and loads each row once for a group of units");
        writer.Line($"{RuntimeNames.BatchKernels}.ForwardInTwoChains{BlockTypeArguments}({KernelParameters(activation, layer)}, a{l - 1}, {KernelOutputRows(model, l, training: false)});");
    }

    /// <summary><c>A[l] = g(Z[l])</c> in place over the layer's rows, in one call after the last sum.</summary>
    private static void WriteActivationOverRows(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Line($"// A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}]) in place, after the last sum: in the kernel's loop g's constants have the registers the inputs held");
        writer.Line($"{RuntimeNames.BatchKernels}.ActivateRows{BlockTypeArguments}({RuntimeNames.Activation}.{layer.Activation}, a{l});");
    }

    /// <summary>
    /// <c>A[l] = softmax(Z[l])</c> of an unrolled layer over a block, from the unit vectors <c>z{l}_{i}</c>: softmax
    /// is elementwise per example (lane), so it is the largest z over the units, e^(z - max) per unit, their
    /// sum, a division per unit.
    /// </summary>
    private static void WriteBatchSoftmax(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Line($"// A[{l}] = softmax(Z[{l}]) for each example (lane): e^(z - max z) / Σ_k e^(z_k - max z); subtracting the max keeps every e^x ≤ 1");
        string max = $"zmax{l}", sum = $"esum{l}";
        string lanesMax = Enumerable.Range(0, layer.Units).Select(i => $"z{l}_{i}")
            .Aggregate((left, right) => $"{RuntimeNames.VectorActivations}.MaxPropagatingNaN{BlockTypeArguments}({left}, {right})");
        writer.Line($"TVector {max} = {lanesMax};");
        for (int i = 0; i < layer.Units; i++)
            writer.Line($"TVector e{l}_{i} = {RuntimeNames.VectorActivations}.ExpOfNonPositive{BlockTypeArguments}(TLanes.Subtract(z{l}_{i}, {max}));");
        // The sum in Forward's order: there unit i sits in lane i % 4 of its group, the groups are added
        // vector by vector, and the four lanes then as (lane 0 + lane 2) + (lane 1 + lane 3).
        string LaneSum(int lane) => LaneAdd(Enumerable.Range(0, layer.Units).Where(i => i % LaneGroup.Width == lane).Select(i => $"e{l}_{i}"));
        string Pair(int first, int second) => layer.Units > second ? $"TLanes.Add({LaneSum(first)}, {LaneSum(second)})" : LaneSum(first);
        writer.Line($"TVector {sum} = {(layer.Units > 1 ? $"TLanes.Add({Pair(0, 2)}, {Pair(1, 3)})" : Pair(0, 2))};");
        for (int i = 0; i < layer.Units; i++)
            writer.Line($"TVector a{l}_{i} = TLanes.Divide(e{l}_{i}, {sum});");
    }

    /// <summary>A loop layer over a block: the runtime's register-blocked kernel, from rows to rows.</summary>
    private static void WriteBatchLoopLayer(SourceWriter writer, NetworkModel model, LayerModel layer, bool training)
    {
        int l = layer.Index;
        string input = l == 1 && model.InputCount == 1 ? "inputs.Slice(first, lanes)" : $"a{l - 1}";
        string output = KernelOutputRows(model, l, training);
        if (l == 1 && model.InputCount == 1)
            writer.Line("// A[0] = X of examples first … first + lanes - 1: one input, so the batch holds it as a row already");
        writer.Line($"// A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(W[{l}]·A[{l - 1}] + b[{l}]): {layer.Units} units × {layer.Inputs} inputs, a group of units at a time over the block's rows{(training ? $"; Z[{l}] kept for the backward pass" : "")}");
        string weights = KernelParameters(layer.Activation, layer);
        if (l == 1 && model.DeinterleavesInFirstLayer(NetworkModel.WidestBatchLanes, training))
        {
            writer.Line($"// and, in blocks of {NetworkModel.WidestBatchLanes}, the next block's examples (none after the last block) de-interleaved into nextA0, a value per step of each group's loop");
            writer.Line($"if ({WidestBlocks})");
            writer.Line($"    {RuntimeNames.BatchKernels}.ForwardAndDeinterleave{BlockTypeArguments}({weights}, {input}, {output},");
            writer.Line("        first + lanes < blocks * lanes ? inputs.Slice((first + lanes) * InputCount, lanes * InputCount) : default, nextA0);");
            writer.Line("else");
            writer.Line($"    {RuntimeNames.BatchKernels}.Forward{BlockTypeArguments}({weights}, {input}, {output});");
        }
        else
            writer.Line($"{RuntimeNames.BatchKernels}.Forward{BlockTypeArguments}({weights}, {input}, {output});");
    }
}
