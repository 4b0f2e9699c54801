using GenNet.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace GenNet.Tests.Onnx;

/// <summary>ONNX Runtime as the tests' independent engine: runs an ONNX file on one thread.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>Runs the model at <paramref name="path"/> on <paramref name="m"/> examples of <paramref name="inputCount"/> features, example-major.</summary>
    public static float[] Run(string path, float[] inputs, int m, int inputCount) => Run(path, inputs, [m, inputCount]);

    /// <summary>Runs the model at <paramref name="path"/> on an input of the dimensions <paramref name="shape"/> (the batch first), example-major.</summary>
    public static float[] Run(string path, float[] inputs, long[] shape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [OnnxExport.InputName], [input], [OnnxExport.OutputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
