using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    /// <summary>The private method that runs one example forward; Predict and PredictBatch check the spans and call it.</summary>
    private static void WriteForward(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <summary>Forward propagation of one example whose spans are already checked.</summary>");
        if (model.FullyUnrolled) // with stackalloc buffers the JIT would not inline it anyway
            writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Block($"private void Forward({ReadOnlySpan} x, {Span} y)"))
        {
            WriteBuffers(writer, model, training: false);
            WriteForwardPass(writer, model);
            writer.Line();
            int L = model.OutputLayer.Index;
            writer.Line($"// Ŷ = A[{L}]");
            if (InLocals(model, L))
                for (int i = 0; i < model.OutputCount; i++)
                    writer.Line($"y[{i}] = {A(model, L, i)};");
            else
                writer.Line($"a{L}.CopyTo(y);");
        }
        writer.Line();
    }

    /// <summary>
    /// Forward propagation of one example, shared by prediction and training: unrolled layers as
    /// straight-line code with every weight at a constant index, loop layers as calls to their methods.
    /// </summary>
    private static void WriteForwardPass(SourceWriter writer, NetworkModel model)
    {
        if (InLocals(model, 0))
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
            int l = layer.Index;
            writer.Line();
            if (!layer.Unrolled)
            {
                writer.Line($"// Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}],  A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}])");
                writer.Line($"{layer.ForwardMethod}({ASpan(l - 1)}, z{l}, a{l});");
                continue;
            }
            writer.Line($"// Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}]");
            for (int i = 0; i < layer.Units; i++)
            {
                var terms = Enumerable.Range(0, layer.Inputs).Select(j => $"_parameters[{layer.Weight(i, j)}] * {A(model, l - 1, j)}");
                writer.Line($"float {Z(model, l, i)} = {string.Join(" + ", terms)} + _parameters[{layer.Bias(i)}];");
            }
            writer.Line($"// A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}])");
            for (int i = 0; i < layer.Units; i++)
                writer.Line($"float {A(model, l, i)} = {ActivationEmission.Value(layer.Activation, Z(model, l, i))};");
            if (FeedsLoop(model, l))
            {
                writer.Line($"// A[{l}] into a span, for the loop of layer {l + 1}");
                for (int i = 0; i < layer.Units; i++)
                    writer.Line($"a{l}[{i}] = {A(model, l, i)};");
            }
        }
    }

    /// <summary>The method of one loop layer's forward pass: a dot product per row of W[l].</summary>
    private static void WriteForwardLayer(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Line($"/// <summary>Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}],  A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}]): {layer.Units} units × {layer.Inputs} inputs, one dot product per row of W[{l}].</summary>");
        using (writer.Block($"private void {layer.ForwardMethod}({ReadOnlySpan} a{l - 1}, {Span} z{l}, {Span} a{l})"))
        {
            writer.Line($"{ReadOnlySpan} θ = _parameters;");
            writer.Line($"{ReadOnlySpan} w{l} = θ.Slice({layer.WeightOffset}, {layer.WeightCount});");
            writer.Line($"{ReadOnlySpan} b{l} = θ.Slice({layer.BiasOffset}, {layer.Units});");
            using (writer.Block($"for (int i = 0; i < {layer.Units}; i++)"))
            {
                writer.Line($"float z = global::GenNet.Kernels.Dot(w{l}.Slice(i * {layer.Inputs}, {layer.Inputs}), a{l - 1}) + b{l}[i];");
                writer.Line($"z{l}[i] = z;");
                writer.Line($"a{l}[i] = {ActivationEmission.Value(layer.Activation, "z")};");
            }
        }
        writer.Line();
    }
}
