using GenNet.Generators.Emit;
using GenNet.Generators.Weights;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace GenNet.Tests.Generator;

/// <summary>
/// The generator's side of baking: its JSON reader reads what the runtime writes and refuses what
/// the runtime refuses, without ever throwing; the literals it writes read back to the same floats.
/// </summary>
public class WeightFileReaderTests
{
    /// <summary>The JSON weight file the runtime writes for <paramref name="network"/>.</summary>
    private static string SavedFile(INetwork network)
    {
        using var file = new MemoryStream();
        NetworkWeights.Write(network, file, WeightFormat.Json);
        return System.Text.Encoding.UTF8.GetString(file.ToArray());
    }

    private static WeightFileModel Read(string text, string path = "/p/net.weights.json") =>
        WeightFileReader.Read(path, SourceText.From(text));

    [Fact]
    public void Reads_what_the_runtime_writes()
    {
        var network = new DynamicNetwork(TestData.Spec(3, Loss.HalfSquaredError, (5, Activation.LeakyReLU), (2, Activation.Linear)));
        network.Initialize(seed: 7);
        var random = new Random(7);
        foreach (ref float parameter in network.Parameters)
            parameter += (float)(random.NextDouble() - 0.5); // nonzero biases too

        var file = Read(SavedFile(network));

        file.Status.ShouldBe(WeightFileStatus.Read, file.Problem);
        file.Inputs.ShouldBe(3);
        file.Layers.Select(l => $"{l.Units} {l.Activation}").ShouldBe(["5 LeakyReLU", "2 Linear"]);
        file.Parameters.Select(BitConverter.SingleToInt32Bits).ShouldBe(network.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void A_file_cut_short_anywhere_is_unreadable_and_never_throws()
    {
        var network = new DynamicNetwork(TestData.Spec(2, Loss.Auto, (3, Activation.Tanh), (1, Activation.Sigmoid)));
        network.Initialize(seed: 1);
        string text = SavedFile(network);
        for (int length = 0; length < text.TrimEnd().Length; length++)
        {
            var file = Read(text.Substring(0, length));
            file.Status.ShouldBe(WeightFileStatus.Unreadable, $"cut at {length}");
            file.Problem.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [InlineData("""{ "format": "Other", "version": 1 }""", "its \"format\" is not \"GenNet.Weights\"")]
    [InlineData("""[1, 2]""", "not a GenNet weight file")]
    [InlineData("""{ "format": "GenNet.Weights", "version": 1.5 }""", "\"version\" is 1.5, not a whole number")]
    [InlineData("""{ "format": "GenNet.Weights", "version": 1, "inputs": 0 }""", "declares 0 inputs")]
    [InlineData("""{ "format": "GenNet.Weights", "version": 1, "inputs": 2, "layers": [] }""", "at least one layer")]
    [InlineData("""{ "format": "GenNet.Weights", "version": 1, "inputs": 2, "layers": [ { "units": 1, "activation": "Swish" } ] }""", "\"Swish\"; expected one of Linear, Sigmoid, Tanh, ReLU, LeakyReLU, Softmax")]
    [InlineData("""{ "format": "GenNet.Weights", "version": 1, "inputs": 2, "layers": [ { "units": 1, "activation": "Linear" } ], "parameters": [1, 2, "3"] }""", "parameter 2 is not a number")]
    [InlineData("""{ "format": "GenNet.Weights", "version": 1, "inputs": 2, "layers": [ { "units": 1, "activation": "Linear" } ], "parameters": [1, 2, NaN] }""", "unexpected 'N' at line 1")]
    [InlineData("""{ "format": "GenNet.Weights", "version": 1, "inputs": 2, "layers": [ { "units": 1, "activation": "Linear" } ], "parameters": [1, 2, -1e39] }""", "parameter 2 is -1e39, beyond the range of float")]
    [InlineData("""{ "format": "GenNet.Weights", "version": 1, "inputs": 2, "layers": [ { "units": 1, "activation": "Linear" } ], "parameters": [1, 2, 01] }""", "expected ',' or ']' in an array")]
    [InlineData("""{ "format": "GenNet.Weights" } x""", "there is more after the JSON value")]
    [InlineData("""{ "format": "GenNet\q" }""", "unknown escape")]
    public void Refuses_what_is_not_a_weight_file_and_says_why(string text, string problem)
    {
        var file = Read(text);
        file.Status.ShouldBe(WeightFileStatus.Unreadable);
        file.Problem.ShouldContain(problem);
    }

    [Fact]
    public void Deep_nesting_is_refused_rather_than_overflowing_the_stack()
    {
        var file = Read(new string('[', 100_000));
        file.Status.ShouldBe(WeightFileStatus.Unreadable);
        file.Problem.ShouldContain("nested more than 64 deep");
    }

    [Fact]
    public void Escapes_a_byte_order_mark_and_unknown_properties_are_read()
    {
        string text = "\uFEFF" + """
            { "comment": "made by \"hand\" \u00e9\n", "format": "GenNet\u002EWeights", "version": 1, "inputs": 1,
              "layers": [ { "units": 1, "activation": "Linear", "extra": [true, false, null, {}] } ], "loss": "MeanSquaredError",
              "parameters": [ -2.5E+0, 0.5e-1 ] }
            """;
        var file = Read(text);
        file.Status.ShouldBe(WeightFileStatus.Read, file.Problem);
        file.Parameters.ShouldBe([-2.5f, 0.05f]);
    }

    [Fact]
    public void Only_json_files_are_read_and_an_unreadable_listed_file_is_missing()
    {
        WeightFileReader.Read("/p/net.weights.bin", SourceText.From("GNNW")).Problem.ShouldContain("JSON weight files only");
        WeightFileReader.Read("/p/net.weights.json", null).Status.ShouldBe(WeightFileStatus.Missing);
    }

    [Theory]
    [InlineData("xor.weights.json", "/project/xor.weights.json", true)]
    [InlineData("Models/xor.weights.json", "/project/Models/xor.weights.json", true)]
    [InlineData("./Models\\xor.weights.json", @"C:\project\Models\xor.weights.json", true)]
    [InlineData("XOR.Weights.json", "/project/xor.weights.json", true)]
    [InlineData("/project/xor.weights.json", "/project/xor.weights.json", true)]
    [InlineData("xor.weights.json", "/project/myxor.weights.json", false)]
    [InlineData("Models/xor.weights.json", "/project/xor.weights.json", false)]
    [InlineData("", "/project/xor.weights.json", false)]
    public void A_path_names_a_file_when_it_is_the_end_of_its_path(string reference, string path, bool names) =>
        WeightBaker.Names(reference, path).ShouldBe(names);

    [Fact]
    public void Literals_read_back_to_the_same_bits_in_the_compiler()
    {
        // The C# compiler's own literal parser is the judge: every literal the emitter writes must
        // give back the float it was written from, over random bit patterns and the edge cases.
        var random = new Random(11);
        var values = new List<float> { 0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1e-45f, 16777216f, 0.1f, 1f / 3f, 1e-5f, 123456.79f };
        while (values.Count < 20_000)
        {
            float value = BitConverter.Int32BitsToSingle(random.Next() * (random.Next(2) == 0 ? 1 : -1));
            if (float.IsFinite(value))
                values.Add(value);
        }

        string source = "class C { float[] v = { " + string.Join(", ", values.Select(FloatLiteral.Format)) + " }; }";
        var literals = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>()
            .Select(literal => literal.Parent is PrefixUnaryExpressionSyntax ? -(float)literal.Token.Value! : (float)literal.Token.Value!)
            .ToArray();

        literals.Select(BitConverter.SingleToInt32Bits).ShouldBe(values.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(0.1f, "0.1f")]
    [InlineData(-10.880654f, "-10.880654f")]
    [InlineData(1e-5f, "1E-05f")]
    [InlineData(-0f, "-0f")]
    [InlineData(3f, "3f")]
    public void Literals_are_as_short_as_round_tripping_allows(float value, string literal) =>
        FloatLiteral.Format(value).ShouldBe(literal);
}
