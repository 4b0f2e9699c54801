using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    /// <summary>
    /// Forward and backward propagation over the batch: whole blocks of examples through the block
    /// methods (NetworkEmitter.TrainingBatch.cs) where the hardware has wide vectors, and the examples
    /// past the last block one at a time, summing each example's <c>dZ[l]·A[l-1]ᵀ</c> and <c>dZ[l]</c>:
    /// for unrolled layers in vector locals, stored into the gradient sum once after the batch; for loop
    /// layers straight into the gradient sum. An example's caches are locals (unrolled layers) or small
    /// spans (loop layers), reused from one example to the next.
    /// </summary>
    /// <remarks>
    /// The single examples run first because they store the unrolled layers' sums, which the blocks then
    /// add to. Only intrinsics (loads, stores, lane extraction) touch the sum at the end: a long method
    /// runs out of the JIT's inlining budget, and a helper call per row would then stay a call.
    /// </remarks>
    private static void WriteBackpropagate(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <summary>Forward and backward propagation over the batch: Σ_i dZ[l]·A[l-1]ᵀ and Σ_i dZ[l] into <paramref name=\"sum\"/> (zeroed by the caller), returns the cost J.</summary>");
        if (model.StepsFromRegisters)
        {
            writer.Line("/// <remarks>");
            writer.Line("/// With <paramref name=\"stepsParameters\"/> (TrainStep with fewer examples than a block, so that every one goes one at a time),");
            writer.Line("/// the step θ += <paramref name=\"stepScale\"/> · Σ instead, from the registers that hold the sums, and <paramref name=\"sum\"/> is not touched.");
            writer.Line("/// </remarks>");
        }
        string stepParameters = model.StepsFromRegisters ? ", bool stepsParameters, float stepScale" : "";
        using (writer.Block($"private float Backpropagate({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int m, {Span} sum{stepParameters})"))
        {
            int lanes = NetworkModel.TrainingBatchLanes;
            writer.Line("// The examples past the last whole block first, one at a time; then the whole blocks of");
            writer.Line($"// {lanes} examples, one per lane of a {BatchVectorName(lanes)}, where the hardware accelerates it (the JIT folds the test to a constant)");
            writer.Line($"int blocked = {BatchVectors(lanes)}.IsHardwareAccelerated ? m - m % {lanes} : 0;");
            writer.Line();
            WriteBuffers(writer, model, training: true);
            WriteParameterSpan(writer, model);
            var unrolled = model.Layers.Where(layer => layer.Unrolled).ToList();
            if (unrolled.Count > 0)
            {
                writer.Line("// Σ_i dW[l] and Σ_i db[l] of the unrolled layers, four weights or biases per vector");
                foreach (var piece in unrolled.SelectMany(GradientSumPieces))
                    writer.Line($"{Vector} {piece.Name} = {Vectors}.Create(0f);");
                writer.Line();
            }
            writer.Line("float totalLoss = 0f;");
            if (model.DefersLoss)
            {
                writer.Line($"// {LossInputSymbol(model)}[{model.OutputLayer.Index}] of the examples taken one at a time, kept until their loss is summed after their gradients,");
                writer.Line("// which then stay in registers: the loss may be a call (cross-entropy's logarithm), and a call saves every vector register");
                writer.Line($"{GeneratedMembers.PendingOutputBuffer} {PendingOutputs} = default;");
                writer.Line("int pending = 0;");
            }
            using (writer.Block("for (int i = blocked; i < m; i++)"))
            {
                writer.Line($"{ReadOnlySpan} x = inputs.Slice(i * InputCount, InputCount);");
                writer.Line($"{ReadOnlySpan} y = targets.Slice(i * OutputCount, OutputCount);");
                writer.Line();
                WriteForwardPass(writer, model);
                writer.Line();
                WriteLossAndOutputError(writer, model);
                for (int index = model.Layers.Count - 1; index >= 0; index--)
                {
                    var layer = model.Layers[index];
                    writer.Line();
                    WriteParameterGradients(writer, model, layer);
                    if (index > 0)
                    {
                        writer.Line();
                        WriteHiddenError(writer, model, model.Layers[index - 1], layer);
                    }
                }
                if (model.DefersLoss)
                    WritePendingLossInLoop(writer, model, lanes);
            }
            if (model.StepsFromRegisters)
                WriteStepFromRegisters(writer, model, unrolled);
            else
                WriteGradientSumStores(writer, unrolled);
            if (model.DefersLoss)
            {
                writer.Line("// The loss of the examples still waiting, the last ones taken one at a time, now that nothing waits for it");
                WritePendingLoss(writer, model, "m - pending");
            }
            writer.Line("if (blocked > 0)");
            writer.Line($"    totalLoss += {GeneratedMembers.TrainingBlock}{BlockTypeArgumentsOf(NetworkModel.TrainingBatchLanes)}(inputs, targets, blocked, sum);");
            if (model.StepsFromRegisters)
            {
                writer.Line("// J = (1/m) Σ_i L(ŷ(i), y(i)); a gradient that is not finite took no step, and NonFiniteGradient says why");
                writer.Line($"return finite ? totalLoss / m : {RuntimeNames.NetworkArgument}.NonFiniteGradient(inputs, targets, totalLoss / m);");
            }
            else
            {
                writer.Line("// J = (1/m) Σ_i L(ŷ(i), y(i))");
                writer.Line("return totalLoss / m;");
            }
        }
        writer.Line();
    }

    /// <summary>Stores the unrolled layers' gradient sums into <c>sum</c>, layer by layer (<see cref="WriteGradientSumStores(SourceWriter, LayerModel)"/>).</summary>
    private static void WriteGradientSumStores(SourceWriter writer, IEnumerable<LayerModel> unrolled)
    {
        foreach (var layer in unrolled)
        {
            writer.Line($"// Σ dW[{layer.Index}] (row-major) and Σ db[{layer.Index}] into the gradient sum");
            WriteGradientSumStores(writer, layer);
        }
    }

    /// <summary>
    /// The end of the one-at-a-time examples where the gradient sums stay in registers (<see cref="NetworkModel.StepsFromRegisters"/>):
    /// for TrainStep's step, the sums checked finite (every real lane) and, if they are, added into the parameters
    /// from the registers, <c>θ += stepScale · Σ</c> with one rounding each, piece by piece as
    /// <see cref="WriteGradientSumStores(SourceWriter, LayerModel)"/> would have stored them; otherwise stored into the gradient sum.
    /// </summary>
    private static void WriteStepFromRegisters(SourceWriter writer, NetworkModel model, IReadOnlyList<LayerModel> unrolled)
    {
        var pieces = unrolled.SelectMany(GradientSumPieces).ToList();
        writer.Line("bool finite = true;");
        using (writer.Block("if (stepsParameters)"))
        {
            writer.Line("// W := W - α dW,  b := b - α db (stepScale = -α/m) from the registers, once every sum is known to be finite:");
            writer.Line("// x - x is 0 for a finite x and NaN for the others, and any NaN makes the total NaN");
            string Check((string Name, int Start, int Stride, int Count) piece) => piece.Count == LaneGroup.Width
                ? $"({piece.Name} - {piece.Name})"
                : $"{Vectors}.ConditionalSelect({Vectors}.AsSingle({Vectors}.Create({string.Join(", ", Enumerable.Range(0, LaneGroup.Width).Select(lane => lane < piece.Count ? "-1" : "0"))})), {piece.Name} - {piece.Name}, {Vectors}.Create(0f))";
            writer.Line($"{Vector} nanIfNotFinite = {string.Join(" + ", pieces.Select(Check))};");
            writer.Line($"finite = nanIfNotFinite == {Vectors}.Create(0f);");
            using (writer.Block("if (finite)"))
            {
                writer.Line($"{Span} parameters = _parameters;");
                if (pieces.Any(piece => FillsVector(piece.Stride, piece.Count)))
                    writer.Line($"{Vector} scale = {Vectors}.Create(stepScale);");
                foreach (var layer in unrolled)
                    WriteStepOfLayer(writer, model, layer);
            }
        }
        using (writer.Block("else"))
            WriteGradientSumStores(writer, unrolled);
    }

    /// <summary>
    /// <c>θ += stepScale · Σ</c> for one unrolled layer's gradient-sum pieces: a vector's load, fused multiply-add
    /// and store where the piece is four contiguous parameters, the interleaved pair of columns of a two-input
    /// layer in one call (<c>Kernels.AddScaledInterleaved</c>), else lane by lane.
    /// </summary>
    private static void WriteStepOfLayer(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        writer.Line($"// W[{layer.Index}] += scale · Σ dW[{layer.Index}],  b[{layer.Index}] += scale · Σ db[{layer.Index}]");
        ForEachGradientSumPiece(layer,
            (even, odd) => writer.Line($"{RuntimeNames.Kernels}.AddScaledInterleaved({even.Name}, {odd.Name}, stepScale, parameters, {even.Start});"),
            piece =>
            {
                if (FillsVector(piece.Stride, piece.Count))
                {
                    writer.Line($"{Vectors}.StoreUnsafe({MultiplyAdd(model, piece.Name, "scale", $"{Vectors}.LoadUnsafe(ref parameters[{piece.Start}])")}, ref parameters[{piece.Start}]);");
                    return;
                }
                for (int lane = 0; lane < piece.Count; lane++)
                {
                    int index = piece.Start + lane * piece.Stride;
                    writer.Line($"parameters[{index}] = {SystemNames.MathF}.FusedMultiplyAdd({Vectors}.GetElement({piece.Name}, {lane}), stepScale, parameters[{index}]);");
                }
            });
    }

    /// <summary>
    /// Stores an unrolled layer's gradient sums into <c>sum</c>, each piece as <see cref="StoreLanes(SourceWriter, string, string, int, int, int, string?)"/>
    /// writes it, except the two columns of a full group of four units where the layer interleaves them
    /// (<see cref="LayerModel.InterleavesGradientColumns"/>): eight weights together, in two vector stores.
    /// </summary>
    private static void WriteGradientSumStores(SourceWriter writer, LayerModel layer) =>
        ForEachGradientSumPiece(layer,
            (even, odd) => writer.Line($"{RuntimeNames.Kernels}.StoreInterleaved({even.Name}, {odd.Name}, sum, {even.Start});"),
            piece => StoreLanes(writer, piece.Name, "sum", piece.Start, piece.Stride, piece.Count));

    /// <summary>
    /// An unrolled layer's gradient-sum pieces (<see cref="GradientSumPieces"/>) as they go to memory: the two columns of
    /// a full group of four units together where the layer interleaves them (<see cref="LayerModel.InterleavesGradientColumns"/>),
    /// every other piece alone.
    /// </summary>
    private static void ForEachGradientSumPiece(LayerModel layer, Action<(string Name, int Start, int Stride, int Count), (string Name, int Start, int Stride, int Count)> columnPair,
        Action<(string Name, int Start, int Stride, int Count)> alone)
    {
        var pieces = GradientSumPieces(layer).ToList();
        for (int p = 0; p < pieces.Count; p++)
        {
            var piece = pieces[p];
            bool pair = layer.InterleavesGradientColumns && piece.Stride == layer.Inputs && piece.Count == LaneGroup.Width
                && p + 1 < pieces.Count && pieces[p + 1].Start == piece.Start + 1 && pieces[p + 1].Stride == layer.Inputs;
            if (pair)
            {
                columnPair(piece, pieces[p + 1]);
                p++;
            }
            else
                alone(piece);
        }
    }

    /// <summary>
    /// The inline array of the outputs whose loss is pending, indexed as it is: a span over it would
    /// hold two more registers across the whole loop (measured while 8-16-1 still kept its outputs:
    /// <c>TrainStep</c> with m = 1 took 159 ns with a span, 142 without, its gradient sums spilling more).
    /// </summary>
    private const string PendingOutputs = "pendingOutputs";

    /// <summary>
    /// The end of an example taken one at a time whose loss waits: one more pending, and their loss
    /// summed when the kept outputs are full (which, where every leftover fits, happens only without the
    /// blocks' vectors, a test the JIT folds).
    /// </summary>
    private static void WritePendingLossInLoop(SourceWriter writer, NetworkModel model, int lanes)
    {
        int pendingExamples = model.PendingLossExamples;
        writer.Line();
        writer.Line("pending++;");
        string flush;
        if (model.PendingLossHoldsEveryLeftover)
        {
            writer.Line($"// With the blocks' vectors fewer than {lanes} examples come here, and their loss waits for the end (the JIT drops");
            writer.Line($"// this test and its call); without them every example does, and their loss is summed {pendingExamples} at a time");
            flush = $"if (!{BatchVectors(lanes)}.IsHardwareAccelerated && pending == {pendingExamples})";
        }
        else
        {
            writer.Line($"// The loss of every {pendingExamples} examples (the outputs of more would not fit the stack)");
            flush = $"if (pending == {pendingExamples})";
        }
        using (writer.Block(flush))
        {
            WritePendingLoss(writer, model, "i + 1 - pending");
            writer.Line("pending = 0;");
        }
    }

    /// <summary>
    /// Adds the loss of the <c>pending</c> examples whose outputs wait, the first of them example
    /// <paramref name="firstExample"/>: one call for all of them (<c>LossKernels.Sum</c>, which takes them
    /// example after example, as they are kept).
    /// </summary>
    private static void WritePendingLoss(SourceWriter writer, NetworkModel model, string firstExample)
    {
        var loss = LossTable.Of(model.Loss);
        writer.Line($"// {loss.Equation}, summed over the examples and their output units");
        writer.Line($"totalLoss += {RuntimeNames.LossKernels}.Sum({RuntimeNames.Loss}.{model.Loss}, (({Span}){PendingOutputs}).Slice(0, pending * OutputCount), " +
                    $"targets.Slice(({firstExample}) * OutputCount, pending * OutputCount), OutputCount);");
    }

    /// <summary>
    /// The output layer's quantity that the loss reads (<see cref="NetworkModel.LossReadsLogits"/>): <c>z</c>,
    /// the logits, for a cross-entropy, <c>a</c> for squared error; the prefix of its locals and spans.
    /// </summary>
    private static string LossInput(NetworkModel model) => model.LossReadsLogits ? "z" : "a";

    /// <summary><see cref="LossInput"/> as the equation comments write it: <c>Z</c> or <c>A</c>.</summary>
    private static string LossInputSymbol(NetworkModel model) => model.LossReadsLogits ? "Z" : "A";

    /// <summary>
    /// The example's loss, or its output kept for the loss (<see cref="NetworkModel.DefersLoss"/>), and
    /// <c>dZ[L] = A[L] - Y</c>: exact for cross-entropy after a sigmoid and squared error after a
    /// linear output; squared error after any other output multiplies by <c>g'(Z[L])</c>. The loss reads
    /// <c>Z[L]</c> or <c>A[L]</c> (<see cref="LossInput"/>): unit by unit where it is a sum over units, else
    /// (categorical cross-entropy) the example's span of logits.
    /// </summary>
    private static void WriteLossAndOutputError(SourceWriter writer, NetworkModel model)
    {
        var output = model.OutputLayer;
        int L = output.Index;
        bool chain = model.OutputErrorNeedsDerivative;
        var loss = LossTable.Of(model.Loss);
        string input = LossInput(model);
        writer.Line(model.DefersLoss ? $"// {LossInputSymbol(model)}[{L}] kept for the loss" : $"// {loss.Equation}, summed over the output units");

        if (output.Unrolled)
        {
            foreach (var group in LaneGroup.Of(output.Units))
            {
                if (model.DefersLoss)
                    StoreLanes(writer, Lanes(input, L, group), PendingOutputs, group, "pending * OutputCount");
                else if (model.StoresLogitsForLoss)
                    StoreLanes(writer, Lanes(input, L, group), $"{input}{L}", group);
                else
                    for (int lane = 0; lane < group.Count; lane++)
                        writer.Line($"totalLoss += {RuntimeNames.LossFunctions}.{loss.Function}({Vectors}.GetElement({Lanes(input, L, group)}, {lane}), y[{group.First + lane}]);");
            }
            if (model.StoresLogitsForLoss)
                writer.Line($"totalLoss += {RuntimeNames.LossFunctions}.{loss.Function}({input}{L}, y);");
            writer.Line();
            writer.Line(chain ? $"// dZ[{L}] = (A[{L}] - Y) ∗ g'(Z[{L}])" : $"// dZ[{L}] = A[{L}] - Y");
            foreach (var group in LaneGroup.Of(output.Units))
            {
                string error = $"{Lanes("a", L, group)} - {LoadLanes("y", group)}";
                string? derivative = chain ? ActivationEmission.Derivative(output.Activation, Lanes("z", L, group), Lanes("a", L, group)) : null;
                writer.Line($"{Vector} {Lanes("dz", L, group)} = {(derivative is not null ? $"({error}) * {derivative}" : error)};");
            }
            return;
        }

        if (model.DefersLoss)
        {
            writer.Line($"{input}{L}.CopyTo((({Span}){PendingOutputs}).Slice(pending * OutputCount));");
            writer.Line();
        }
        else if (!loss.PerUnit)
        {
            writer.Line($"totalLoss += {RuntimeNames.LossFunctions}.{loss.Function}({input}{L}, y);");
            writer.Line();
        }
        writer.Line($"// dZ[{L}] = A[{L}] - Y");
        using (writer.Block($"for (int k = 0; k < {output.Units}; k++)"))
        {
            if (!model.DefersLoss && loss.PerUnit)
                writer.Line($"totalLoss += {RuntimeNames.LossFunctions}.{loss.Function}({input}{L}[k], y[k]);");
            writer.Line($"dz{L}[k] = a{L}[k] - y[k];");
        }
        if (chain)
        {
            writer.Line($"// dZ[{L}] ∗= g'(Z[{L}])");
            WriteMultiplyByDerivativeOfSpans(writer, output);
        }
    }

    /// <summary>This example's share of <c>dW[l] = (1/m) dZ[l]·A[l-1]ᵀ</c> and <c>db[l] = (1/m) Σ dZ[l]</c>.</summary>
    private static void WriteParameterGradients(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        writer.Line($"// dW[{l}] += dZ[{l}]·A[{l - 1}]ᵀ,  db[{l}] += dZ[{l}]");
        if (!layer.Unrolled)
        {
            writer.Line($"{layer.AccumulateMethod}(dz{l}, {ASpan(l - 1)}, sum);");
            return;
        }
        if (layer.SumsRows)
        {
            // Row i of dW[l] gains A[l-1] scaled by dZ[l][i].
            WriteInputLanes(writer, model, layer);
            for (int i = 0; i < layer.Units; i++)
                foreach (var inputs in LaneGroup.Of(layer.Inputs))
                {
                    string dw = WeightGradientRow(l, i, inputs);
                    writer.Line($"{dw} = {MultiplyAdd(model, BroadcastError(layer, i), InputLanes(l, inputs), dw)};");
                }
        }
        else
        {
            // Column j of dW[l] gains dZ[l] scaled by A[l-1][j].
            foreach (var units in LaneGroup.Of(layer.Units))
                for (int j = 0; j < layer.Inputs; j++)
                {
                    string dw = WeightGradientColumn(l, units, j);
                    writer.Line($"{dw} = {MultiplyAdd(model, Lanes("dz", l, units), BroadcastInput(model, l, j), dw)};");
                }
        }
        foreach (var units in LaneGroup.Of(layer.Units))
            writer.Line($"{Lanes("db", l, units)} += {Lanes("dz", l, units)};");
    }

    /// <summary><c>dZ[l] = W[l+1]ᵀ·dZ[l+1] ∗ g'(Z[l])</c> for the hidden layer below <paramref name="next"/>.</summary>
    private static void WriteHiddenError(SourceWriter writer, NetworkModel model, LayerModel layer, LayerModel next)
    {
        int l = layer.Index;
        writer.Line($"// dZ[{l}] = W[{l + 1}]ᵀ·dZ[{l + 1}] ∗ g'(Z[{l}])");
        if (next.Unrolled)
        {
            // Row i of W[l+1] holds the weights from every unit of layer l to unit i: scaled by
            // dZ[l+1][i] and summed over i, the rows give W[l+1]ᵀ·dZ[l+1] in layer l's lanes.
            foreach (var group in LaneGroup.Of(layer.Units))
            {
                string dz = Lanes("dz", l, group);
                writer.Line($"{Vector} {dz} = {WeightRow(model, next, 0, group)} * {BroadcastError(next, 0)};");
                for (int i = 1; i < next.Units; i++)
                    writer.Line($"{dz} = {MultiplyAdd(model, WeightRow(model, next, i, group), BroadcastError(next, i), dz)};");
                if (layer.Unrolled)
                {
                    string? derivative = ActivationEmission.Derivative(layer.Activation, Lanes("z", l, group), Lanes("a", l, group));
                    if (derivative is not null)
                        writer.Line($"{dz} *= {derivative};");
                }
                else
                {
                    StoreLanes(writer, dz, $"dz{l}", group);
                }
            }
            if (!layer.Unrolled)
                WriteMultiplyByDerivativeOfSpans(writer, layer);
            return;
        }

        // The loop layer above writes W[l+1]ᵀ·dZ[l+1] into the span dz{l}; then ∗ g'(Z[l]).
        writer.Line($"{next.BackpropagateMethod}(dz{l + 1}, dz{l});");
        if (!layer.Unrolled)
        {
            WriteMultiplyByDerivativeOfSpans(writer, layer);
            return;
        }
        foreach (var group in LaneGroup.Of(layer.Units))
        {
            string? derivative = ActivationEmission.Derivative(layer.Activation, Lanes("z", l, group), Lanes("a", l, group));
            string backpropagated = LoadLanes($"dz{l}", group);
            writer.Line($"{Vector} {Lanes("dz", l, group)} = {(derivative is null ? backpropagated : $"{backpropagated} * {derivative}")};");
        }
    }

    /// <summary><c>dz{l} ∗= g'(Z[l])</c> over a loop layer's spans, four units at a time; nothing for a linear layer.</summary>
    private static void WriteMultiplyByDerivativeOfSpans(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        if (layer.Activation != Activation.Linear)
            writer.Line($"{RuntimeNames.VectorActivations}.MultiplyByDerivative({RuntimeNames.Activation}.{layer.Activation}, z{l}, a{l}, dz{l});");
    }

    /// <summary>The methods of one loop layer's backward pass: its gradients, and what it sends back.</summary>
    private static void WriteBackwardLayer(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Line($"/// <summary>dW[{l}] += dZ[{l}]·A[{l - 1}]ᵀ,  db[{l}] += dZ[{l}]: each row of dW[{l}] gains A[{l - 1}] scaled by its unit's dZ.</summary>");
        using (writer.Block($"private static void {layer.AccumulateMethod}({ReadOnlySpan} dz{l}, {ReadOnlySpan} a{l - 1}, {Span} sum)"))
        {
            writer.Line($"{Span} dw{l} = sum.Slice({layer.WeightOffset}, {layer.WeightCount});");
            writer.Line($"{Span} db{l} = sum.Slice({layer.BiasOffset}, {layer.Units});");
            using (writer.Block($"for (int i = 0; i < {layer.Units}; i++)"))
            {
                writer.Line($"{RuntimeNames.Kernels}.AddScaled(a{l - 1}, dz{l}[i], dw{l}.Slice(i * {layer.Inputs}, {layer.Inputs}));");
                writer.Line($"db{l}[i] += dz{l}[i];");
            }
        }
        writer.Line();
        if (l == 1)
            return;
        writer.Line($"/// <summary>W[{l}]ᵀ·dZ[{l}] into <paramref name=\"backpropagated\"/>: the rows of W[{l}] summed, each scaled by its unit's dZ.</summary>");
        using (writer.Block($"private void {layer.BackpropagateMethod}({ReadOnlySpan} dz{l}, {Span} backpropagated)"))
        {
            writer.Line($"{ReadOnlySpan} θ = _parameters;");
            writer.Line($"{ReadOnlySpan} w{l} = θ.Slice({layer.WeightOffset}, {layer.WeightCount});");
            writer.Line("backpropagated.Clear();");
            writer.Line($"for (int i = 0; i < {layer.Units}; i++)");
            writer.Line($"    {RuntimeNames.Kernels}.AddScaled(w{l}.Slice(i * {layer.Inputs}, {layer.Inputs}), dz{l}[i], backpropagated);");
        }
        writer.Line();
    }
}
