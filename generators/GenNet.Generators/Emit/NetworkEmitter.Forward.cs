using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    /// <summary>The private method that runs one example forward; Predict and PredictBatch check the spans and call it.</summary>
    private static void WriteForward(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <summary>Forward propagation of one example whose spans are already checked.</summary>");
        if (model.FullyUnrolled) // with stackalloc buffers the JIT would not inline it anyway
            writer.Line($"[{SystemNames.MethodImpl}({SystemNames.MethodImplOptions}.AggressiveInlining)]");
        // Baked weights are constants, not state: the forward pass reads nothing of the instance.
        using (writer.Block($"private {(model.Baked ? "static " : "")}void Forward({ReadOnlySpan} x, {Span} y)"))
        {
            WriteBuffers(writer, model, training: false);
            WriteParameterSpan(writer, model);
            WriteForwardPass(writer, model);
            writer.Line();
            var output = model.OutputLayer;
            writer.Line($"// Ŷ = A[{output.Index}]");
            if (output.Unrolled)
                foreach (var group in LaneGroup.Of(output.Units))
                    StoreLanes(writer, Lanes("a", output.Index, group), "y", group);
            else
                writer.Line($"a{output.Index}.CopyTo(y);");
        }
        writer.Line();
    }

    /// <summary>
    /// Forward propagation of one example, shared by prediction and training: unrolled layers as
    /// straight-line code over vectors of four units, loop layers as calls to their methods.
    /// </summary>
    private static void WriteForwardPass(SourceWriter writer, NetworkModel model)
    {
        if (model.InLocals(0))
        {
            writer.Line("// A[0] = X");
            for (int j = 0; j < model.InputCount; j++)
                writer.Line($"float a0_{j} = x[{j}];");
        }
        else
        {
            writer.Line("// A[0] = X, read in place");
        }

        foreach (var layer in model.Layers)
        {
            writer.Line();
            if (layer.Unrolled)
                WriteUnrolledForward(writer, model, layer);
            else
            {
                int l = layer.Index;
                writer.Line($"// Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}],  A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}])");
                writer.Line($"{layer.ForwardMethod}({ASpan(l - 1)}, z{l}, a{l});");
            }
        }
    }

    /// <summary>
    /// <c>Z[l] = W[l]·A[l-1] + b[l]</c> and <c>A[l] = g(Z[l])</c> for four units at a time: each group
    /// starts from its biases and gains a column of <c>W[l]</c> times each input, by fused multiply-add;
    /// then one vector evaluation of <c>g</c> serves the four units.
    /// </summary>
    private static void WriteUnrolledForward(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        // Each multiply-add waits for the one before it; past a few inputs, the odd inputs are summed
        // apart from the even ones so that two chains overlap, and added at the end.
        bool twoChains = layer.Inputs >= SplitChainInputs;
        foreach (var group in LaneGroup.Of(layer.Units))
        {
            string z = Lanes("z", l, group), odd = z + "_odd";
            writer.Line(twoChains
                ? $"// Z[{l}][{group.Range}] = b[{l}][{group.Range}] + Σ_j W[{l}][{group.Range}, j]·A[{l - 1}][j], even and odd j summed apart"
                : $"// Z[{l}][{group.Range}] = b[{l}][{group.Range}] + Σ_j W[{l}][{group.Range}, j]·A[{l - 1}][j]");
            writer.Line($"{Vector} {z} = {BiasLanes(model, layer, group)};");
            for (int j = 0; j < layer.Inputs; j++)
            {
                string column = WeightColumn(model, layer, group, j), input = BroadcastInput(model, l, j);
                string chain = twoChains && j % 2 == 1 ? odd : z;
                writer.Line(twoChains && j == 1 ? $"{Vector} {odd} = {column} * {input};" : $"{chain} = {MultiplyAdd(model, column, input, chain)};");
            }
            if (twoChains)
                writer.Line($"{z} += {odd};");
        }
        if (layer.WholeLayerActivation)
        {
            WriteUnrolledSoftmax(writer, layer);
        }
        else
        {
            writer.Line($"// A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}])");
            foreach (var group in LaneGroup.Of(layer.Units))
                writer.Line($"{Vector} {Lanes("a", l, group)} = {ActivationEmission.Value(layer.Activation, Lanes("z", l, group))};");
        }
        if (model.FeedsLoop(l))
        {
            writer.Line($"// A[{l}] into a span, for the loop of layer {l + 1}");
            foreach (var group in LaneGroup.Of(layer.Units))
                StoreLanes(writer, Lanes("a", l, group), $"a{l}", group);
        }
    }

    /// <summary>The method of one loop layer's forward pass: a dot product per row of W[l], then g over the layer in vectors.</summary>
    private static void WriteForwardLayer(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        writer.Line($"/// <summary>Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}],  A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}]): {layer.Units} units × {layer.Inputs} inputs, one dot product per row of W[{l}].</summary>");
        using (writer.Block($"private {(model.Baked ? "static " : "")}void {layer.ForwardMethod}({ReadOnlySpan} a{l - 1}, {Span} z{l}, {Span} a{l})"))
        {
            writer.Line($"{ReadOnlySpan} θ = {(model.Baked ? "Parameters" : "_parameters")};");
            writer.Line($"{ReadOnlySpan} w{l} = θ.Slice({layer.WeightOffset}, {layer.WeightCount});");
            writer.Line($"{ReadOnlySpan} b{l} = θ.Slice({layer.BiasOffset}, {layer.Units});");
            writer.Line($"for (int i = 0; i < {layer.Units}; i++)");
            writer.Line($"    z{l}[i] = {RuntimeNames.Kernels}.Dot(w{l}.Slice(i * {layer.Inputs}, {layer.Inputs}), a{l - 1}) + b{l}[i];");
            writer.Line($"{RuntimeNames.VectorActivations}.Apply({RuntimeNames.Activation}.{layer.Activation}, z{l}, a{l});");
        }
        writer.Line();
    }

    /// <summary>The fewest inputs for which a unit group's <c>Z</c> is summed in two chains.</summary>
    private const int SplitChainInputs = 8;

    /// <summary>
    /// <c>a·b + c</c> of vectors, fused: the JIT's intrinsic where the project targets .NET 9 or later,
    /// else GenNet's (.NET 8 has no portable one). Called directly, not through a helper, because a long
    /// method runs out of the JIT's inlining budget.
    /// </summary>
    private static string MultiplyAdd(NetworkModel model, string a, string b, string c) =>
        $"{(model.IntrinsicFusedMultiplyAdd ? Vectors : RuntimeNames.Kernels)}.FusedMultiplyAdd({a}, {b}, {c})";
}
