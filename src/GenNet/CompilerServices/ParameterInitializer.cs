using System.ComponentModel;
namespace GenNet.CompilerServices;

/// <summary>
/// Draws a network's initial parameters as its <see cref="NetworkSpec.Init"/> says. Every engine's
/// <see cref="INetwork.Initialize(int)"/> calls this, so the same seed gives the same parameters
/// everywhere.
/// </summary>
/// <remarks>For generated code only: public because the code GenNet generates into your assembly
/// calls it, hidden from IntelliSense, and with no compatibility promise between versions.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterInitializer
{
    /// <summary>
    /// Fills <paramref name="parameters"/>: each <c>W[l]</c> with <c>randn · scale</c>, drawn layer by
    /// layer in row-major order, and every bias with 0.
    /// </summary>
    /// <param name="spec">The network.</param>
    /// <param name="seed">The seed of the random sequence.</param>
    /// <param name="parameters">The parameters, <see cref="NetworkSpec.ParameterCount"/> values in the standard layout.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
    public static void Initialize(NetworkSpec spec, int seed, Span<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(spec);
        NetworkArgument.RequireLength(parameters.Length, spec.ParameterCount, nameof(parameters), "the network's parameters");

        var random = new GaussianSource(seed);
        for (int l = 1; l <= spec.Layers.Count; l++)
        {
            double scale = WeightScale(spec.Init, spec.Layers[l - 1].Activation, spec.UnitsOf(l - 1));
            var weights = parameters.Slice(spec.Layout.WeightOffset(l), spec.UnitsOf(l) * spec.UnitsOf(l - 1));
            if (scale == 0)
                weights.Clear(); // randn · 0 would leave -0 where the sample was negative
            else
                for (int k = 0; k < weights.Length; k++)
                    weights[k] = (float)(random.NextStandardNormal() * scale);
            parameters.Slice(spec.Layout.BiasOffset(l), spec.UnitsOf(l)).Clear();
        }
    }

    /// <summary>The standard deviation of a layer's initial weights.</summary>
    /// <param name="init">The initialisation scheme.</param>
    /// <param name="activation">The layer's activation, which <see cref="Init.Auto"/> chooses by.</param>
    /// <param name="fanIn">The layer's inputs, <c>n[l-1]</c>.</param>
    public static double WeightScale(Init init, Activation activation, int fanIn) => init switch
    {
        Init.Auto => WeightScale(ActivationTable.Of(activation).AutoInit, activation, fanIn),
        Init.Small => 0.01,
        Init.Xavier => Math.Sqrt(1.0 / fanIn),
        Init.He => Math.Sqrt(2.0 / fanIn),
        Init.Zeros => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(init), init, "Undefined initialisation."),
    };
}
