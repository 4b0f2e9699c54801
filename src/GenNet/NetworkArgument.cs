using System.ComponentModel;

namespace GenNet;

/// <summary>
/// The span checks at the <see cref="INetwork"/> boundary. Every engine, the generated ones
/// included, calls these, so every engine throws the same exception with the same message.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
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

    /// <summary>Throws unless a learning rate is a finite number.</summary>
    /// <param name="learningRate">The step size <c>α</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="learningRate"/> is NaN or infinite.</exception>
    public static void RequireFiniteLearningRate(float learningRate)
    {
        if (!float.IsFinite(learningRate))
            throw new ArgumentException($"The learning rate must be a finite number, but it is {learningRate}.", nameof(learningRate));
    }
}
