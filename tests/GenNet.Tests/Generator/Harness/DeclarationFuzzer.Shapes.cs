namespace GenNet.Tests.Generator;

internal static partial class DeclarationFuzzer
{
    private static readonly string[] PlainNames = ["Net", "Réseau", "Сеть", "网络", "_Net", "__", "Net_1", "N\\u0065t2", "@Net", "ΔNet", "Net\u0300", "ǅNet", "NET", "n"];

    /// <summary>Names that are keywords, contextual keywords or the names of namespaces the generated code uses.</summary>
    private static readonly string[] HostileNames =
        ["@class", "@int", "@namespace", "@this", "@partial", "var", "dynamic", "async", "await", "record", "nameof", "value", "System", "GenNet",
         "global", "required", "scoped", "file", "Attribute", "Network", "Layer", "Fma", "Vector128", "Kernels", "Activation", "@true", "@file"];

    /// <summary>Namespaces, with {0} for the index that keeps them apart.</summary>
    private static readonly string[] HostileNamespaces =
        ["@class.@int.C{0}", "C{0}.@class.@int", "System.C{0}", "C{0}.System", "GenNet.C{0}", "C{0}.GenNet", "Сеть.C{0}", "C{0}.var",
         "C{0}.@namespace", "C{0}.Fma", "C{0}.Vector128", "C{0}.global", "C{0}.Kernels", "C{0}.Net", "C{0}.@record", "C{0}.N\\u0065t"];

    /// <summary>Class names and namespaces: keywords (verbatim), contextual keywords, unicode, and names the generated code relies on.</summary>
    private static List<FuzzCase> Names(Random random)
    {
        var cases = new List<FuzzCase>();
        for (int i = 0; i < PerFamily; i++)
        {
            var style = AnyStyle(random);
            var network = Small(random);
            bool hostileName = random.Next(2) == 0, hostileNamespace = random.Next(2) == 0;
            string name = hostileName ? Pick(random, HostileNames) : Pick(random, PlainNames);
            string ns = hostileNamespace ? string.Format(Pick(random, HostileNamespaces), i) : $"Fuzz.C{i}";
            string declaration = $"{Attributes(network, style)}\npublic partial class {name};";
            string source = random.Next(4) switch
            {
                0 => $"{style.Usings}namespace {ns};\n{declaration}\n",
                1 => $"{style.Usings}namespace {ns}\n{{\n{declaration}\n}}\n",
                // Nested block namespaces, the inner one hostile.
                2 => $"{style.Usings}namespace Fuzz.C{i}\n{{\nnamespace {(hostileNamespace ? Pick(random, ["@class", "System", "GenNet", "var", "@int.@float"]) : "Inner")}\n{{\n{declaration}\n}}\n}}\n",
                // The global namespace: the index goes into the name instead.
                _ => $"{style.Usings}{Attributes(network, style)}\npublic partial class {(name.StartsWith('@') ? name[1..] : name)}{i};\n",
            };
            var expect = hostileName || hostileNamespace ? Expect.Either : Expect.Network;
            cases.Add(new FuzzCase("Names", i, [source], [], expect, network, Run: expect == Expect.Network ? Sample(i, network) : i % 50 == 1));
        }
        return cases;
    }

    /// <summary>The names of what the generated code declares in the class, and of locals and types it refers to.</summary>
    private static readonly string[] GeneratedNames =
        ["InputCount", "OutputCount", "ParameterCount", "Spec", "Parameters", "Predict", "PredictBatch", "ComputeGradients", "TrainStep",
         "Initialize", "Forward", "Backpropagate", "_parameters", "ParameterBuffer", "_gradientSum", "_caches", "ForwardLayer1", "BackwardLayer1",
         "ForwardLayer2", "BackwardLayer2", "Fma", "Vector128", "System", "GenNet", "Kernels", "MemoryExtensions", "MathF", "Span", "ReadOnlySpan",
         "IPredictor", "INetwork", "NetworkSpec", "LayerSpec", "Activation", "Loss", "Init", "input", "output", "inputs", "outputs", "gradients",
         "m", "i", "z1_0", "a1_0", "dz1_0", "GeneratedCode", "Unsafe", "Math", "Single"];

    /// <summary>Members of the network class (or of its base, or the class itself) named like a member the generator writes.</summary>
    private static List<FuzzCase> MemberClashes(Random random)
    {
        string[] kinds =
        [
            "public void {0}() {{ }}", "public int {0}(int a) => a;", "public int {0} => 0;", "private int {0};", "public const int {0} = 7;",
            "public class {0} {{ }}", "public struct {0} {{ }}", "public enum {0} {{ A }}", "public event global::System.Action? {0};",
            "public delegate void {0}();", "public static void {0}(float x) {{ }}", "public static int {0} {{ get; set; }}", "private interface {0} {{ }}",
        ];
        var cases = new List<FuzzCase>();
        for (int i = 0; i < PerFamily; i++)
        {
            var network = Small(random);
            string name = Pick(random, GeneratedNames);
            string member = string.Format(Pick(random, kinds), name);
            string named = random.Next(2) == 0 ? ", UnrollLimit = 0" : "";
            string source = random.Next(5) switch
            {
                // The class itself named like a generated member.
                0 => Declaration(i, network, Qualified, name: name, named: named),
                // A base class declares it.
                1 => $"namespace Fuzz.C{i};\npublic class Base {{ {member} }}\n{Attributes(network, Qualified, named)}\npublic partial class Net : Base;\n",
                // Another part of the class declares it.
                2 => Declaration(i, network, Qualified, named: named) + $"public partial class Net {{ {member} }}\n",
                _ => Declaration(i, network, Qualified, named: named, body: $"\n{{\n    {member}\n}}"),
            };
            cases.Add(new FuzzCase("MemberClashes", i, [source], [], Expect.Either, network, Run: i % 40 == 3));
        }
        return cases;
    }

    /// <summary>
    /// Types, namespaces and extension methods in the declaration's scope named like what the generated code uses:
    /// Fma, Vector128, System, GenNet, AsSpan…; and a few types with the very full name of one (GN0026).
    /// </summary>
    private static List<FuzzCase> AliasClashes(Random random)
    {
        string[] names =
            ["Fma", "Vector128", "System", "GenNet", "Kernels", "Span", "ReadOnlySpan", "MemoryExtensions", "Math", "MathF", "INetwork", "IPredictor",
             "NetworkSpec", "LayerSpec", "ParameterInitializer", "NetworkArgument", "Runtime", "Intrinsics", "Unsafe", "Vector", "Vector256", "Single",
             "Int32", "CodeDom", "Activation", "Loss", "Init", "Network", "NetworkAttribute", "Layer", "InlineArray", "InlineArrayAttribute", "Object"];
        string[] shapes =
        [
            "public class {0} {{ }}", "public static class {0} {{ public static float MultiplyAddEstimate(float a, float b, float c) => 0; }}",
            "public struct {0} {{ }}", "public enum {0} {{ A }}", "public delegate void {0}();", "public class {0}<T> {{ }}",
            "namespace {0} {{ public class Marker {{ }} }}", "public static class {0} {{ public static int Create(float x) => 0; }}",
        ];
        var cases = new List<FuzzCase>();
        for (int i = 0; i < PerFamily; i++)
        {
            var network = random.Next(4) == 0
                ? new ExpectedNetwork(random.Next(1, 17), [(random.Next(2000, 2100), Activation.ReLU), (1, Activation.Sigmoid)])
                : Small(random);
            string named = random.Next(3) == 0 ? ", UnrollLimit = 0" : "";
            string name = Pick(random, names);
            string shadow = string.Format(Pick(random, shapes), name);
            string source = random.Next(5) switch
            {
                // An outer class whose member or nested type shadows the name for the network nested in it.
                0 => $"namespace Fuzz.C{i};\npublic partial class Outer\n{{\n    {shadow.Replace("namespace", "public class")}\n    public static int {name}Value => 0;\n    {Attributes(network, Qualified, named)}\n    public partial class Net;\n}}\n",
                // An extension method the generated code could bind to instead of the framework's.
                1 => $"namespace Fuzz.C{i};\npublic static class Extensions\n{{\n    public static int AsSpan(this float[] a, int start, int length) => 0;\n    public static int AsSpan(this float[] a) => 0;\n    public static void CopyTo(this float[] a, global::System.Span<float> b) {{ }}\n}}\n{Attributes(network, Qualified, named)}\npublic partial class Net;\n",
                // Block namespace: a file-scoped one cannot hold the namespace shapes.
                _ => $"namespace Fuzz.C{i}\n{{\n{shadow}\n{Attributes(network, Qualified, named)}\npublic partial class Net;\n}}\n",
            };
            // The user's code is valid C# in every case (names are qualified), so the network must compile.
            cases.Add(new FuzzCase("AliasClashes", i, [source], [], Expect.Network, network, Run: Sample(i, network, every: 20)));
        }
        // Types with the very full name of one the generated code needs, or of a namespace on its way: no
        // qualification gets past them (issue 25), so each is a GN diagnostic; alone, as they reach the whole compilation.
        string[] hiding =
        [
            "public partial class System { }", "namespace System { public static class Runtime { } }", "namespace GenNet { public struct NetworkSpec { } }",
            "namespace GenNet { public static class CompilerServices { } }", "namespace GenNet.CompilerServices { public class Kernels { } }",
            "namespace System.Runtime.CompilerServices { public static class Unsafe { } }", "namespace System { public readonly struct Span<T> { } }",
            "namespace System.Runtime.Intrinsics { public static class Vector128 { } }", "namespace System { public sealed class ThreadStaticAttribute { } }",
            "namespace GenNet { public sealed class NetworkAttribute(int inputs) : global::System.Attribute { public int Inputs => inputs; } }",
        ];
        foreach (string type in hiding)
        {
            int i = cases.Count;
            var network = Small(random);
            cases.Add(new FuzzCase("AliasClashes", i, [$"{type}\nnamespace Fuzz.C{i}\n{{\n{Attributes(network, Qualified)}\npublic partial class Net;\n}}\n"], [],
                Expect.Diagnostic, network, Alone: true));
        }
        return cases;
    }

    /// <summary>Where a network class may sit: file-local, nested in classes, structs, records, interfaces, generic and file types, partial or not.</summary>
    private static List<FuzzCase> FileLocalAndNested(Random random)
    {
        // Outer shapes: the declaration's opening, and what it makes of the expectation.
        (string Open, Expect Expect)[] outers =
        [
            ("public partial class {0}", Expect.Network), ("public partial struct {0}", Expect.Network), ("public partial record {0}", Expect.Network),
            ("public partial record struct {0}", Expect.Network), ("public partial interface I{0}", Expect.Network), ("public static partial class {0}", Expect.Network),
            ("internal sealed partial class {0}", Expect.Network), ("public abstract partial class {0}", Expect.Network),
            ("public class {0}", Expect.Diagnostic), ("public struct {0}", Expect.Diagnostic), ("public record {0}", Expect.Diagnostic),
            ("public partial class {0}<T>", Expect.Either), ("public partial class {0}<T> where T : struct", Expect.Either), ("file partial class {0}", Expect.Either),
            ("file class {0}", Expect.Diagnostic), ("file partial struct {0}", Expect.Either), ("public partial record {0}(int X)", Expect.Network),
        ];
        string[] outerNames = ["Outer", "@class", "System", "GenNet", "Fma", "Vector128", "Spec", "Predict", "Ω"];
        string[] modifiers = ["public", "internal", "private", "protected internal", "private protected", "public sealed", "internal new", "public unsafe"];
        var cases = new List<FuzzCase>();
        for (int i = 0; i < PerFamily; i++)
        {
            var network = Small(random);
            int depth = random.Next(4);
            var expect = Expect.Network;
            var opens = new List<string>();
            for (int level = 0; level < depth; level++)
            {
                var (open, outerExpect) = Pick(random, outers);
                if (level > 0 && open.StartsWith("file", StringComparison.Ordinal))
                    (open, outerExpect) = (open.Replace("file", "private"), Expect.Either); // file is for top-level types only
                string outerName = Pick(random, outerNames) + (level == 0 ? "" : level.ToString());
                opens.Add(string.Format(open, outerName).Replace("I@", "I"));
                expect = Combine(expect, outerExpect);
            }
            // Structs, interfaces and static classes allow fewer accessibilities for what they nest.
            bool restricted = opens.Count > 0 && (opens[^1].Contains("struct") || opens[^1].Contains("interface") || opens[^1].Contains("static"));
            string classModifiers = depth == 0 ? Pick(random, ["public", "internal", "file", "file sealed", "public sealed", "public abstract"])
                : restricted ? Pick(random, ["public", "internal", "public sealed"]) : Pick(random, modifiers);
            if (classModifiers.StartsWith("file", StringComparison.Ordinal) || classModifiers.Contains("unsafe") || classModifiers.Contains("new"))
                expect = Combine(expect, Expect.Either); // file-local: a network or a diagnostic, never a separate non-file class
            string source = $"namespace Fuzz.C{i};\n" + string.Concat(opens.Select(open => open + "\n{\n"))
                + $"{Attributes(network, Qualified)}\n{classModifiers} partial class Net;\n" + new string('}', depth) + "\n";
            bool runnable = expect == Expect.Network && !classModifiers.Contains("abstract");
            cases.Add(new FuzzCase("FileLocalAndNested", i, [source], [], expect, network, Run: runnable && Sample(i, network, every: 15)));
        }
        return cases;
    }

    private static Expect Combine(Expect a, Expect b) =>
        a == Expect.Diagnostic || b == Expect.Diagnostic ? Expect.Diagnostic : a == Expect.Either || b == Expect.Either ? Expect.Either : Expect.Network;

    /// <summary>Partial declarations split across parts and files: [Network] on two parts, [Layer] split, members on other parts.</summary>
    private static List<FuzzCase> SplitPartials(Random random)
    {
        var cases = new List<FuzzCase>();
        for (int i = 0; i < PerFamily; i++)
        {
            var network = Small(random, maxLayers: 4);
            var style = Qualified;
            string head = $"namespace Fuzz.C{i};\n";
            string network0 = $"[{style.Network}({network.Inputs})]";
            string layers = string.Concat(network.Layers.Select(l => $"[{style.Layer}({l.Units}, {style.Activation}{l.Activation})]"));
            string firstLayer = string.Concat(network.Layers.Take(1).Select(l => $"[{style.Layer}({l.Units}, {style.Activation}{l.Activation})]"));
            string restLayers = string.Concat(network.Layers.Skip(1).Select(l => $"[{style.Layer}({l.Units}, {style.Activation}{l.Activation})]"));
            var plain = network with { Loss = Loss.Auto, Init = Init.Auto };
            (string[] Parts, Expect Expect) shape = random.Next(9) switch
            {
                0 => ([$"{network0}{layers} public partial class Net;", "public partial class Net { public int Extra => 1; }"], Expect.Network),
                1 => ([$"{network0}{layers} public partial class Net;", $"{network0} public partial class Net;"], Expect.Either),
                2 => ([$"{network0}{layers} public partial class Net;", $"{network0}{layers} public partial class Net;"], Expect.Either),
                3 => ([$"{network0} public partial class Net;", $"{layers} public partial class Net;"], Expect.Either),
                4 when network.Layers.Length > 1 => ([$"{network0}{firstLayer} public partial class Net;", $"{restLayers} public partial class Net;"], Expect.Diagnostic),
                5 => ([$"{network0}{layers} public sealed partial class Net;", "internal partial class Net;", "partial class Net { private int _x; }"], Expect.Either),
                6 => ([$"{network0}{layers} public partial class Net;", "public class Net { }"], Expect.Either),
                7 => ([$"{network0}{layers} public partial class Net;", "public partial class Net { public void Predict() { } }"], Expect.Either),
                _ => ([$"{network0}{layers} public partial class Net;", "partial class Net;", "public partial class Net { public Net() { } }"], Expect.Network),
            };
            // The parts in one file, or each in its own file.
            string[] sources = random.Next(2) == 0
                ? [head + string.Join("\n", shape.Parts) + "\n"]
                : [.. shape.Parts.Select(part => head + part + "\n")];
            cases.Add(new FuzzCase("SplitPartials", i, sources, [], shape.Expect, plain, Run: shape.Expect == Expect.Network && Sample(i, plain, every: 15)));
        }
        return cases;
    }
}
