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
        var onnx = new Argument<string>("onnx") { Description = "An ONNX model of fully connected layers (Gemm, or MatMul + Add), with any scaling, batch norm and dropout around them." };
        var output = new Option<string>("--output", "-o") { Description = "The weight file to write (.json for JSON, else binary).", Required = true };
        var command = new Command("import-onnx", "Read a fully connected ONNX model into a GenNet weight file, folding scaling, batch norms and dropout into its layers.") { onnx, output };
        command.SetAction(parse => ToolRun.Guarded(() =>
        {
            string source = parse.GetRequiredValue(onnx), path = parse.GetRequiredValue(output);
            if (!File.Exists(source))
                throw InputException.In(source, "no such file.");
            OnnxImportResult imported;
            try
            {
                imported = OnnxImport.Read(source);
            }
            catch (Exception error) when (error is InvalidDataException or NotSupportedException)
            {
                throw InputException.In(source, error.Message);
            }
            var network = new DynamicNetwork(imported.Spec);
            imported.CopyTo(network);
            NetworkWeights.Save(network, path);
            Console.WriteLine($"Wrote {path} ({network.Spec}).");
            // What became no layer of its own, so a user can check the import against the model's code.
            if (imported.FoldSummary.Length > 0)
                Console.WriteLine($"folded: {imported.FoldSummary}");
            foreach (string note in imported.Notes)
                Console.WriteLine($"note: {note}");
        }));
        return command;
    }
}
