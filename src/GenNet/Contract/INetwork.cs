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
/// <para>
/// A new instance has every parameter 0: it predicts the same constant (0.5 from a sigmoid output)
/// for every input until <see cref="Initialize(int)"/> draws the parameters or a weight file is
/// loaded, and <see cref="Trainer"/> refuses to train it (unless its <see cref="NetworkSpec.Init"/>
/// is <see cref="Init.Zeros"/>), because from all zeros the units of a layer never differ.
/// </para>
/// <para>
/// <see cref="IPredictor.Predict"/> and <see cref="IPredictor.PredictBatch"/> may run on any number of
/// threads at once with one instance of a generated network, <see cref="ReferenceNetwork"/> or
/// <see cref="DynamicNetwork"/>: they keep per-example values on the stack or in a buffer each thread
/// allocates once, never in the instance. <see cref="ComputeGradients"/>, <see cref="TrainStep"/> and
/// <see cref="Initialize(int)"/> reuse or change the instance's state: train on one thread, with no
/// prediction running at the same time.
/// </para>
/// <para>
/// <see cref="TrainStep"/> updates nothing when its gradient is not finite: it throws
/// <see cref="ArgumentException"/> naming the first NaN or infinite input or target, or, for finite
/// data whose gradient overflowed, returns a non-finite cost.
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
    /// <param name="learningRate">The step size <c>α</c>, a finite number above 0.</param>
    /// <returns>The cost <c>J</c> before the update; a non-finite cost means the parameters were left unchanged.</returns>
    /// <exception cref="ArgumentException">
    /// A span has the wrong length, the learning rate is not above 0, or an input or target is NaN or
    /// infinite (the parameters are then unchanged).
    /// </exception>
    float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float learningRate);

    /// <summary>
    /// Draws the parameters as <see cref="NetworkSpec.Init"/> says, deterministically: the same seed
    /// and architecture give the same parameters in every engine and on every machine. Call it (or
    /// load weights) before training: a new instance is all zeros.
    /// </summary>
    /// <param name="seed">The seed of the random sequence.</param>
    void Initialize(int seed);
}
