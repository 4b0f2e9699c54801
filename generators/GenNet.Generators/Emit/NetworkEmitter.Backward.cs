using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    /// <summary>
    /// Forward and backward propagation of every example in turn, adding each example's
    /// <c>dZ[l]·A[l-1]ᵀ</c> and <c>dZ[l]</c> to a gradient sum. The caches <c>Z</c>, <c>A</c> and
    /// <c>dZ</c> of an example are locals, so they live in registers or on the stack.
    /// </summary>
    private static void WriteBackpropagate(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <summary>Forward and backward propagation over the batch: adds Σ_i dZ[l]·A[l-1]ᵀ and Σ_i dZ[l] to <paramref name=\"sum\"/>, returns the cost J.</summary>");
        using (writer.Block($"private float Backpropagate({ReadOnlySpan} inputs, {ReadOnlySpan} targets, int m, ref ParameterBuffer sum)"))
        {
            writer.Line("float totalLoss = 0f;");
            using (writer.Block("for (int i = 0; i < m; i++)"))
            {
                writer.Line($"{ReadOnlySpan} x = inputs.Slice(i * InputCount, InputCount);");
                writer.Line($"{ReadOnlySpan} y = targets.Slice(i * OutputCount, OutputCount);");
                writer.Line();
                WriteForwardPass(writer, model);
                writer.Line();
                WriteLoss(writer, model);
                writer.Line();
                WriteOutputError(writer, model);
                for (int index = model.Layers.Count - 1; index >= 0; index--)
                {
                    var layer = model.Layers[index];
                    writer.Line();
                    WriteParameterGradients(writer, layer);
                    if (index > 0)
                    {
                        writer.Line();
                        WriteHiddenError(writer, model.Layers[index - 1], layer);
                    }
                }
            }
            writer.Line("// J = (1/m) Σ_i L(ŷ(i), y(i))");
            writer.Line("return totalLoss / m;");
        }
        writer.Line();
    }

    private static void WriteLoss(SourceWriter writer, NetworkModel model)
    {
        int L = model.OutputLayer.Index;
        string function = model.Loss == Loss.BinaryCrossEntropy ? "BinaryCrossEntropy" : "SquaredError";
        writer.Line(model.Loss == Loss.BinaryCrossEntropy
            ? "// L(ŷ, y) = -(y log ŷ + (1 - y) log(1 - ŷ)), summed over the output units"
            : "// L(ŷ, y) = ½ (ŷ - y)², summed over the output units");
        for (int i = 0; i < model.OutputCount; i++)
            writer.Line($"totalLoss += global::GenNet.LossFunctions.{function}({A(L, i)}, y[{i}]);");
    }

    /// <summary>
    /// <c>dZ[L] = A[L] - Y</c>: exact for cross-entropy after a sigmoid and squared error after a
    /// linear output; squared error after any other output multiplies by <c>g'(Z[L])</c>.
    /// </summary>
    private static void WriteOutputError(SourceWriter writer, NetworkModel model)
    {
        var output = model.OutputLayer;
        int L = output.Index;
        bool chain = model.Loss == Loss.MeanSquaredError && output.Activation != Activation.Linear;
        writer.Line(chain ? $"// dZ[{L}] = (A[{L}] - Y) ∗ g'(Z[{L}])" : $"// dZ[{L}] = A[{L}] - Y");
        for (int i = 0; i < output.Units; i++)
        {
            string error = $"{A(L, i)} - y[{i}]";
            writer.Line(chain
                ? $"float {DZ(L, i)} = ({error}) * ({ActivationEmission.Derivative(output.Activation, Z(L, i), A(L, i))});"
                : $"float {DZ(L, i)} = {error};");
        }
    }

    /// <summary>This example's share of <c>dW[l] = (1/m) dZ[l]·A[l-1]ᵀ</c> and <c>db[l] = (1/m) Σ dZ[l]</c>.</summary>
    private static void WriteParameterGradients(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        writer.Line($"// dW[{l}] += dZ[{l}]·A[{l - 1}]ᵀ,  db[{l}] += dZ[{l}]");
        for (int i = 0; i < layer.Units; i++)
        {
            for (int j = 0; j < layer.Inputs; j++)
                writer.Line($"sum[{layer.Weight(i, j)}] += {DZ(l, i)} * {A(l - 1, j)};");
            writer.Line($"sum[{layer.Bias(i)}] += {DZ(l, i)};");
        }
    }

    /// <summary><c>dZ[l] = W[l+1]ᵀ·dZ[l+1] ∗ g'(Z[l])</c> for the hidden layer below <paramref name="next"/>.</summary>
    private static void WriteHiddenError(SourceWriter writer, LayerModel layer, LayerModel next)
    {
        int l = layer.Index;
        writer.Line($"// dZ[{l}] = W[{l + 1}]ᵀ·dZ[{l + 1}] ∗ g'(Z[{l}])");
        for (int j = 0; j < layer.Units; j++)
        {
            string backpropagated = string.Join(" + ", Enumerable.Range(0, next.Units).Select(i => $"_parameters[{next.Weight(i, j)}] * {DZ(l + 1, i)}"));
            string? derivative = ActivationEmission.Derivative(layer.Activation, Z(l, j), A(l, j));
            writer.Line(derivative is null
                ? $"float {DZ(l, j)} = {backpropagated};"
                : $"float {DZ(l, j)} = ({backpropagated}) * ({derivative});");
        }
    }
}
