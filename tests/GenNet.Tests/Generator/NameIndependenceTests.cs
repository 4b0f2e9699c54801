using Microsoft.CodeAnalysis;

namespace GenNet.Tests.Generator;

/// <summary>
/// Generated code compiles whatever the user's code around it names: keywords as names, types and
/// members named like what the generated code calls, and no using directive at all (as with
/// <c>&lt;ImplicitUsings&gt;disable&lt;/ImplicitUsings&gt;</c>: the harness adds none).
/// </summary>
public class NameIndependenceTests
{
    private const string Layers = "[Network(2)][Layer(3, Activation.Tanh)][Layer(1, Activation.Sigmoid)]";

    /// <summary>A layer of 1,500 units: loop layers whose caches live in a per-thread array.</summary>
    private const string WideLayers = "[Network(2)][Layer(1500, Activation.Tanh)][Layer(1, Activation.Sigmoid)]";

    [Theory]
    [InlineData("keywords as namespace and class", $"namespace @class.@int; {Layers} public partial class @class;")]
    [InlineData("a class named var", $"{Layers} public partial class var;")]
    [InlineData("a class named var, loop layers", $"namespace N; {WideLayers} public partial class var;")]
    [InlineData("a class named record in a class named @event", $"public partial class @event {{ {Layers} public partial class @record; }}")]
    [InlineData("a class named System", $"namespace N; {Layers} public partial class System;")]
    [InlineData("a class named GenNet", $"namespace N; {Layers} public partial class GenNet;")]
    [InlineData("members named Fma and Vector128", $"{Layers} public partial class Net {{ public static int Vector128 => 1; public void Fma() {{ }} public int GenNetIntrinsics; public int Simd; }}")]
    [InlineData("a class named Simd in the global namespace", $"public class Simd {{ }} {Layers} public partial class Net;")]
    [InlineData("a namespace named Simd", $"namespace Simd {{ public class Other {{ }} }} namespace N {{ {Layers} public partial class Net; }}")]
    [InlineData("the network itself named Simd", $"{Layers} public partial class Simd;")]
    [InlineData("types named Fma and Vector128 beside it", $"namespace N; public class Vector128 {{ }} public static class Fma {{ }} {Layers} public partial class Net;")]
    [InlineData("types named Fma and Vector128 in the class", $"{Layers} public partial class Net {{ public class Vector128 {{ }} public class Fma {{ }} }}")]
    [InlineData("a member named nameof", $"{Layers} public partial class Net {{ public static string nameof(object o) => \"\"; }}")]
    [InlineData("a member named Span", $"{WideLayers} public partial class Net {{ public int Span; public int MemoryExtensions; }}")]
    [InlineData("loop layers and no using System", WideLayers + " public partial class Net;")]
    [InlineData("mixed layers and no using System", "[Network(3, UnrollLimit = 64)][Layer(4, Activation.Tanh)][Layer(1500, Activation.ReLU)][Layer(2, Activation.Linear)] public partial class Net;")]
    public void The_generated_part_compiles(string shape, string declaration)
    {
        var outcome = GeneratorHarness.Run("using GenNet;\n" + declaration);

        outcome.Exception.ShouldBeNull(shape);
        outcome.DriverDiagnostics.ShouldBeEmpty(shape);
        outcome.GeneratorDiagnostics.ShouldBeEmpty(shape);
        outcome.CompilationErrors.ShouldBeEmpty(shape);
        outcome.Sources.Count.ShouldBe(1, shape);
    }

    [Fact]
    public void Names_that_differ_only_in_case_get_files_that_differ_ignoring_case()
    {
        // The compiler compares hint names ignoring case; a namespace A.B and a class B in A print alike too.
        var outcome = GeneratorHarness.Run(
            $"using GenNet;\nnamespace A {{ {Layers} public partial class Net; {Layers} public partial class NET; }}",
            $"using GenNet;\nnamespace a {{ {Layers} public partial class Net; }}");

        outcome.Exception.ShouldBeNull();
        outcome.DriverDiagnostics.ShouldBeEmpty();
        outcome.CompilationErrors.ShouldBeEmpty();
        outcome.Sources.Count.ShouldBe(3);
        outcome.Sources.Keys.Select(name => name.ToUpperInvariant()).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void The_intrinsics_alias_is_short_unless_the_global_namespace_has_the_name()
    {
        string network = Layers + " public partial class Net;";
        var plain = GeneratorHarness.Run("using GenNet;\n" + network).Sources.Values.Single();
        plain.ShouldContain("using Simd = global::System.Runtime.Intrinsics;");
        plain.ShouldNotContain("GenNetIntrinsics");

        var taken = GeneratorHarness.Run("using GenNet;\npublic class Simd { }\n" + network);
        taken.CompilationErrors.ShouldBeEmpty();
        string source = taken.Sources.Values.Single();
        source.ShouldContain("using GenNetIntrinsics = global::System.Runtime.Intrinsics;");
        source.ShouldNotContain("Simd::");
        source.ShouldContain("GenNetIntrinsics::Vector128.FusedMultiplyAdd(");
    }

    [Fact]
    public void The_fused_multiply_add_is_the_intrinsic_only_where_the_target_has_it()
    {
        string source = "using GenNet;\n" + Layers + " public partial class Net;";
        var net9 = GeneratorHarness.Run(source).Sources.Values.Single();
        net9.ShouldContain("Simd::Vector128.FusedMultiplyAdd(");

        // A .NET 8 project: no NET9_0_OR_GREATER, so GenNet's own.
        var compilation = GeneratorHarness.Compilation(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, new(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12), "Source0.cs"));
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create([new GenNet.Generators.NetworkGenerator().AsSourceGenerator()],
            parseOptions: new(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        string net8 = output.SyntaxTrees.Last().ToString();
        net8.ShouldContain("global::GenNet.CompilerServices.Kernels.FusedMultiplyAdd(");
        net8.ShouldNotContain("Vector128.FusedMultiplyAdd(");
        output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ShouldBeEmpty();
    }
}
