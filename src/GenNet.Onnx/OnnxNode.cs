using System.Globalization;
using Onnx;

namespace GenNet.Onnx;

/// <summary>What the import reads from a node besides its tensors: attributes, input counts, and the refusal naming it.</summary>
internal static class OnnxNode
{
    /// <summary>The refusal of <paramref name="node"/>: its name, its operator and <paramref name="why"/>.</summary>
    public static InvalidDataException Unsupported(NodeProto node, string why) =>
        new($"ONNX node '{node.Name}' ({node.OpType}) is not supported: {why}.");

    /// <summary>Refuses <paramref name="node"/> unless it has <paramref name="least"/> to <paramref name="most"/> inputs.</summary>
    public static void ExpectInputs(NodeProto node, int least, int most)
    {
        if (node.Input.Count < least || node.Input.Count > most)
            throw Unsupported(node, $"it has {node.Input.Count} inputs; {node.OpType} takes {(least == most ? Text(least) : $"{least} {(most == least + 1 ? "or" : "to")} {most}")}");
    }

    public static AttributeProto? Attribute(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    public static long Int(NodeProto node, string name, long absent) => Attribute(node, name)?.I ?? absent;

    public static float Float(NodeProto node, string name, float absent) => Attribute(node, name)?.F ?? absent;

    /// <summary>A number as messages write it, whatever the culture.</summary>
    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Dimensions as messages write them: [4, 3].</summary>
    public static string Dimensions(IEnumerable<long> dimensions) => $"[{string.Join(", ", dimensions)}]";
}
