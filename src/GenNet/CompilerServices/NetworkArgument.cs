using System.ComponentModel;

namespace GenNet.CompilerServices;

/// <summary>
/// The span checks at the <see cref="INetwork"/> boundary. Every engine, the generated ones
/// included, calls these, so every engine throws the same exception with the same message.
/// </summary>
/// <remarks>For generated code only: public because the code GenNet generates into your assembly
/// calls it, hidden from IntelliSense, and with no compatibility promise between versions.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkArgument
{
    /// <summary>Throws unless a span holds exactly <paramref name="expected"/> values.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="expected">The length it must have.</param>
    /// <param name="paramName">The argument's name, for the exception.</param>
    /// <param name="what">What the values are, for the message (e.g. "the input features").</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void RequireLength(int actual, int expected, string paramName, string what)
    {
        if (actual != expected)
            throw new ArgumentException(
                $"Expected a span of length {expected} ({what}), but its length is {actual}.", paramName);
    }

    /// <summary>
    /// Throws unless a span holds <paramref name="examples"/> × <paramref name="perExample"/> values.
    /// The message is only formatted when it throws, so a passing check allocates nothing.
    /// </summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="examples">The number of examples <c>m</c>.</param>
    /// <param name="perExample">The values per example.</param>
    /// <param name="paramName">The argument's name, for the exception.</param>
    /// <param name="unit">What one value is, for the message (e.g. "outputs").</param>
    /// <exception cref="ArgumentException">The length is not <c>examples * perExample</c>.</exception>
    public static void RequireBatchLength(int actual, int examples, int perExample, string paramName, string unit)
    {
        if (actual != examples * perExample)
            throw new ArgumentException(
                $"Expected a span of length {examples * perExample} ({examples} examples × {perExample} {unit}), but its length is {actual}.",
                paramName);
    }

    /// <summary>
    /// The number of examples <c>m</c> in an example-major batch; throws unless its length is a
    /// whole multiple of <paramref name="inputCount"/>.
    /// </summary>
    /// <param name="length">The length of the batch span.</param>
    /// <param name="inputCount">The values per example.</param>
    /// <param name="paramName">The argument's name, for the exception.</param>
    /// <param name="allowEmpty">Whether a batch of no examples is valid.</param>
    /// <exception cref="ArgumentException">The length is not a (non-zero, unless allowed) multiple.</exception>
    public static int ExampleCount(int length, int inputCount, string paramName, bool allowEmpty)
    {
        if (length % inputCount != 0)
            throw new ArgumentException(
                $"Expected a whole number of examples of {inputCount} inputs each, but the length {length} is not a multiple of {inputCount}.",
                paramName);
        if (length == 0 && !allowEmpty)
            throw new ArgumentException(
                $"Expected at least one example ({inputCount} values), but the span is empty.", paramName);
        return length / inputCount;
    }

    /// <summary>Checks a batch against its targets and returns the number of examples <c>m</c>.</summary>
    /// <param name="inputsLength">The length of the inputs span.</param>
    /// <param name="targetsLength">The length of the targets span.</param>
    /// <param name="inputCount">The inputs per example.</param>
    /// <param name="outputCount">The targets per example.</param>
    /// <exception cref="ArgumentException">The inputs are not whole examples, are empty, or the targets do not match them.</exception>
    public static int TrainingBatch(int inputsLength, int targetsLength, int inputCount, int outputCount)
    {
        int m = ExampleCount(inputsLength, inputCount, "inputs", allowEmpty: false);
        RequireBatchLength(targetsLength, m, outputCount, "targets", "targets");
        return m;
    }

    /// <summary>
    /// Throws unless a learning rate is a finite number above 0: 0 would not move, and a negative rate
    /// climbs the cost (gradient ascent).
    /// </summary>
    /// <param name="learningRate">The step size <c>α</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="learningRate"/> is NaN, infinite, 0 or negative.</exception>
    public static void RequireLearningRate(float learningRate)
    {
        if (!float.IsFinite(learningRate) || learningRate <= 0f)
            throw new ArgumentException(
                $"The learning rate must be a finite number above 0 (typically 0.001 to 1), but it is {learningRate}.", nameof(learningRate));
    }

    /// <summary>
    /// Checks a prediction batch: whole examples in, room for their outputs, and outputs that do not
    /// overlap the inputs (the forward pass would overwrite examples it has not read yet). Returns <c>m</c>.
    /// </summary>
    /// <param name="inputs">The examples.</param>
    /// <param name="outputs">The span that receives the outputs.</param>
    /// <param name="inputCount">The inputs per example.</param>
    /// <param name="outputCount">The outputs per example.</param>
    /// <exception cref="ArgumentException">The inputs are not whole examples, the outputs have the wrong length, or the two overlap.</exception>
    public static int PredictionBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int inputCount, int outputCount)
    {
        int m = ExampleCount(inputs.Length, inputCount, nameof(inputs), allowEmpty: true);
        RequireBatchLength(outputs.Length, m, outputCount, nameof(outputs), "outputs");
        if (inputs.Overlaps(outputs))
            throw new ArgumentException(
                "Expected an outputs span separate from the inputs, but the two share memory; predict into another buffer.", nameof(outputs));
        return m;
    }

    /// <summary>Throws unless every value is a finite number, naming the first that is not.</summary>
    /// <param name="values">The values to check.</param>
    /// <param name="paramName">The argument's name, for the exception.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public static void RequireFinite(ReadOnlySpan<float> values, string paramName)
    {
        if (Kernels.AllFinite(values))
            return;
        for (int k = 0; k < values.Length; k++)
            if (!float.IsFinite(values[k]))
                throw new ArgumentException(
                    $"Expected finite numbers, but {paramName}[{k}] is {values[k]}; remove or repair that example.", paramName);
    }

    /// <summary>
    /// What a training step does when its gradient is not finite, after leaving the parameters
    /// unchanged: throws if the data holds a NaN or infinity (naming the first), and otherwise (finite
    /// data whose gradient overflowed) returns a non-finite cost for the caller to report, so that
    /// <see cref="Trainer.Fit{TNetwork}(TNetwork, ReadOnlySpan{float}, ReadOnlySpan{float}, TrainingOptions, IProgress{TrainingProgress}?, CancellationToken)"/>
    /// throws <see cref="TrainingDivergedException"/>.
    /// </summary>
    /// <param name="inputs">The step's inputs.</param>
    /// <param name="targets">The step's targets.</param>
    /// <param name="cost">The step's cost.</param>
    /// <returns><paramref name="cost"/> if it is not finite, else NaN.</returns>
    /// <exception cref="ArgumentException">An input or target is NaN or infinite.</exception>
    public static float NonFiniteGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, float cost)
    {
        RequireFinite(inputs, nameof(inputs));
        RequireFinite(targets, nameof(targets));
        return float.IsFinite(cost) ? float.NaN : cost;
    }
}
