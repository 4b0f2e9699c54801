using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using GenNet.Generators;
using Microsoft.CodeAnalysis;

namespace GenNet.Tests.Generator;

/// <summary>
/// A type of the user's project with the full name of a type or namespace that generated code needs hides
/// it (a class <c>System</c> in the global namespace makes <c>global::System</c> name the class): the
/// generator reports GN0026 at that type instead of writing code that does not compile (issue 25). The
/// names it guards are <see cref="RuntimeNames"/>' and <see cref="SystemNames"/>' lists; these tests check
/// that the lists hold every type the compiled generated code references, and that each name in them
/// really breaks generated code when hidden.
/// </summary>
public class HiddenNamesTests
{
    /// <summary>
    /// Networks that between them take the code paths that name a type: unrolled with the step from
    /// registers, unrolled with more gradient sums than registers (the loss a call per example), and loops
    /// whose caches are per-thread arrays.
    /// </summary>
    private const string Networks = """
        namespace N
        {
            [global::GenNet.Network(2)][global::GenNet.Layer(3, global::GenNet.Activation.Tanh)][global::GenNet.Layer(1, global::GenNet.Activation.Sigmoid)]
            public partial class Small;

            [global::GenNet.Network(8)][global::GenNet.Layer(16, global::GenNet.Activation.Tanh)][global::GenNet.Layer(1, global::GenNet.Activation.Sigmoid)]
            public partial class Deeper;

            [global::GenNet.Network(3, UnrollLimit = 0)][global::GenNet.Layer(1500, global::GenNet.Activation.ReLU)][global::GenNet.Layer(2, global::GenNet.Activation.Softmax)]
            public partial class Wide;
        }
        """;

    private const int NetworkCount = 3;

    /// <summary>A network with an error, whose fallback members throw.</summary>
    private const string Broken = """
        namespace N
        {
            [global::GenNet.Network(0)][global::GenNet.Layer(1, global::GenNet.Activation.Sigmoid)]
            public partial class Broken;
        }
        """;

    /// <summary>Every name the parser guards, without <c>global::</c>, whether it is an attribute, and each namespace on the way to one.</summary>
    private static IEnumerable<(string Name, bool Attribute)> GuardedNames()
    {
        var names = RuntimeNames.Types.Concat(SystemNames.Types).Select(name => (Name: name, Attribute: false))
            .Concat(RuntimeNames.Attributes.Concat(SystemNames.Attributes).Select(name => (Name: name, Attribute: true)))
            .Select(name => (Name: name.Name["global::".Length..], name.Attribute))
            .ToList();
        var namespaces = names.SelectMany(name => Prefixes(name.Name)).Distinct().Select(ns => (Name: ns, Attribute: false));
        return names.Concat(namespaces);
    }

    private static IEnumerable<string> Prefixes(string name)
    {
        for (int dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = name.IndexOf('.', dot + 1))
            yield return name[..dot];
    }

    public static TheoryData<string> Hidden
    {
        get
        {
            // A class GenNet in the global namespace hides GenNet from the user's own declaration too: no
            // [Network] binds, the compiler says so, and there is nothing for the generator to see.
            var rows = new TheoryData<string>();
            foreach (var (name, attribute) in GuardedNames().Where(name => name.Name != RuntimeNames.Namespace))
                rows.Add(attribute && !name.EndsWith("Attribute", StringComparison.Ordinal) ? name + "Attribute" : name);
            return rows;
        }
    }

    /// <summary>
    /// A type of the user's named <paramref name="fullName"/>, generic and not (Vector128 is named both ways),
    /// static so that it can stand for nothing: an attribute of that name is an ordinary class.
    /// </summary>
    private static string StandIn(string fullName)
    {
        int dot = fullName.LastIndexOf('.');
        string name = fullName[(dot + 1)..];
        string types = $"public static class {name} {{ }} public static class {name}<T> {{ }}";
        if (fullName.StartsWith("GenNet.", StringComparison.Ordinal) && name.EndsWith("Attribute", StringComparison.Ordinal))
            // GenNet's own attributes must still bind in the declaration, as a user's look-alike does.
            types = $"public sealed class {name} : global::System.Attribute {{ public {name}(params object[] arguments) {{ }} }}";
        return dot < 0 ? types + "\n" : $"namespace {fullName[..dot]} {{ {types} }}\n";
    }

    [Theory]
    [MemberData(nameof(Hidden))]
    public void A_type_of_the_project_that_hides_a_needed_name_gets_GN0026_at_that_type(string fullName)
    {
        string source = StandIn(fullName) + Networks;
        var outcome = GeneratorHarness.Run(source);

        outcome.Exception.ShouldBeNull();
        outcome.Sources.ShouldBeEmpty("code that could not compile");
        outcome.GeneratorDiagnostics.Length.ShouldBe(NetworkCount, "one for each network");
        foreach (var diagnostic in outcome.GeneratorDiagnostics)
        {
            diagnostic.Id.ShouldBe("GN0026");
            diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
            source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length).ShouldBe(fullName[(fullName.LastIndexOf('.') + 1)..]);
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain($"the project's type '{fullName}");
        }
    }

    /// <summary>
    /// The guarded names that generated code spells or the compiler calls for it: all but GenNet's attributes,
    /// which the generator reads (and cannot read from a look-alike of the user's) and generated code never names.
    /// </summary>
    public static TheoryData<string> HiddenFromGeneratedCode =>
        [.. Hidden.Select(row => row.Data).Where(name => !RuntimeNames.Attributes.Contains("global::" + name))];

    [Theory]
    [MemberData(nameof(HiddenFromGeneratedCode))]
    public void Each_guarded_name_hidden_breaks_generated_code(string fullName)
    {
        // The networks' code as generated without the stand-in, then compiled beside it: the guard is no guess.
        var generated = GeneratorHarness.Run(Networks, Broken).Sources;
        generated.Count.ShouldBe(NetworkCount + 1);
        var compilation = GeneratorHarness.Compilation([
            GeneratorHarness.Tree(StandIn(fullName) + Networks, "Source0.cs"),
            GeneratorHarness.Tree(Broken, "Source1.cs"),
            .. generated.Select(file => GeneratorHarness.Tree(file.Value, file.Key)),
        ]);

        compilation.GetDiagnostics().ShouldContain(
            error => error.Severity == DiagnosticSeverity.Error && error.Location.SourceTree!.FilePath.EndsWith(".g.cs", StringComparison.Ordinal),
            $"hiding {fullName} broke nothing");
    }

    /// <summary>
    /// What the compiler itself references for any code of these shapes: base and element types, the
    /// attributes it writes (nullability, readonly, auto-properties, the assembly's), what it lowers array
    /// initialisers to, and parameter types of the runtime's methods. A polyfill of one of these in a
    /// project is found as the runtime's would be, so they are not guarded.
    /// </summary>
    private static readonly string[] CompilerOwn =
    [
        "System.Object", "System.ValueType", "System.Single", "System.RuntimeFieldHandle", "System.Collections.Generic.IEnumerable",
        "System.Runtime.CompilerServices.RuntimeHelpers", "System.Runtime.CompilerServices.CompilerGeneratedAttribute",
        "System.Runtime.CompilerServices.IsReadOnlyAttribute", "System.Runtime.CompilerServices.NullableAttribute",
        "System.Runtime.CompilerServices.NullableContextAttribute", "System.Runtime.CompilerServices.CompilationRelaxationsAttribute",
        "System.Runtime.CompilerServices.RefSafetyRulesAttribute", "System.Runtime.CompilerServices.RuntimeCompatibilityAttribute",
        "System.Runtime.InteropServices.InAttribute", "System.Diagnostics.DebuggableAttribute",
        "System.Diagnostics.DebuggerBrowsableAttribute", "System.Diagnostics.DebuggerBrowsableState",
    ];

    [Fact]
    public void The_guarded_names_cover_every_type_the_compiled_generated_code_references()
    {
        // The baked networks of the tests with their trainable twins (unrolled, loop, mixed, wide, softmax),
        // a network with training blocks and a first layer that de-interleaves, and one that falls back.
        string baked = Path.Combine(Repository.Root(), "tests", "GenNet.Tests", "Weights", "Baked");
        var files = Directory.GetFiles(baked, "*.weights.json")
            .Select(path => new InMemoryAdditionalText("/project/Baked/" + Path.GetFileName(path), File.ReadAllText(path))).ToArray();
        string digits = """
            namespace More
            {
                [global::GenNet.Network(784)][global::GenNet.Layer(128, global::GenNet.Activation.ReLU)][global::GenNet.Layer(10, global::GenNet.Activation.Softmax)]
                public partial class Digits;
            }
            """;
        var compilation = GeneratorHarness.Generated(files, File.ReadAllText(Path.Combine(baked, "BakedNetworks.cs")), digits, Networks, Broken);

        var referenced = ReferencedTypes(compilation);
        referenced.ShouldContain("System.Runtime.CompilerServices.Unsafe", "the compiler's lowering of inline arrays; else the list below is not the compiled code's");
        var guarded = GuardedNames().Select(name => name.Name)
            .SelectMany(name => new[] { name, name + "Attribute" }).ToHashSet();
        referenced.Where(type => !guarded.Contains(type) && !CompilerOwn.Contains(type)).ShouldBeEmpty();
    }

    /// <summary>The full names (without arity or nesting) of the types an assembly's metadata references.</summary>
    private static HashSet<string> ReferencedTypes(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        using var reader = new PEReader(image);
        var metadata = reader.GetMetadataReader();
        var names = new HashSet<string>();
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            // A nested type is guarded by its outermost type.
            while (type.ResolutionScope.Kind == HandleKind.TypeReference)
                type = metadata.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
            string name = metadata.GetString(type.Name);
            int arity = name.IndexOf('`', StringComparison.Ordinal);
            names.Add(metadata.GetString(type.Namespace) + "." + (arity < 0 ? name : name[..arity]));
        }
        return names;
    }

    [Theory]
    [InlineData("a polyfill of IsExternalInit", "namespace System.Runtime.CompilerServices { internal static class IsExternalInit { } }")]
    [InlineData("a class Unsafe elsewhere", "namespace Tools { public static class Unsafe { } public struct NetworkSpec { } }")]
    [InlineData("more types in GenNet's and .NET's namespaces", "namespace GenNet.Extensions { public static class Helpers { } } namespace System.Runtime.Intrinsics.Extra { public static class Vector128Helpers { } }")]
    [InlineData("a class System in a namespace", "namespace Tools { public static class System { } public static class GenNet { } }")]
    public void A_type_beside_the_needed_names_hides_nothing(string shape, string source)
    {
        var outcome = GeneratorHarness.Run(source + "\n" + Networks);

        outcome.GeneratorDiagnostics.ShouldBeEmpty(shape);
        outcome.CompilationErrors.ShouldBeEmpty(shape);
        outcome.Sources.Count.ShouldBe(NetworkCount, shape);
    }

    [Fact]
    public void The_runtime_names_list_every_type_generated_code_spells()
    {
        var spelled = typeof(RuntimeNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && ((string)field.GetRawConstantValue()!).StartsWith("global::", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!);
        spelled.ShouldBeSubsetOf(RuntimeNames.Types);
        var system = typeof(SystemNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.Name != nameof(SystemNames.Intrinsics))
            .Select(field => (string)field.GetRawConstantValue()!);
        system.ShouldBeSubsetOf(SystemNames.Types.Concat(SystemNames.Attributes));
    }

    [Fact]
    public void No_other_generator_file_spells_a_name_of_dotnet_s_libraries()
    {
        string generator = Path.Combine(Repository.Root(), "generators", "GenNet.Generators");
        var spelled = Directory.EnumerateFiles(generator, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(path) != "SystemNames.cs")
            .Where(path => Regex.IsMatch(File.ReadAllText(path), @"global::System\b"))
            .Select(path => Path.GetRelativePath(generator, path));
        spelled.ShouldBeEmpty();
    }
}
