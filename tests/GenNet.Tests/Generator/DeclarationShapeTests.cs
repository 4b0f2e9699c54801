namespace GenNet.Tests.Generator;

/// <summary>The generated part compiles with every shape of declaration a user may write.</summary>
public class DeclarationShapeTests
{
    private const string Layers = "[Network(2)][Layer(3, Activation.Tanh)][Layer(1, Activation.Sigmoid)]";

    [Theory]
    [InlineData("global namespace", $"{Layers} public partial class Net;")]
    [InlineData("file-scoped namespace", $"namespace A.B; {Layers} public partial class Net;")]
    [InlineData("block namespace", $"namespace A.B {{ {Layers} public partial class Net; }}")]
    [InlineData("sealed", $"{Layers} public sealed partial class Net;")]
    [InlineData("internal", $"{Layers} internal partial class Net;")]
    [InlineData("abstract", $"{Layers} public abstract partial class Net;")]
    [InlineData("with a base class and members", $"public class Base {{ public int Id {{ get; set; }} }} {Layers} public partial class Net : Base {{ public Net(int id) {{ Id = id; }} public string Name => \"net\"; }}")]
    [InlineData("nested in a class", $"public partial class Outer {{ {Layers} public partial class Net; }}")]
    [InlineData("private nested", $"public partial class Outer {{ {Layers} private partial class Net; public static object Make() => new Net(); }}")]
    [InlineData("protected internal nested", $"public partial class Outer {{ {Layers} protected internal partial class Net; }}")]
    [InlineData("nested in a struct", $"public partial struct Outer {{ {Layers} public partial class Net; }}")]
    [InlineData("nested in a record", $"public partial record Outer(int X) {{ {Layers} public partial class Net; }}")]
    [InlineData("nested in a record struct", $"public partial record struct Outer(int X) {{ {Layers} public partial class Net; }}")]
    [InlineData("nested twice in a namespace", $"namespace N {{ public static partial class A {{ internal partial class B {{ {Layers} public sealed partial class Net; }} }} }}")]
    [InlineData("a record class", $"{Layers} public partial record Net;")]
    [InlineData("declared in two parts", $"{Layers} public partial class Net; public partial class Net {{ public int Extra => 1; }}")]
    public void The_generated_part_compiles(string shape, string declaration)
    {
        var outcome = GeneratorHarness.Run("using GenNet;\n" + declaration);

        outcome.Exception.ShouldBeNull(shape);
        outcome.GeneratorDiagnostics.ShouldBeEmpty(shape);
        outcome.CompilationErrors.ShouldBeEmpty(shape);
        outcome.Sources.Count.ShouldBe(1, shape);
        outcome.Sources.Values.Single().ShouldContain(": global::GenNet.INetwork");
    }

    [Fact]
    public void Two_networks_of_the_same_name_in_different_places_get_different_files()
    {
        var outcome = GeneratorHarness.Run($"using GenNet;\nnamespace A {{ {Layers} public partial class Net; }}\nnamespace B {{ public partial class Outer {{ {Layers} public partial class Net; }} }}");
        outcome.CompilationErrors.ShouldBeEmpty();
        outcome.Sources.Keys.Order().ShouldBe(["A.Net.g.cs", "B.Outer.Net.g.cs"]);
    }
}
