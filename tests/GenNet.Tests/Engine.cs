using GenNet.Tests.Generated;

namespace GenNet.Tests;

/// <summary>
/// One way of running one architecture. Suites that take an <see cref="Engine"/> run against every
/// engine, so a difference between engines is a test failure, not a special case.
/// </summary>
public sealed class Engine(string engineName, string architecture, Func<INetwork> create)
{

    public string Architecture => architecture;

    public INetwork Create() => create();

    /// <summary>Shown as the theory case's name.</summary>
    public override string ToString() => $"{engineName} {architecture}";

    /// <summary>Every engine on one architecture.</summary>
    public static IEnumerable<Engine> For(string architecture)
    {
        var generated = GeneratedNetworks.All[architecture];
        var spec = generated().Spec;
        yield return new Engine("generated", architecture, generated);
        yield return new Engine("reference", architecture, () => new ReferenceNetwork(spec));
        yield return new Engine("dynamic", architecture, () => new DynamicNetwork(spec));
        yield return new Engine("tensorprimitives", architecture, () => new GenNet.Benchmarks.Engines.TensorPrimitivesNetwork(spec));
    }

    /// <summary>Every engine on every architecture.</summary>
    public static IEnumerable<Engine> Every() => GeneratedNetworks.All.Keys.SelectMany(For);

    /// <summary>Every engine on every architecture, as theory data.</summary>
    public static TheoryData<Engine> All() => [.. Every()];

    /// <summary>Every engine, each running the 2-4-1 tanh/sigmoid XOR network.</summary>
    public static TheoryData<Engine> ForXor() => [.. For(nameof(XorNet))];
}
