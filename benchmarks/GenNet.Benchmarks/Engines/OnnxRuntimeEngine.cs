using Google.Protobuf;
using GenNet.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace GenNet.Benchmarks.Engines;

/// <summary>
/// A network exported to ONNX and run by ONNX Runtime as cheaply as it allows: one thread, graph
/// optimisations on, and the input and output buffers bound once (<see cref="OrtIoBinding"/>) over
/// pinned arrays, so a call is one <c>RunWithBinding</c>.
/// </summary>
public sealed class OnnxRuntimeEngine : IDisposable
{
    private readonly SessionOptions options = new() { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly Binding single, batch;

    /// <summary>Exports <paramref name="network"/> and binds buffers for one example and for <paramref name="batchSize"/> examples.</summary>
    public OnnxRuntimeEngine(INetwork network, int batchSize)
    {
        session = new InferenceSession(OnnxExport.ToModel(network).ToByteArray(), options);
        single = new Binding(session, 1, network.InputCount, network.OutputCount);
        batch = new Binding(session, batchSize, network.InputCount, network.OutputCount);
    }

    /// <summary>The bound input of one example; write it before <see cref="Predict"/>.</summary>
    public float[] Input => single.Input;

    /// <summary>The bound output of one example.</summary>
    public float[] Output => single.Output;

    /// <summary>The bound inputs of a batch; write them before <see cref="PredictBatch"/>.</summary>
    public float[] BatchInputs => batch.Input;

    /// <summary>The bound outputs of a batch.</summary>
    public float[] BatchOutputs => batch.Output;

    public void Predict() => session.RunWithBinding(runOptions, single.IoBinding);

    public void PredictBatch() => session.RunWithBinding(runOptions, batch.IoBinding);

    public void Dispose()
    {
        single.Dispose();
        batch.Dispose();
        session.Dispose();
        runOptions.Dispose();
        options.Dispose();
    }

    private sealed class Binding : IDisposable
    {
        private readonly OrtValue input, output;

        public Binding(InferenceSession session, int examples, int inputCount, int outputCount)
        {
            Input = new float[examples * inputCount];
            Output = new float[examples * outputCount];
            input = OrtValue.CreateTensorValueFromMemory(Input, [examples, inputCount]);
            output = OrtValue.CreateTensorValueFromMemory(Output, [examples, outputCount]);
            IoBinding = session.CreateIoBinding();
            IoBinding.BindInput(OnnxExport.InputName, input);
            IoBinding.BindOutput(OnnxExport.OutputName, output);
        }

        public float[] Input { get; }

        public float[] Output { get; }

        public OrtIoBinding IoBinding { get; }

        public void Dispose()
        {
            IoBinding.Dispose();
            input.Dispose();
            output.Dispose();
        }
    }
}
