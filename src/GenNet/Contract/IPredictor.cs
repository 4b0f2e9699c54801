namespace GenNet;

/// <summary>
/// The inference part of a network: its shape and the forward pass. Implemented by every
/// <see cref="INetwork"/>, and on its own by a network whose weights are baked into the generated
/// code (<see cref="NetworkAttribute.Weights"/>), which cannot train.
/// </summary>
/// <remarks>
/// Batches are stored example-major: example <c>i</c> of a batch of <c>m</c> occupies
/// <c>inputs[i * InputCount .. (i + 1) * InputCount]</c> and its outputs occupy
/// <c>outputs[i * OutputCount .. (i + 1) * OutputCount]</c>. Wrong span lengths throw
/// <see cref="ArgumentException"/> naming the argument and the expected length.
/// </remarks>
public interface IPredictor
{
    /// <summary>The architecture and loss of this network.</summary>
    NetworkSpec Spec { get; }

    /// <summary>The number of input features, <c>n[0]</c>.</summary>
    int InputCount { get; }

    /// <summary>The number of output units, <c>n[L]</c>.</summary>
    int OutputCount { get; }

    /// <summary>Computes the output <c>ŷ = A[L]</c> for one example.</summary>
    /// <param name="input">The example, <see cref="InputCount"/> values.</param>
    /// <param name="output">Receives <see cref="OutputCount"/> values.</param>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Computes the outputs for <c>m = inputs.Length / InputCount</c> examples stored one after another.</summary>
    /// <param name="inputs">The examples, a whole multiple of <see cref="InputCount"/> values.</param>
    /// <param name="outputs">Receives <c>m * OutputCount</c> values, example-major.</param>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs);
}
