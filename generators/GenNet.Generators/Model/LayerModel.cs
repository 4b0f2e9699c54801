namespace GenNet.Generators.Model;

/// <summary>
/// Layer <c>l</c> of a network: <c>Z[l] = W[l]·A[l-1] + b[l]</c> with <c>W[l]</c> of
/// <see cref="Units"/> × <see cref="Inputs"/> at <see cref="WeightOffset"/> (row-major) and
/// <c>b[l]</c> at <see cref="BiasOffset"/> in the flat parameter vector. An <see cref="Unrolled"/>
/// layer is written as straight-line code with its values in locals; any other as loops over
/// spans, in methods of its own.
/// </summary>
internal sealed record LayerModel(int Index, int Units, int Inputs, Activation Activation, int WeightOffset, int BiasOffset, bool Unrolled)
{
    /// <summary>
    /// Whether an unrolled layer sums <c>Σ dW[l]</c> by rows (a vector per unit and four inputs)
    /// rather than by columns (a vector per input and four units): rows when that takes no more
    /// vectors, because a row lies contiguous in the parameters and reaches them at the end of the
    /// batch in one vector operation per four weights, where a column takes one scalar operation per weight.
    /// </summary>
    public bool SumsRows => Units * VectorCount(Inputs) <= Inputs * VectorCount(Units);

    /// <summary>
    /// Whether the gradient sums of a full group of four units go into the gradient sum interleaved
    /// (<c>Kernels.StoreInterleaved</c>, two vector stores) rather than one lane at a time: so for a layer
    /// summed by columns with two inputs, whose group's eight weights lie together, a unit's two side by
    /// side. 2-4-1's <c>TrainStep</c> with one example took 3 ns less (69 → 66 ns in a probe).
    /// </summary>
    public bool InterleavesGradientColumns => !SumsRows && Inputs == 2;

    /// <summary>
    /// How many four-lane vectors the one-example training code sums this layer's <c>dW</c> and <c>db</c>
    /// in, when it is unrolled: <c>dW</c> by rows or by columns, whichever takes fewer (<see cref="SumsRows"/>), and <c>db</c>.
    /// </summary>
    public int GradientSumVectors => Math.Min(Units * VectorCount(Inputs), Inputs * VectorCount(Units)) + VectorCount(Units);

    /// <summary>The vectors of four lanes that <paramref name="count"/> values take.</summary>
    private static int VectorCount(int count) => (count + 3) / 4;

    /// <summary>
    /// Whether <c>g</c> is computed across the whole layer (softmax) rather than per vector of four units:
    /// unrolled, it is written out over the layer's vectors; in a loop, it is one call over the span.
    /// </summary>
    public bool WholeLayerActivation => ActivationTable.IsWholeLayer(Activation);

    /// <summary>The number of weights, <c>n[l] · n[l-1]</c>.</summary>
    public int WeightCount => Units * Inputs;

    /// <summary>A loop layer's forward method: <c>Z[l] = W[l]·A[l-1] + b[l]</c>, <c>A[l] = g(Z[l])</c>.</summary>
    public string ForwardMethod => $"ForwardLayer{Index}";

    /// <summary>A loop layer's method that adds <c>dZ[l]·A[l-1]ᵀ</c> and <c>dZ[l]</c> to the gradient sum.</summary>
    public string AccumulateMethod => $"AccumulateLayer{Index}";

    /// <summary>A loop layer's method that computes <c>W[l]ᵀ·dZ[l]</c> (layers above the first only).</summary>
    public string BackpropagateMethod => $"BackpropagateLayer{Index}";

    /// <summary>The methods the emitter writes for this layer: none when it is unrolled.</summary>
    public IEnumerable<string> MethodNames =>
        Unrolled ? [] : Index == 1 ? [ForwardMethod, AccumulateMethod] : [ForwardMethod, AccumulateMethod, BackpropagateMethod];

    /// <summary>The methods the emitter writes for this layer of a network with baked weights, which only predicts.</summary>
    public IEnumerable<string> BakedMethodNames => Unrolled ? [] : [ForwardMethod];

    /// <summary>The index of <c>W[l][i, j]</c> in the parameter vector.</summary>
    public int Weight(int i, int j) => WeightOffset + i * Inputs + j;

    /// <summary>The index of <c>b[l][i]</c> in the parameter vector.</summary>
    public int Bias(int i) => BiasOffset + i;
}
