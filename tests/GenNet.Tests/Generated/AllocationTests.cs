namespace GenNet.Tests.Generated;

/// <summary>After warm-up, generated networks allocate nothing on the heap: not per call, not per example.</summary>
public class AllocationTests
{
    /// <summary>Every engine that promises not to allocate: generated code and the dynamic loops (not the interpreter).</summary>
    public static TheoryData<Engine> Engines => [.. Engine.Every().Where(e => !e.ToString().StartsWith("reference", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Engines))]
    public void Predict_PredictBatch_ComputeGradients_and_TrainStep_allocate_nothing(Engine engine)
    {
        var network = engine.Create();
        string architecture = engine.ToString();
        network.Initialize(seed: 1);
        const int m = 16;
        var random = new Random(1);
        var inputs = TestData.Uniform(random, m * network.InputCount);
        var targets = TestData.Targets(random, network.Spec, m);
        var outputs = new float[m * network.OutputCount];
        var gradients = new float[network.ParameterCount];

        void RunEveryOperation()
        {
            network.Predict(inputs.AsSpan(0, network.InputCount), outputs.AsSpan(0, network.OutputCount));
            network.PredictBatch(inputs, outputs);
            network.ComputeGradients(inputs, targets, gradients);
            network.TrainStep(inputs, targets, 0.01f);
        }

        SteadyAllocation.ShouldAllocateNothing(RunEveryOperation, architecture, warmUp: 200);
    }

    [Fact]
    public void The_measurement_sees_an_allocation_when_there_is_one()
    {
        // The interpreter allocates its matrices on every call, so the same measurement must see it.
        var network = new ReferenceNetwork(XorNet.Spec);
        var output = new float[1];
        network.Predict([1, 0], output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        network.Predict([1, 0], output);
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeGreaterThan(0);
    }
}
