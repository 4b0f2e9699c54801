using System.Buffers;

namespace GenNet;

/// <summary>Measures of how well a trained network fits a data set, and the class a prediction stands for.</summary>
/// <remarks>
/// Three kinds of classifier, each read as it should be:
/// <list type="bullet">
/// <item><description>a softmax output (multi-class, one-hot targets): the class is the index of the largest output (<see cref="ClassOf"/>, <see cref="PredictClass"/>);</description></item>
/// <item><description>one sigmoid output (binary, 0/1 targets): the class is 1 when the output is above 0.5, else 0 (the same functions);</description></item>
/// <item><description>several sigmoid outputs (multi-label: each unit its own yes/no): every unit is a label, on when above 0.5
/// (<see cref="LabelsOf"/>, <see cref="PredictLabels"/>; <see cref="UnitAccuracy"/> scores them). The class functions
/// read such outputs as one-hot, the largest wins.</description></item>
/// </list>
/// The class and label functions allocate nothing.
/// </remarks>
public static class Evaluation
{
    /// <summary>The most outputs whose prediction is kept on the stack; wider outputs rent a pooled buffer.</summary>
    private const int StackOutputLimit = 256;

    /// <summary>
    /// The fraction of output <em>units</em> on the right side of 0.5: each unit of each example counts
    /// once, as 1 when <c>ŷ &gt; 0.5</c>, right when that matches <c>y &gt; 0.5</c>. For one sigmoid output
    /// this is the class accuracy; for several (one-hot targets) it is higher than
    /// <see cref="ClassAccuracy"/>, because the units that rightly say 0 count too.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">The examples, example-major.</param>
    /// <param name="targets">The 0/1 labels, example-major.</param>
    /// <returns>The accuracy, from 0 to 1.</returns>
    public static double UnitAccuracy(IPredictor network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        ArgumentNullException.ThrowIfNull(network);
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, network.InputCount, network.OutputCount);
        var predictions = new float[targets.Length];
        network.PredictBatch(inputs, predictions);
        int right = 0;
        for (int k = 0; k < predictions.Length; k++)
            if (predictions[k] > 0.5f == targets[k] > 0.5f)
                right++;
        return (double)right / (m * network.OutputCount);
    }

    /// <summary>
    /// The fraction of examples whose predicted class (<see cref="PredictClass"/>) is the class of their
    /// target (<see cref="ClassOf"/>): the accuracy of a classifier.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">The examples, example-major.</param>
    /// <param name="targets">The labels, example-major: one-hot for several outputs, 0/1 for one.</param>
    /// <returns>The accuracy, from 0 to 1.</returns>
    /// <exception cref="ArgumentException">The inputs or targets do not fit the network, or an example's outputs or targets are NaN (no class).</exception>
    public static double ClassAccuracy(IPredictor network, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        ArgumentNullException.ThrowIfNull(network);
        int m = NetworkArgument.TrainingBatch(inputs.Length, targets.Length, network.InputCount, network.OutputCount);
        int n = network.OutputCount, right = 0;
        float[]? rented = null;
        Span<float> output = n <= StackOutputLimit ? stackalloc float[n] : (rented = ArrayPool<float>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            for (int i = 0; i < m; i++)
            {
                network.Predict(inputs.Slice(i * network.InputCount, network.InputCount), output);
                int predicted = PredictedClass(output, i, network.InputCount, nameof(inputs));
                int actual = ClassOrMinusOne(targets.Slice(i * n, n));
                if (actual < 0)
                    throw new ArgumentException($"Example {i}'s targets (targets[{i * n}..{(i + 1) * n - 1}]) hold a NaN, so they name no class.", nameof(targets));
                if (predicted == actual)
                    right++;
            }
        }
        finally
        {
            if (rented is not null)
                ArrayPool<float>.Shared.Return(rented);
        }
        return (double)right / m;
    }

    /// <summary>The class the network predicts for one example.</summary>
    /// <param name="network">The network.</param>
    /// <param name="input">The example, <see cref="IPredictor.InputCount"/> values.</param>
    /// <returns>The index of the largest output, or for one output 1 when it is above 0.5, else 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="input"/> has the wrong length, or the outputs are NaN (a NaN or infinity in the input): no class.</exception>
    public static int PredictClass(IPredictor network, ReadOnlySpan<float> input)
    {
        ArgumentNullException.ThrowIfNull(network);
        Span<int> single = stackalloc int[1];
        PredictClasses(network, input, single, nameof(input));
        return single[0];
    }

    /// <summary>The class the network predicts for each example of a batch.</summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">The examples, example-major.</param>
    /// <param name="classes">Receives one class per example.</param>
    /// <exception cref="ArgumentException">The inputs are not whole examples, <paramref name="classes"/> is not one per example, or an example's outputs are NaN (no class).</exception>
    public static void PredictClasses(IPredictor network, ReadOnlySpan<float> inputs, Span<int> classes) =>
        PredictClasses(network, inputs, classes, nameof(inputs));

    private static void PredictClasses(IPredictor network, ReadOnlySpan<float> inputs, Span<int> classes, string inputsName)
    {
        ArgumentNullException.ThrowIfNull(network);
        int m = NetworkArgument.ExampleCount(inputs.Length, network.InputCount, inputsName, allowEmpty: true);
        NetworkArgument.RequireBatchLength(classes.Length, m, 1, nameof(classes), "class");
        int n = network.OutputCount;
        float[]? rented = null;
        Span<float> output = n <= StackOutputLimit ? stackalloc float[n] : (rented = ArrayPool<float>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            for (int i = 0; i < m; i++)
            {
                network.Predict(inputs.Slice(i * network.InputCount, network.InputCount), output);
                classes[i] = PredictedClass(output, i, network.InputCount, inputsName);
            }
        }
        finally
        {
            if (rented is not null)
                ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The labels the network predicts for each example of a batch (or one example): every output unit
    /// thresholded on its own, <c>true</c> when <c>ŷ &gt; 0.5</c>. For several sigmoid outputs (multi-label),
    /// where an example may have none, one or several labels.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">The examples, example-major (one example is a batch of one).</param>
    /// <param name="labels">Receives <see cref="IPredictor.OutputCount"/> labels per example, example-major.</param>
    /// <exception cref="ArgumentException">The inputs are not whole examples, <paramref name="labels"/> is not one per output unit of each example, or an example's outputs are NaN.</exception>
    public static void PredictLabels(IPredictor network, ReadOnlySpan<float> inputs, Span<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(network);
        int m = NetworkArgument.ExampleCount(inputs.Length, network.InputCount, nameof(inputs), allowEmpty: true);
        int n = network.OutputCount;
        NetworkArgument.RequireBatchLength(labels.Length, m, n, nameof(labels), "labels");
        float[]? rented = null;
        Span<float> output = n <= StackOutputLimit ? stackalloc float[n] : (rented = ArrayPool<float>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            for (int i = 0; i < m; i++)
            {
                network.Predict(inputs.Slice(i * network.InputCount, network.InputCount), output);
                if (HasNaN(output))
                    throw NoClass(i, network.InputCount, nameof(inputs));
                LabelsOf(output, labels.Slice(i * n, n));
            }
        }
        finally
        {
            if (rented is not null)
                ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The labels an output (or target) vector stands for, each unit on its own: <c>true</c> when it is
    /// above 0.5. The multi-label reading of several sigmoid outputs.
    /// </summary>
    /// <param name="outputs">One example's outputs or targets.</param>
    /// <param name="labels">Receives one label per output.</param>
    /// <exception cref="ArgumentException"><paramref name="outputs"/> is empty or holds a NaN, or <paramref name="labels"/> is not as long.</exception>
    public static void LabelsOf(ReadOnlySpan<float> outputs, Span<bool> labels)
    {
        if (outputs.IsEmpty)
            throw new ArgumentException("Expected at least one output value, but the span is empty.", nameof(outputs));
        NetworkArgument.RequireLength(labels.Length, outputs.Length, nameof(labels), "one label per output");
        if (HasNaN(outputs))
            throw new ArgumentException("The outputs hold a NaN, which is neither above nor below 0.5: no label can be read from it.", nameof(outputs));
        for (int k = 0; k < outputs.Length; k++)
            labels[k] = outputs[k] > 0.5f;
    }

    /// <summary>
    /// The class an output (or target) vector stands for: the index of its largest value (the first,
    /// on a tie); for a single value, 1 when it is above 0.5, else 0.
    /// </summary>
    /// <param name="outputs">One example's outputs or targets.</param>
    /// <exception cref="ArgumentException"><paramref name="outputs"/> is empty or holds a NaN.</exception>
    public static int ClassOf(ReadOnlySpan<float> outputs)
    {
        if (outputs.IsEmpty)
            throw new ArgumentException("Expected at least one output value, but the span is empty.", nameof(outputs));
        int @class = ClassOrMinusOne(outputs);
        return @class >= 0 ? @class
            : throw new ArgumentException("The outputs hold a NaN, so they name no class (a NaN is neither the largest value nor above 0.5).", nameof(outputs));
    }

    /// <summary><see cref="ClassOf"/>, or -1 when a value is NaN: a network given a NaN or infinity outputs NaN, and must not read as class 0.</summary>
    private static int ClassOrMinusOne(ReadOnlySpan<float> outputs)
    {
        if (HasNaN(outputs))
            return -1;
        if (outputs.Length == 1)
            return outputs[0] > 0.5f ? 1 : 0;
        int best = 0;
        for (int k = 1; k < outputs.Length; k++)
            if (outputs[k] > outputs[best])
                best = k;
        return best;
    }

    private static int PredictedClass(ReadOnlySpan<float> output, int example, int inputCount, string inputsName)
    {
        int @class = ClassOrMinusOne(output);
        return @class >= 0 ? @class : throw NoClass(example, inputCount, inputsName);
    }

    private static ArgumentException NoClass(int example, int inputCount, string inputsName) =>
        new($"The network's outputs for example {example} are NaN, so they name no class: its inputs ({inputsName}[{example * inputCount}..{(example + 1) * inputCount - 1}]) " +
            "hold a NaN or an infinity, or the network's parameters do.", inputsName);

    private static bool HasNaN(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
            if (float.IsNaN(value))
                return true;
        return false;
    }
}
