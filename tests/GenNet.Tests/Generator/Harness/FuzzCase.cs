namespace GenNet.Tests.Generator;

/// <summary>What a fuzzed declaration must produce, decided by the fuzzer from what it wrote (never by the generator).</summary>
public enum Expect
{
    /// <summary>A valid declaration: it must compile to a network.</summary>
    Network,

    /// <summary>A declaration the generator must refuse with a GN diagnostic in its file.</summary>
    Diagnostic,

    /// <summary>Either a network or a GN diagnostic (or, when the user's own code does not compile, the compiler's error).</summary>
    Either,
}

/// <summary>The network a declaration describes, as the fuzzer wrote it: the independent expectation the generated class is checked against.</summary>
/// <param name="Inputs">n[0].</param>
/// <param name="Layers">Units and activation of each layer.</param>
/// <param name="Loss">The declared loss.</param>
/// <param name="Init">The declared initialisation.</param>
/// <param name="Baked">The parameters of the weight file baked into it, if any.</param>
public sealed record ExpectedNetwork(int Inputs, (int Units, Activation Activation)[] Layers, Loss Loss = Loss.Auto, Init Init = Init.Auto, float[]? Baked = null)
{
    /// <summary>
    /// Weights and biases, counted in 128 bits so that an overflowing declaration is seen as such (three
    /// layers of <c>int.MaxValue</c> units pass <c>long.MaxValue</c>), and stopped at <c>long.MaxValue</c>.
    /// </summary>
    public long ParameterCount
    {
        get
        {
            Int128 total = 0;
            long previous = Inputs;
            foreach (var (units, _) in Layers)
            {
                total += (Int128)previous * units + units;
                previous = units;
            }
            return (long)Int128.Min(total, long.MaxValue);
        }
    }

    /// <summary>The spec the generated class must report (loss resolved as the runtime documents it).</summary>
    public NetworkSpec Spec() =>
        new(Inputs, Layers.Select(layer => new LayerSpec(layer.Units, layer.Activation)), NetworkSpec.ResolveLoss(Loss, Layers[^1].Activation), Init);
}

/// <summary>
/// One fuzzed declaration: its source files (each compiled as its own syntax tree), the additional
/// files it brings into the project, and what it must produce.
/// </summary>
/// <param name="Family">The family it belongs to, for reporting.</param>
/// <param name="Index">Its number in the family; also what makes its names unique within a batch.</param>
/// <param name="Sources">Its C# files.</param>
/// <param name="Files">Additional files (weight files) it brings.</param>
/// <param name="Expect">What it must produce.</param>
/// <param name="Network">The network it declares, when it declares a well-formed one.</param>
/// <param name="Alone">Compile it in a batch of its own: it affects the whole compilation (global usings) or may be slow to refuse.</param>
/// <param name="Run">Load and run the compiled network against <see cref="ReferenceNetwork"/>.</param>
public sealed record FuzzCase(
    string Family, int Index, string[] Sources, InMemoryAdditionalText[] Files, Expect Expect, ExpectedNetwork? Network,
    bool Alone = false, bool Run = false)
{
    /// <summary>The path of source file <paramref name="part"/>: diagnostics are attributed to cases by it.</summary>
    public string PathOf(int part) => $"Fuzz/{Family}/{Index}_{part}.cs";

    /// <summary>The case as the failure message prints it.</summary>
    public string Describe() =>
        $"{Family} #{Index} (expect {Expect}){(Files.Length == 0 ? "" : $", files: {string.Join(", ", Files.Select(f => Escape(f.Path) + (f.GetText() is null ? " (unreadable)" : "")))}")}\n"
        + string.Join("\n", Sources.Select((source, part) => $"  --- {PathOf(part)}\n  {source.Replace("\n", "\n  ")}"));

    /// <summary>A string with its control and separator characters visible.</summary>
    public static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || char.IsSeparator(c) && c != ' ' ? $"\\u{(int)c:X4}" : c.ToString()));
}
