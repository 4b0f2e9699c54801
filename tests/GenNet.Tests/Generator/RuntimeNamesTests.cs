using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using GenNet.Generators;

namespace GenNet.Tests.Generator;

/// <summary>
/// The generator spells the runtime's names in generated code; these tests make a rename in the runtime
/// fail here rather than in a user's build: every name in <see cref="RuntimeNames"/> resolves in the
/// runtime assembly, no other generator file spells one, and the support for generated code is
/// hidden from users' IntelliSense.
/// </summary>
public class RuntimeNamesTests
{
    private static readonly Assembly Runtime = typeof(INetwork).Assembly;

    private static readonly (string Field, string Name)[] Constants =
    [..
        typeof(RuntimeNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(constant => constant.IsLiteral && constant.FieldType == typeof(string))
            .Select(constant => (constant.Name, (string)constant.GetRawConstantValue()!)),
    ];

    public static TheoryData<string, string> Names
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var (fieldName, name) in Constants)
                rows.Add(fieldName, name);
            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_runtime_name_resolves_to_a_public_type_or_namespace_of_the_runtime(string field, string name)
    {
        string metadataName = name.StartsWith("global::", StringComparison.Ordinal) ? name["global::".Length..] : name;
        if (field.EndsWith("Namespace", StringComparison.Ordinal))
        {
            Runtime.GetExportedTypes().ShouldContain(type => type.Namespace == metadataName, $"{field} names a namespace with no public type");
            return;
        }
        // A generic type is named without its arity, as C# writes it (ILanes<TVector> for ILanes`1).
        var type = Runtime.GetType(metadataName) ?? Runtime.GetExportedTypes().SingleOrDefault(type => WithoutArity(type.FullName!) == metadataName);
        type.ShouldNotBeNull($"{field} = \"{name}\" names no type of {Runtime.GetName().Name}");
        type.IsPublic.ShouldBeTrue($"generated code in a user's assembly cannot reach {metadataName} unless it is public");
    }

    [Fact]
    public void The_names_cover_every_public_type_of_the_generated_code_support()
    {
        Constants.Length.ShouldBeGreaterThan(10);
        var named = Constants.Select(constant => constant.Name.Replace("global::", "", StringComparison.Ordinal)).ToHashSet();
        var support = Runtime.GetExportedTypes().Where(type => type.Namespace == RuntimeNames.CompilerServicesNamespace).Select(type => WithoutArity(type.FullName!));
        // A public type there that generated code never names is public for no one.
        support.ShouldBeSubsetOf(named);
    }

    private static string WithoutArity(string fullName) => fullName.Split('`')[0];

    [Fact]
    public void The_generated_code_support_is_hidden_from_IntelliSense()
    {
        var support = Runtime.GetExportedTypes().Where(type => type.Namespace == RuntimeNames.CompilerServicesNamespace).ToArray();
        support.ShouldNotBeEmpty();
        foreach (var type in support)
            type.GetCustomAttribute<EditorBrowsableAttribute>()?.State.ShouldBe(EditorBrowsableState.Never, type.FullName);
        support.ShouldAllBe(type => type.GetCustomAttribute<EditorBrowsableAttribute>() != null);
    }

    [Fact]
    public void No_other_generator_file_spells_a_runtime_name()
    {
        string generator = Path.Combine(Repository.Root(), "generators", "GenNet.Generators");
        var spelled = Directory.EnumerateFiles(generator, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(path) != "RuntimeNames.cs")
            // "GenNet.Generators" names the generator itself (in GeneratedCode attributes), not the runtime.
            .Where(path => Regex.IsMatch(File.ReadAllText(path), @"global::GenNet|""GenNet\.(?!Generators\b)"))
            .Select(path => Path.GetRelativePath(generator, path));
        spelled.ShouldBeEmpty();
    }
}
