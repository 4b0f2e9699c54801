using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

/// <summary>
/// The emit stage: writes the C# for one <see cref="NetworkModel"/>. Pure text from the model;
/// the forward and backward passes are in the other parts of this class.
/// </summary>
internal static partial class NetworkEmitter
{
    private const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"GenNet.Generators\", \"" + GeneratorVersion + "\")]";
    private const string GeneratorVersion = "0.1.0";
    private const string Span = "global::System.Span<float>";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Argument = "global::GenNet.NetworkArgument";
    private const string IntrinsicsAlias = "GenNetIntrinsics";

    /// <summary>The static methods of <c>Vector128</c> (Create, Shuffle, …), by a name nothing in the user's code can shadow.</summary>
    internal const string Vectors = IntrinsicsAlias + "::Vector128";

    /// <summary>The type of four units' values, spelled out: a class named <c>var</c> would capture <c>var</c>.</summary>
    private const string Vector = Vectors + "<float>";

    public static string Emit(NetworkModel model)
    {
        var writer = new SourceWriter();
        WriteHeader(writer, model);
        WriteAliases(writer);
        using (OpenType(writer, model.Type, model.Baked ? "global::GenNet.IPredictor" : "global::GenNet.INetwork"))
        {
            if (model.Baked)
                WriteBakedPredictor(writer, model);
            else
                WriteNetwork(writer, model);
        }
        return writer.ToString();
    }

    /// <summary>
    /// Writes the namespace and the partial declarations of the containing types and of the class
    /// itself, implementing <paramref name="interfaceName"/>; disposing the result closes them.
    /// </summary>
    internal static TypeScope OpenType(SourceWriter writer, DeclaredType type, string interfaceName)
    {
        if (type.Namespace.Length > 0)
        {
            writer.Line($"namespace {type.Namespace};");
            writer.Line();
        }
        var scopes = new Stack<SourceWriter.Scope>();
        foreach (var outer in type.ContainingTypes)
            scopes.Push(writer.Block($"partial {outer.Keyword} {outer.Name}"));
        scopes.Push(writer.Block($"partial {type.Keyword} {type.Name} : {interfaceName}"));
        return new TypeScope(scopes);
    }

    /// <summary>The open declarations of <see cref="OpenType"/>, closed innermost first.</summary>
    internal readonly struct TypeScope(Stack<SourceWriter.Scope> scopes) : IDisposable
    {
        public void Dispose()
        {
            while (scopes.Count > 0)
                scopes.Pop().Dispose();
        }
    }

    /// <summary>
    /// Text from the user's project (a weight file's path) made safe for a <c>//</c> comment: a line
    /// break of any kind (<c>\r</c>, <c>\n</c>, <c>\u0085</c>, <c>\u2028</c>, <c>\u2029</c>) would end the
    /// comment and turn the rest into code, so every control or separator character is written as its escape.
    /// </summary>
    internal static string CommentText(string text)
    {
        var safe = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
                safe.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else
                safe.Append(c);
        }
        return safe.ToString();
    }

    /// <summary>The members of a trainable network: <c>INetwork</c>, with the parameters stored inline in the instance.</summary>
    private static void WriteNetwork(SourceWriter writer, NetworkModel model)
    {
        WriteShape(writer, model);
        WritePredict(writer);
        WriteComputeGradients(writer, model);
        WriteTrainStep(writer, model);
        WriteForward(writer, model);
        WriteBackpropagate(writer, model);
        foreach (var layer in model.Layers.Where(layer => !layer.Unrolled))
        {
            WriteForwardLayer(writer, model, layer);
            WriteBackwardLayer(writer, layer);
        }
        WriteParameterBuffer(writer, model);
    }

    /// <summary>
    /// The members of a network with baked weights: <c>IPredictor</c> only. Unrolled layers hold their
    /// weights as constants in the code; loop layers read <c>Parameters</c>, constant data in the assembly.
    /// </summary>
    private static void WriteBakedPredictor(SourceWriter writer, NetworkModel model)
    {
        WriteConstants(writer, model);
        WriteThreadCaches(writer, model);
        WritePredict(writer);
        WriteForward(writer, model);
        foreach (var layer in model.Layers.Where(layer => !layer.Unrolled))
            WriteForwardLayer(writer, model, layer);
        WriteBakedParameters(writer, model);
    }

    private static void WriteHeader(SourceWriter writer, NetworkModel model)
    {
        writer.Line("// <auto-generated/>");
        writer.Line($"// GenNet network {model.Type.DisplayName}: {model.Architecture}");
        writer.Line($"//   loss: {LossEquation(model.Loss)}");
        writer.Line(model.Baked
            ? $"//   weights: baked from {CommentText(model.WeightsPath)}; this class predicts and cannot train"
            : $"//   init: {InitDescription(model.Init)}");
        writer.Line($"//   {model.ParameterCount} parameters: " + string.Join(", ", model.Layers.Select(layer =>
            $"W[{layer.Index}] {layer.Units}×{layer.Inputs} at {layer.WeightOffset}, b[{layer.Index}] at {layer.BiasOffset}")));
        writer.Line($"//   emitted as: " + string.Join(", ", model.Layers.Select(layer =>
            $"layer {layer.Index} {(layer.Unrolled ? "unrolled" : "loops")}")) + $" (unroll limit {model.UnrollLimit} weights in all; unrolled layers hold four units per vector)");
        writer.Line("#nullable enable");
        writer.Line();
    }

    private static void WriteAliases(SourceWriter writer)
    {
        // A namespace alias: what follows "::" is looked up in that namespace alone, so no type or member of
        // the user's (a class named Vector128, a method named Create) can stand in for it.
        writer.Line($"using {IntrinsicsAlias} = global::System.Runtime.Intrinsics;");
        writer.Line();
    }

    /// <summary>The shape as constants, the runtime <c>Spec</c>, and the <c>IPredictor</c> properties that return them.</summary>
    private static void WriteConstants(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <summary>The number of input features, n[0].</summary>");
        writer.Line($"public const int InputCount = {model.InputCount};");
        writer.Line();
        writer.Line("/// <summary>The number of output units, n[L].</summary>");
        writer.Line($"public const int OutputCount = {model.OutputCount};");
        writer.Line();
        writer.Line("/// <summary>The number of weights and biases.</summary>");
        writer.Line($"public const int ParameterCount = {model.ParameterCount};");
        writer.Line();
        writer.Line("/// <summary>The runtime description of this network, as the attributes declare it.</summary>");
        writer.Line(GeneratedCode);
        writer.Line($"public static global::GenNet.NetworkSpec Spec {{ get; }} = {SpecExpression(model)};");
        writer.Line();
        writer.Line("global::GenNet.NetworkSpec global::GenNet.IPredictor.Spec => Spec;");
        writer.Line("int global::GenNet.IPredictor.InputCount => InputCount;");
        writer.Line("int global::GenNet.IPredictor.OutputCount => OutputCount;");
        writer.Line();
    }

    /// <summary>The <c>NetworkSpec</c> the attributes declare, as an expression.</summary>
    internal static string SpecExpression(NetworkModel model) =>
        $"new(InputCount, new global::GenNet.LayerSpec[] {{ {string.Join(", ", model.Layers.Select(l => $"new({l.Units}, global::GenNet.Activation.{l.Activation})"))} }}, global::GenNet.Loss.{model.Loss}, global::GenNet.Init.{model.Init})";

    /// <summary>The shape, and the state of a trainable network: its parameters and the buffers that training reuses.</summary>
    private static void WriteShape(SourceWriter writer, NetworkModel model)
    {
        WriteConstants(writer, model);
        writer.Line("/// <summary>W[1], b[1], …, W[L], b[L], stored inline in this object.</summary>");
        writer.Line("private ParameterBuffer _parameters;");
        writer.Line();
        if (!model.GradientsOnStack)
        {
            writer.Line($"/// <summary>The gradient sum of a training batch: {model.ParameterCount} floats are too many for the stack, so the instance allocates them once.</summary>");
            writer.Line("private readonly float[] _gradientSum = new float[ParameterCount];");
            writer.Line();
        }
        WriteThreadCaches(writer, model);
        writer.Line("/// <inheritdoc cref=\"global::GenNet.INetwork.Parameters\"/>");
        writer.Line($"public {Span} Parameters => _parameters;");
        writer.Line();
        writer.Line("int global::GenNet.INetwork.ParameterCount => ParameterCount;");
        writer.Line();
        writer.Line("/// <inheritdoc cref=\"global::GenNet.INetwork.Initialize\"/>");
        writer.Line(GeneratedCode);
        writer.Line("public void Initialize(int seed) => global::GenNet.ParameterInitializer.Initialize(Spec, seed, _parameters);");
        writer.Line();
    }

    private static void WritePredict(SourceWriter writer)
    {
        writer.Line("/// <inheritdoc cref=\"global::GenNet.IPredictor.Predict\"/>");
        writer.Line(GeneratedCode);
        using (writer.Block($"public void Predict({ReadOnlySpan} input, {Span} output)"))
        {
            writer.Line($"{Argument}.RequireLength(input.Length, InputCount, \"input\", \"the input features\");");
            writer.Line($"{Argument}.RequireLength(output.Length, OutputCount, \"output\", \"the output units\");");
            writer.Line("Forward(input, output);");
        }
        writer.Line();
        writer.Line("/// <inheritdoc cref=\"global::GenNet.IPredictor.PredictBatch\"/>");
        writer.Line(GeneratedCode);
        using (writer.Block($"public void PredictBatch({ReadOnlySpan} inputs, {Span} outputs)"))
        {
            writer.Line($"int m = {Argument}.ExampleCount(inputs.Length, InputCount, \"inputs\", allowEmpty: true);");
            writer.Line($"{Argument}.RequireBatchLength(outputs.Length, m, OutputCount, \"outputs\", \"outputs\");");
            writer.Line("for (int i = 0; i < m; i++)");
            writer.Line("    Forward(inputs.Slice(i * InputCount, InputCount), outputs.Slice(i * OutputCount, OutputCount));");
        }
        writer.Line();
    }

    /// <summary>Declares the gradient sum and runs Backpropagate into it: on the stack when it fits, else in the instance's array.</summary>
    private static void WriteGradientSum(SourceWriter writer, NetworkModel model)
    {
        if (model.GradientsOnStack)
        {
            writer.Line("ParameterBuffer sum = default;");
        }
        else
        {
            writer.Line($"{Span} sum = _gradientSum;");
            writer.Line("sum.Clear();");
        }
        writer.Line("float cost = Backpropagate(inputs, targets, m, sum);");
    }

    private static void WriteComputeGradients(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <inheritdoc cref=\"global::GenNet.INetwork.ComputeGradients\"/>");
        writer.Line(GeneratedCode);
        using (writer.Block($"public float ComputeGradients({ReadOnlySpan} inputs, {ReadOnlySpan} targets, {Span} gradients)"))
        {
            writer.Line($"int m = {Argument}.TrainingBatch(inputs.Length, targets.Length, InputCount, OutputCount);");
            writer.Line($"{Argument}.RequireLength(gradients.Length, ParameterCount, \"gradients\", \"the network's parameters\");");
            WriteGradientSum(writer, model);
            writer.Line("// dW[l] = (1/m) Σ_i dZ[l]·A[l-1]ᵀ,  db[l] = (1/m) Σ_i dZ[l]: one vectorised pass over every parameter");
            writer.Line("gradients.Clear();");
            writer.Line("global::GenNet.Kernels.AddScaled(sum, 1f / m, gradients);");
            writer.Line("return cost;");
        }
        writer.Line();
    }

    private static void WriteTrainStep(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <inheritdoc cref=\"global::GenNet.INetwork.TrainStep\"/>");
        writer.Line(GeneratedCode);
        using (writer.Block($"public float TrainStep({ReadOnlySpan} inputs, {ReadOnlySpan} targets, float learningRate)"))
        {
            writer.Line($"int m = {Argument}.TrainingBatch(inputs.Length, targets.Length, InputCount, OutputCount);");
            writer.Line($"{Argument}.RequireFiniteLearningRate(learningRate);");
            WriteGradientSum(writer, model);
            writer.Line("// W := W - α dW,  b := b - α db,  with dW and db the sums averaged over m: one vectorised pass");
            writer.Line("global::GenNet.Kernels.AddScaled(sum, -learningRate / m, _parameters);");
            writer.Line("return cost;");
        }
        writer.Line();
    }

    private static void WriteParameterBuffer(SourceWriter writer, NetworkModel model)
    {
        writer.Line($"/// <summary>The {model.ParameterCount} parameters as a fixed-size value: no separate array, constant indices.</summary>");
        writer.Line(GeneratedCode);
        writer.Line("[global::System.Runtime.CompilerServices.InlineArray(ParameterCount)]");
        using (writer.Block("private struct ParameterBuffer"))
            writer.Line("private float _element0;");
    }

    /// <summary>
    /// <c>Parameters</c> of a baked network: every weight and bias as a constant, layer by layer in the
    /// <c>INetwork.Parameters</c> layout, one row of <c>W[l]</c> to a line. A <c>ReadOnlySpan</c> over a
    /// constant array initialiser is data in the assembly image: nothing is allocated or copied.
    /// </summary>
    private static void WriteBakedParameters(SourceWriter writer, NetworkModel model)
    {
        var parameters = model.BakedParameters!.Value;
        writer.Line($"/// <summary>The {model.ParameterCount} baked weights and biases, in the layout of <see cref=\"global::GenNet.INetwork.Parameters\"/>: constant data in the assembly.</summary>");
        writer.Line(GeneratedCode);
        writer.Line($"public static {ReadOnlySpan} Parameters => new float[]");
        writer.Line("{");
        using (writer.Indent())
        {
            foreach (var layer in model.Layers)
            {
                int l = layer.Index;
                writer.Line($"// W[{l}], {layer.Units}×{layer.Inputs}, one row (unit) to a line");
                for (int i = 0; i < layer.Units; i++)
                    WriteValues(writer, parameters, layer.Weight(i, 0), layer.Inputs);
                writer.Line($"// b[{l}]");
                WriteValues(writer, parameters, layer.Bias(0), layer.Units);
            }
        }
        writer.Line("};");
    }

    /// <summary>Writes <paramref name="count"/> constants from <paramref name="start"/>, comma after each, at most eight to a line.</summary>
    private static void WriteValues(SourceWriter writer, EquatableArray<float> values, int start, int count)
    {
        const int PerLine = 8;
        for (int first = start; first < start + count; first += PerLine)
        {
            int end = Math.Min(first + PerLine, start + count);
            writer.Line(string.Join(" ", Enumerable.Range(first, end - first).Select(k => FloatLiteral.Format(values[k]) + ",")));
        }
    }

    private static string LossEquation(Loss loss) => loss switch
    {
        Loss.BinaryCrossEntropy => "binary cross-entropy, L(ŷ, y) = -(y log ŷ + (1 - y) log(1 - ŷ))",
        _ => "squared error, L(ŷ, y) = ½ (ŷ - y)²",
    };

    private static string InitDescription(Init init) => init switch
    {
        Init.Small => "W = randn · 0.01, b = 0",
        Init.Xavier => "W = randn · √(1/n[l-1]), b = 0 (Xavier)",
        Init.He => "W = randn · √(2/n[l-1]), b = 0 (He)",
        _ => "W = 0, b = 0",
    };
}
