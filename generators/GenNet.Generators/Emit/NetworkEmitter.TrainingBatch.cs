using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    // Batched training (NetworkModel.TrainingBatch.cs has the decisions): blocks of examples, one per lane,
    // forward as PredictBatch runs them and backward through the same vector locals and rows. Inside a
    // block, dz{l}_{i} is unit i's dZ for every example of the block; ref g is the first of the lane sums,
    // where parameter p of the written-out layers sums its gradient in floats p·lanes … p·lanes + lanes - 1.

    /// <summary>
    /// The block method of batched training, generic over the width like PredictBatch's (and called for
    /// <see cref="NetworkModel.TrainingBatchLanes"/> lanes): its rows and lane sums, then per block the
    /// forward pass, the loss and <c>dZ[L]</c>, and the layers backward; after the last block the lane sums
    /// added into the gradient sum. Then the arrays it needs where the stack is too small.
    /// </summary>
    private static void WriteTrainingBlocks(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <summary>Forward and backward propagation of the first m examples (whole blocks of lanes = TLanes.Count, one example per lane of a TVector): adds Σ_i dZ[l]·A[l-1]ᵀ and Σ_i dZ[l] into <paramref name=\"sum\"/>, returns the loss summed over the examples.</summary>");
        using (BlockMethod(writer, $"private float {GeneratedMembers.TrainingBlock}{BlockTypeArguments}({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int m, {Span} sum)"))
        {
            writer.Line("int lanes = TLanes.Count;");
            WriteTrainingRows(writer, model);
            WriteLaneSums(writer, model);
            writer.Line($"{ReadOnlySpan} θ = _parameters;");
            WriteFirstParameter(writer, model, training: true);
            writer.Line("float totalLoss = 0f;");
            using (writer.Block("for (int first = 0; first < m; first += lanes)"))
            {
                WriteBatchForwardPass(writer, model, training: true);
                writer.Line();
                WriteBatchLossAndOutputError(writer, model);
                for (int index = model.Layers.Count - 1; index >= 0; index--)
                {
                    var layer = model.Layers[index];
                    writer.Line();
                    WriteBatchParameterGradients(writer, model, layer);
                    if (index > 0)
                    {
                        writer.Line();
                        WriteBatchHiddenError(writer, model, model.Layers[index - 1], layer);
                    }
                }
            }
            foreach (var run in StraightRuns(model))
            {
                var (first, last) = (run[0], run[run.Count - 1]);
                int count = last.BiasOffset + last.Units - first.WeightOffset;
                writer.Line(run.Count == 1
                    ? $"// Σ dW[{first.Index}] and Σ db[{first.Index}] added across the lanes into the gradient sum"
                    : $"// Σ dW[l] and Σ db[l] of layers {first.Index} to {last.Index} added across the lanes into the gradient sum");
                int offset = model.LaneSumOffset(first);
                writer.Line($"{RuntimeNames.BatchKernels}.AddLaneSums{BlockTypeArguments}(laneSums.Slice({(offset == 0 ? "0" : RowsLength(offset))}, {RowsLength(count)}), sum.Slice({first.WeightOffset}, {count}));");
            }
            writer.Line("return totalLoss;");
        }
        writer.Line();
        WriteTrainingArrays(writer, model);
    }

    /// <summary>
    /// The layers that are straight-line code in a training block, in runs of consecutive layers: the parameters of a run lie together both in
    /// the parameter layout and among the lane sums, so one call adds a run's lane sums.
    /// </summary>
    private static List<List<LayerModel>> StraightRuns(NetworkModel model)
    {
        var runs = new List<List<LayerModel>>();
        foreach (var layer in model.Layers.Where(layer => model.StraightInTrainingBlock(layer.Index)))
        {
            if (runs.Count > 0 && runs[runs.Count - 1][runs[runs.Count - 1].Count - 1].Index == layer.Index - 1)
                runs[runs.Count - 1].Add(layer);
            else
                runs.Add([layer]);
        }
        return runs;
    }

    /// <summary>Declares a training block's rows (<see cref="NetworkModel.TrainingBatchRows"/>): on the stack while small, else in the instance's array.</summary>
    private static void WriteTrainingRows(SourceWriter writer, NetworkModel model)
    {
        var rows = model.TrainingBatchRows().ToList();
        if (rows.Count == 0)
            return;
        if (!model.TrainingBatchRowsOnStack)
            writer.Line($"float[] rowArray = {GeneratedMembers.TrainingRows} ??= new float[{RowsLength(model.TrainingBatchRowsPerLane)} + {RowAlignmentPadding}];");
        WriteRows(writer, rows, model.TrainingBatchRowsOnStack);
    }

    /// <summary>
    /// Declares the lane sums of the written-out layers' gradients on the stack (<see cref="NetworkModel.LaneSummedParameters"/>),
    /// zeroed, <c>g</c>, a reference to the first, and <c>stride</c>, the floats of each.
    /// </summary>
    private static void WriteLaneSums(SourceWriter writer, NetworkModel model)
    {
        if (model.LaneSummedParameters == 0)
            return;
        writer.Line("// Σ dW[l] and Σ db[l] of the layers written out below, lane by lane: parameter p of them in floats p·lanes … p·lanes + lanes - 1");
        writer.Line($"{Span} laneSums = {AlignedStackalloc(model.LaneSummedParameters)};");
        writer.Line("laneSums.Clear();");
        writer.Line($"ref float g = ref {SystemNames.MemoryMarshal}.GetReference(laneSums);");
        writer.Line("nuint stride = (nuint)lanes;");
    }

    /// <summary>The instance's array for training blocks whose rows do not fit on the stack.</summary>
    private static void WriteTrainingArrays(SourceWriter writer, NetworkModel model)
    {
        if (!model.TrainingBatchRowsOnStack)
        {
            writer.Line($"/// <summary>The rows of a training block ({model.TrainingBatchRowsPerLane} per example of a block: too many for the stack), allocated on the first batch of a block or more.</summary>");
            writer.Line($"private float[]? {GeneratedMembers.TrainingRows};");
            writer.Line();
        }
    }

    /// <summary>
    /// The block's targets as rows, the loss of its examples, and <c>dZ[L] = A[L] - Y</c> (times
    /// <c>g'(Z[L])</c> where the loss and output need the chain rule): vector locals for a written-out output
    /// layer, rows for a loop one.
    /// </summary>
    private static void WriteBatchLossAndOutputError(SourceWriter writer, NetworkModel model)
    {
        var output = model.OutputLayer;
        int L = output.Index;
        var loss = LossTable.Of(model.Loss);
        if (model.OutputCount > 1)
        {
            writer.Line($"// Y of the block, de-interleaved: row i holds target i of every example");
            writer.Line($"{RuntimeNames.BatchKernels}.Deinterleave(targets.Slice(first * OutputCount, lanes * OutputCount), OutputCount, y);");
        }
        else
        {
            writer.Line("// Y of the block: one output, so the batch holds the targets as a row already");
            writer.Line($"{ReadOnlySpan} y = targets.Slice(first, lanes);");
        }
        writer.Line($"// {loss.Equation}, summed over the block's examples and output units");
        writer.Line($"totalLoss += {RuntimeNames.LossKernels}.SumOfRows({RuntimeNames.Loss}.{model.Loss}, {LossInput(model)}{L}, y, OutputCount);");
        bool chain = model.OutputErrorNeedsDerivative;
        writer.Line(chain ? $"// dZ[{L}] = (A[{L}] - Y) ∗ g'(Z[{L}])" : $"// dZ[{L}] = A[{L}] - Y");
        if (!model.StraightInTrainingBlock(L))
        {
            writer.Line($"{RuntimeNames.LossKernels}.OutputError({RuntimeNames.Loss}.{model.Loss}, {RuntimeNames.Activation}.{output.Activation}, z{L}, a{L}, y, dz{L});");
            return;
        }
        for (int i = 0; i < output.Units; i++)
        {
            string error = $"TLanes.Subtract(a{L}_{i}, TLanes.LoadRow(y, {i}))";
            string? derivative = chain ? ActivationEmission.Derivative(output.Activation, $"z{L}_{i}", $"a{L}_{i}", BlockTypeArguments) : null;
            writer.Line($"TVector dz{L}_{i} = {(derivative is not null ? $"TLanes.Multiply({error}, {derivative})" : error)};");
        }
    }

    /// <summary>
    /// The block's share of <c>Σ dW[l] = Σ_i dZ[l]·A[l-1]ᵀ</c> and <c>Σ db[l] = Σ_i dZ[l]</c>: for an
    /// written-out layer one multiply-add per weight into its lane sums; for any other the kernel that adds
    /// the block's sums into the gradient sum, reading A[l-1] example by example.
    /// </summary>
    private static void WriteBatchParameterGradients(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        if (!model.StraightInTrainingBlock(l))
        {
            string examples = l == 1 ? "inputs.Slice(first * InputCount, lanes * InputCount)" : $"x.Slice(0, {RowsLength(layer.Inputs)})";
            writer.Line(l == 1
                ? $"// Σ dW[{l}] += dZ[{l}]·A[{l - 1}]ᵀ,  Σ db[{l}] += dZ[{l}] over the block, into the gradient sum; A[0] is read in the batch layout"
                : $"// Σ dW[{l}] += dZ[{l}]·A[{l - 1}]ᵀ,  Σ db[{l}] += dZ[{l}] over the block, into the gradient sum; A[{l - 1}] interleaved back to the batch layout first");
            if (l > 1)
                writer.Line($"{RuntimeNames.BatchKernels}.Interleave(a{l - 1}, {layer.Inputs}, {examples});");
            writer.Line($"{RuntimeNames.BatchKernels}.AccumulateGradients{BlockTypeArguments}(dz{l}, {examples}, sum.Slice({layer.WeightOffset}, {layer.WeightCount}), sum.Slice({layer.BiasOffset}, {layer.Units}));");
            return;
        }
        int offset = model.LaneSumOffset(layer);
        string Offset(int parameter) => parameter switch { 0 => "0", 1 => "stride", _ => $"{parameter} * stride" };
        writer.Line($"// Σ dW[{l}] += dZ[{l}]·A[{l - 1}]ᵀ,  Σ db[{l}] += dZ[{l}], lane by lane");
        for (int i = 0; i < layer.Units; i++)
        {
            for (int j = 0; j < layer.Inputs; j++)
                writer.Line($"TLanes.AccumulateProduct(dz{l}_{i}, a{l - 1}_{j}, ref g, {Offset(offset + i * layer.Inputs + j)});");
            writer.Line($"TLanes.Accumulate(dz{l}_{i}, ref g, {Offset(offset + layer.WeightCount + i)});");
        }
    }

    /// <summary>
    /// <c>dZ[l] = W[l+1]ᵀ·dZ[l+1] ∗ g'(Z[l])</c> for the layer below <paramref name="next"/>: with a written-out
    /// <paramref name="next"/>, a sum over its units with each weight broadcast; with a loop one, its kernel
    /// from row to row. A written-out layer keeps the result in vector locals, any other in its rows.
    /// </summary>
    private static void WriteBatchHiddenError(SourceWriter writer, NetworkModel model, LayerModel layer, LayerModel next)
    {
        int l = layer.Index;
        writer.Line($"// dZ[{l}] = W[{l + 1}]ᵀ·dZ[{l + 1}] ∗ g'(Z[{l}])");
        bool straight = model.StraightInTrainingBlock(l);
        string? Derivative(int j) => ActivationEmission.Derivative(layer.Activation, $"z{l}_{j}", $"a{l}_{j}", BlockTypeArguments);
        if (model.StraightInTrainingBlock(next.Index))
        {
            for (int j = 0; j < layer.Units; j++)
            {
                string dz = $"dz{l}_{j}";
                writer.Line($"TVector {dz} = {WeightMultiply(model, next.Weight(0, j), $"dz{l + 1}_0")};");
                for (int i = 1; i < next.Units; i++)
                    writer.Line($"{dz} = {WeightMultiplyAdd(model, next.Weight(i, j), $"dz{l + 1}_{i}", dz)};");
                if (!straight)
                    writer.Line($"TLanes.StoreRow({dz}, dz{l}, {j});");
                else if (Derivative(j) is { } derivative)
                    writer.Line($"{dz} = TLanes.Multiply({dz}, {derivative});");
            }
            if (!straight)
                WriteMultiplyByDerivativeOfSpans(writer, layer);
            return;
        }

        writer.Line($"{RuntimeNames.BatchKernels}.Backpropagate{BlockTypeArguments}(θ.Slice({next.WeightOffset}, {next.WeightCount}), dz{l + 1}, dz{l});");
        if (!straight)
        {
            WriteMultiplyByDerivativeOfSpans(writer, layer);
            return;
        }
        for (int j = 0; j < layer.Units; j++)
        {
            string backpropagated = $"TLanes.LoadRow(dz{l}, {j})";
            writer.Line($"TVector dz{l}_{j} = {(Derivative(j) is { } derivative ? $"TLanes.Multiply({backpropagated}, {derivative})" : backpropagated)};");
        }
    }
}
