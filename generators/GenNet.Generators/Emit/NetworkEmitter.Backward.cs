using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    /// <summary>
    /// Forward and backward propagation of every example in turn, adding each example's
    /// <c>dZ[l]·A[l-1]ᵀ</c> and <c>dZ[l]</c> to a gradient sum. An example's caches are locals
    /// (unrolled layers) or small spans (loop layers), reused from one example to the next.
    /// </summary>
    private static void WriteBackpropagate(SourceWriter writer, NetworkModel model)
    {
        string sumParameter = model.GradientsOnStack ? "ref ParameterBuffer sum" : $"{Span} sum";
        writer.Line("/// <summary>Forward and backward propagation over the batch: adds Σ_i dZ[l]·A[l-1]ᵀ and Σ_i dZ[l] to <paramref name=\"sum\"/>, returns the cost J.</summary>");
        using (writer.Block($"private float Backpropagate({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int m, {sumParameter})"))
        {
            WriteBuffers(writer, model, training: true);
            if (!model.FullyUnrolled && model.GradientsOnStack)
                writer.Line($"{Span} gradientSum = sum;");
            writer.Line("float totalLoss = 0f;");
            using (writer.Block("for (int i = 0; i < m; i++)"))
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
            }
            writer.Line("// J = (1/m) Σ_i L(ŷ(i), y(i))");
            writer.Line("return totalLoss / m;");
        }
        writer.Line();
    }

    /// <summary>
    /// The loss of the example, and <c>dZ[L] = A[L] - Y</c>: exact for cross-entropy after a sigmoid
    /// and squared error after a linear output; squared error after any other output multiplies by
    /// <c>g'(Z[L])</c>.
    /// </summary>
    private static void WriteLossAndOutputError(SourceWriter writer, NetworkModel model)
    {
        var output = model.OutputLayer;
        int L = output.Index;
        string function = model.Loss == Loss.BinaryCrossEntropy ? "BinaryCrossEntropy" : "SquaredError";
        bool chain = model.Loss == Loss.MeanSquaredError && output.Activation != Activation.Linear;
        string lossComment = model.Loss == Loss.BinaryCrossEntropy
            ? "// L(ŷ, y) = -(y log ŷ + (1 - y) log(1 - ŷ)), summed over the output units"
            : "// L(ŷ, y) = ½ (ŷ - y)², summed over the output units";
        string errorComment = chain ? $"// dZ[{L}] = (A[{L}] - Y) ∗ g'(Z[{L}])" : $"// dZ[{L}] = A[{L}] - Y";

        string OutputError(string i)
        {
            string error = $"{A(model, L, i)} - y[{i}]";
            return chain ? $"({error}) * ({ActivationEmission.Derivative(output.Activation, Z(model, L, i), A(model, L, i))})" : error;
        }

        if (InLocals(model, L))
        {
            writer.Line(lossComment);
            for (int i = 0; i < output.Units; i++)
                writer.Line($"totalLoss += global::GenNet.LossFunctions.{function}({A(model, L, i)}, y[{i}]);");
            writer.Line();
            writer.Line(errorComment);
            for (int i = 0; i < output.Units; i++)
                writer.Line($"float {DZ(model, L, i)} = {OutputError(i.ToString())};");
            return;
        }
        writer.Line(lossComment);
        writer.Line(errorComment);
        using (writer.Block($"for (int k = 0; k < {output.Units}; k++)"))
        {
            writer.Line($"totalLoss += global::GenNet.LossFunctions.{function}({A(model, L, "k")}, y[k]);");
            writer.Line($"{DZ(model, L, "k")} = {OutputError("k")};");
        }
    }

    /// <summary>This example's share of <c>dW[l] = (1/m) dZ[l]·A[l-1]ᵀ</c> and <c>db[l] = (1/m) Σ dZ[l]</c>.</summary>
    private static void WriteParameterGradients(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        writer.Line($"// dW[{l}] += dZ[{l}]·A[{l - 1}]ᵀ,  db[{l}] += dZ[{l}]");
        if (!layer.Unrolled)
        {
            writer.Line($"{layer.AccumulateMethod}(dz{l}, {ASpan(l - 1)}, {(model.GradientsOnStack ? "gradientSum" : "sum")});");
            return;
        }
        for (int i = 0; i < layer.Units; i++)
        {
            for (int j = 0; j < layer.Inputs; j++)
                writer.Line($"sum[{layer.Weight(i, j)}] += {DZ(model, l, i)} * {A(model, l - 1, j)};");
            writer.Line($"sum[{layer.Bias(i)}] += {DZ(model, l, i)};");
        }
    }

    /// <summary><c>dZ[l] = W[l+1]ᵀ·dZ[l+1] ∗ g'(Z[l])</c> for the hidden layer below <paramref name="next"/>.</summary>
    private static void WriteHiddenError(SourceWriter writer, NetworkModel model, LayerModel layer, LayerModel next)
    {
        int l = layer.Index;
        writer.Line($"// dZ[{l}] = W[{l + 1}]ᵀ·dZ[{l + 1}] ∗ g'(Z[{l}])");
        if (next.Unrolled)
        {
            for (int j = 0; j < layer.Units; j++)
            {
                string backpropagated = string.Join(" + ", Enumerable.Range(0, next.Units).Select(i => $"_parameters[{next.Weight(i, j)}] * {DZ(model, l + 1, i)}"));
                string? derivative = ActivationEmission.Derivative(layer.Activation, Z(model, l, j), A(model, l, j));
                string value = derivative is null ? backpropagated : $"({backpropagated}) * ({derivative})";
                writer.Line(InLocals(model, l) ? $"float {DZ(model, l, j)} = {value};" : $"{DZ(model, l, j)} = {value};");
            }
            return;
        }

        // The loop layer above writes W[l+1]ᵀ·dZ[l+1] into the span dz{l}; then ∗ g'(Z[l]).
        writer.Line($"{next.BackpropagateMethod}(dz{l + 1}, dz{l});");
        string? spanDerivative = ActivationEmission.Derivative(layer.Activation, Z(model, l, "j"), A(model, l, "j"));
        if (InLocals(model, l))
        {
            for (int j = 0; j < layer.Units; j++)
            {
                string? derivative = ActivationEmission.Derivative(layer.Activation, Z(model, l, j), A(model, l, j));
                writer.Line(derivative is null ? $"float dz{l}_{j} = dz{l}[{j}];" : $"float dz{l}_{j} = dz{l}[{j}] * ({derivative});");
            }
        }
        else if (spanDerivative is not null)
        {
            writer.Line($"for (int j = 0; j < {layer.Units}; j++)");
            writer.Line($"    dz{l}[j] *= {spanDerivative};");
        }
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
                writer.Line($"global::GenNet.Kernels.AddScaled(a{l - 1}, dz{l}[i], dw{l}.Slice(i * {layer.Inputs}, {layer.Inputs}));");
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
            writer.Line($"    global::GenNet.Kernels.AddScaled(w{l}.Slice(i * {layer.Inputs}, {layer.Inputs}), dz{l}[i], backpropagated);");
        }
        writer.Line();
    }
}
