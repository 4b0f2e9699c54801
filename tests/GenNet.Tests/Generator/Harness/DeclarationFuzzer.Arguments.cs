using System.Globalization;
using System.Text;

namespace GenNet.Tests.Generator;

internal static partial class DeclarationFuzzer
{
    /// <summary>
    /// Attribute arguments in every shape C# allows or nearly allows: named arguments in any order,
    /// constant expressions, casts of undefined enum values, arrays, wrong types, missing and extra arguments.
    /// Each template takes the inputs {0}, the first layer's units {1} and activation {2}, and the other layers {3}.
    /// </summary>
    private static readonly (string Template, Expect Expect)[] ArgumentShapes =
    [
        ("[Network(inputs: {0})][Layer(activation: Activation.{2}, units: {1})]{3}", Expect.Network),
        ("[Network({0}, UnrollLimit = 5, Init = Init.Auto, Loss = Loss.Auto)][Layer({1}, Activation.{2})]{3}", Expect.Network),
        ("[Network({0}, Weights = null)][Layer({1}, Activation.{2})]{3}", Expect.Network),
        ("[Network({0}, Weights = default)][Layer({1}, Activation.{2})]{3}", Expect.Network),
        ("[Network(1 + {0} - 1)][Layer({1} * 1, (Activation)(int)Activation.{2})]{3}", Expect.Network),
        ("[Network((int){0}.9)][Layer(unchecked((int)(4294967296L + {1})), Activation.{2} | 0)]{3}", Expect.Network),
        ("[Network(Sizes.Inputs)][Layer(Sizes.Units, Sizes.First)]{3}", Expect.Network),
        ("[Network((byte){0})][Layer((short){1}, Activation.{2})]{3}", Expect.Network),
        ("[Network(0x{0:X})][Layer(0b1 * {1}, Activation.{2})]{3}", Expect.Network),
        ("[Network({0}, UnrollLimit = Sizes.Inputs - Sizes.Inputs)][Layer({1}, Activation.{2})]{3}", Expect.Network),
        ("[Network({0})][Layer({1}, (Activation)6)]{3}", Expect.Diagnostic),
        ("[Network({0})][Layer({1}, Activation.Softmax)][Layer({1}, Activation.{2})]{3}", Expect.Diagnostic),
        ("[Network({0})][Layer({1}, Activation.{2})][Layer(1, (Activation)5)]", Expect.Diagnostic),
        ("[Network({0}, Loss = Loss.HalfSquaredError)][Layer({1}, Activation.{2})][Layer(3, Activation.Softmax)]", Expect.Diagnostic),
        ("[Network({0})][Layer({1}, (Activation)42)]{3}", Expect.Diagnostic),
        ("[Network({0})][Layer({1}, (Activation)(-1))]{3}", Expect.Diagnostic),
        ("[Network({0})][Layer({1}, (Activation)int.MaxValue)]{3}", Expect.Diagnostic),
        ("[Network({0})][Layer({1}, (Activation)int.MinValue)]{3}", Expect.Diagnostic),
        ("[Network({0})][Layer({1}, Activation.Tanh | Activation.LeakyReLU)]{3}", Expect.Diagnostic),
        ("[Network({0}, Loss = (Loss)4)][Layer({1}, Activation.{2})]{3}", Expect.Diagnostic),
        ("[Network({0}, Loss = (Loss)(-1))][Layer({1}, Activation.{2})]{3}", Expect.Diagnostic),
        ("[Network({0}, Init = (Init)5)][Layer({1}, Activation.{2})]{3}", Expect.Diagnostic),
        ("[Network({0}, Init = (Init)int.MinValue)][Layer({1}, Activation.{2})]{3}", Expect.Diagnostic),
        ("[Network({0}, Weights = \"\")][Layer({1}, Activation.{2})]{3}", Expect.Diagnostic),
        ("[Network(default)][Layer({1}, Activation.{2})]{3}", Expect.Diagnostic),
        ("[Network(new[] {{ {0} }})][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network(new int[0])][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0})][Layer(new[] {{ {1} }}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0})][Layer({1}, new[] {{ Activation.{2} }})]{3}", Expect.Either),
        ("[Network({0}, Weights = new[] {{ \"a\" }})][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}, Loss = new[] {{ Loss.Auto }})][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}, UnrollLimit = new int[] {{ 1, 2 }})][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network(\"two\")][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}.5)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}L)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}u)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network(null)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network(true)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network(typeof(int))][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0})][Layer({1}, {1})]{3}", Expect.Either),
        ("[Network({0})][Layer({1}, Loss.Auto)]{3}", Expect.Either),
        ("[Network({0}, Loss = Init.He)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}, Weights = 3)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}, UnrollLimit = \"x\")][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}, UnrollLimit = 1.5)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network()][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}, 3)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0})][Layer({1})]{3}", Expect.Either),
        ("[Network({0})][Layer]{3}", Expect.Either),
        ("[Network({0})][Layer({1}, Activation.{2}, 3)]{3}", Expect.Either),
        ("[Network({0}, Inputs = 3)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}, Loss = Loss.Auto, Loss = Loss.Auto)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0})][Network({0})][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network(checked(int.MaxValue + {0}))][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network(int.Parse(\"{0}\"))][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network(nameof(Net).Length)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network(Sizes.Missing)][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}, Weights = nameof(Net))][Layer({1}, Activation.{2})]{3}", Expect.Diagnostic),
        ("[Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}, UnrollLimit = -1)][Network({0})][Layer({1}, Activation.{2})]{3}", Expect.Either),
        ("[Network({0}),Layer({1}, Activation.{2})]{3}", Expect.Network),
        ("[Network({0})][Layer({1}, Activation.{2}), Layer({1}, Activation.{2})]", Expect.Network),
    ];

    private static List<FuzzCase> AttributeArguments(Random random)
    {
        var cases = new List<FuzzCase>();
        for (int i = 0; i < PerFamily; i++)
        {
            var network = Small(random) with { Loss = Loss.Auto, Init = Init.Auto };
            // The templates put more layers after the first, where softmax is not allowed.
            if (network.Layers[0].Activation == Activation.Softmax)
                network = network with { Layers = [(network.Layers[0].Units, Activation.Sigmoid), .. network.Layers.Skip(1)] };
            var (template, expect) = ArgumentShapes[i % ArgumentShapes.Length];
            var (units, activation) = network.Layers[0];
            string rest = string.Concat(network.Layers.Skip(1).Select(l => $"[Layer({l.Units}, Activation.{l.Activation})]"));
            string attributes = string.Format(CultureInfo.InvariantCulture, template, network.Inputs, units, activation, rest);
            // The two-layers-in-one-list template repeats the first layer.
            if (template.EndsWith("Layer({1}, Activation.{2})]", StringComparison.Ordinal))
                network = network with { Layers = [network.Layers[0], network.Layers[0]] };
            string source = $"using GenNet;\nnamespace Fuzz.C{i};\n"
                + $"internal static class Sizes {{ public const int Inputs = {network.Inputs}; public const int Units = {units}; public const Activation First = Activation.{activation}; }}\n"
                + $"{attributes}\npublic partial class Net;\n";
            cases.Add(new FuzzCase("AttributeArguments", i, [source], [], expect, network, Run: expect == Expect.Network && Sample(i, network, every: 20)));
        }
        return cases;
    }

    /// <summary>Characters that break comments, strings and paths, put into weight paths.</summary>
    private static readonly string[] PathHazards =
        ["\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\"", "\\", "\t", "\0", "*/", "/*", "//", "#if X", "{", "}", "\"\"\"", "@", "$", " ", "é", "\uFEFF", "\uD800", "'"];

    /// <summary>
    /// <c>Weights = "…"</c> paths with hazardous characters, written as regular, verbatim, raw and
    /// concatenated literals; with no matching file, an unreadable one, valid and corrupt JSON files.
    /// </summary>
    private static List<FuzzCase> WeightPaths(Random random)
    {
        var cases = new List<FuzzCase>();
        for (int i = 0; i < PerFamily; i++)
        {
            var network = Small(random) with { Init = Init.Auto };
            bool hazard = random.Next(2) == 0;
            string fileName = $"w{i}.weights.json";
            string path = Pick(random, [fileName, "models/" + fileName, "./" + fileName, "models\\" + fileName, "/project/" + fileName]);
            if (hazard)
            {
                int at = random.Next(path.Length + 1);
                path = path[..at] + Pick(random, PathHazards) + path[at..];
            }
            float[] parameters = [.. TestData.Uniform(random, (int)network.ParameterCount, 1).Select(p => MathF.Round(p, 3))];
            string json = WeightJson(network, parameters);
            // Where the file is: under the project, named by the path with '/' for separators.
            string projectPath = "/project/" + (path.StartsWith("/project/", StringComparison.Ordinal) ? path["/project/".Length..] : path.TrimStart('.', '/')).Replace('\\', '/');
            (InMemoryAdditionalText[] Files, Expect Expect) situation = random.Next(8) switch
            {
                0 => ([], Expect.Diagnostic),
                1 => ([new(projectPath, null)], Expect.Diagnostic),
                2 => ([new(projectPath, Corrupt(random, json))], Expect.Diagnostic),
                3 => ([new("/project/a/" + projectPath["/project/".Length..], json), new("/project/b/" + projectPath["/project/".Length..], json)], Expect.Diagnostic),
                4 => ([new("/project/other.weights.json", json)], Expect.Diagnostic),
                _ => ([new(projectPath, json)], Expect.Network),
            };
            var expect = hazard && situation.Expect == Expect.Network ? Expect.Either : situation.Expect;
            var baked = network with { Baked = parameters };
            string source = $"using GenNet;\nnamespace Fuzz.C{i};\n{Attributes(network, Styles[0], $", Weights = {Literal(random, path)}")}\npublic partial class Net;\n";
            cases.Add(new FuzzCase("WeightPaths", i, [source], situation.Files, expect, baked, Run: expect == Expect.Network && Sample(i, baked, every: 10)));
        }
        return cases;
    }

    /// <summary>A GenNet.Weights JSON file of <paramref name="network"/> holding <paramref name="parameters"/>.</summary>
    private static string WeightJson(ExpectedNetwork network, float[] parameters) =>
        $"{{ \"format\": \"GenNet.Weights\", \"version\": 1, \"inputs\": {network.Inputs}, \"layers\": ["
        + string.Join(", ", network.Layers.Select(l => $"{{ \"units\": {l.Units}, \"activation\": \"{l.Activation}\" }}"))
        + $"], \"loss\": \"{NetworkSpec.ResolveLoss(network.Loss, network.Layers[^1].Activation)}\", \"parameters\": ["
        + string.Join(", ", parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture))) + "] }";

    /// <summary>The file made wrong in one of the ways a loader must refuse.</summary>
    private static string Corrupt(Random random, string json) => random.Next(12) switch
    {
        0 => json[..random.Next(json.Length)],
        1 => json.Replace("\"version\": 1", "\"version\": 2"),
        2 => json.Replace("\"parameters\": [", "\"parameters\": [0.5, "),
        3 => json.Replace("\"parameters\": [", "\"parameters\": [NaN, "),
        4 => json.Replace("\"parameters\": [", "\"parameters\": [1e39, "),
        5 => json.Replace("\"layers\": [", "\"layers\": [null, "),
        6 => "",
        7 => "{}",
        8 => json.Replace("\"inputs\": ", "\"inputs\": 1"),
        9 => json.Replace("\"activation\": \"", "\"activation\": \"Sigmoid, "),
        10 => json.Replace("\"units\": ", "\"units\": 2147483647"),
        _ => json.Replace("\"format\": \"GenNet.Weights\"", "\"format\": \"Other\""),
    };

    /// <summary><paramref name="value"/> as a C# constant string expression: regular, verbatim, raw or concatenated.</summary>
    private static string Literal(Random random, string value)
    {
        static string Regular(string text)
        {
            var builder = new StringBuilder("\"");
            foreach (char c in text)
                builder.Append(c switch { '"' => "\\\"", '\\' => "\\\\", _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' => $"\\u{(int)c:X4}", _ => c.ToString() });
            return builder.Append('"').ToString();
        }
        bool plain = value.All(c => !char.IsControl(c) && !char.IsSurrogate(c) && c is not ('\u2028' or '\u2029' or '\u0085'));
        return random.Next(4) switch
        {
            0 when plain => "@\"" + value.Replace("\"", "\"\"") + "\"",
            1 when plain && !value.Contains('"') => "\"\"\"" + value + "\"\"\"",
            2 when value.Length > 1 => Regular(value[..(value.Length / 2)]) + " + " + Regular(value[(value.Length / 2)..]),
            _ => Regular(value),
        };
    }
}
