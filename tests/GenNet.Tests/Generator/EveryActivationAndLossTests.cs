using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Loader;
using GenNet.Onnx;
using GenNet.Tests.Onnx;
using Microsoft.CodeAnalysis;

namespace GenNet.Tests.Generator;

/// <summary>
/// Walks every <see cref="Activation"/> and <see cref="Loss"/> value (Enum.GetValues, so a new member
/// is in by itself) through every place that must know it: its table entry, the scalar and vector
/// mathematics, the generated code (unrolled and looped, hidden and output layer), DynamicNetwork,
/// ONNX export, ONNX Runtime and import, and the weight files. A value that misses a place fails the
/// theory case that carries its name.
/// </summary>
public sealed class EveryActivationAndLossTests : IDisposable
{
    private static readonly float[] Points = [-3f, -0.7f, -0.01f, 0.02f, 0.5f, 1.3f, 4f];

    private readonly string folder = Directory.CreateTempSubdirectory("gennet-every-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<Activation> Activations => [.. Enum.GetValues<Activation>()];

    public static TheoryData<Loss> Losses => [.. Enum.GetValues<Loss>()];

    [Theory]
    [MemberData(nameof(Activations))]
    public void The_activation_has_its_table_entry_in_the_runtime_and_the_generator(Activation activation)
    {
        ActivationTable.Of(activation).Activation.ShouldBe(activation);
        var generatorActivation = (GenNet.Generators.Model.Activation)(int)activation;
        GenNet.Generators.Model.ActivationTable.Of(generatorActivation).Activation.ShouldBe(generatorActivation);
        generatorActivation.ToString().ShouldBe(activation.ToString());
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void The_activation_s_scalar_and_vector_mathematics_agree(Activation activation)
    {
        if (ActivationTable.IsWholeLayer(activation))
        {
            WholeLayerMathematicsAgree(activation);
            return;
        }
        var entry = ActivationTable.Of(activation);
        foreach (float z in Points)
        {
            double a = ActivationFunctions.Value(activation, (double)z);
            double derivative = ActivationFunctions.Derivative(activation, z, a);
            ((double)ActivationFunctions.Value(activation, z)).ShouldBe(a, 1e-6, $"float g({z})");
            ((double)ActivationFunctions.Derivative(activation, z, (float)a)).ShouldBe(derivative, 1e-6, $"float g'({z})");

            var lanes = Vector128.Create(z);
            var valueLanes = VectorActivations.Value(activation, lanes);
            var derivativeLanes = VectorActivations.Derivative(activation, lanes, Vector128.Create((float)a));
            ((double)valueLanes[0]).ShouldBe(a, 1e-6, $"vector g({z})");
            ((double)derivativeLanes[0]).ShouldBe(derivative, 1e-6, $"vector g'({z})");

            // The methods the table names for generated code compute the same.
            if (entry.VectorValue is not null)
                ((double)VectorMethod(entry.VectorValue, lanes)[0]).ShouldBe(a, 1e-6, $"{entry.VectorValue}({z})");
            if (entry.DerivativeInput != DerivativeInput.None)
                ((double)VectorMethod(entry.VectorDerivative!, entry.DerivativeInput == DerivativeInput.Activation ? Vector128.Create((float)a) : lanes)[0])
                    .ShouldBe(derivative, 1e-6, $"{entry.VectorDerivative}({z})");
            else
                derivative.ShouldBe(1, $"the table says g' is 1 for {activation}");
        }

        var zs = Points;
        var applied = new float[zs.Length];
        VectorActivations.Apply(activation, zs, applied);
        var errors = Enumerable.Repeat(2f, zs.Length).ToArray();
        VectorActivations.MultiplyByDerivative(activation, zs, applied, errors);
        for (int k = 0; k < zs.Length; k++)
        {
            ((double)applied[k]).ShouldBe(ActivationFunctions.Value(activation, (double)zs[k]), 1e-6, $"Apply at {zs[k]}");
            ((double)errors[k]).ShouldBe(2 * ActivationFunctions.Derivative(activation, zs[k], applied[k]), 1e-5, $"MultiplyByDerivative at {zs[k]}");
        }
    }

    /// <summary>
    /// Softmax: the scalar (double and float) and vector forms over a layer agree with e^z / Σ e^z written
    /// out here, at points where nothing overflows; and the per-unit forms refuse it, since one unit's
    /// value needs the whole layer.
    /// </summary>
    private static void WholeLayerMathematicsAgree(Activation activation)
    {
        activation.ShouldBe(Activation.Softmax, "the only whole-layer activation this test knows");
        double denominator = Points.Sum(z => Math.Exp(z));
        var expected = Points.Select(z => Math.Exp(z) / denominator).ToArray();

        var inDouble = new double[Points.Length];
        ActivationFunctions.Apply(activation, Points.Select(z => (double)z).ToArray(), inDouble);
        var inFloat = new float[Points.Length];
        ActivationFunctions.Apply(activation, Points, inFloat);
        var inVectors = new float[Points.Length];
        VectorActivations.Apply(activation, Points, inVectors);
        for (int k = 0; k < Points.Length; k++)
        {
            inDouble[k].ShouldBe(expected[k], 1e-12, $"double softmax, unit {k}");
            ((double)inFloat[k]).ShouldBe(expected[k], 2e-7, $"float softmax, unit {k}");
            ((double)inVectors[k]).ShouldBe(expected[k], 2e-7, $"vector softmax, unit {k}");
        }

        Should.Throw<ArgumentException>(() => ActivationFunctions.Value(activation, 0.5)).ParamName.ShouldBe("activation");
        Should.Throw<ArgumentException>(() => VectorActivations.Value(activation, Vector128.Create(0.5f))).ParamName.ShouldBe("activation");
        Should.Throw<ArgumentException>(() => VectorActivations.MultiplyByDerivative(activation, Points, inVectors, new float[Points.Length]))
            .ParamName.ShouldBe("activation");
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Every_engine_computes_the_activation_in_hidden_and_output_layers(Activation activation)
    {
        var declared = Declared.Where(d => d.Spec.Layers[^1].Activation == activation).ToList();
        declared.ShouldNotBeEmpty($"no declared network has a {activation} output");
        foreach (var (name, spec) in declared)
            CheckEngines(name, spec);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void The_loss_has_its_table_entry_and_every_engine_trains_with_it(Loss loss)
    {
        var entry = LossTable.Of(loss);
        entry.Loss.ShouldBe(loss);
        if (loss != Loss.Auto)
        {
            // The LossFunctions method that generated code calls computes the loss: per unit, of Z[L] or A[L]
            // (whichever the entry says the loss reads), or of the example's spans.
            float[] z = [0.3f, -1.2f], a = [0.6f, 0.2f], y = [1f, 0f];
            float[] read = entry.ReadsLogits ? z : a;
            float expected = LossFunctions.Of(loss, z, a, y);
            float actual = 0f;
            if (entry.PerUnit)
            {
                var unit = typeof(LossFunctions).GetMethod(entry.Function!, [typeof(float), typeof(float)]).ShouldNotBeNull(entry.Function);
                for (int k = 0; k < read.Length; k++)
                    actual += (float)unit.Invoke(null, [read[k], y[k]])!;
            }
            else
            {
                var example = typeof(LossFunctions).GetMethod(entry.Function!, [typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>)]).ShouldNotBeNull(entry.Function);
                actual = example.CreateDelegate<ExampleLoss>()(read, y);
            }
            actual.ShouldBe(expected, 1e-6f);
        }
        var declared = Declared.Where(d => d.Name.Contains($"_{loss}_", StringComparison.Ordinal)).ToList();
        declared.ShouldNotBeEmpty($"no declared network uses {loss}");
        foreach (var (name, spec) in declared)
            CheckEngines(name, spec);
    }

    /// <summary>The generated network against ReferenceNetwork, then DynamicNetwork, ONNX and the weight files on the same parameters.</summary>
    private void CheckEngines(string name, NetworkSpec spec)
    {
        var generated = (INetwork)Activator.CreateInstance(Compiled.Value.GetType(name, throwOnError: true)!)!;
        generated.Spec.ShouldBe(spec, name);
        var random = new Random(7);
        TestData.Uniform(random, spec.ParameterCount, 0.8).CopyTo(generated.Parameters);
        var reference = new ReferenceNetwork(spec);
        generated.Parameters.CopyTo(reference.Parameters);
        var dynamic = new DynamicNetwork(spec);
        generated.Parameters.CopyTo(dynamic.Parameters);

        const int m = 5;
        var inputs = TestData.Uniform(random, m * spec.InputCount, 2);
        var targets = TestData.Targets(random, spec, m);
        var expected = PredictBatch(reference, inputs, m);
        ShouldBeClose(PredictBatch(generated, inputs, m), expected, 1e-4, $"{name}: generated PredictBatch");
        ShouldBeClose(PredictBatch(dynamic, inputs, m), expected, 1e-4, $"{name}: DynamicNetwork PredictBatch");

        var expectedGradients = new float[spec.ParameterCount];
        float expectedCost = reference.ComputeGradients(inputs, targets, expectedGradients);
        foreach (var (engine, network) in new[] { ("generated", generated), ("DynamicNetwork", (INetwork)dynamic) })
        {
            var gradients = new float[spec.ParameterCount];
            float cost = network.ComputeGradients(inputs, targets, gradients);
            ShouldBeClose([cost], [expectedCost], 1e-4, $"{name}: {engine} cost");
            ShouldBeClose(gradients, expectedGradients, 1e-3, $"{name}: {engine} gradients");
        }

        string onnx = Path.Combine(folder, name + ".onnx");
        OnnxExport.Save(generated, onnx);
        OnnxImport.ReadSpec(onnx).HasSameLayers(spec).ShouldBeTrue($"{name}: ONNX import reads {OnnxImport.ReadSpec(onnx)}");
        var imported = new DynamicNetwork(spec);
        OnnxImport.Load(imported, onnx);
        imported.Parameters.ToArray().ShouldBe(generated.Parameters.ToArray(), $"{name}: ONNX round trip");
        ShouldBeClose(OnnxRuntimeRunner.Run(onnx, inputs, m, spec.InputCount), expected, 1e-4, $"{name}: ONNX Runtime");

        foreach (var format in Enum.GetValues<WeightFormat>())
        {
            string path = Path.Combine(folder, $"{name}.{format}.weights");
            NetworkWeights.Save(generated, path, format);
            NetworkWeights.ReadSpec(path).ShouldBe(spec, $"{name}: {format} weight file");
            var loaded = new DynamicNetwork(spec);
            NetworkWeights.Load(loaded, path);
            loaded.Parameters.ToArray().ShouldBe(generated.Parameters.ToArray(), $"{name}: {format} weight file");
        }
    }

    /// <summary>
    /// One network per activation, loss that fits it, and emission (unrolled, looped): the activation in
    /// the hidden and the output layer, or for softmax (output only) after a tanh layer, with six classes:
    /// a full vector of four and a partial one. Named <c>Net_{Activation}_{Loss}_{Unrolled|Looped}</c>.
    /// </summary>
    private static readonly List<(string Name, NetworkSpec Spec)> Declared =
    [
        .. from activation in Enum.GetValues<Activation>()
           from loss in Enum.GetValues<Loss>()
           where LossRules.Fits(loss, activation)
           from unrolled in new[] { true, false }
           let wholeLayer = ActivationTable.IsWholeLayer(activation)
           select ($"Net_{activation}_{loss}_{(unrolled ? "Unrolled" : "Looped")}",
               new NetworkSpec(3, [new LayerSpec(5, wholeLayer ? Activation.Tanh : activation), new LayerSpec(wholeLayer ? 6 : 2, activation)], loss)),
    ];

    /// <summary>All of <see cref="Declared"/>, generated and compiled in one compilation, loaded once.</summary>
    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var source = "using GenNet;\n" + string.Concat(Declared.Select(d =>
        {
            string loss = d.Name.Split('_')[2];
            string limit = d.Name.EndsWith("Looped", StringComparison.Ordinal) ? "0" : "NetworkAttribute.DefaultUnrollLimit";
            string layers = string.Concat(d.Spec.Layers.Select(layer => $"[Layer({layer.Units}, Activation.{layer.Activation})] "));
            return $"[Network(3, Loss = Loss.{loss}, UnrollLimit = {limit})] {layers}public partial class {d.Name};\n";
        }));
        var output = GeneratorHarness.Generated([], source);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        image.Position = 0;
        return new AssemblyLoadContext("EveryActivationAndLoss").LoadFromStream(image);
    });

    /// <summary>A loss of one example's spans, as <c>LossFunctions.CategoricalCrossEntropyWithLogits</c>.</summary>
    private delegate float ExampleLoss(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets);

    private static Vector128<float> VectorMethod(string name, Vector128<float> argument)
    {
        var method = typeof(VectorActivations).GetMethod(name, [typeof(Vector128<float>)]).ShouldNotBeNull($"VectorActivations.{name}");
        return (Vector128<float>)method.Invoke(null, [argument])!;
    }

    private static float[] PredictBatch(IPredictor network, float[] inputs, int m)
    {
        var outputs = new float[m * network.OutputCount];
        network.PredictBatch(inputs, outputs);
        return outputs;
    }

    /// <summary>Each value within <paramref name="tolerance"/> of the expected one, relative to it or to a hundredth of the largest.</summary>
    private static void ShouldBeClose(float[] actual, float[] expected, double tolerance, string what)
    {
        actual.Length.ShouldBe(expected.Length, what);
        double floor = Math.Max(1e-2 * expected.Max(e => Math.Abs((double)e)), 1e-6);
        for (int k = 0; k < actual.Length; k++)
            Math.Abs((double)actual[k] - expected[k]).ShouldBeLessThanOrEqualTo(tolerance * Math.Max(Math.Abs((double)expected[k]), floor), $"{what}, element {k}: {actual[k]} vs {expected[k]}");
    }
}
