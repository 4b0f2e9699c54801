#if GENNET_GENERATOR
namespace GenNet.Generators.Model;
#else
namespace GenNet;
#endif

/// <summary>
/// The one way an architecture is written, <c>2 inputs → 4 Tanh → 1 Sigmoid</c>: by
/// <see cref="NetworkSpec.ToString"/>, in messages, and in the header of generated code. It depends
/// on nothing else in the library so that the generator can compile this file as a linked source.
/// </summary>
internal static class ArchitectureText
{
    /// <summary>Writes an architecture: the input count, then each layer's units and activation, in order.</summary>
    /// <param name="inputCount">The number of input features, <c>n[0]</c>.</param>
    /// <param name="layers">Each layer's units and activation name, from the first hidden layer to the output.</param>
    public static string Describe(int inputCount, IEnumerable<(int Units, string Activation)> layers) =>
        (inputCount == 1 ? "1 input → " : $"{inputCount} inputs → ") + string.Join(" → ", layers.Select(l => $"{l.Units} {l.Activation}"));
}
