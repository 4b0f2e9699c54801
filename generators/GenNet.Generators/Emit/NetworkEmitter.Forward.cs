using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    /// <summary>The private method that runs one example forward; Predict and PredictBatch check the spans and call it.</summary>
    private static void WriteForward(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <summary>Forward propagation of one example whose spans are already checked.</summary>");
        writer.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (writer.Block($"private void Forward({ReadOnlySpan} x, {Span} y)"))
        {
            WriteForwardPass(writer, model);
            writer.Line();
            writer.Line($"// Ŷ = A[{model.OutputLayer.Index}]");
            for (int i = 0; i < model.OutputCount; i++)
                writer.Line($"y[{i}] = {A(model.OutputLayer.Index, i)};");
        }
        writer.Line();
    }

    /// <summary>
    /// Every <c>z</c> and <c>a</c> of one example as a local, every weight read at a constant index:
    /// straight-line code with no loops, shared by prediction and training.
    /// </summary>
    private static void WriteForwardPass(SourceWriter writer, NetworkModel model)
    {
        writer.Line("// A[0] = X");
        for (int j = 0; j < model.InputCount; j++)
            writer.Line($"float {A(0, j)} = x[{j}];");

        foreach (var layer in model.Layers)
        {
            int l = layer.Index;
            writer.Line();
            writer.Line($"// Z[{l}] = W[{l}]·A[{l - 1}] + b[{l}]");
            for (int i = 0; i < layer.Units; i++)
            {
                var terms = Enumerable.Range(0, layer.Inputs).Select(j => $"_parameters[{layer.Weight(i, j)}] * {A(l - 1, j)}");
                writer.Line($"float {Z(l, i)} = {string.Join(" + ", terms)} + _parameters[{layer.Bias(i)}];");
            }
            writer.Line($"// A[{l}] = {ActivationEmission.Symbol(layer.Activation)}(Z[{l}])");
            for (int i = 0; i < layer.Units; i++)
                writer.Line($"float {A(l, i)} = {ActivationEmission.Value(layer.Activation, Z(l, i))};");
        }
    }

    private static string Z(int l, int i) => $"z{l}_{i}";

    private static string A(int l, int i) => $"a{l}_{i}";

    private static string DZ(int l, int i) => $"dz{l}_{i}";
}
