using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    /// <summary>
    /// <c>A[l] = softmax(Z[l])</c> of an unrolled layer, across its vectors: the largest <c>z</c> of the layer
    /// in every lane, then <c>e^(z - max)</c> per vector (all arguments ≤ 0: no overflow), their sum in every
    /// lane, and one division per vector. A partial last vector's padding lanes count as −∞ in the max and
    /// as 0 in the sum, so they change nothing and come out 0.
    /// </summary>
    private static void WriteUnrolledSoftmax(SourceWriter writer, LayerModel layer)
    {
        int l = layer.Index;
        var groups = LaneGroup.Of(layer.Units).ToList();
        writer.Line($"// A[{l}] = softmax(Z[{l}]) = e^(Z[{l}] - max Z[{l}]) / Σ_k e^(Z[{l}][k] - max Z[{l}]); subtracting the max keeps every e^x ≤ 1");
        string max = $"zmax{l}", sum = $"esum{l}";
        string lanesMax = groups.Select(group => Padded(Lanes("z", l, group), group, "float.NegativeInfinity"))
            .Aggregate((left, right) => $"{RuntimeNames.VectorActivations}.MaxPropagatingNaN({left}, {right})");
        writer.Line($"{Vector} {max} = {RuntimeNames.VectorActivations}.MaxOfLanes({lanesMax});");
        foreach (var group in groups)
            writer.Line($"{Vector} {Lanes("e", l, group)} = {Padded($"{RuntimeNames.VectorActivations}.ExpOfNonPositive({Lanes("z", l, group)} - {max})", group, "0f")};");
        writer.Line($"{Vector} {sum} = {RuntimeNames.VectorActivations}.SumOfLanes({string.Join(" + ", groups.Select(group => Lanes("e", l, group)))});");
        foreach (var group in groups)
            writer.Line($"{Vector} {Lanes("a", l, group)} = {Lanes("e", l, group)} / {sum};");
    }

    /// <summary>A group's vector with its padding lanes set to <paramref name="padding"/>; a full group as it is.</summary>
    private static string Padded(string vector, LaneGroup group, string padding) =>
        group.Full ? vector : $"{RuntimeNames.VectorActivations}.PadLanes({vector}, {group.Count}, {padding})";
}
