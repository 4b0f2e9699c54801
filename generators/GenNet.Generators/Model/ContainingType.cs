namespace GenNet.Generators.Model;

/// <summary>A type the network class is nested in, as the emitter must re-declare it: <c>partial {Keyword} {Name}</c>.</summary>
/// <param name="Keyword">"class", "struct", "record", "record struct" or "interface".</param>
/// <param name="Name">The name with its type parameter list, e.g. <c>Outer&lt;T&gt;</c>.</param>
internal sealed record ContainingType(string Keyword, string Name);
