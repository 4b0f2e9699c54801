namespace GenNet.Tests.Engines;

/// <summary>
/// Many threads predicting with one <see cref="DynamicNetwork"/> or <see cref="ReferenceNetwork"/>
/// instance get exactly the single-threaded answers, for networks whose activations fit on the stack
/// and for ones wide enough to need the per-thread buffer.
/// </summary>
public class ConcurrentPredictionTests
{
    public static TheoryData<string, int, int> Networks => new()
    {
        { "dynamic", 16, 2048 },  // 2 × 2,048 floats: the per-thread buffer
        { "dynamic", 3, 8 },      // on the stack
        { "reference", 16, 256 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Predict_and_PredictBatch_from_many_threads_match_one_thread_bit_for_bit(string engine, int inputs, int width)
    {
        var spec = new NetworkSpec(inputs, [new(width, Activation.ReLU), new(7, Activation.Tanh), new(1, Activation.Sigmoid)]);
        INetwork network = engine == "dynamic" ? new DynamicNetwork(spec) : new ReferenceNetwork(spec);
        network.Initialize(seed: 1);
        const int examples = 64;
        var x = TestData.Uniform(new Random(2), examples * inputs, scale: 2);
        var expected = new float[examples];
        for (int i = 0; i < examples; i++)
            network.Predict(x.AsSpan(i * inputs, inputs), expected.AsSpan(i, 1));

        int rounds = engine == "dynamic" ? 200 : 10, wrong = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            var output = new float[1];
            var batch = new float[examples];
            for (int round = 0; round < rounds; round++)
            {
                int i = (thread * 7 + round) % examples;
                network.Predict(x.AsSpan(i * inputs, inputs), output);
                if (BitConverter.SingleToInt32Bits(output[0]) != BitConverter.SingleToInt32Bits(expected[i]))
                    Interlocked.Increment(ref wrong);
                if (round % 10 == 0)
                {
                    network.PredictBatch(x, batch);
                    for (int k = 0; k < examples; k++)
                        if (BitConverter.SingleToInt32Bits(batch[k]) != BitConverter.SingleToInt32Bits(expected[k]))
                            Interlocked.Increment(ref wrong);
                }
            }
        });

        wrong.ShouldBe(0);
    }
}
