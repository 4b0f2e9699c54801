using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    // PredictBatch in blocks of examples, one example per lane (NetworkModel.Batch.cs has the decisions).
    // Inside a block, unit i of an unrolled layer l is the vector local a{l}_{i} holding that unit for
    // every example of the block, and a row in memory is {lanes} floats, one per example: rows a{l} hold
    // A[l] for loop layers and wherever the batch layout has to be crossed (NetworkModel.BatchRows).

    private static string BatchMethod(int lanes) => GeneratedMembers.BatchBlock(lanes);

    /// <summary>The vector type's static class for a block of <paramref name="lanes"/> examples.</summary>
    private static string BatchVectors(int lanes) => lanes switch
    {
        16 => IntrinsicsAlias + "::Vector512",
        8 => IntrinsicsAlias + "::Vector256",
        _ => Vectors,
    };

    /// <summary>The vector type of a block of <paramref name="lanes"/> examples as comments name it: <c>Vector256</c>.</summary>
    private static string BatchVectorName(int lanes) => BatchVectors(lanes).Substring(IntrinsicsAlias.Length + 2);

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
                writer.Line($"    {BatchVectors(lanes)}.IsHardwareAccelerated ? {BatchMethod(lanes)}(inputs, outputs, m) :");
            writer.Line("    0;");
            writer.Line("for (int i = done; i < m; i++)");
            writer.Line("    Forward(inputs.Slice(i * InputCount, InputCount), outputs.Slice(i * OutputCount, OutputCount));");
        }
        writer.Line();
    }

    /// <summary>PredictBatch's block methods, one per width.</summary>
    private static void WriteBatchBlocks(SourceWriter writer, NetworkModel model)
    {
        foreach (int lanes in NetworkModel.BatchLanes)
            WriteBatchBlocks(writer, model, lanes);
    }

    /// <summary>The block method of one width: rows, then for each block the layers in order, then the outputs back in the batch layout.</summary>
    private static void WriteBatchBlocks(SourceWriter writer, NetworkModel model, int lanes)
    {
        string vectors = BatchVectors(lanes);
        writer.Line($"/// <summary>Predicts the first m - m % {lanes} examples in blocks of {lanes}, one example per lane of a {BatchVectorName(lanes)}; returns how many.</summary>");
        using (writer.Block($"private {(model.Baked ? "static " : "")}int {BatchMethod(lanes)}({ReadOnlySpan} inputs, {Span} outputs, int m)"))
        {
            writer.Line($"int blocks = m / {lanes};");
            writer.Line("if (blocks == 0)");
            writer.Line("    return 0;");
            WriteBatchRows(writer, model, lanes);
            if (!model.Baked || !model.FullyUnrolled)
                writer.Line($"{ReadOnlySpan} θ = {(model.Baked ? "Parameters" : "_parameters")};");
            bool deinterleavesInLayer1 = model.DeinterleavesInFirstLayer(lanes, training: false);
            if (deinterleavesInLayer1)
            {
                writer.Line($"// A[0] of the first block, de-interleaved: row j holds input j of examples 0 … {lanes - 1}; each block's layer 1 de-interleaves the next block's");
                writer.Line($"{RuntimeNames.BatchKernels}.Deinterleave(inputs.Slice(0, {lanes} * InputCount), InputCount, a0);");
            }
            using (writer.Block("for (int first = 0; first < blocks * " + lanes + "; first += " + lanes + ")"))
            {
                WriteBatchForwardPass(writer, model, lanes, training: false);
                if (model.OutputCount > 1)
                {
                    writer.Line();
                    writer.Line($"// {(model.ActivatesOutputsAfterBlocks ? "Z" : "Ŷ = A")}[{model.Layers.Count}], interleaved back: output i of example e at outputs[(first + e) · OutputCount + i]");
                    writer.Line($"{RuntimeNames.BatchKernels}.Interleave(a{model.Layers.Count}, OutputCount, outputs.Slice(first * OutputCount, {lanes} * OutputCount));");
                }
                if (deinterleavesInLayer1)
                {
                    writer.Line();
                    writer.Line("// Swap the rows: nextA0, which layer 1's kernel filled, is the next block's A[0], and this block's rows take the block after");
                    writer.Line($"{Span} swap = a0;");
                    writer.Line("a0 = nextA0;");
                    writer.Line("nextA0 = swap;");
                }
            }
            if (model.ActivatesOutputsAfterBlocks)
            {
                string g = ActivationEmission.Symbol(model.OutputLayer.Activation);
                writer.Line($"// Ŷ = {g}(Z[{model.Layers.Count}]) over every output of the blocks at once: independent evaluations that overlap, where in each block {g} waited on the sums");
                writer.Line($"{RuntimeNames.BatchKernels}.ActivateRows{lanes}({RuntimeNames.Activation}.{model.OutputLayer.Activation}, outputs.Slice(0, blocks * {lanes} * OutputCount));");
            }
            writer.Line($"return blocks * {lanes};");
        }
        writer.Line();
    }

    /// <summary>
    /// The forward pass of one block, shared by PredictBatch and batched training: the inputs as rows,
    /// then the layers in order. Training keeps Z of the loop layers in rows of their own and A[L] in
    /// rows (the loss reads them); prediction writes one output straight into the batch.
    /// </summary>
    private static void WriteBatchForwardPass(SourceWriter writer, NetworkModel model, int lanes, bool training)
    {
        // The block's own inputs as rows, unless layer 1's kernel de-interleaved them during the block before
        bool deinterleavesInputs = model.InputCount > 1 && !model.DeinterleavesInFirstLayer(lanes, training);
        if (deinterleavesInputs)
        {
            writer.Line($"// A[0] = X of examples first … first + {lanes - 1}, de-interleaved: row j holds input j of every example");
            writer.Line($"{RuntimeNames.BatchKernels}.Deinterleave(inputs.Slice(first * InputCount, {lanes} * InputCount), InputCount, a0);");
        }
        foreach (var layer in model.Layers)
        {
            if (layer.Index > 1 || deinterleavesInputs)
                writer.Line();
            if (model.StraightInBlock(layer.Index, training))
                WriteBatchUnrolledLayer(writer, model, layer, lanes, training);
            else
                WriteBatchLoopLayer(writer, model, layer, lanes, training);
        }
    }

    /// <summary>Declares the block's rows (<see cref="NetworkModel.BatchRows"/>): on the stack while small, else in this thread's array.</summary>
    private static void WriteBatchRows(SourceWriter writer, NetworkModel model, int lanes)
    {
        var rows = model.BatchRows(lanes).ToList();
        if (rows.Count == 0)
            return;
        if (!model.BatchRowsOnStack)
            writer.Line($"float[] rowArray = {GeneratedMembers.ThreadBatchRows} ??= new float[{model.BatchRowsPerLane * NetworkModel.WidestBatchLanes} + {RowAlignmentPadding}];");
        WriteRows(writer, rows, lanes, model.BatchRowsOnStack);
    }

    /// <summary>
    /// Declares a block's rows as spans named for what they hold (<c>a1</c>, <c>dz2</c>; <c>y</c> and <c>x</c>
    /// alone), one after the other in <c>rows</c>: <c>stackalloc</c>ed, or in the array <c>rowArray</c>
    /// declared before, from its first 64-byte boundary (<c>BatchKernels.AlignedRows</c>). Every row is a
    /// whole number of block vectors, so each starts on a vector's boundary too.
    /// </summary>
    private static void WriteRows(SourceWriter writer, IReadOnlyList<SpanCache> rows, int lanes, bool onStack)
    {
        int total = rows.Sum(row => row.Length) * lanes;
        writer.Line("// The block's rows from a 64-byte boundary, so that no vector of a row straddles two cache lines");
        writer.Line(onStack
            ? $"{Span} rows = {AlignedStackalloc(total)};"
            : $"{Span} rows = {RuntimeNames.BatchKernels}.AlignedRows(rowArray, {total});");
        int offset = 0;
        foreach (var row in rows)
        {
            string name = row.Quantity is "y" or "x" ? row.Quantity : $"{row.Quantity}{row.Layer}";
            writer.Line($"{Span} {name} = rows.Slice({offset * lanes}, {row.Length * lanes});");
            offset += row.Length;
        }
    }

    /// <summary>What a buffer for <c>BatchKernels.AlignedRows</c> holds beyond its rows.</summary>
    private const string RowAlignmentPadding = RuntimeNames.BatchKernels + ".RowAlignmentPadding";

    /// <summary><paramref name="length"/> floats on the stack from a 64-byte boundary (<c>BatchKernels.AlignedRows</c>), as an expression.</summary>
    private static string AlignedStackalloc(int length) =>
        $"{RuntimeNames.BatchKernels}.AlignedRows(stackalloc float[{length} + {RowAlignmentPadding}], {length})";

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
    private static void WriteBatchUnrolledLayer(SourceWriter writer, NetworkModel model, LayerModel layer, int lanes, bool training)
    {
        int l = layer.Index;
        string vectors = BatchVectors(lanes), vector = vectors + "<float>";
        bool twoChains = layer.Inputs >= SplitChainInputs;
        if (l == 1 || !model.StraightInBlock(l - 1, training))
        {
            writer.Line(l == 1 && model.InputCount == 1
                ? $"// A[0] = X of examples first … first + {lanes - 1}: one input, so the batch holds it as a row already"
                : $"// A[{l - 1}], one vector per {(l == 1 ? "input" : "unit")}");
            for (int j = 0; j < layer.Inputs; j++)
                writer.Line($"{vector} a{l - 1}_{j} = {vectors}.LoadUnsafe(in {(l == 1 && model.InputCount == 1 ? "inputs[first]" : $"a{l - 1}[{j * lanes}]")});");
        }
        bool elementwise = !ActivationTable.IsWholeLayer(layer.Activation);
        bool activatedAfterBlocks = l == model.Layers.Count && !training && model.ActivatesOutputsAfterBlocks;
        bool overRows = model.ActivatesOverRows(l, lanes, training);
        bool oneOutputRow = l == model.Layers.Count && model.OutputCount == 1 && !training;
        // A training block's loss reads the output layer's rows: Z[L] for a cross-entropy, stored as each unit's sum is done
        bool logitsForLoss = training && l == model.Layers.Count && model.LossReadsLogits;
        bool activationToRows = !overRows && !oneOutputRow && !logitsForLoss && (l == model.Layers.Count || model.FeedsLoopInBlock(l, training));
        string rowsFor = l < model.Layers.Count ? $"for the loop of layer {l + 1}" : training ? "for the loss" : "to interleave";
        // An elementwise g's result goes to its row as soon as it is computed, so that no unit waits in a register for the last
        bool storeEachUnit = activationToRows && elementwise;
        string activation = activatedAfterBlocks ? $" ({ActivationEmission.Symbol(layer.Activation)} after the last block)"
            : overRows ? " into its rows"
            : storeEachUnit ? $",  A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}]) into its rows {rowsFor}"
            : elementwise ? $",  A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}])" : "";
        if (logitsForLoss)
            activation = overRows ? " into its rows for the loss, and into A's for g" : $" into its rows for the loss{activation}";
        writer.Line(twoChains
            ? $"// Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}]{activation}: one vector per unit, each weight broadcast; even and odd inputs summed apart"
            : $"// Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}]{activation}: one vector per unit, each weight broadcast");
        for (int i = 0; i < layer.Units; i++)
        {
            string z = $"z{l}_{i}", odd = z + "_odd";
            writer.Line($"{vector} {z} = {vectors}.Create({Parameter(model, layer.Bias(i))});");
            for (int j = 0; j < layer.Inputs; j++)
            {
                string weight = $"{vectors}.Create({Parameter(model, layer.Weight(i, j))})", input = $"a{l - 1}_{j}";
                string chain = twoChains && j % 2 == 1 ? odd : z;
                writer.Line(twoChains && j == 1
                    ? $"{vector} {odd} = {weight} * {input};"
                    : $"{chain} = {BatchMultiplyAdd(model, vectors, weight, input, chain)};");
            }
            if (twoChains)
                writer.Line($"{z} += {odd};");
            if (logitsForLoss)
                writer.Line($"{vectors}.StoreUnsafe({z}, ref z{l}[{i * lanes}]);");
            if (overRows)
                writer.Line($"{vectors}.StoreUnsafe({z}, ref a{l}[{i * lanes}]);");
            else if (elementwise && !activatedAfterBlocks) // each unit's g right after its sum, so that few sums wait in registers
                writer.Line($"{vector} a{l}_{i} = {ActivationEmission.Value(layer.Activation, z)};");
            if (storeEachUnit)
                writer.Line($"{vectors}.StoreUnsafe({(activatedAfterBlocks ? z : $"a{l}_{i}")}, ref a{l}[{i * lanes}]);");
        }
        if (overRows)
        {
            writer.Line($"// A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}]) in place, after the last sum: in the kernel's loop g's constants have the registers the inputs held");
            writer.Line($"{RuntimeNames.BatchKernels}.ActivateRows{lanes}({RuntimeNames.Activation}.{layer.Activation}, a{l});");
            bool nextReads = l < model.Layers.Count && model.StraightInBlock(l + 1, training);
            if (nextReads || training)
            {
                writer.Line(training ? $"// A[{l}], one vector per unit, for {(nextReads ? $"layer {l + 1} and " : "")}the backward pass" : $"// A[{l}], one vector per unit, for layer {l + 1}");
                for (int i = 0; i < layer.Units; i++)
                    writer.Line($"{vector} a{l}_{i} = {vectors}.LoadUnsafe(in a{l}[{i * lanes}]);");
            }
        }
        else if (!elementwise)
            WriteBatchSoftmax(writer, layer, vectors);
        if (oneOutputRow)
        {
            writer.Line(activatedAfterBlocks
                ? $"// Z[{l}]: one output, so the block's outputs are one row of the batch"
                : $"// Ŷ = A[{l}]: one output, so the block's outputs are one row of the batch");
            writer.Line($"{vectors}.StoreUnsafe({(activatedAfterBlocks ? $"z{l}_0" : $"a{l}_0")}, ref outputs[first]);");
        }
        else if (activationToRows && !storeEachUnit)
        {
            writer.Line($"// A[{l}] into rows, {rowsFor}");
            for (int i = 0; i < layer.Units; i++)
                writer.Line($"{vectors}.StoreUnsafe(a{l}_{i}, ref a{l}[{i * lanes}]);");
        }
    }

    /// <summary>
    /// <c>A[l] = softmax(Z[l])</c> of an unrolled layer over a block, from the unit vectors <c>z{l}_{i}</c>: softmax
    /// is elementwise per example (lane), so it is the largest z over the units, e^(z - max) per unit, their
    /// sum, a division per unit.
    /// </summary>
    private static void WriteBatchSoftmax(SourceWriter writer, LayerModel layer, string vectors)
    {
        int l = layer.Index;
        string vector = vectors + "<float>";
        writer.Line($"// A[{l}] = softmax(Z[{l}]) for each example (lane): e^(z - max z) / Σ_k e^(z_k - max z); subtracting the max keeps every e^x ≤ 1");
        string max = $"zmax{l}", sum = $"esum{l}";
        string lanesMax = Enumerable.Range(0, layer.Units).Select(i => $"z{l}_{i}")
            .Aggregate((left, right) => $"{RuntimeNames.VectorActivations}.MaxPropagatingNaN({left}, {right})");
        writer.Line($"{vector} {max} = {lanesMax};");
        for (int i = 0; i < layer.Units; i++)
            writer.Line($"{vector} e{l}_{i} = {RuntimeNames.VectorActivations}.ExpOfNonPositive(z{l}_{i} - {max});");
        // The sum in Forward's order: there unit i sits in lane i % 4 of its group, the groups are added
        // vector by vector, and the four lanes then as (lane 0 + lane 2) + (lane 1 + lane 3).
        string LaneSum(int lane)
        {
            var terms = Enumerable.Range(0, layer.Units).Where(i => i % LaneGroup.Width == lane).Select(i => $"e{l}_{i}").ToList();
            return terms.Count == 1 ? terms[0] : $"({string.Join(" + ", terms)})";
        }
        string Pair(int first, int second) => layer.Units > second ? $"({LaneSum(first)} + {LaneSum(second)})" : LaneSum(first);
        writer.Line($"{vector} {sum} = {Pair(0, 2)} + {Pair(1, 3)};");
        for (int i = 0; i < layer.Units; i++)
            writer.Line($"{vector} a{l}_{i} = e{l}_{i} / {sum};");
    }

    /// <summary>A loop layer over a block: the runtime's register-blocked kernel, from rows to rows.</summary>
    private static void WriteBatchLoopLayer(SourceWriter writer, NetworkModel model, LayerModel layer, int lanes, bool training)
    {
        int l = layer.Index;
        string input = l == 1 && model.InputCount == 1 ? $"inputs.Slice(first, {lanes})" : $"a{l - 1}";
        string output = l == model.Layers.Count && model.OutputCount == 1 && !training ? $"outputs.Slice(first, {lanes})" : training ? $"z{l}, a{l}" : $"a{l}";
        if (l == 1 && model.InputCount == 1)
            writer.Line($"// A[0] = X of examples first … first + {lanes - 1}: one input, so the batch holds it as a row already");
        writer.Line($"// A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(W[{l}]·A[{l - 1}] + b[{l}]): {layer.Units} units × {layer.Inputs} inputs, eight units at a time over the block's rows{(training ? $"; Z[{l}] kept for the backward pass" : "")}");
        string weights = $"{RuntimeNames.Activation}.{layer.Activation}, θ.Slice({layer.WeightOffset}, {layer.WeightCount}), θ.Slice({layer.BiasOffset}, {layer.Units})";
        if (l == 1 && model.DeinterleavesInFirstLayer(lanes, training))
        {
            writer.Line($"// and meanwhile the next block's examples (none after the last block) de-interleaved into nextA0, a value per step of each group's loop");
            writer.Line($"{RuntimeNames.BatchKernels}.ForwardAndDeinterleave{lanes}({weights}, {input}, {output},");
            writer.Line($"    first + {lanes} < blocks * {lanes} ? inputs.Slice((first + {lanes}) * InputCount, {lanes} * InputCount) : default, nextA0);");
        }
        else
            writer.Line($"{RuntimeNames.BatchKernels}.Forward{lanes}({weights}, {input}, {output});");
    }

    /// <summary><c>a·b + c</c> of block vectors, fused: the intrinsic on .NET 9 and later, else GenNet's.</summary>
    private static string BatchMultiplyAdd(NetworkModel model, string vectors, string a, string b, string c) =>
        $"{(model.IntrinsicFusedMultiplyAdd ? vectors : RuntimeNames.Kernels)}.FusedMultiplyAdd({a}, {b}, {c})";
}
