using Onnx;
using static GenNet.Onnx.OnnxNode;

namespace GenNet.Onnx;

/// <summary>
/// The graph's constant tensors by name: its initializers, and what its <c>Constant</c>, <c>Identity</c>
/// and <c>Reshape</c> nodes compute from constants alone. PyTorch writes the constants of <c>forward</c>
/// (a <c>(x - mean) / std</c>) as <c>Constant</c> nodes, and an <c>Identity</c> of an initializer where two
/// parameters hold the same values (a fresh batch norm's weight and running variance).
/// </summary>
/// <remarks>
/// A node of constant inputs that computes anything else is not evaluated: its outputs are recorded as
/// unevaluated, and refused, naming that node, only when the network reads one. A constant nothing reads
/// does not change the network, so it refuses nothing.
/// </remarks>
internal sealed class ConstantValues
{
    private readonly Dictionary<string, Value> values = new(StringComparer.Ordinal);

    /// <summary>A constant, or why it could not be computed.</summary>
    /// <param name="Tensor">Its dimensions and data; null when unevaluated.</param>
    /// <param name="Description">How messages name it: <c>ONNX initializer 'W1'</c>.</param>
    /// <param name="Producer">When unevaluated: the first node on its way that GenNet does not evaluate.</param>
    /// <param name="Refusal">When unevaluated: why not.</param>
    private sealed record Value(TensorProto? Tensor, string Description, NodeProto? Producer = null, string? Refusal = null);

    /// <param name="initializers">The graph's initializers by name, each name once.</param>
    public ConstantValues(IReadOnlyDictionary<string, TensorProto> initializers)
    {
        foreach (var (name, tensor) in initializers)
            values.Add(name, new Value(tensor, OnnxTensor.Initializer(name)));
    }

    /// <summary>Whether <paramref name="name"/> is a constant, evaluated or not.</summary>
    public bool Contains(string name) => values.ContainsKey(name);

    /// <summary>Computes the outputs of <paramref name="node"/>, whose inputs are all constants (or none, a <c>Constant</c>).</summary>
    public void Evaluate(NodeProto node)
    {
        // An input that could not be computed makes its readers unevaluated too, still naming its own producer:
        // that is the first operation GenNet cannot evaluate.
        var value = node.Input.Where(input => input.Length > 0).Select(input => values[input]).FirstOrDefault(input => input.Tensor is null)
            ?? (node.Output.Count != 1 ? Unevaluated(node, $"it has {node.Output.Count} outputs; the constants GenNet computes have one")
                : node.OpType switch
                {
                    "Constant" => node.Input.Count == 0 ? FromAttribute(node) : Unevaluated(node, $"it has {node.Input.Count} inputs; Constant takes none"),
                    "Identity" => node.Input.Count == 1 ? values[node.Input[0]] : Unevaluated(node, $"it has {node.Input.Count} inputs; Identity takes 1"),
                    "Reshape" => Reshaped(node),
                    _ => Unevaluated(node, $"it computes a constant from constants alone, and GenNet evaluates only Constant, Identity and Reshape there (exporters fold the rest: torch.onnx.export's do_constant_folding)"),
                });
        foreach (string output in node.Output.Where(output => output.Length > 0))
            values.Add(output, value);
    }

    /// <summary>The constant <paramref name="name"/> that <paramref name="reader"/> reads as its <paramref name="role"/>, with its description.</summary>
    /// <exception cref="InvalidDataException">It is unevaluated: the message names the node that could not be evaluated, and the reader.</exception>
    public (TensorProto Tensor, string Description) Get(NodeProto reader, string name, string role)
    {
        var value = values[name];
        return value.Tensor is { } tensor
            ? (tensor, value.Description)
            : throw Refusal(name, $"the {role} '{name}' of node '{reader.Name}' ({reader.OpType})")!;
    }

    /// <summary>
    /// The refusal of the node that could not compute the constant <paramref name="name"/>, saying that it
    /// computes <paramref name="use"/>; null when the constant was computed.
    /// </summary>
    public InvalidDataException? Refusal(string name, string use) =>
        values[name] is { Tensor: null, Producer: { } producer } value
            ? Unsupported(producer, $"{value.Refusal}; what it computes is {use}")
            : null;

    /// <summary>The value of a <c>Constant</c> node: a tensor, or one number or a list of numbers.</summary>
    private static Value FromAttribute(NodeProto node)
    {
        if (node.Attribute.Count != 1)
            return Unevaluated(node, $"it has {node.Attribute.Count} attributes; a Constant has its value as one");
        var attribute = node.Attribute[0];
        var tensor = new TensorProto();
        switch (attribute.Name)
        {
            case "value" when attribute.T is not null:
                tensor = attribute.T;
                break;
            case "value_float":
                tensor.DataType = (int)TensorProto.Types.DataType.Float;
                tensor.FloatData.Add(attribute.F);
                break;
            case "value_floats":
                tensor.DataType = (int)TensorProto.Types.DataType.Float;
                tensor.Dims.Add(attribute.Floats.Count);
                tensor.FloatData.Add(attribute.Floats);
                break;
            case "value_int":
                tensor.DataType = (int)TensorProto.Types.DataType.Int64;
                tensor.Int64Data.Add(attribute.I);
                break;
            case "value_ints":
                tensor.DataType = (int)TensorProto.Types.DataType.Int64;
                tensor.Dims.Add(attribute.Ints.Count);
                tensor.Int64Data.Add(attribute.Ints);
                break;
            default:
                return Unevaluated(node, $"its value is its attribute '{attribute.Name}'; GenNet reads a Constant's value, value_float(s) or value_int(s) as numbers");
        }
        return new Value(tensor, $"ONNX constant '{node.Output[0]}' (node '{node.Name}')");
    }

    /// <summary>A constant with other dimensions, by ONNX's rules: a 0 keeps the dimension (unless allowzero), one -1 takes what is left.</summary>
    private Value Reshaped(NodeProto node)
    {
        if (node.Input.Count != 2)
            return Unevaluated(node, $"it has {node.Input.Count} inputs; Reshape takes 2");
        var (data, shape) = (values[node.Input[0]], values[node.Input[1]]);
        int count;
        long[] dimensions;
        try
        {
            count = OnnxTensor.Count(data.Tensor!, data.Description);
            dimensions = OnnxTensor.Int64s(shape.Tensor!, shape.Description);
        }
        catch (InvalidDataException error)
        {
            return Unevaluated(node, $"it cannot reshape: {error.Message.TrimEnd('.')}");
        }

        bool allowZero = Int(node, "allowzero", 0) != 0;
        int free = Array.IndexOf(dimensions, -1);
        long known = 1;
        for (int d = 0; d < dimensions.Length; d++)
        {
            if (dimensions[d] == 0 && !allowZero && d < data.Tensor!.Dims.Count)
                dimensions[d] = data.Tensor.Dims[d];
            if (d != free)
            {
                if (dimensions[d] is < 1 or > int.MaxValue)
                    return Unevaluated(node, $"it reshapes {data.Description} ({count} values) to {Dimensions(dimensions)}");
                known *= dimensions[d]; // each at most int.MaxValue, and stopped once above count: no overflow
                if (known > count)
                    return Unevaluated(node, $"it reshapes {data.Description} ({count} values) to {Dimensions(dimensions)}");
            }
        }
        if (free >= 0 && (Array.LastIndexOf(dimensions, -1) != free || count % known != 0))
            return Unevaluated(node, $"it reshapes {data.Description} ({count} values) to {Dimensions(dimensions)}");
        if (free >= 0)
            dimensions[free] = count / known;
        else if (known != count)
            return Unevaluated(node, $"it reshapes {data.Description} ({count} values) to {Dimensions(dimensions)}");

        var reshaped = data.Tensor!.Clone();
        reshaped.Dims.Clear();
        reshaped.Dims.Add(dimensions);
        return new Value(reshaped, $"{data.Description} reshaped by node '{node.Name}'");
    }

    private static Value Unevaluated(NodeProto node, string why) => new(null, "", node, why);
}
