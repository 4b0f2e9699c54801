using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using GenNet.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GenNet.Tool.Tests;

/// <summary>
/// The declaration <c>gennet train</c> prints, pasted into an app with the weight file it wrote as an
/// additional file, compiles with the generator, and the baked class predicts what the library
/// predicts with the same file.
/// </summary>
public class DeclarationTests(IrisRun iris) : IClassFixture<IrisRun>
{
    [Fact]
    public void The_printed_declaration_bakes_the_written_weight_file_and_predicts_as_the_library_does()
    {
        iris.Train.ExitCode.ShouldBe(0, iris.Train.ToString());
        string declaration = PrintedDeclaration(iris.Train.Output);
        string source = $$"""
            using GenNet;

            public static class Probe
            {
                public static float[] Predict(float[] inputs)
                {
                    var outputs = new float[inputs.Length / IrisNet.InputCount * IrisNet.OutputCount];
                    new IrisNet().PredictBatch(inputs, outputs);
                    return outputs;
                }
            }

            {{declaration}}
            """;
        var assembly = Compile(source, ("/app/iris.weights.json", File.ReadAllText(iris.Weights)));

        float[] features = iris.Features();
        var baked = (float[])assembly.GetType("Probe")!.GetMethod("Predict")!.Invoke(null, [features])!;
        var expected = new float[150 * 3];
        iris.Network().PredictBatch(features, expected);
        for (int k = 0; k < expected.Length; k++)
            baked[k].ShouldBe(expected[k], 1e-5f, $"output {k}");
    }

    [Fact]
    public void A_declaration_of_other_layers_than_the_file_does_not_compile()
    {
        // The check above can fail: the generator refuses a file whose layers differ from the declaration's (GN0018).
        string wrong = PrintedDeclaration(iris.Train.Output).Replace("[Layer(16, Activation.ReLU)]", "[Layer(17, Activation.ReLU)]", StringComparison.Ordinal);
        Should.Throw<InvalidOperationException>(() => Compile("using GenNet;\n" + wrong, ("/app/iris.weights.json", File.ReadAllText(iris.Weights))))
            .Message.ShouldContain("GN0018");
    }

    /// <summary>The lines from the first comment or attribute of the declaration to the class.</summary>
    private static string PrintedDeclaration(string output)
    {
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        int first = Array.FindIndex(lines, l => l.StartsWith("// inputs:", StringComparison.Ordinal));
        int last = Array.FindIndex(lines, l => l.StartsWith("public partial class", StringComparison.Ordinal));
        first.ShouldBeGreaterThanOrEqualTo(0, output);
        last.ShouldBeGreaterThan(first, output);
        return string.Join('\n', lines[first..(last + 1)]);
    }

    /// <summary>Compiles <paramref name="source"/> as a library with the GenNet generator and the given additional files, and loads it.</summary>
    private static Assembly Compile(string source, params (string Path, string Text)[] additionalFiles)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["NET", "NET10_0_OR_GREATER", "NET8_0_OR_GREATER"]);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("BakedApp",
            [CSharpSyntaxTree.ParseText(source, parseOptions, "Program.cs"), CSharpSyntaxTree.ParseText("global using System;", parseOptions, "Usings.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var texts = additionalFiles.Select(file => (AdditionalText)new FileText(file.Path, file.Text)).ToImmutableArray();
        CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], additionalTexts: texts, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var errors = generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException("The app does not compile:\n" + string.Join('\n', errors));
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        if (!emitted.Success)
            throw new InvalidOperationException("The app does not emit:\n" + string.Join('\n', emitted.Diagnostics));
        image.Position = 0;
        return AssemblyLoadContext.Default.LoadFromStream(image);
    }

    private sealed class FileText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
