namespace GenNet;

/// <summary>
/// Input standardisation: feature <c>j</c> of every example becomes <c>x̂_j = (x_j − μ_j) / σ_j</c>,
/// with the mean <c>μ_j</c> and standard deviation <c>σ_j</c> of the training data. Standardised
/// inputs keep every feature on the same scale, which gradient descent needs to converge quickly.
/// </summary>
/// <remarks>
/// <para>
/// Either apply <see cref="Transform(Span{float})"/> to every input, in training and in the app,
/// or train on standardised inputs and then call <see cref="FoldInto(INetwork)"/> once: the
/// network then takes raw inputs, so a saved, exported or baked network needs no preprocessing.
/// </para>
/// <para>
/// Fit on the training set only, never on validation or test data, so that their scores stay honest.
/// </para>
/// </remarks>
public sealed class Standardizer
{
    private readonly double[] means;
    private readonly double[] standardDeviations;

    /// <summary>
    /// A standardiser with given means and standard deviations, e.g. a fixed scaling such as
    /// <c>μ = 0, σ = 16</c> for pixel counts of 0–16, or values saved from an earlier <see cref="Fit"/>.
    /// </summary>
    /// <param name="means">The <c>μ_j</c>, one per feature, finite.</param>
    /// <param name="standardDeviations">The <c>σ_j</c>, one per feature, finite and positive.</param>
    /// <exception cref="ArgumentException">The spans are empty or differ in length, or a value is out of range.</exception>
    public Standardizer(ReadOnlySpan<double> means, ReadOnlySpan<double> standardDeviations)
    {
        if (means.IsEmpty)
            throw new ArgumentException("Expected at least one feature, but no means were given.", nameof(means));
        NetworkArgument.RequireLength(standardDeviations.Length, means.Length, nameof(standardDeviations), "one standard deviation per mean");
        for (int j = 0; j < means.Length; j++)
        {
            if (!double.IsFinite(means[j]))
                throw new ArgumentException($"Feature {j}: the mean must be finite, but it is {means[j]}.", nameof(means));
            if (!(double.IsFinite(standardDeviations[j]) && standardDeviations[j] > 0))
                throw new ArgumentException(
                    $"Feature {j}: the standard deviation must be finite and positive, but it is {standardDeviations[j]}.", nameof(standardDeviations));
        }
        this.means = means.ToArray();
        this.standardDeviations = standardDeviations.ToArray();
    }

    private Standardizer(double[] means, double[] standardDeviations)
    {
        this.means = means;
        this.standardDeviations = standardDeviations;
    }

    /// <summary>The number of features per example.</summary>
    public int FeatureCount => means.Length;

    /// <summary>The mean <c>μ_j</c> of each feature.</summary>
    public ReadOnlySpan<double> Means => means;

    /// <summary>
    /// The standard deviation <c>σ_j</c> of each feature: the population one,
    /// <c>σ_j = √((1/m) Σ_i (x_j(i) − μ_j)²)</c>, as scikit-learn's <c>StandardScaler</c> uses.
    /// </summary>
    public ReadOnlySpan<double> StandardDeviations => standardDeviations;

    /// <summary>
    /// Measures each feature over training data: <c>μ_j = (1/m) Σ_i x_j(i)</c> and
    /// <c>σ_j = √((1/m) Σ_i (x_j(i) − μ_j)²)</c>, in double precision.
    /// </summary>
    /// <param name="inputs">The training examples, example-major: at least two, <paramref name="featureCount"/> values each.</param>
    /// <param name="featureCount">The features per example.</param>
    /// <returns>The fitted standardiser.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="featureCount"/> is below 1; the inputs are not whole examples or fewer than two;
    /// a value is NaN or infinite; or a feature has the same value in every example (it carries no
    /// information, and dividing by <c>σ = 0</c> would produce infinities). The message names the feature.
    /// </exception>
    public static Standardizer Fit(ReadOnlySpan<float> inputs, int featureCount)
    {
        if (featureCount < 1)
            throw new ArgumentException($"Expected at least 1 feature per example, but featureCount is {featureCount}.", nameof(featureCount));
        int m = NetworkArgument.ExampleCount(inputs.Length, featureCount, nameof(inputs), allowEmpty: false);
        if (m < 2)
            throw new ArgumentException("A standard deviation needs at least two examples, but the inputs hold one.", nameof(inputs));

        var means = new double[featureCount];
        var standardDeviations = new double[featureCount];
        for (int j = 0; j < featureCount; j++)
        {
            double sum = 0;
            for (int i = 0; i < m; i++)
            {
                float value = inputs[i * featureCount + j];
                if (!float.IsFinite(value))
                    throw new ArgumentException($"Feature {j} of example {i} is {value}; every input must be a finite number.", nameof(inputs));
                sum += value;
            }
            double mean = sum / m;
            // Two passes: the deviations from the mean, not E[x²] − μ², which cancels badly.
            double squares = 0;
            for (int i = 0; i < m; i++)
            {
                double deviation = inputs[i * featureCount + j] - mean;
                squares += deviation * deviation;
            }
            double standardDeviation = Math.Sqrt(squares / m);
            if (standardDeviation == 0)
                throw new ArgumentException(
                    $"Feature {j} has the value {inputs[j]} in all {m} examples, so it cannot be standardised (σ = 0). " +
                    "Remove the feature, or give it a fixed scale with the Standardizer(means, standardDeviations) constructor.", nameof(inputs));
            means[j] = mean;
            standardDeviations[j] = standardDeviation;
        }
        return new Standardizer(means, standardDeviations);
    }

    /// <summary>Standardises examples in place: <c>x_j := (x_j − μ_j) / σ_j</c>. Allocates nothing.</summary>
    /// <param name="inputs">Examples, example-major, a whole multiple of <see cref="FeatureCount"/> values.</param>
    /// <exception cref="ArgumentException">The length is not a multiple of <see cref="FeatureCount"/>.</exception>
    public void Transform(Span<float> inputs) => Transform(inputs, inputs);

    /// <summary>Writes standardised copies of examples: <c>destination_j = (inputs_j − μ_j) / σ_j</c>. Allocates nothing.</summary>
    /// <param name="inputs">Examples, example-major, a whole multiple of <see cref="FeatureCount"/> values.</param>
    /// <param name="destination">Receives as many values as <paramref name="inputs"/> holds; may be the same span.</param>
    /// <exception cref="ArgumentException">The inputs are not whole examples, or the destination's length differs.</exception>
    public void Transform(ReadOnlySpan<float> inputs, Span<float> destination)
    {
        int m = NetworkArgument.ExampleCount(inputs.Length, FeatureCount, nameof(inputs), allowEmpty: true);
        NetworkArgument.RequireBatchLength(destination.Length, m, FeatureCount, nameof(destination), "features");
        for (int i = 0; i < m; i++)
            for (int j = 0; j < FeatureCount; j++)
            {
                int k = i * FeatureCount + j;
                destination[k] = (float)((inputs[k] - means[j]) / standardDeviations[j]);
            }
    }

    /// <summary>
    /// Rewrites the first layer of a network trained on standardised inputs so that it takes raw
    /// inputs and computes the same outputs. Since <c>Z[1] = W[1] x̂ + b[1]</c> with
    /// <c>x̂_j = (x_j − μ_j) / σ_j</c>:
    /// <code>
    /// W'[1][i, j] = W[1][i, j] / σ_j
    /// b'[1][i]    = b[1][i] − Σ_j W[1][i, j] · μ_j / σ_j
    /// </code>
    /// computed in double precision. Call it once, after training; from then on give the network
    /// raw inputs (transforming them as well would standardise twice).
    /// </summary>
    /// <param name="network">A network with <see cref="FeatureCount"/> inputs whose first layer has finite parameters.</param>
    /// <exception cref="ArgumentException">
    /// The network's input count differs from <see cref="FeatureCount"/>, its first layer holds a
    /// value that is not finite, or a folded value would overflow a float. The network is unchanged.
    /// </exception>
    public void FoldInto(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var spec = network.Spec;
        if (spec.InputCount != FeatureCount)
            throw new ArgumentException(
                $"The standardiser was fitted on {FeatureCount} features, but the network takes {spec.InputCount} inputs.", nameof(network));

        int inputs = spec.InputCount, units = spec.UnitsOf(1);
        int weightOffset = spec.Layout.WeightOffset(1), biasOffset = spec.Layout.BiasOffset(1);
        var parameters = network.Parameters;
        // Everything is computed before anything is written, so a refusal leaves the network as it was.
        var folded = new float[units * inputs + units];
        for (int i = 0; i < units; i++)
        {
            double bias = parameters[biasOffset + i];
            for (int j = 0; j < inputs; j++)
            {
                double weight = parameters[weightOffset + i * inputs + j];
                folded[i * inputs + j] = (float)(weight / standardDeviations[j]);
                bias -= weight * means[j] / standardDeviations[j];
            }
            folded[units * inputs + i] = (float)bias;
        }
        for (int k = 0; k < folded.Length; k++)
            if (!float.IsFinite(folded[k]))
                throw new ArgumentException(
                    $"Folding would give the first layer's {(k < units * inputs ? "weight" : "bias")} {FirstLayerName(k, units, inputs)} the value {folded[k]}; " +
                    "the network's first layer must be finite and the folded values must fit in a float.", nameof(network));

        folded.AsSpan(0, units * inputs).CopyTo(parameters.Slice(weightOffset, units * inputs));
        folded.AsSpan(units * inputs).CopyTo(parameters.Slice(biasOffset, units));
    }

    private static string FirstLayerName(int k, int units, int inputs) =>
        k < units * inputs ? $"W[1][{k / inputs}, {k % inputs}]" : $"b[1][{k - units * inputs}]";
}
