using System.Numerics;

namespace GenNet.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one network, as plain values: no symbols or syntax, so
/// the incremental pipeline can compare models and skip emission when nothing changed.
/// </summary>
/// <param name="Type">The class it is declared on.</param>
/// <param name="InputCount">The number of inputs, <c>n[0]</c>.</param>
/// <param name="Layers">The layers 1..L with their parameter offsets.</param>
/// <param name="Loss">The resolved loss (never <see cref="Loss.Auto"/>).</param>
/// <param name="Init">The initialisation scheme.</param>
/// <param name="UnrollLimit">The most weights, over all layers, written as straight-line code (at most <see cref="MaxUnrollLimit"/>).</param>
internal sealed partial record NetworkModel(
    DeclaredType Type,
    int InputCount,
    EquatableArray<LayerModel> Layers,
    Loss Loss,
    Init Init,
    int UnrollLimit)
{
    /// <summary>
    /// The most parameters generated code holds: 2^24 floats, 64 MB stored inline in the instance. The
    /// runtime refuses a field of 128 MB or more (measured: an inline array of 33,554,430 floats loads,
    /// one of 33,554,431 throws TypeLoadException), so this keeps a margin of two; larger networks are
    /// <c>DynamicNetwork</c>'s.
    /// </summary>
    public const long MaxParameters = 1 << 24;

    /// <summary>The most weights any <c>UnrollLimit</c> unrolls (<see cref="UnrollLimits.Cap"/>, where the measurements are).</summary>
    public const int MaxUnrollLimit = UnrollLimits.Cap;

    /// <summary>
    /// Whether the project's target has <c>Vector128.FusedMultiplyAdd</c> (.NET 9 and later: the
    /// parse options define <c>NET9_0_OR_GREATER</c>); else the generated code calls GenNet's own.
    /// </summary>
    public bool IntrinsicFusedMultiplyAdd { get; init; }

    /// <summary>The short namespace alias generated code gives <c>System.Runtime.Intrinsics</c>.</summary>
    public const string ShortIntrinsicsAlias = "Simd";

    /// <summary>The alias where the project's global namespace already holds something named <see cref="ShortIntrinsicsAlias"/>.</summary>
    public const string LongIntrinsicsAlias = "GenNetIntrinsics";

    /// <summary>
    /// The namespace alias generated code reaches <c>System.Runtime.Intrinsics</c> by (<c>Simd::Vector128</c>,
    /// which no type or member of the user's can shadow): <see cref="ShortIntrinsicsAlias"/>, a tenth of a
    /// network's source in all, unless a type or namespace of that name in the global namespace would
    /// conflict with it (CS0576); then <see cref="LongIntrinsicsAlias"/>.
    /// </summary>
    public string IntrinsicsAlias { get; init; } = ShortIntrinsicsAlias;

    /// <summary>
    /// The weights and biases baked into the code as constants (<c>Weights = "…"</c>), in the parameter
    /// layout; null for a trainable network.
    /// </summary>
    public EquatableArray<float>? BakedParameters { get; init; }

    /// <summary>Whether the weights are constants in the code, so the class predicts and cannot train.</summary>
    public bool Baked => BakedParameters is not null;

    /// <summary>Where <see cref="BakedParameters"/> came from, as the attribute names it (for the file header); empty when not baked.</summary>
    public string WeightsPath { get; init; } = "";

    /// <summary>
    /// The most gradient values summed on the stack (32 KB); a larger network sums into an array the
    /// instance allocates once, so training cannot overflow the stack.
    /// </summary>
    public const int StackGradientLimit = 8192;

    /// <summary>The most per-example cache values (Z, A, dZ of loop layers) kept on the stack (16 KB).</summary>
    public const int StackCacheLimit = 4096;

    /// <summary>
    /// The floats of the span caches (Z, A and, for training, dZ) that the loop layers of one pass
    /// read and write: Z and A of every loop layer, A of an unrolled layer that feeds one, and dZ of
    /// both. A baked network only predicts, so it needs no dZ.
    /// </summary>
    public int CacheLength => SpanCaches(training: !Baked).Sum(cache => cache.Length);

    /// <summary>Whether layer l's Z, A and dZ live in vector locals: layer l is unrolled (for A[0]: layer 1 is).</summary>
    public bool InLocals(int l) => l == 0 ? Layers[0].Unrolled : Layers[l - 1].Unrolled;

    /// <summary>Whether layer l's values must also exist as spans: it is in locals and its successor is a loop layer.</summary>
    public bool FeedsLoop(int l) => l >= 1 && l < Layers.Count && InLocals(l) && !Layers[l].Unrolled;

    /// <summary>
    /// The span caches a pass needs, in the order they are laid out: Z and A of every loop layer, A of
    /// every unrolled layer feeding one, (training) dZ of both, and Z of an unrolled output layer where
    /// the loss reads it from a span (<see cref="StoresLogitsForLoss"/>).
    /// </summary>
    public IEnumerable<SpanCache> SpanCaches(bool training)
    {
        foreach (var layer in Layers)
        {
            int l = layer.Index;
            if (!layer.Unrolled)
            {
                yield return new SpanCache("z", l, layer.Units);
                yield return new SpanCache("a", l, layer.Units);
            }
            else if (FeedsLoop(l))
            {
                yield return new SpanCache("a", l, layer.Units);
            }
            if (training && (!layer.Unrolled || FeedsLoop(l)))
                yield return new SpanCache("dz", l, layer.Units);
            if (training && l == Layers.Count && StoresLogitsForLoss)
                yield return new SpanCache("z", l, layer.Units);
        }
    }

    /// <summary>
    /// Whether the loss is computed from the output layer's pre-activations <c>Z[L]</c> (the logits) rather than
    /// from <c>A[L]</c>: the cross-entropies, which are exact and finite from them however saturated ŷ is.
    /// </summary>
    public bool LossReadsLogits => LossTable.Of(Loss).ReadsLogits;

    /// <summary>
    /// Whether training's one-at-a-time examples store an unrolled output layer's <c>Z[L]</c> into a span
    /// for the loss: a loss of the whole layer (categorical cross-entropy, not <see cref="LossEntry.PerUnit"/>)
    /// takes an example's logits as a span, and without <see cref="DefersLoss"/> nothing else keeps them.
    /// </summary>
    public bool StoresLogitsForLoss => OutputLayer.Unrolled && !DefersLoss && !LossTable.Of(Loss).PerUnit;

    /// <summary>
    /// Whether the span caches are <c>stackalloc</c>ed (<see cref="StackCacheLimit"/>); else each thread
    /// allocates them once, in a <c>[ThreadStatic]</c> array of the class, so that predictions running
    /// on several threads at once never share a cache.
    /// </summary>
    public bool CachesOnStack => CacheLength <= StackCacheLimit;

    /// <summary>Whether the gradient sum fits on the stack (<see cref="StackGradientLimit"/>).</summary>
    public bool GradientsOnStack => ParameterCount <= StackGradientLimit;

    /// <summary>
    /// Whether the output error needs the chain rule, <c>dZ[L] = (A[L] - Y) · g'(Z[L])</c>, rather than
    /// <c>dZ[L] = A[L] - Y</c> (a loss and its matching output: <see cref="LossRules.OutputErrorNeedsDerivative"/>).
    /// </summary>
    public bool OutputErrorNeedsDerivative => LossRules.OutputErrorNeedsDerivative(Loss, OutputLayer.Activation);

    /// <summary>Whether every layer is straight-line code, so no span caches exist at all.</summary>
    public bool FullyUnrolled => Layers.All(layer => layer.Unrolled);

    /// <summary>Whether every layer is a loop, so no straight-line code exists at all.</summary>
    public bool FullyLooped => Layers.All(layer => !layer.Unrolled);

    /// <summary>The number of output units, <c>n[L]</c>.</summary>
    public int OutputCount => Layers[Layers.Count - 1].Units;

    /// <summary>The output layer <c>L</c>.</summary>
    public LayerModel OutputLayer => Layers[Layers.Count - 1];

    /// <summary>The number of weights and biases.</summary>
    public int ParameterCount => OutputLayer.BiasOffset + OutputLayer.Units;

    /// <summary>
    /// Lays out the layers in the parameter vector as the runtime's <c>ParameterLayout</c> does:
    /// layer by layer, <c>W[l]</c> row-major, then <c>b[l]</c>; and resolves <see cref="Loss.Auto"/>.
    /// </summary>
    /// <remarks>The caller has checked <see cref="CountParameters"/> against <see cref="MaxParameters"/>, so no offset overflows.</remarks>
    public static NetworkModel Create(
        DeclaredType type, int inputCount, IReadOnlyList<(int Units, Activation Activation)> layers, Loss loss, Init init, int unrollLimit)
    {
        unrollLimit = Math.Min(unrollLimit, MaxUnrollLimit);
        var unrolled = ChooseUnrolled(EmittedWeights(inputCount, layers), unrollLimit);

        var models = new LayerModel[layers.Count];
        int offset = 0, fanIn = inputCount;
        for (int l = 1; l <= layers.Count; l++)
        {
            var (units, activation) = layers[l - 1];
            models[l - 1] = new LayerModel(l, units, fanIn, activation, offset, offset + units * fanIn, unrolled[l - 1]);
            offset += units * fanIn + units;
            fanIn = units;
        }
        return new NetworkModel(type, inputCount, new EquatableArray<LayerModel>(models),
            LossRules.Resolve(loss, layers[layers.Count - 1].Activation), init, unrollLimit);
    }

    /// <summary>
    /// A layer's weights as unrolled code spends them: its units in whole vectors of four (a layer of
    /// one unit and 600 inputs is written as 600 vector operations, as many as one of four units).
    /// </summary>
    public static long EmittedWeights(int units, int inputs) => 4L * ((units + 3L) / 4) * inputs;

    /// <summary>Each layer's <see cref="EmittedWeights(int, int)"/>.</summary>
    public static long[] EmittedWeights(int inputCount, IReadOnlyList<(int Units, Activation Activation)> layers)
    {
        var weights = new long[layers.Count];
        for (int l = 0; l < layers.Count; l++)
            weights[l] = EmittedWeights(layers[l].Units, l == 0 ? inputCount : layers[l - 1].Units);
        return weights;
    }

    /// <summary>
    /// The number of weights and biases of a network of <paramref name="inputCount"/> inputs and layers of
    /// <paramref name="units"/>, exactly: it may pass not only <c>int</c> but <c>long</c> too (three layers of
    /// <c>int.MaxValue</c> units make 2^63 and more), and a count that wrapped around would pass for a small one.
    /// </summary>
    public static BigInteger CountParameters(int inputCount, IEnumerable<int> units)
    {
        BigInteger count = 0;
        long fanIn = inputCount;
        foreach (int layerUnits in units)
        {
            count += (BigInteger)layerUnits * fanIn + layerUnits;
            fanIn = layerUnits;
        }
        return count;
    }

    /// <summary>
    /// Whether <paramref name="unrollLimit"/> asks to unroll more than <see cref="MaxUnrollLimit"/> allows,
    /// so that the cap makes a layer a loop that the limit alone would have unrolled.
    /// </summary>
    public static bool CapChangesUnrolling(int inputCount, IReadOnlyList<(int Units, Activation Activation)> layers, int unrollLimit)
    {
        if (unrollLimit <= MaxUnrollLimit)
            return false;
        var weights = EmittedWeights(inputCount, layers);
        return !ChooseUnrolled(weights, unrollLimit).SequenceEqual(ChooseUnrolled(weights, MaxUnrollLimit));
    }

    /// <summary>
    /// Which layers are straight-line code. Every unrolled layer is written into the same forward and
    /// backward methods, and it is their total size that makes the JIT give up optimising them, so the
    /// limit bounds the total: layers are unrolled smallest first (where straight-line code gains the
    /// most over loops) for as long as the total stays within it; the rest become loops.
    /// </summary>
    /// <param name="weights">Each layer's weights as emitted (<see cref="EmittedWeights"/>).</param>
    /// <param name="unrollLimit">The most weights to unroll in all.</param>
    public static bool[] ChooseUnrolled(IReadOnlyList<long> weights, int unrollLimit)
    {
        var unrolled = new bool[weights.Count];
        long total = 0;
        foreach (int layer in Enumerable.Range(0, weights.Count).OrderBy(l => weights[l]).ThenBy(l => l))
        {
            if (total + weights[layer] > unrollLimit)
                break;
            total += weights[layer];
            unrolled[layer] = true;
        }
        return unrolled;
    }

    /// <summary>An architecture as the generated header and diagnostics write it: <c>2 inputs → 4 Tanh → 1 Sigmoid</c>.</summary>
    public static string Describe(int inputCount, IEnumerable<(int Units, Activation Activation)> layers) =>
        ArchitectureText.Describe(inputCount, layers.Select(layer => (layer.Units, layer.Activation.ToString())));

    /// <summary>This network's architecture, as <see cref="Describe"/> writes it.</summary>
    public string Architecture => Describe(InputCount, Layers.Select(layer => (layer.Units, layer.Activation)));

}

/// <summary>One span of a pass's caches: a quantity of the course's (<c>z</c>, <c>a</c>, <c>dz</c>) of layer <paramref name="Layer"/>.</summary>
internal readonly record struct SpanCache(string Quantity, int Layer, int Length);
