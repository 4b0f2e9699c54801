using System.CommandLine;
using System.Globalization;
using nietras.SeparatedValues;

namespace GenNet.Tool.Commands;

/// <summary>
/// <c>gennet predict model.weights.json in.csv -o out.csv</c>: every row of the input with the
/// network's outputs after it, and for a classifier the predicted class label.
/// </summary>
internal static class PredictCommand
{
    private static readonly Argument<string> Model = new("model") { Description = "The weight file." };
    private static readonly Argument<string> Data = new("data") { Description = "The CSV file with the input columns (a target column, if present, is copied through)." };
    private static readonly Option<string> Output = new("--output", "-o") { Description = "The CSV file to write.", Required = true };
    private static readonly Option<string?> Target = new("--target", "-t") { Description = "Without a side file: a column to leave out of the inputs." };

    public static Command Create()
    {
        var command = new Command("predict", "Run a trained network on every row of a CSV file and write its outputs (and predicted class) to another.") { Model, Data, Output, Target };
        command.SetAction(parse => ToolRun.Guarded(() => Run(parse)));
        return command;
    }

    private static void Run(ParseResult parse)
    {
        var model = LoadedModel.Load(parse.GetRequiredValue(Model));
        var table = CsvTable.Read(parse.GetRequiredValue(Data));
        string output = parse.GetRequiredValue(Output);
        int[] features = model.FeatureColumns(table, parse.GetValue(Target));
        float[] inputs = table.Numbers(features);
        int m = table.Rows.Count, n = model.Network.OutputCount;
        var outputs = new float[m * n];
        model.Network.PredictBatch(inputs, outputs);

        string[]? classes = model.Classes;
        string[] outputColumns = classes is null ? ["prediction"]
            : n == 1 ? [$"p({classes[1]})"]
            : [.. Enumerable.Range(0, n).Select(k => $"p({(k < classes.Length ? classes[k] : k.ToString(CultureInfo.InvariantCulture))})")];
        // Written whole to a temporary file and renamed, so a failure leaves no half file.
        string temporary = output + ".tmp";
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).ToFile(temporary))
        {
            for (int i = 0; i < m; i++)
            {
                using var row = writer.NewRow();
                for (int c = 0; c < table.Columns.Count; c++)
                    row[table.Columns[c]].Set(table.Rows[i][c]);
                for (int k = 0; k < n; k++)
                    row[outputColumns[k]].Set(outputs[i * n + k].ToString("R", CultureInfo.InvariantCulture));
                if (classes is not null)
                    row["predicted"].Set(classes[Evaluation.ClassOf(outputs.AsSpan(i * n, n))]);
            }
        }
        File.Move(temporary, output, overwrite: true);
        Console.WriteLine($"Wrote {m:N0} predictions to {output}.");
    }
}
