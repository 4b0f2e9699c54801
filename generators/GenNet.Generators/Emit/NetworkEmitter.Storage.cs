using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    // Where the values of layer l live in generated code. An unrolled layer keeps Z, A and dZ in
    // vector locals, four units to a vector (z1_0to3, a1_0to3, dz1_0to3; see LaneGroup); a loop
    // layer keeps them in spans (z1, a1, dz1). A[0] is the input: scalar locals a0_j when layer 1
    // is unrolled, else the span x itself. An unrolled layer that feeds a loop layer also stores
    // its A into a span (the loop reads it) and receives its dZ through one (the loop writes
    // W[l+1]ᵀ·dZ[l+1] there).

    // The model decides which is which: NetworkModel.InLocals, FeedsLoop and SpanCaches.

    /// <summary>The span holding A[l], for a loop layer to read.</summary>
    private static string ASpan(int l) => l == 0 ? "x" : $"a{l}";

    /// <summary>The vector local of a group of layer l's units: <c>z1_0to3</c>, <c>dz2_0</c>.</summary>
    private static string Lanes(string quantity, int l, LaneGroup group) => $"{quantity}{l}_{group.Suffix}";

    /// <summary>The accumulator of a column piece of <c>Σ dW[l]</c>: the units of <paramref name="units"/>, input <paramref name="j"/>.</summary>
    private static string WeightGradientColumn(int l, LaneGroup units, int j) => $"dw{l}_{units.Suffix}_{j}";

    /// <summary>The accumulator of a row piece of <c>Σ dW[l]</c>: unit <paramref name="i"/>, the inputs of <paramref name="inputs"/>.</summary>
    private static string WeightGradientRow(int l, int i, LaneGroup inputs) => $"dw{l}_{i}_{inputs.Suffix}";

    /// <summary>
    /// The vector locals that sum <c>Σ dW[l]</c> and <c>Σ db[l]</c> of an unrolled layer over a batch, each
    /// with where its lanes go in the parameter layout: lane r at <c>Start + r·Stride</c>.
    /// </summary>
    private static IEnumerable<(string Name, int Start, int Stride, int Count)> GradientSumPieces(LayerModel layer)
    {
        int l = layer.Index;
        if (layer.SumsRows)
        {
            for (int i = 0; i < layer.Units; i++)
                foreach (var inputs in LaneGroup.Of(layer.Inputs))
                    yield return (WeightGradientRow(l, i, inputs), layer.Weight(i, inputs.First), 1, inputs.Count);
        }
        else
        {
            foreach (var units in LaneGroup.Of(layer.Units))
                for (int j = 0; j < layer.Inputs; j++)
                    yield return (WeightGradientColumn(l, units, j), layer.Weight(units.First, j), layer.Inputs, units.Count);
        }
        foreach (var units in LaneGroup.Of(layer.Units))
            yield return (Lanes("db", l, units), layer.Bias(units.First), 1, units.Count);
    }

    /// <summary>
    /// A group of layer l's inputs A[l-1] as a vector: the lanes of an unrolled layer as they are,
    /// else (A[0] or a loop layer's span) the local that <see cref="WriteInputLanes"/> declares.
    /// </summary>
    private static string InputLanes(int l, LaneGroup inputs) => l == 1 ? $"x_{inputs.Suffix}" : Lanes("a", l - 1, inputs);

    /// <summary>Declares the input groups of layer l as vectors where they are not vectors already: A[0], or a loop layer's A.</summary>
    private static void WriteInputLanes(SourceWriter writer, NetworkModel model, LayerModel layer)
    {
        int l = layer.Index;
        if (l > 1 && model.InLocals(l - 1))
            return;
        foreach (var group in LaneGroup.Of(layer.Inputs))
            writer.Line($"{Vector} {InputLanes(l, group)} = {(l == 1 ? group.Create(j => $"a0_{j}") : LoadLanes($"a{l - 1}", group))};");
    }

    /// <summary>A[l-1][j], the input j of layer l, in every lane of a vector.</summary>
    private static string BroadcastInput(NetworkModel model, int l, int j)
    {
        if (l == 1)
            return model.InLocals(0) ? $"{Vectors}.Create(a0_{j})" : $"{Vectors}.Create(x[{j}])";
        return model.InLocals(l - 1)
            ? Broadcast(Lanes("a", l - 1, LaneGroup.Holding(j, model.Layers[l - 2].Units)), j)
            : $"{Vectors}.Create(a{l - 1}[{j}])";
    }

    /// <summary>dZ[l][i] of an unrolled layer in every lane of a vector.</summary>
    private static string BroadcastError(LayerModel layer, int i) =>
        Broadcast(Lanes("dz", layer.Index, LaneGroup.Holding(i, layer.Units)), i);

    /// <summary>The lane of <paramref name="vector"/> that holds unit <paramref name="unit"/>, in every lane.</summary>
    private static string Broadcast(string vector, int unit) =>
        $"{Vectors}.Shuffle({vector}, {Vectors}.Create({unit % LaneGroup.Width}))";

    /// <summary>The column <c>W[l][group, j]</c>: the weights from input j to the group's units, 0 in padding lanes.</summary>
    private static string WeightColumn(NetworkModel model, LayerModel layer, LaneGroup group, int j) =>
        group.Create(i => Parameter(model, layer.Weight(i, j)));

    /// <summary>
    /// The row piece <c>W[l][i, group]</c>: the weights from the inputs of <paramref name="group"/> (units of
    /// layer l-1) to unit i. Contiguous in the parameters, so a full group is one load.
    /// </summary>
    private static string WeightRow(NetworkModel model, LayerModel layer, int i, LaneGroup group) =>
        group.Full ? ParameterVector(model, layer.Weight(i, group.First)) : group.Create(j => Parameter(model, layer.Weight(i, j)));

    /// <summary><c>b[l]</c> of the group's units, 0 in padding lanes.</summary>
    private static string BiasLanes(NetworkModel model, LayerModel layer, LaneGroup group) =>
        group.Full ? ParameterVector(model, layer.Bias(group.First)) : group.Create(i => Parameter(model, layer.Bias(i)));

    /// <summary>Parameter <paramref name="index"/> in an expression: <c>θ[index]</c>, or the constant itself when the weights are baked.</summary>
    private static string Parameter(NetworkModel model, int index) =>
        model.BakedParameters is { } baked ? FloatLiteral.Format(baked[index]) : $"θ[{index}]";

    /// <summary>Four consecutive parameters as a vector: one load from <c>θ</c>, or four constants when the weights are baked.</summary>
    private static string ParameterVector(NetworkModel model, int start) =>
        model.Baked ? new LaneGroup(start, LaneGroup.Width).Create(index => Parameter(model, index)) : $"{Vectors}.LoadUnsafe(in θ[{start}])";

    /// <summary>
    /// The group's values read from a span, 0 in padding lanes; lane by lane, because
    /// <c>Vector128.Create(ReadOnlySpan)</c> takes a <c>Span</c> only from C# 14 on.
    /// </summary>
    private static string LoadLanes(string span, LaneGroup group) => group.Create(i => $"{span}[{i}]");

    /// <summary>Writes the group's real lanes into a span at the group's units.</summary>
    private static void StoreLanes(SourceWriter writer, string vector, string span, LaneGroup group, string? offset = null) =>
        StoreLanes(writer, vector, span, group.First, 1, group.Count, offset);

    /// <summary>Whether <paramref name="count"/> lanes <paramref name="stride"/> floats apart are one whole vector in memory: four contiguous floats.</summary>
    private static bool FillsVector(int stride, int count) => stride == 1 && count == LaneGroup.Width;

    /// <summary>
    /// Writes lanes 0 to <paramref name="count"/> - 1 of a vector <paramref name="stride"/> floats apart from
    /// <paramref name="start"/> (past <paramref name="offset"/>, an index expression, if given): one vector
    /// store when they are four and contiguous (the span is known to reach that far), else one
    /// constant-lane extraction a lane. Both are intrinsics, which the JIT expands without inlining anything.
    /// </summary>
    private static void StoreLanes(SourceWriter writer, string vector, string span, int start, int stride, int count, string? offset = null)
    {
        string Index(int index) => offset is null ? $"{index}" : $"{offset} + {index}";
        if (FillsVector(stride, count))
        {
            writer.Line($"{Vectors}.StoreUnsafe({vector}, ref {span}[{Index(start)}]);");
            return;
        }
        for (int lane = 0; lane < count; lane++)
            writer.Line($"{span}[{Index(start + lane * stride)}] = {Vectors}.GetElement({vector}, {lane});");
    }

    /// <summary>
    /// Declares <c>θ</c>, the parameters as a span, where unrolled layers read them: indexing a span at
    /// a constant within its constant length is plain loads to the JIT, where each element access of
    /// the inline array is a helper call that a long method may run out of inlining budget for.
    /// </summary>
    private static void WriteParameterSpan(SourceWriter writer, NetworkModel model)
    {
        if (model.FullyLooped || model.Baked) // baked unrolled layers hold their weights as constants
            return;
        writer.Line("// θ = W[1], b[1], …, W[L], b[L], read at constant indices");
        writer.Line($"{ReadOnlySpan} θ = _parameters;");
        writer.Line();
    }

    /// <summary>The span buffers a pass needs (<see cref="NetworkModel.SpanCaches"/>), each as a name (<c>z1</c>, <c>dz2</c>) and a length.</summary>
    private static List<(string Name, int Length)> Buffers(NetworkModel model, bool training) =>
        model.SpanCaches(training).Select(cache => ($"{cache.Quantity}{cache.Layer}", cache.Length)).ToList();

    /// <summary>
    /// Declares a pass's buffers: on the stack while they are small, else as slices of this thread's
    /// cache array, allocated once per thread (never an instance array: two threads predicting with
    /// one instance would overwrite each other's values).
    /// </summary>
    private static void WriteBuffers(SourceWriter writer, NetworkModel model, bool training)
    {
        var buffers = Buffers(model, training);
        if (buffers.Count == 0)
            return;
        // Z[L] for the loss (StoresLogitsForLoss) is the one span that may exist without a loop layer
        string spans = !(training && model.StoresLogitsForLoss) ? "The spans that loop layers read and write"
            : buffers.Count == 1 ? $"The span of Z[{model.OutputLayer.Index}] that the loss reads" : "The spans that loop layers and the loss read and write";
        if (model.CachesOnStack)
        {
            writer.Line($"// {spans}, on the stack");
        }
        else
        {
            writer.Line($"// {spans}, in this thread's cache array ({model.CacheLength} floats: too many for the stack)");
            writer.Line($"float[] caches = {ThreadCaches} ??= new float[{model.CacheLength}];");
        }
        int offset = 0;
        foreach (var (name, length) in buffers)
        {
            writer.Line(model.CachesOnStack
                ? $"{Span} {name} = stackalloc float[{length}];"
                : $"{Span} {name} = new {Span}(caches, {offset}, {length});");
            offset += length;
        }
        writer.Line();
    }

    private const string ThreadCaches = GeneratedMembers.ThreadCaches;

    /// <summary>Declares <see cref="GeneratedMembers.ThreadCaches"/> where the caches do not fit on the stack.</summary>
    private static void WriteThreadCaches(SourceWriter writer, NetworkModel model)
    {
        if (model.CachesOnStack || model.CacheLength == 0)
            return;
        writer.Line($"/// <summary>The per-example caches of the loop layers ({model.CacheLength} floats: too many for the stack), one array per thread, so that any number of threads can predict with one instance at once.</summary>");
        writer.Line($"[{SystemNames.ThreadStatic}]");
        writer.Line($"private static float[]? {ThreadCaches};");
        writer.Line();
    }
}
