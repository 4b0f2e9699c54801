namespace GenNet.Tests.Generator;

/// <summary>
/// Writes random <c>[Network]</c> declarations, family by family, each family from its own fixed seed
/// so that every run writes the same ones. Every declaration lives in a namespace (or under names)
/// of its own, numbered by its index, so that many can share one compilation without meeting.
/// </summary>
internal static partial class DeclarationFuzzer
{
    /// <summary>Declarations per family: ten families make the 10,000 of issue 11.</summary>
    public const int PerFamily = 1000;

    public static readonly string[] Families =
        ["Sizes", "Names", "MemberClashes", "AliasClashes", "FileLocalAndNested", "SplitPartials", "AttributeArguments", "WeightPaths", "UnrollLimits", "Usings"];

    public static List<FuzzCase> Family(string family) => family switch
    {
        "Sizes" => Sizes(new Random(1)),
        "Names" => Names(new Random(2)),
        "MemberClashes" => MemberClashes(new Random(3)),
        "AliasClashes" => AliasClashes(new Random(4)),
        "FileLocalAndNested" => FileLocalAndNested(new Random(5)),
        "SplitPartials" => SplitPartials(new Random(6)),
        "AttributeArguments" => AttributeArguments(new Random(7)),
        "WeightPaths" => WeightPaths(new Random(8)),
        "UnrollLimits" => UnrollLimits(new Random(9)),
        "Usings" => Usings(new Random(10)),
        _ => throw new ArgumentException($"'{family}' is not a family; expected one of {string.Join(", ", Families)}.", nameof(family)),
    };

    /// <summary>How a file names GenNet's attributes: its using directives and the prefixes they call for.</summary>
    private sealed record Style(string Usings, string Network, string Layer, string Activation);

    private static readonly Style[] Styles =
    [
        new("using GenNet;\n", "Network", "Layer", "Activation."),
        new("", "global::GenNet.Network", "global::GenNet.Layer", "global::GenNet.Activation."),
        new("using System;\n", "global::GenNet.NetworkAttribute", "global::GenNet.LayerAttribute", "global::GenNet.Activation."),
        new("using G = GenNet;\n", "G.Network", "G::Layer", "G.Activation."),
        new("using GenNet;\nusing static GenNet.Activation;\n", "Network", "Layer", ""),
        new("using System;\nusing GenNet;\n", "NetworkAttribute", "LayerAttribute", "Activation."),
    ];

    /// <summary>The style that names everything in full: safe whatever the declaration's namespace declares.</summary>
    private static readonly Style Qualified = Styles[1];

    private static Style AnyStyle(Random random) => Styles[random.Next(Styles.Length)];

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A small network: up to <paramref name="maxInputs"/> inputs and <paramref name="maxLayers"/> layers of up to <paramref name="maxUnits"/> units.</summary>
    private static ExpectedNetwork Small(Random random, int maxInputs = 4, int maxLayers = 3, int maxUnits = 5, int minUnits = 1)
    {
        var layers = Enumerable.Range(0, random.Next(1, maxLayers + 1))
            .Select(_ => (random.Next(minUnits, maxUnits + 1), (Activation)random.Next((int)Activation.Softmax))).ToArray();
        // Softmax (whole-layer) only where it is allowed: on an output of two or more units, now and then.
        if (layers[^1].Item1 >= 2 && random.Next(4) == 0)
            layers[^1] = (layers[^1].Item1, Activation.Softmax);
        var loss = random.Next(4) switch
        {
            0 when layers[^1].Item2 != Activation.Softmax => Loss.HalfSquaredError,
            1 when layers[^1].Item2 == Activation.Sigmoid => Loss.BinaryCrossEntropy,
            1 when layers[^1].Item2 == Activation.Softmax => Loss.CategoricalCrossEntropy,
            _ => Loss.Auto,
        };
        return new ExpectedNetwork(random.Next(Math.Min(minUnits, maxInputs), maxInputs + 1), layers, loss, (Init)random.Next(5));
    }

    /// <summary>The attributes that declare <paramref name="network"/>, with <paramref name="named"/> arguments after the defaults.</summary>
    private static string Attributes(ExpectedNetwork network, Style style, string named = "")
    {
        string arguments = (network.Loss == Loss.Auto ? "" : $", Loss = global::GenNet.Loss.{network.Loss}")
            + (network.Init == Init.Auto ? "" : $", Init = global::GenNet.Init.{network.Init}") + named;
        return $"[{style.Network}({network.Inputs}{arguments})]"
            + string.Concat(network.Layers.Select(layer => $"[{style.Layer}({layer.Units}, {style.Activation}{layer.Activation})]"));
    }

    /// <summary>A declaration of <paramref name="network"/> as class <paramref name="name"/> in namespace Fuzz.C<paramref name="index"/>.</summary>
    private static string Declaration(int index, ExpectedNetwork network, Style style, string name = "Net", string named = "", string body = ";") =>
        $"{style.Usings}namespace Fuzz.C{index};\n{Attributes(network, style, named)}\npublic partial class {name}{body}\n";

    /// <summary>Whether to load and run a valid network: one in <paramref name="every"/>, and only small ones.</summary>
    private static bool Sample(int index, ExpectedNetwork network, int every = 25) => index % every == 0 && network.ParameterCount <= 2000;

    private static FuzzCase Valid(string family, int index, ExpectedNetwork network, params string[] sources) =>
        new(family, index, sources, [], Expect.Network, network, Run: Sample(index, network));

    /// <summary>
    /// Sizes from tiny to beyond what generated code can hold: counts up to the edges of <c>int</c>,
    /// parameter counts that overflow it (and <c>long</c>), zero and negative sizes. The oversized ones each run alone,
    /// so that one that makes the generator hang or exhaust memory is named by the timeout.
    /// </summary>
    private static List<FuzzCase> Sizes(Random random)
    {
        (int Inputs, int[] Units)[] edges =
        [
            (65536, [65536]), (100000, [100000]), (1, [2147483645]), (1, [int.MaxValue]), (int.MaxValue, [1]), (2147483645, [1]),
            (46341, [46341]), (46340, [46340]), (32768, [65536]), (1, [65536, 65536]), (1, [40000, 40000, 40000]),
            (int.MaxValue, [int.MaxValue]), (2, [1 << 20, 1]), (1 << 24, [1]), (3, [1 << 29]), (1 << 30, [2]),
            (16, [2048, 1]), (784, [512, 512, 10]), (1, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
            (2, [int.MaxValue, int.MaxValue, int.MaxValue]), (int.MaxValue, [int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue]),
        ];
        var cases = new List<FuzzCase>();
        for (int i = 0; i < PerFamily; i++)
        {
            var style = AnyStyle(random);
            if (i < edges.Length)
            {
                var (inputs, units) = edges[i];
                var edge = new ExpectedNetwork(inputs, [.. units.Select(u => (u, Activation.Linear))]);
                var expect = edge.ParameterCount > int.MaxValue ? Expect.Diagnostic : edge.ParameterCount <= 1_000_000 ? Expect.Network : Expect.Either;
                cases.Add(new FuzzCase("Sizes", i, [Declaration(i, edge, style)], [], expect, edge, Alone: true));
                continue;
            }
            int kind = random.Next(100);
            var network = kind switch
            {
                < 40 => Small(random),
                < 65 => Small(random, maxInputs: 64, maxUnits: 64, minUnits: 5),
                < 72 => Small(random, maxInputs: 784, maxLayers: 2, maxUnits: 2048, minUnits: 100),
                _ => Small(random, maxInputs: 8, maxUnits: 8),
            };
            if (kind >= 72)
            {
                // One size zero or negative: the generator must refuse it, not emit a negative-length array.
                int bad = Pick(random, [0, -1, -7, -65536, int.MinValue]);
                int which = random.Next(network.Layers.Length + 1);
                network = which == 0 ? network with { Inputs = bad }
                    : network with { Layers = [.. network.Layers.Select((layer, l) => l == which - 1 ? (bad, layer.Activation) : layer)] };
                cases.Add(new FuzzCase("Sizes", i, [Declaration(i, network, style)], [], Expect.Diagnostic, network));
                continue;
            }
            cases.Add(network.ParameterCount <= 1_000_000
                ? Valid("Sizes", i, network, Declaration(i, network, style))
                : new FuzzCase("Sizes", i, [Declaration(i, network, style)], [], Expect.Either, network));
        }
        return cases;
    }

    /// <summary>
    /// <c>UnrollLimit</c> from negative through the default to <c>int.MaxValue</c>, on small and
    /// mid-size networks; the largest networks with huge limits run alone.
    /// </summary>
    private static List<FuzzCase> UnrollLimits(Random random)
    {
        int[] limits = [0, 1, 2, 3, 4, 7, 8, 100, 1023, 1024, 1025, 4096, 65536, 1 << 20, int.MaxValue, int.MaxValue - 1, -1, -2, int.MinValue];
        ExpectedNetwork[] midSize =
        [
            new(64, [(64, Activation.ReLU), (64, Activation.Tanh), (10, Activation.Sigmoid)]),
            new(128, [(128, Activation.ReLU), (10, Activation.Linear)]),
            new(784, [(128, Activation.ReLU), (10, Activation.Sigmoid)]),
            new(256, [(256, Activation.LeakyReLU), (256, Activation.Tanh), (1, Activation.Sigmoid)]),
        ];
        var cases = new List<FuzzCase>();
        for (int i = 0; i < PerFamily; i++)
        {
            var style = AnyStyle(random);
            bool huge = i < midSize.Length * 2;
            int limit = huge ? (i % 2 == 0 ? int.MaxValue : 1 << 20) : random.Next(5) == 0 ? random.Next(0, 5000) : Pick(random, limits);
            // Mid-size networks only under limits that keep most of them in loops: fully unrolled, a batch of them would take minutes to compile.
            var network = huge ? midSize[i / 2] : limit is >= 0 and <= 1024 && random.Next(3) == 0 ? Small(random, maxInputs: 16, maxUnits: 16) : Small(random);
            string source = Declaration(i, network, style, named: $", UnrollLimit = {(limit == int.MinValue ? "int.MinValue" : limit.ToString())}");
            var expect = limit < 0 ? Expect.Diagnostic : limit <= 65536 ? Expect.Network : Expect.Either;
            cases.Add(new FuzzCase("UnrollLimits", i, [source], [], expect, network, Alone: huge, Run: expect == Expect.Network && Sample(i, network)));
        }
        return cases;
    }

    /// <summary>
    /// The generated code must depend on no using directive of the user's project: files with no
    /// usings, with <c>using System;</c>, with usings and aliases that bring Vector128, Fma or Math
    /// into scope, and global usings from another file (each of those alone, as they reach every file).
    /// </summary>
    private static List<FuzzCase> Usings(Random random)
    {
        string[] fileUsings =
        [
            "", "using System;\n", "using System.Runtime.Intrinsics;\n", "using System.Numerics;\n", "using static System.Math;\n",
            "using static System.MathF;\n", "using Fma = System.Math;\n", "using Vector128 = System.Int32;\n", "using System.Linq;\nusing System.Collections.Generic;\n",
            "using static System.Runtime.Intrinsics.Vector128;\n", "using System.Runtime.CompilerServices;\n",
        ];
        string[] globalUsings =
        [
            "global using System;", "global using System.Runtime.Intrinsics;", "global using static System.Runtime.Intrinsics.Vector128;",
            "global using Fma = System.Math;", "global using Vector128 = System.Numerics.Vector4;", "global using GenNet;",
            "global using static GenNet.Activation;", "global using Span = System.String;", "global using System.Linq;",
            "global using Kernels = System.Math;", "global using static System.MemoryExtensions;", "global using MemoryExtensions = System.Math;",
        ];
        var cases = new List<FuzzCase>();
        for (int i = 0; i < PerFamily; i++)
        {
            var style = AnyStyle(random);
            // Unrolled, loop layers, and loop layers whose caches exceed 4,096 floats (the _caches path).
            var (network, named) = random.Next(3) switch
            {
                0 => (Small(random), ""),
                1 => (Small(random, maxInputs: 8, maxUnits: 8), ", UnrollLimit = 0"),
                _ => (new ExpectedNetwork(random.Next(1, 17), [(random.Next(2000, 2200), Activation.ReLU), (1, Activation.Sigmoid)]), ""),
            };
            string usings = Pick(random, fileUsings);
            // MathF.Tanh and Activation.Tanh both imported static make the user's own [Layer(…, Tanh)] ambiguous.
            if (usings.Contains("using static System.Math", StringComparison.Ordinal) && style.Activation.Length == 0)
                style = Styles[0];
            string source = usings + Declaration(i, network, style, named: named);
            if (i % 10 == 0)
            {
                string global = Pick(random, globalUsings);
                cases.Add(new FuzzCase("Usings", i, [source, global + "\n"], [], Expect.Network, network, Alone: true, Run: Sample(i, network, every: 20)));
            }
            else
                cases.Add(Valid("Usings", i, network, source));
        }
        return cases;
    }
}
