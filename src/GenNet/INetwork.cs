namespace GenNet;

/// <summary>
/// A fully connected network that can predict (<see cref="IPredictor"/>), compute gradients and train. Implemented by every
/// generated network, by <see cref="ReferenceNetwork"/> and by the other engines, so they can be
/// swapped and compared.
/// </summary>
/// <remarks>
/// <para>
/// Batches are stored example-major: example <c>i</c> of a batch of <c>m</c> occupies
/// <c>inputs[i * InputCount .. (i + 1) * InputCount]</c>, and its outputs or targets occupy
/// <c>[i * OutputCount .. (i + 1) * OutputCount]</c>. That is the transpose of the course's
/// matrix <c>X</c>, which has one column per example.
/// </para>
/// <para>
/// Wrong span lengths throw <see cref="ArgumentException"/> naming the argument and the expected
/// length.
/// </para>
/// </remarks>
public interface INetwork : IPredictor
{
    /// <summary>The number of weights and biases, the length of <see cref="Parameters"/>.</summary>
    int ParameterCount { get; }

    /// <summary>
    /// All weights and biases, layer by layer: <c>W[l]</c> row-major (<c>W[l][i, j]</c> at
    /// <c>offset + i * n[l-1] + j</c>), then <c>b[l]</c>. See <see cref="ParameterLayout"/>.
    /// Writing to the span changes the network.
    /// </summary>
    Span<float> Parameters { get; }

    /// <summary>
    /// Runs forward and backward propagation over a batch without changing the parameters.
    /// </summary>
    /// <param name="inputs">At least one example, a whole multiple of <see cref="IPredictor.InputCount"/> values.</param>
    /// <param name="targets">The labels <c>Y</c>, <c>m * OutputCount</c> values, example-major.</param>
    /// <param name="gradients">Receives <c>dW</c> and <c>db</c> averaged over the batch, in the <see cref="Parameters"/> layout.</param>
    /// <returns>The cost <c>J = (1/m) Σ L(ŷ(i), y(i))</c>.</returns>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients);

    /// <summary>One step of gradient descent over a batch: <c>W := W - α dW</c>, <c>b := b - α db</c>.</summary>
    /// <param name="inputs">At least one example, a whole multiple of <see cref="IPredictor.InputCount"/> values.</param>
    /// <param name="targets">The labels <c>Y</c>, <c>m * OutputCount</c> values, example-major.</param>
    /// <param name="learningRate">The step size <c>α</c>.</param>
    /// <returns>The cost <c>J</c> before the update.</returns>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate);

    /// <summary>
    /// Draws the parameters as <see cref="NetworkSpec.Init"/> says, deterministically: the same seed
    /// and architecture give the same parameters in every engine and on every machine.
    /// </summary>
    /// <param name="seed">The seed of the random sequence.</param>
    void Initialize(int seed);
}
