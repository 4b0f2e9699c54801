using Onnx;
using static GenNet.Onnx.OnnxNode;

namespace GenNet.Onnx;

/// <summary>
/// The nodes that become no layer of their own. At inference a <c>Sub</c>, <c>Add</c>, <c>Mul</c> or
/// <c>Div</c> by a constant of one value per feature, and a <c>BatchNormalization</c>, are each an
/// <see cref="AffineMap"/>: between a layer's linear part and its activation it folds into that layer
/// at once; before a layer (on the network's input, or after an activation) it waits for the next
/// <c>Gemm</c> or <c>MatMul</c>. <c>Dropout</c> in inference, <c>Identity</c>, <c>Flatten</c> and a
/// <c>Reshape</c> to [batch, n] compute nothing on GenNet's rows of features and are dropped.
/// </summary>
internal sealed partial class LayerChain
{
    // The maps read since the last activation (or the input), waiting for the layer they fold into.
    private AffineMap? before;
    private List<NodeProto> foldedBefore = [];

    // What the chain's tensor is known to be: its rank, the values of each example (the product of every
    // dimension but the batch), and the batch when the input declares a fixed one (exports without dynamic axes).
    private int? rank;
    private long? perExample;
    private readonly long? fixedBatch;

    /// <summary>The features of each row when the chain's tensor is a [batch, n] matrix (assumed when its rank is unknown) of known n.</summary>
    private long? Features => rank is null or 2 ? perExample : null;

    private static (int? Rank, long? PerExample, long? FixedBatch) DeclaredShape(ValueInfoProto input)
    {
        if (input.Type?.TensorType?.Shape is not { } shape)
            return (null, null, null);
        static long? Known(TensorShapeProto.Types.Dimension d) =>
            d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue is > 0 and <= int.MaxValue ? d.DimValue : null;
        long? perExample = 1;
        foreach (var dimension in shape.Dim.Skip(1))
            perExample = Known(dimension) is long value && perExample * value <= int.MaxValue ? perExample * value : null;
        return (shape.Dim.Count, shape.Dim.Count > 1 ? perExample : null, shape.Dim.Count > 0 ? Known(shape.Dim[0]) : null);
    }

    private void FoldConstant(NodeProto node, bool asBias)
    {
        ExpectInputs(node, 2, 2);
        int data = node.Input[0] == Current ? 0 : 1;
        string other = node.Input[1 - data];
        if (other == Current)
            throw Unsupported(node, $"both its inputs are '{Current}'; GenNet folds {node.OpType} only by a constant");
        RequireMatrix(node);
        if (node.OpType == "Div" && data == 1)
            throw Unsupported(node, $"it divides '{other}' by '{Current}', which is no affine map of the features to fold");
        var values = PerFeature(node, other, node.OpType == "Div" ? "divisor" : "other input", Features, "features");
        if (Features is null && values.Length > 1)
            perExample = values.Length;

        AffineMap map;
        switch (node.OpType, data)
        {
            case ("Add", _):
                map = AffineMap.Shift(values);
                break;
            case ("Mul", _):
                map = AffineMap.Scale(values);
                break;
            case ("Sub", 0):
                map = AffineMap.Shift([.. values.Select(value => -value)]);
                break;
            case ("Sub", _):
                map = AffineMap.SubtractedFrom(values);
                break;
            default: // Div of the chain by the constant
                int zero = Array.IndexOf(values, 0.0);
                if (zero >= 0)
                    throw Unsupported(node, $"it divides by '{other}', which is 0 at index {zero}; the model's outputs would be infinite or NaN");
                map = AffineMap.Scale([.. values.Select(value => 1 / value)]);
                break;
        }
        Fold(node, map, record: !asBias);
    }

    /// <summary>A batch norm in inference: <c>γ (x − μ) / √(σ² + ε) + β</c>, per feature, from its running statistics.</summary>
    private void FoldBatchNormalization(NodeProto node)
    {
        ExpectInputs(node, 5, 5);
        ExpectData(node);
        RequireMatrix(node);
        double epsilon = Float(node, "epsilon", 1e-5f);
        double[] scale = PerFeature(node, node.Input[1], "scale", Features, "features", exact: true);
        perExample = scale.Length;
        double[] bias = PerFeature(node, node.Input[2], "bias", Features, "features", exact: true);
        double[] mean = PerFeature(node, node.Input[3], "mean", Features, "features", exact: true);
        double[] variance = PerFeature(node, node.Input[4], "variance", Features, "features", exact: true);

        var scales = new double[scale.Length];
        var shifts = new double[scale.Length];
        for (int j = 0; j < scale.Length; j++)
        {
            double spread = variance[j] + epsilon;
            if (!(spread > 0))
                throw Unsupported(node, $"its variance plus epsilon is {Text(spread)} for feature {j} (variance {Text(variance[j])}, epsilon {Text(epsilon)}); " +
                    "the model would divide by the square root of a number that is not positive");
            scales[j] = scale[j] / Math.Sqrt(spread);
            shifts[j] = bias[j] - mean[j] * scales[j];
        }
        Fold(node, AffineMap.Of(scales, shifts), record: true);
    }

    /// <summary>Folds <paramref name="map"/> into the open layer now, or keeps it for the next layer.</summary>
    private void Fold(NodeProto node, AffineMap map, bool record)
    {
        if (!open)
        {
            before = before is null ? map : before.Then(map);
            foldedBefore.Add(node);
            return;
        }
        var (weights, biases) = parameters[^1];
        map.FoldAfter(weights, biases, weights.Length / biases.Length);
        RequireFloat(node, layers.Count, weights, biases, "folded in");
        if (record)
            folds.Add(new OnnxFold(node.OpType, node.Name, layers.Count));
    }

    private void Dropout(NodeProto node)
    {
        ExpectInputs(node, 1, 3);
        ExpectData(node);
        // Before opset 7 a Dropout said whether it was in a test (inference) graph; since 12 an input says whether it trains.
        if (Int(node, "is_test", 1) == 0)
            throw Unsupported(node, "its is_test is 0: it drops units at random, as in training; exported from a model in eval mode it is the identity");
        if (node.Input.Count > 1 && node.Input[1].Length > 0)
            Constant(node, node.Input[1], "ratio"); // any ratio: at inference Dropout passes its input through
        if (node.Input.Count == 3 && node.Input[2].Length > 0 && Constant(node, node.Input[2], "training_mode") is var (flag, description) && OnnxTensor.Bool(flag, description))
            throw Unsupported(node, "its training_mode is true: it drops units at random, as in training; " +
                "exported from a model in eval mode (model.eval()) it is the identity, which PyTorch writes as no node at all");
        folds.Add(new OnnxFold(node.OpType, node.Name, null));
    }

    private void Flatten(NodeProto node)
    {
        ExpectInputs(node, 1, 1);
        ExpectData(node);
        // Axis 1 keeps the batch and lays each example out in a row; counted from the end it is 1 − rank.
        long axis = Int(node, "axis", 1);
        if (axis != 1 && !(rank is int known && axis == 1 - known))
            throw Unsupported(node, $"its axis is {axis}; GenNet reads Flatten only at axis 1, which keeps the batch and makes each example a row");
        rank = 2;
        folds.Add(new OnnxFold(node.OpType, node.Name, null));
    }

    private void Reshape(NodeProto node)
    {
        ExpectInputs(node, 2, 2);
        ExpectData(node);
        const string Expected = "GenNet reads Reshape only to a constant shape [batch, n], such as [-1, n] or [0, -1]";
        var (tensor, description) = Constant(node, node.Input[1], "shape");
        long[] shape = OnnxTensor.Int64s(tensor, description);
        bool allowZero = Int(node, "allowzero", 0) != 0;
        if (shape.Length != 2)
            throw Unsupported(node, $"it reshapes to {Dimensions(shape)}; {Expected}");
        var (batch, row) = (shape[0], shape[1]);
        // 0 copies the input's dimension (unless allowzero), -1 takes what is left; a fixed batch is the declared one.
        if (!(batch == -1 || (batch == 0 && !allowZero) || batch == fixedBatch))
            throw Unsupported(node, $"it reshapes to {Dimensions(shape)}, whose first dimension {batch} is not the batch " +
                $"({(fixedBatch is long declared ? $"the input's {declared}, " : "")}-1 or 0); {Expected}");
        long? values = row switch
        {
            > 0 => row,
            -1 when batch != -1 => perExample,
            0 when !allowZero && rank is null or 2 => Features,
            _ => throw Unsupported(node, $"it reshapes to {Dimensions(shape)}; {Expected}"),
        };
        if (values is long n && perExample is long p && n != p)
            throw Unsupported(node, $"it reshapes examples of {p} values to rows of {n}, which changes the batch");
        (rank, perExample) = (2, values);
        folds.Add(new OnnxFold(node.OpType, node.Name, null));
    }

    /// <summary>
    /// The constant <paramref name="name"/> as one value per feature, or one for all: shaped [], [1], [n] or
    /// [1, n] (what broadcasts over a [batch, n] matrix feature by feature), or exactly [n] when
    /// <paramref name="exact"/> (a batch norm's statistics).
    /// </summary>
    /// <param name="node">The node that reads it.</param>
    /// <param name="name">The constant's name.</param>
    /// <param name="role">What the node reads it as, for messages.</param>
    /// <param name="width">The features n, when known.</param>
    /// <param name="noun">What the features are called in messages: features, units.</param>
    /// <param name="exact">Whether it must be [n] exactly.</param>
    private double[] PerFeature(NodeProto node, string name, string role, long? width, string noun, bool exact = false)
    {
        var (tensor, description) = Constant(node, name, role);
        var values = OnnxTensor.Floats(tensor, description);
        var dimensions = tensor.Dims;
        bool shaped = exact
            ? dimensions.Count == 1 && (width is null || values.Length == width)
            : dimensions.Count <= 2 && dimensions.SkipLast(1).All(d => d == 1) && (width is null || values.Length == width || values.Length == 1);
        string n = width?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n";
        return shaped
            ? [.. values.Select(value => (double)value)]
            : throw Unsupported(node, $"its {role} '{name}' has dimensions {Dimensions(dimensions)}; for {n} {noun} it must be " +
                (exact ? $"[{n}]" : $"[{n}], [1, {n}], [1] or a scalar, one value per feature or one for all"));
    }

    private void RequireMatrix(NodeProto node)
    {
        if (rank is int known && known != 2)
            throw Unsupported(node, $"its input '{Current}' has {known} dimensions; GenNet reads {node.OpType} of [batch, n] matrices only (Flatten first)");
    }

    /// <summary>Refuses <paramref name="node"/> if a folded weight or bias of layer <paramref name="layer"/> does not fit a float.</summary>
    private static void RequireFloat(NodeProto node, int layer, double[] weights, double[] biases, string how)
    {
        int fanIn = weights.Length / biases.Length;
        for (int k = 0; k < weights.Length; k++)
            if (!float.IsFinite((float)weights[k]))
                throw Unsupported(node, $"{how}, layer {layer}'s weight W[{layer}][{k / fanIn}, {k % fanIn}] would be {Text(weights[k])}, which float32 cannot hold");
        for (int i = 0; i < biases.Length; i++)
            if (!float.IsFinite((float)biases[i]))
                throw Unsupported(node, $"{how}, layer {layer}'s bias b[{layer}][{i}] would be {Text(biases[i])}, which float32 cannot hold");
    }
}
