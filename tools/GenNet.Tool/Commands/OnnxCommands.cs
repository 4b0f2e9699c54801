using System.CommandLine;
using GenNet.Onnx;

namespace GenNet.Tool.Commands;

/// <summary><c>gennet export-onnx</c> and <c>gennet import-onnx</c>: a weight file to an ONNX model and back.</summary>
internal static class OnnxCommands
{
    public static Command Export()
    {
        var model = new Argument<string>("model") { Description = "The weight file." };
        var output = new Option<string>("--output", "-o") { Description = "The ONNX file to write.", Required = true };
        var command = new Command("export-onnx", "Write a weight file's network as an ONNX model (input \"input\" [batch, n0], output \"output\").") { model, output };
        command.SetAction(parse => ToolRun.Guarded(() =>
        {
            var loaded = LoadedModel.Load(parse.GetRequiredValue(model));
            string path = parse.GetRequiredValue(output);
            OnnxExport.Save(loaded.Network, path);
            Console.WriteLine($"Wrote {path} ({loaded.Network.Spec}).");
        }));
        return command;
    }

    public static Command Import()
    {
        var onnx = new Argument<string>("onnx") { Description = "An ONNX model of fully connected layers (Gemm, or MatMul + Add)." };
        var output = new Option<string>("--output", "-o") { Description = "The weight file to write (.json for JSON, else binary).", Required = true };
        var command = new Command("import-onnx", "Read a fully connected ONNX model into a GenNet weight file.") { onnx, output };
        command.SetAction(parse => ToolRun.Guarded(() =>
        {
            string source = parse.GetRequiredValue(onnx), path = parse.GetRequiredValue(output);
            if (!File.Exists(source))
                throw InputException.In(source, "no such file.");
            DynamicNetwork network;
            try
            {
                network = new DynamicNetwork(OnnxImport.ReadSpec(source));
                OnnxImport.Load(network, source);
            }
            catch (Exception error) when (error is InvalidDataException or NotSupportedException)
            {
                throw InputException.In(source, error.Message);
            }
            NetworkWeights.Save(network, path);
            Console.WriteLine($"Wrote {path} ({network.Spec}).");
        }));
        return command;
    }
}
