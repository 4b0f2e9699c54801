using System.Reflection;

namespace GenNet.Tests.Engines;

/// <summary>
/// PredictBatch at every size that ends a block differently: generated code runs whole blocks of 16, 8
/// or 4 examples (one per lane of the widest vector the machine accelerates) and the rest one at a
/// time, so each width's block − 1, block and block + 1 are here, with the benchmarks' 256 around it.
/// Run under <c>DOTNET_EnableAVX512=0</c>, <c>DOTNET_EnableAVX2=0</c> and <c>DOTNET_EnableHWIntrinsic=0</c>
/// to take the narrower paths on a machine that has the wider ones.
/// </summary>
public class BatchSizeTests
{
    public static readonly int[] Sizes = [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 255, 256, 257];

    public static TheoryData<Engine> Engines => Engine.All();

    [Theory]
    [MemberData(nameof(Engines))]
    public void PredictBatch_of_every_size_matches_the_interpreter_and_Predict(Engine engine)
    {
        var (network, oracle, random) = EquivalenceTests.Prepare(engine, seed: 11);
        int n0 = network.InputCount, nL = network.OutputCount, largest = Sizes.Max();
        var inputs = TestData.Uniform(random, largest * n0, 2);
        var expected = new float[largest * nL];
        oracle.PredictBatch(inputs, expected);
        bool sameBitsAsPredict = !HasLoopLayers(network);
        const float Untouched = 12345f;

        foreach (int m in Sizes)
        {
            var outputs = Enumerable.Repeat(Untouched, largest * nL + 1).ToArray();
            network.PredictBatch(inputs.AsSpan(0, m * n0), outputs.AsSpan(0, m * nL));

            EquivalenceTests.ShouldBeClose(outputs[..(m * nL)], expected[..(m * nL)], 1e-4, $"m = {m}");
            outputs.Skip(m * nL).ShouldAllBe(value => value == Untouched, $"m = {m}: nothing past the batch's outputs is written");
            var oneByOne = new float[m * nL];
            for (int i = 0; i < m; i++)
                network.Predict(inputs.AsSpan(i * n0, n0), oneByOne.AsSpan(i * nL, nL));
            if (sameBitsAsPredict) // unrolled layers sum in Predict's order, lane by lane
                outputs[..(m * nL)].Select(BitConverter.SingleToInt32Bits).ShouldBe(oneByOne.Select(BitConverter.SingleToInt32Bits), $"m = {m}");
            else // a loop layer's kernel sums a dot product in another order than Predict's
                EquivalenceTests.ShouldBeClose(outputs[..(m * nL)], oneByOne, 1e-4, $"m = {m}, against Predict");
        }
    }

    /// <summary>
    /// Training batches of every size that ends a training block differently: generated code trains whole
    /// blocks of 8 examples, one per lane, and the rest one at a time (first), summing each block's
    /// gradients lane by lane. Sizes below 8 take only the one-example code.
    /// </summary>
    public static readonly int[] TrainingSizes = [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 255, 256, 257];

    [Theory]
    [MemberData(nameof(Engines))]
    public void ComputeGradients_of_every_size_matches_the_interpreter_and_the_mean_of_the_examples_one_at_a_time(Engine engine)
    {
        var (network, oracle, random) = EquivalenceTests.Prepare(engine, seed: 13);
        int n0 = network.InputCount, nL = network.OutputCount, count = network.ParameterCount, largest = TrainingSizes.Max();
        var inputs = TestData.Uniform(random, largest * n0, 2);
        var targets = TestData.Targets(random, network.Spec, largest);

        foreach (int m in TrainingSizes)
        {
            var gradients = new float[count];
            var expected = new float[count];
            float cost = network.ComputeGradients(inputs.AsSpan(0, m * n0), targets.AsSpan(0, m * nL), gradients);
            float expectedCost = oracle.ComputeGradients(inputs.AsSpan(0, m * n0), targets.AsSpan(0, m * nL), expected);
            EquivalenceTests.ShouldBeClose([cost], [expectedCost], 1e-4, $"cost, m = {m}");
            EquivalenceTests.ShouldBeClose(gradients, expected, 1e-3, $"gradients, m = {m}");

            // The same network one example at a time: the mean of those gradients and costs.
            var single = new float[count];
            var mean = new double[count];
            double meanCost = 0;
            for (int i = 0; i < m; i++)
            {
                meanCost += network.ComputeGradients(inputs.AsSpan(i * n0, n0), targets.AsSpan(i * nL, nL), single) / (double)m;
                for (int k = 0; k < count; k++)
                    mean[k] += single[k] / (double)m;
            }
            EquivalenceTests.ShouldBeClose([cost], [(float)meanCost], 1e-5, $"cost against one at a time, m = {m}");
            EquivalenceTests.ShouldBeClose(gradients, [.. mean.Select(value => (float)value)], 1e-4, $"gradients against one at a time, m = {m}");
        }
    }

    /// <summary>Whether a generated network has loop layers: they are the only ones with a method of their own.</summary>
    internal static bool HasLoopLayers(INetwork network) =>
        network.GetType().GetMethods(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Any(method => method.Name.StartsWith("ForwardLayer", StringComparison.Ordinal));
}
