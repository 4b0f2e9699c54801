using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace GenNet.Tests.Generator;

/// <summary>
/// Loads fuzzed networks that compiled and checks what they compute: their <c>Spec</c> is the declared
/// one, and <c>Predict</c> (and, for trainable networks, <c>TrainStep</c>) match a
/// <see cref="ReferenceNetwork"/> of that spec holding the same parameters, within the equivalence
/// suite's tolerances (1e-4 relative on outputs and costs, 1e-3 on parameters after training).
/// </summary>
internal static class NetworkRunner
{
    /// <summary>Compiles the cases together, loads the assembly in a collectible context, and checks each network.</summary>
    public static List<FuzzFailure> Run((FuzzCase Case, string TypeName)[] networks)
    {
        var failures = new List<FuzzFailure>();
        var cases = networks.Select(n => n.Case).Distinct().ToArray();
        var trees = cases.SelectMany(c => c.Sources.Select((source, part) => GeneratorHarness.Tree(source, c.PathOf(part)))).ToArray();
        GeneratorHarness.Driver([.. cases.SelectMany(c => c.Files)])
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(trees), out var output, out _);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        if (!emitted.Success)
        {
            string errors = string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5));
            failures.AddRange(cases.Select(c => new FuzzFailure(c, "emit failed", errors)));
            return failures;
        }
        var context = new AssemblyLoadContext("FuzzedNetworks", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            foreach (var (fuzzCase, typeName) in networks)
            {
                try
                {
                    string? problem = Check(fuzzCase, assembly.GetType(typeName, throwOnError: true)!);
                    if (problem is not null)
                        failures.Add(new FuzzFailure(fuzzCase, "computes wrong values", $"{typeName}: {problem}"));
                }
                catch (Exception exception)
                {
                    failures.Add(new FuzzFailure(fuzzCase, $"run threw {exception.GetType().Name}", $"{typeName}: {exception.Message}"));
                }
            }
        }
        finally
        {
            context.Unload();
        }
        return failures;
    }

    /// <summary>What is wrong with the network of type <paramref name="type"/>, or null.</summary>
    private static string? Check(FuzzCase fuzzCase, Type type)
    {
        var expected = fuzzCase.Network!;
        var spec = expected.Spec();
        var predictor = (IPredictor)Activator.CreateInstance(type, nonPublic: true)!;
        if (!predictor.Spec.Equals(spec))
            return $"Spec is {predictor.Spec}, declared {spec}";
        var oracle = new ReferenceNetwork(spec);
        var random = new Random(fuzzCase.Index);
        var network = predictor as INetwork;
        if (network is not null)
        {
            if (expected.Baked is not null)
                return "a baked network must not be trainable";
            double scale = Math.Max(0.3, 1.5 / Math.Sqrt(spec.Layers.Max(l => l.Units) + spec.InputCount));
            TestData.Uniform(random, spec.ParameterCount, scale).CopyTo(network.Parameters);
            network.Parameters.CopyTo(oracle.Parameters);
        }
        else
        {
            if (expected.Baked is null)
                return "a network without baked weights must implement INetwork";
            expected.Baked.CopyTo(oracle.Parameters);
        }

        var output = new float[spec.OutputCount];
        var reference = new float[spec.OutputCount];
        for (int example = 0; example < 3; example++)
        {
            var input = TestData.Uniform(random, spec.InputCount, 2);
            predictor.Predict(input, output);
            oracle.Predict(input, reference);
            if (Difference(output, reference, 1e-4) is { } difference)
                return $"Predict, example {example}: {difference}";
        }
        if (network is null)
            return null;

        const int batch = 4;
        var inputs = TestData.Uniform(random, batch * spec.InputCount, 2);
        var targets = TestData.Targets(random, spec, batch);
        for (int step = 0; step < 3; step++)
        {
            float cost = network.TrainStep(inputs, targets, learningRate: 0.05f);
            float expectedCost = oracle.TrainStep(inputs, targets, learningRate: 0.05f);
            if (Difference([cost], [expectedCost], 1e-4) is { } difference)
                return $"TrainStep {step} cost: {difference}";
        }
        return Difference(network.Parameters.ToArray(), oracle.Parameters.ToArray(), 1e-3) is { } drift ? $"parameters after 3 TrainSteps: {drift}" : null;
    }

    /// <summary>
    /// The first element whose error, relative to its expected value (or to a hundredth of the largest
    /// expected magnitude, for values near zero), reaches <paramref name="tolerance"/>; null if none does.
    /// </summary>
    private static string? Difference(float[] actual, float[] expected, double tolerance)
    {
        double floor = 1e-2 * expected.Max(e => Math.Abs((double)e));
        for (int k = 0; k < actual.Length; k++)
        {
            double error = Math.Abs((double)actual[k] - expected[k]);
            if (!(error <= tolerance * Math.Max(Math.Max(Math.Abs((double)expected[k]), floor), 1e-12)))
                return $"element {k} is {actual[k]}, expected {expected[k]}";
        }
        return null;
    }
}
