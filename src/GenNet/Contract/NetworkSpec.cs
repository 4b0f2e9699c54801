using System.Collections.ObjectModel;

namespace GenNet;

/// <summary>
/// The runtime description of a network: input count, layers, loss and initialisation. Every
/// engine can be built from one, and every generated network exposes its own as <c>Spec</c>.
/// </summary>
/// <remarks>
/// The constructor validates everything, so a <see cref="NetworkSpec"/> always describes a network
/// that can be built. <see cref="Loss"/> is never <see cref="GenNet.Loss.Auto"/>: that is resolved
/// here from the output activation.
/// </remarks>
public sealed class NetworkSpec : IEquatable<NetworkSpec>
{
    /// <summary>Describes a network and checks that it can be built.</summary>
    /// <param name="inputCount">The number of input features, <c>n[0]</c>; at least 1.</param>
    /// <param name="layers">The layers from the first hidden layer to the output layer; at least one.</param>
    /// <param name="loss">The loss; <see cref="GenNet.Loss.Auto"/> picks it from the output activation.</param>
    /// <param name="init">How <see cref="INetwork.Initialize(int)"/> draws the weights; <see cref="GenNet.Init.Auto"/> by default.</param>
    /// <exception cref="ArgumentException">
    /// A size below 1, no layers, an undefined enum value, softmax on a hidden layer or on an output of one unit,
    /// or a loss that does not fit the output activation (a cross-entropy without its output, softmax without
    /// categorical cross-entropy).
    /// </exception>
    public NetworkSpec(int inputCount, IEnumerable<LayerSpec> layers, Loss loss = Loss.Auto, Init init = Init.Auto)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (inputCount < 1)
            throw new ArgumentException($"A network needs at least 1 input, but inputCount is {inputCount}.", nameof(inputCount));

        var copy = layers.ToArray();
        if (copy.Length == 0)
            throw new ArgumentException("A network needs at least one layer (the output layer).", nameof(layers));
        for (int l = 0; l < copy.Length; l++)
        {
            if (copy[l].Units < 1)
                throw new ArgumentException($"Layer {l + 1} has {copy[l].Units} units; every layer needs at least 1.", nameof(layers));
            if (!Enum.IsDefined(copy[l].Activation))
                throw new ArgumentException($"Layer {l + 1} has the undefined activation value {(int)copy[l].Activation}.", nameof(layers));
        }
        if (!Enum.IsDefined(loss))
            throw new ArgumentException($"{(int)loss} is not a defined {nameof(GenNet.Loss)} value.", nameof(loss));
        if (!Enum.IsDefined(init))
            throw new ArgumentException($"{(int)init} is not a defined {nameof(GenNet.Init)} value.", nameof(init));

        var output = copy[^1].Activation;
        for (int l = 0; l < copy.Length - 1; l++)
            if (ActivationTable.IsWholeLayer(copy[l].Activation))
                throw new ArgumentException(
                    $"Layer {l + 1} is {copy[l].Activation}, which is only for the output layer (its units share one distribution over classes); " +
                    "use Tanh or ReLU in hidden layers.", nameof(layers));
        if (ActivationTable.IsWholeLayer(output) && copy[^1].Units < ActivationTable.WholeLayerMinimumUnits)
            throw new ArgumentException(
                $"A {output} output layer needs at least {ActivationTable.WholeLayerMinimumUnits} units (one per class), but it has {copy[^1].Units}; " +
                "for a single yes/no output use Activation.Sigmoid.", nameof(layers));
        if (LossRules.Misfit(loss, output) is { } misfit)
            throw new ArgumentException(misfit + ".", nameof(loss));

        InputCount = inputCount;
        Layers = new ReadOnlyCollection<LayerSpec>(copy);
        Loss = ResolveLoss(loss, output);
        Init = init;
        Layout = new ParameterLayout(this);
    }

    /// <summary>The number of input features, <c>n[0]</c>.</summary>
    public int InputCount { get; }

    /// <summary>The layers, from hidden layer 1 to the output layer <c>L</c>.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>The loss the network minimises; never <see cref="GenNet.Loss.Auto"/>.</summary>
    public Loss Loss { get; }

    /// <summary>How <see cref="INetwork.Initialize(int)"/> draws the weights.</summary>
    public Init Init { get; }

    /// <summary>The number of output units, <c>n[L]</c>.</summary>
    public int OutputCount => Layers[^1].Units;

    /// <summary>Where each layer's weights and biases sit in <see cref="INetwork.Parameters"/>.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>The number of weights and biases.</summary>
    public int ParameterCount => Layout.ParameterCount;

    /// <summary>The units of layer <paramref name="l"/> counted as the course does: <c>n[0]</c> is the input count.</summary>
    /// <param name="l">The layer number, 0 to <c>L</c>.</param>
    public int UnitsOf(int l) => l == 0 ? InputCount : Layers[l - 1].Units;

    /// <summary>The loss <see cref="GenNet.Loss.Auto"/> stands for after an output activation.</summary>
    /// <param name="loss">The declared loss.</param>
    /// <param name="outputActivation">The activation of the output layer.</param>
    public static Loss ResolveLoss(Loss loss, Activation outputActivation) => LossRules.Resolve(loss, outputActivation);

    /// <summary>Two specs are equal when they describe the same architecture, loss and initialisation.</summary>
    /// <param name="other">The spec to compare with.</param>
    public bool Equals(NetworkSpec? other) =>
        other is not null && HasSameLayers(other) && Loss == other.Loss && Init == other.Init;

    /// <summary>
    /// Whether <paramref name="other"/> has the same inputs and layers (units and activations): the same
    /// function of the same parameters, whatever loss trains it or initialisation starts it. Parameters
    /// copy between two such networks unchanged.
    /// </summary>
    /// <param name="other">The spec to compare with.</param>
    public bool HasSameLayers(NetworkSpec other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return InputCount == other.InputCount && Layers.SequenceEqual(other.Layers);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NetworkSpec);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(InputCount);
        foreach (var layer in Layers)
            hash.Add(layer);
        hash.Add(Loss);
        hash.Add(Init);
        return hash.ToHashCode();
    }

    /// <summary>
    /// The architecture as generated code and messages write it, e.g. <c>2 inputs → 4 Tanh → 1 Sigmoid</c>
    /// (the loss and initialisation are the <see cref="Loss"/> and <see cref="Init"/> properties).
    /// </summary>
    public override string ToString() =>
        ArchitectureText.Describe(InputCount, Layers.Select(layer => (layer.Units, layer.Activation.ToString())));
}
