namespace GenNet.Onnx;

/// <summary>
/// A map of each feature on its own, <c>x'_j = s_j · x_j + t_j</c>, in double precision: what a <c>Sub</c>,
/// <c>Add</c>, <c>Mul</c> or <c>Div</c> by a constant of one value per feature computes, and a batch norm
/// in inference, <c>γ_j (x_j − μ_j) / √(σ²_j + ε) + β_j</c>. A map of one scale and one shift applies them
/// to every feature (a scalar constant, or any constant before the width is known).
/// </summary>
/// <remarks>
/// Folding it into a layer <c>z = W·x + b</c> is exact arithmetic on W and b: before the layer,
/// <c>W'[i, j] = W[i, j] · s_j</c> and <c>b'_i = b_i + Σ_j W[i, j] · t_j</c>; after its linear part, before
/// its activation, <c>W'[i, j] = s_i · W[i, j]</c> and <c>b'_i = s_i · b_i + t_i</c>. Everything stays in
/// double precision until the network's parameters are rounded to float once.
/// </remarks>
internal sealed class AffineMap
{
    private readonly double[] scales, shifts;

    private AffineMap(double[] scales, double[] shifts) => (this.scales, this.shifts) = (scales, shifts);

    /// <summary>The number of features it maps, 1 when one scale and shift apply to all.</summary>
    public int Width => scales.Length;

    /// <summary><c>x + c</c>.</summary>
    public static AffineMap Shift(double[] constants) => new([.. constants.Select(_ => 1.0)], constants);

    /// <summary><c>c · x</c>.</summary>
    public static AffineMap Scale(double[] constants) => new(constants, new double[constants.Length]);

    /// <summary><c>c − x</c>.</summary>
    public static AffineMap SubtractedFrom(double[] constants) => new([.. constants.Select(_ => -1.0)], constants);

    /// <summary><c>s · x + t</c>, with as many scales as shifts.</summary>
    public static AffineMap Of(double[] scales, double[] shifts) => new(scales, shifts);

    /// <summary>The scale of feature <paramref name="j"/>.</summary>
    public double ScaleOf(int j) => scales[Width == 1 ? 0 : j];

    /// <summary>The shift of feature <paramref name="j"/>.</summary>
    public double ShiftOf(int j) => shifts[Width == 1 ? 0 : j];

    /// <summary>This map, then <paramref name="next"/>: <c>s₂(s₁x + t₁) + t₂ = (s₂s₁)x + (s₂t₁ + t₂)</c>.</summary>
    /// <exception cref="ArgumentException">The widths differ and neither is 1.</exception>
    public AffineMap Then(AffineMap next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (Width != next.Width && Width != 1 && next.Width != 1)
            throw new ArgumentException($"A map of {next.Width} features cannot follow one of {Width}.", nameof(next));
        int width = Math.Max(Width, next.Width);
        var scale = new double[width];
        var shift = new double[width];
        for (int j = 0; j < width; j++)
        {
            scale[j] = next.ScaleOf(j) * ScaleOf(j);
            shift[j] = next.ScaleOf(j) * ShiftOf(j) + next.ShiftOf(j);
        }
        return new AffineMap(scale, shift);
    }

    /// <summary>Folds the map in before a layer of <paramref name="fanIn"/> inputs: the layer then takes the features the map took.</summary>
    /// <param name="weights">W, one row of <paramref name="fanIn"/> per unit; changed in place.</param>
    /// <param name="biases">b, one per unit; changed in place.</param>
    /// <param name="fanIn">The inputs of the layer.</param>
    public void FoldBefore(double[] weights, double[] biases, int fanIn)
    {
        RequireWidth(fanIn, nameof(fanIn));
        for (int i = 0; i < biases.Length; i++)
        {
            // The shift goes through the original weights, before they are scaled.
            double bias = biases[i];
            for (int j = 0; j < fanIn; j++)
            {
                bias += weights[i * fanIn + j] * ShiftOf(j);
                weights[i * fanIn + j] *= ScaleOf(j);
            }
            biases[i] = bias;
        }
    }

    /// <summary>Folds the map in after a layer's linear part, before its activation.</summary>
    /// <param name="weights">W, one row of <paramref name="fanIn"/> per unit; changed in place.</param>
    /// <param name="biases">b, one per unit (as many as the map's features); changed in place.</param>
    /// <param name="fanIn">The inputs of the layer.</param>
    public void FoldAfter(double[] weights, double[] biases, int fanIn)
    {
        ArgumentNullException.ThrowIfNull(biases);
        RequireWidth(biases.Length, nameof(biases));
        for (int i = 0; i < biases.Length; i++)
        {
            for (int j = 0; j < fanIn; j++)
                weights[i * fanIn + j] *= ScaleOf(i);
            biases[i] = ScaleOf(i) * biases[i] + ShiftOf(i);
        }
    }

    private void RequireWidth(int features, string name)
    {
        if (Width != 1 && Width != features)
            throw new ArgumentException($"The map is over {Width} features, but the layer has {features}.", name);
    }
}
