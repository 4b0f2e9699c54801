namespace GenNet.Tests;

/// <summary>
/// One way of running a network. Suites that take an <see cref="Engine"/> run against every
/// engine, so a difference between engines is a test failure, not a special case.
/// </summary>
public sealed class Engine(string name, Func<INetwork> create)
{
    public INetwork Create() => create();

    /// <summary>Shown as the theory case's name.</summary>
    public override string ToString() => name;

    /// <summary>Every engine, each running the 2-4-1 tanh/sigmoid XOR network.</summary>
    public static TheoryData<Engine> ForXor() =>
    [
        new Engine("reference", () => new ReferenceNetwork(new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)]))),
    ];
}
