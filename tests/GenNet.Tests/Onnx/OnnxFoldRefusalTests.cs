using System.Globalization;
using GenNet.Onnx;
using Onnx;
using static GenNet.Tests.Onnx.OnnxGraphs;

namespace GenNet.Tests.Onnx;

/// <summary>
/// Every way a graph around the layers cannot be folded, each with its whole message: the refusal names the
/// first node that cannot be folded or read, and why, never a constant that merely feeds it; and the folds
/// whose arithmetic the model itself could not do (a division by 0, a constant that is not finite, the root
/// of a variance plus epsilon that is not positive, weights beyond float).
/// </summary>
public sealed class OnnxFoldRefusalTests : IDisposable
{
    private const string Reads = "GenNet reads Gemm, MatMul, Sigmoid, Tanh, Relu, LeakyRelu, Softmax and LogSoftmax, folds Add, Sub, Mul and Div " +
        "by constants and BatchNormalization into the layers, and drops Dropout, Identity, Flatten and Reshape to [batch, n]";

    private const string NotEvaluated = "it computes a constant from constants alone, and GenNet evaluates only Constant, Identity and Reshape there " +
        "(exporters fold the rest: torch.onnx.export's do_constant_folding)";

    private const string ReshapeOnly = "GenNet reads Reshape only to a constant shape [batch, n], such as [-1, n] or [0, -1]";

    private static readonly Dictionary<string, (Func<GraphProto> Graph, string Message)> Refusals = new()
    {
        ["an operator fed by a Constant node"] = (
            () => Layered([Constant("make_p", "p", Floats("", [2f])), Node("Pow", "pow", ["input", "p"], "x")]),
            $"ONNX node 'pow' (Pow) is not supported: {Reads}."),
        ["a constant computed by an operator GenNet does not evaluate"] = (
            () => Layered([Node("Sqrt", "root", ["v"], "s"), Node("Div", "op", ["input", "s"], "x")], Floats("v", [4f, 9f], 2)),
            $"ONNX node 'root' (Sqrt) is not supported: {NotEvaluated}; what it computes is the divisor 's' of node 'op' (Div)."),
        ["a Constant of text"] = (
            () => Layered([Node("Constant", "make_c", [], "c", new AttributeProto { Name = "value_string", Type = AttributeProto.Types.AttributeType.String }),
                Node("Sub", "op", ["input", "c"], "x")]),
            "ONNX node 'make_c' (Constant) is not supported: its value is its attribute 'value_string'; GenNet reads a Constant's value, value_float(s) " +
            "or value_int(s) as numbers; what it computes is the other input 'c' of node 'op' (Sub)."),
        ["a Reshape of a constant to another count of values"] = (
            () => Layered([Node("Reshape", "fold_c", ["three", "shape"], "c"), Node("Mul", "op", ["input", "c"], "x")],
                Floats("three", [1f, 2f, 3f], 3), Int64s("shape", [2, 2], 2)),
            "ONNX node 'fold_c' (Reshape) is not supported: it reshapes ONNX initializer 'three' (3 values) to [2, 2]; what it computes is the other input 'c' of node 'op' (Mul)."),
        ["an output computed from constants alone"] = (
            () => Layered([Node("Identity", "copy", ["input"], "unused")]).With(graph => graph.Node[^1].Input[0] = "w"),
            $"ONNX node 'fc' (Gemm) is not supported: {NotEvaluated}; what it computes is the graph output 'output'."),
        ["a Sub of the chain and itself"] = (
            () => Layered([Node("Sub", "op", ["input", "input"], "x")]),
            "ONNX node 'op' (Sub) is not supported: both its inputs are 'input'; GenNet folds Sub only by a constant."),
        ["an Add of an earlier tensor (a residual connection)"] = (
            () => Layered([Node("Relu", "act", ["z"], "a"), Gemm("fc2", "a", "w", "b", "z2", transB: true), Node("Add", "op", ["z2", "a"], "output")])
                .With(graph => { graph.Node.RemoveAt(graph.Node.Count - 1); graph.Node.Insert(0, Gemm("fc1", "input", "w", "b", "z", transB: true)); }),
            "ONNX node 'op' (Add) is not supported: it reads its other input from 'a', which the network computes from its input, not a constant."),
        ["an Add of an unnamed input"] = (
            () => Layered([Node("Add", "op", ["input", ""], "x")]),
            "ONNX node 'op' (Add) is not supported: its other input is an unnamed input."),
        ["a constant divided by the chain"] = (
            () => Layered([Node("Div", "op", ["c", "input"], "x")], Floats("c", [1f, 2f], 2)),
            "ONNX node 'op' (Div) is not supported: it divides 'c' by 'input', which is no affine map of the features to fold."),
        ["a constant of a value per example and feature"] = (
            () => Layered([Node("Sub", "op", ["input", "c"], "x")], Floats("c", [1f, 2f, 3f, 4f], 2, 2)),
            "ONNX node 'op' (Sub) is not supported: its other input 'c' has dimensions [2, 2]; for 2 features it must be [2], [1, 2], [1] or a scalar, one value per feature or one for all."),
        ["a constant of another number of features"] = (
            () => Layered([Node("Mul", "op", ["input", "c"], "x")], Floats("c", [1f, 2f, 3f], 3)),
            "ONNX node 'op' (Mul) is not supported: its other input 'c' has dimensions [3]; for 2 features it must be [2], [1, 2], [1] or a scalar, one value per feature or one for all."),
        ["a constant of three dimensions"] = (
            () => Layered([Node("Add", "op", ["input", "c"], "x")], Floats("c", [1f, 2f], 1, 1, 2)),
            "ONNX node 'op' (Add) is not supported: its other input 'c' has dimensions [1, 1, 2]; for 2 features it must be [2], [1, 2], [1] or a scalar, one value per feature or one for all."),
        ["an int64 constant"] = (
            () => Layered([Node("Sub", "op", ["input", "c"], "x")], Int64s("c", [1, 2], 2)),
            "ONNX initializer 'c' is of ONNX data type 7; GenNet reads float32 (1) here."),
        ["a fold on a tensor of three dimensions"] = (
            () => Layered([Node("Sub", "op", ["input", "c"], "x")], Floats("c", [1f, 2f], 2)).With(graph => graph.Input[0] = Graph([null, 2, 2], [null]).Input[0]),
            "ONNX node 'op' (Sub) is not supported: its input 'input' has 3 dimensions; GenNet reads Sub of [batch, n] matrices only (Flatten first)."),
        ["a fold after the output layer's activation"] = (
            () => Layered([]).With(graph =>
            {
                graph.Node[^1].Output[0] = "z";
                graph.Node.Add([Node("Sigmoid", "act", ["z"], "a"), Node("Mul", "op", ["a", "c"], "output")]);
                graph.Initializer.Add(Floats("c", [2f], 1));
            }),
            "ONNX node 'op' (Mul) is not supported: it follows the output layer's activation (Sigmoid), and GenNet folds Mul into the layer after it " +
            "or between a layer's Gemm or MatMul and its activation."),
        ["a batch norm in training mode"] = (
            () => Normalized(Int("training_mode", 1)),
            "ONNX node 'bn' (BatchNormalization) is not supported: it is in training mode (training_mode = 1): it normalizes each batch by its own statistics; " +
            "exported from a model in eval mode (model.eval()) it uses the running statistics and has one output."),
        ["a batch norm with the outputs of training"] = (
            () => Normalized().With(graph => graph.Node[0].Output.Add(["running_mean", "running_var"])),
            "ONNX node 'bn' (BatchNormalization) is not supported: it is in training mode (3 outputs): it normalizes each batch by its own statistics; " +
            "exported from a model in eval mode (model.eval()) it uses the running statistics and has one output."),
        ["a batch norm of statistics shaped [1, n]"] = (
            () => Normalized().With(graph => graph.Initializer.Single(tensor => tensor.Name == "m").Dims.Insert(0, 1)),
            "ONNX node 'bn' (BatchNormalization) is not supported: its mean 'm' has dimensions [1, 2]; for 2 features it must be [2]."),
        ["a Dropout in training mode"] = (
            () => Layered([Constant("make_t", "t", Bool("", true)), Node("Dropout", "drop", ["input", "", "t"], "x")]),
            "ONNX node 'drop' (Dropout) is not supported: its training_mode is true: it drops units at random, as in training; " +
            "exported from a model in eval mode (model.eval()) it is the identity, which PyTorch writes as no node at all."),
        ["a Dropout whose training mode is computed"] = (
            () => Layered([Node("Dropout", "drop", ["input", "", "input"], "x")]),
            "ONNX node 'drop' (Dropout) is not supported: it reads its training_mode from 'input', which the network computes from its input, not a constant."),
        ["a Dropout of opset 6 in a training graph"] = (
            () => Layered([Node("Dropout", "drop", ["input"], "x", Int("is_test", 0))]),
            "ONNX node 'drop' (Dropout) is not supported: its is_test is 0: it drops units at random, as in training; exported from a model in eval mode it is the identity."),
        ["a Flatten over the batch"] = (
            () => Layered([Node("Flatten", "flat", ["input"], "x", Int("axis", 0))]),
            "ONNX node 'flat' (Flatten) is not supported: its axis is 0; GenNet reads Flatten only at axis 1, which keeps the batch and makes each example a row."),
        ["a Reshape to three dimensions"] = (
            () => Reshaped([-1, 1, 2]),
            $"ONNX node 'reshape' (Reshape) is not supported: it reshapes to [-1, 1, 2]; {ReshapeOnly}."),
        ["a Reshape to a fixed batch the input does not have"] = (
            () => Reshaped([8, 2]),
            $"ONNX node 'reshape' (Reshape) is not supported: it reshapes to [8, 2], whose first dimension 8 is not the batch (-1 or 0); {ReshapeOnly}."),
        ["a Reshape to another fixed batch than the input's"] = (
            () => Reshaped([8, 2]).With(graph => graph.Input[0] = Graph([16, 2], [16, 2]).Input[0]),
            $"ONNX node 'reshape' (Reshape) is not supported: it reshapes to [8, 2], whose first dimension 8 is not the batch (the input's 16, -1 or 0); {ReshapeOnly}."),
        ["a Reshape that changes the batch"] = (
            () => Reshaped([-1, 1]),
            "ONNX node 'reshape' (Reshape) is not supported: it reshapes examples of 2 values to rows of 1, which changes the batch."),
        ["a Reshape that allows a zero dimension"] = (
            () => Reshaped([0, -1]).With(graph => graph.Node[1].Attribute.Add(Int("allowzero", 1))),
            $"ONNX node 'reshape' (Reshape) is not supported: it reshapes to [0, -1], whose first dimension 0 is not the batch (-1 or 0); {ReshapeOnly}."),
        ["a Reshape to a shape computed from the input"] = (
            () => Layered([Node("Reshape", "reshape", ["input", "input"], "x")]),
            "ONNX node 'reshape' (Reshape) is not supported: it reads its shape from 'input', which the network computes from its input, not a constant."),
        ["a Shape of the input"] = (
            () => Layered([Node("Shape", "shape", ["input"], "s"), Node("Reshape", "reshape", ["input", "s"], "x")]),
            "ONNX node 'shape' (Shape) is not supported: it reads the shape of 'input' to compute with; GenNet reads Reshape only to a constant shape [batch, n], " +
            "such as [-1, n], which PyTorch writes for x.view(-1, n) or nn.Flatten()."),
        ["a LogSoftmax on a hidden layer"] = (
            () => Layered([]).With(graph =>
            {
                graph.Node[^1].Output[0] = "z";
                graph.Node.Add([Node("LogSoftmax", "head", ["z"], "a", Int("axis", 1)), Gemm("fc2", "a", "w", "b", "output", transB: true)]);
            }),
            "ONNX node 'head' (LogSoftmax) is not supported: a layer follows it, but GenNet's Softmax is only for the output layer (its units share one distribution over classes)."),
        ["a first layer of other inputs than the graph's"] = (
            () => Layered([Node("Identity", "copy", ["input"], "x")]).With(graph => graph.Input[0] = Graph(3, 2).Input[0]),
            "ONNX node 'fc' (Gemm) is not supported: it takes 2 inputs where 'x' has 3 features."),
        ["a Gemm whose weights are computed"] = (
            () => Layered([Node("Identity", "copy", ["input"], "x")]).With(graph => graph.Node[^1].Input[1] = "x"),
            "ONNX node 'fc' (Gemm) is not supported: it reads its weights from 'x', which the network computes from its input, not a constant."),
        ["a MatMul of weights by the input"] = (
            () => Layered([Node("MatMul", "mm", ["w", "input"], "x")]),
            "ONNX node 'mm' (MatMul) is not supported: it does not continue the chain from 'input' (its input 0)."),
        ["an activation before any layer"] = (
            () => Layered([Node("Relu", "act", ["input"], "x")]),
            "ONNX node 'act' (Relu) is not supported: it does not follow a Gemm or MatMul layer (one activation per layer)."),
    };

    private readonly string folder = Directory.CreateTempSubdirectory("gennet-onnx-fold-refusal-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<string> Cases() => [.. Refusals.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_graph_that_cannot_be_folded_is_refused_at_its_first_unreadable_node(string refusal)
    {
        var (graph, message) = Refusals[refusal];

        Refusal(graph()).ShouldBe(message);
    }

    [Fact]
    public void Each_graph_imports_once_its_refused_node_is_what_GenNet_folds()
    {
        // The check on the check: the graphs around the refused nodes are well-formed chains of layers.
        var scaled = Layered([Constant("make_c", "c", Floats("", [2f, 4f], 2)), Node("Div", "op", ["input", "c"], "x")]);
        OnnxImport.Read(Write(folder, scaled)).FoldSummary.ShouldBe("Div into layer 1");
        var reshaped = Reshaped([-1, 2]);
        OnnxImport.Read(Write(folder, reshaped)).FoldSummary.ShouldBe("Reshape dropped");
        var normalized = Normalized();
        OnnxImport.Read(Write(folder, normalized)).FoldSummary.ShouldBe("BatchNormalization into layer 1");
    }

    [Fact]
    public void A_division_by_a_zero_constant_is_refused()
    {
        var graph = ScaledLayer("Div", Floats("c", [2f, 0f], 2));
        Refusal(graph).ShouldBe("ONNX node 'op' (Div) is not supported: it divides by 'c', which is 0 at index 1; the model's outputs would be infinite or NaN.");
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void A_constant_that_is_not_finite_is_refused_naming_it(float value, string text)
    {
        var initializer = ScaledLayer("Sub", Floats("c", [1f, value], 2));
        Refusal(initializer).ShouldBe($"ONNX initializer 'c' holds {text} at index 1; GenNet reads finite weights only, as weight files do (a NaN or ∞ weight makes every output NaN).");

        var constant = ScaledLayer("Mul", Floats("c", [1f, 1f], 2));
        constant.Initializer.Remove(constant.Initializer.Single(tensor => tensor.Name == "c"));
        constant.Node.Insert(0, Constant("make_c", "c", Floats("", [value, 1f], 2)));
        Refusal(constant).ShouldBe($"ONNX constant 'c' (node 'make_c') holds {text} at index 0; GenNet reads finite weights only, as weight files do (a NaN or ∞ weight makes every output NaN).");
    }

    [Theory]
    [InlineData(-0.5f, 0.1f)]
    [InlineData(0f, 0f)]
    public void A_batch_norm_whose_variance_plus_epsilon_is_not_positive_is_refused(float variance, float epsilon)
    {
        var graph = Normalized(Float("epsilon", epsilon)).With(graph => graph.Initializer.Single(tensor => tensor.Name == "v").FloatData[1] = variance);

        Refusal(graph).ShouldBe(string.Create(CultureInfo.InvariantCulture,
            $"ONNX node 'bn' (BatchNormalization) is not supported: its variance plus epsilon is {(double)variance + epsilon} for feature 1 " +
            $"(variance {(double)variance}, epsilon {(double)epsilon}); the model would divide by the square root of a number that is not positive."));
    }

    [Fact]
    public void A_fold_whose_weights_overflow_float_is_refused()
    {
        var before = ScaledLayer("Div", Floats("c", [1e-30f, 1f], 2));
        before.Initializer.Single(tensor => tensor.Name == "w").FloatData[0] = 1e10f;
        Refusal(before).ShouldBe(string.Create(CultureInfo.InvariantCulture,
            $"ONNX node 'fc' (Gemm) is not supported: with 'op' (Div) folded in, layer 1's weight W[1][0, 0] would be {1e10f * (1 / (double)1e-30f)}, which float32 cannot hold."));

        var after = Graph(2, 2);
        after.Node.Add(Gemm("fc", "input", "w", "b", "z", transB: true));
        after.Node.Add(Node("Mul", "big", ["z", "c"], "output"));
        after.Initializer.Add([Floats("w", [1f, 1f, 1f, 1f], 2, 2), Floats("b", [0f, 3e30f], 2), Floats("c", [1f, 1e30f], 2)]);
        Refusal(after).ShouldBe(string.Create(CultureInfo.InvariantCulture,
            $"ONNX node 'big' (Mul) is not supported: folded in, layer 1's bias b[1][1] would be {(double)1e30f * 3e30f}, which float32 cannot hold."));
    }

    /// <summary>The layer after <paramref name="operation"/> 'op' of the input by the constant <paramref name="constant"/>.</summary>
    private static GraphProto ScaledLayer(string operation, TensorProto constant) =>
        Layered([Node(operation, "op", ["input", constant.Name], "x")], constant);

    private string Refusal(GraphProto graph)
    {
        string path = Write(folder, graph);
        return Should.Throw<InvalidDataException>(() => OnnxImport.Read(path)).Message;
    }

    /// <summary>
    /// A graph of input [batch, 2] and a Gemm layer 'fc' of 2 units (weights 'w' of ones, bias 'b' of zeros)
    /// reading "x", which the <paramref name="nodes"/> compute from the input; <paramref name="constants"/> are its other initializers.
    /// </summary>
    private static GraphProto Layered(NodeProto[] nodes, params TensorProto[] constants)
    {
        var graph = Graph(2, 2);
        graph.Node.Add(nodes);
        graph.Node.Add(Gemm("fc", nodes.Length == 0 ? "input" : "x", "w", "b", "output", transB: true));
        graph.Initializer.Add([Floats("w", [1f, 1f, 1f, 1f], 2, 2), Floats("b", [0f, 0f], 2), .. constants]);
        return graph;
    }

    /// <summary>A batch norm 'bn' of the input (statistics 'g', 'beta', 'm', 'v') before the layer.</summary>
    private static GraphProto Normalized(params AttributeProto[] attributes) =>
        Layered([Node("BatchNormalization", "bn", ["input", "g", "beta", "m", "v"], "x", attributes)],
            Floats("g", [1f, 2f], 2), Floats("beta", [0f, 1f], 2), Floats("m", [0.5f, -0.5f], 2), Floats("v", [1f, 4f], 2));

    /// <summary>A Reshape 'reshape' of the input to <paramref name="shape"/> (a Constant node) before the layer.</summary>
    private static GraphProto Reshaped(long[] shape) =>
        Layered([Constant("make_shape", "shape", Int64s("", shape, shape.Length)), Node("Reshape", "reshape", ["input", "shape"], "x")]);
}

/// <summary>Changes to a graph written in one expression.</summary>
internal static class GraphChanges
{
    public static GraphProto With(this GraphProto graph, Action<GraphProto> change)
    {
        change(graph);
        return graph;
    }
}
