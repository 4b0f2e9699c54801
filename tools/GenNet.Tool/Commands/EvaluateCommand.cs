using System.CommandLine;

namespace GenNet.Tool.Commands;

/// <summary><c>gennet evaluate model.weights.json data.csv</c>: the cost, the accuracy and confusion matrix, or the error figures.</summary>
internal static class EvaluateCommand
{
    private static readonly Argument<string> Model = new("model") { Description = "The weight file (its side file .gennet.json names the columns and classes)." };
    private static readonly Argument<string> Data = new("data") { Description = "The CSV file with the input columns and the target column." };
    private static readonly Option<string?> Target = new("--target", "-t") { Description = "The target column (default: the one the network was trained on)." };

    public static Command Create()
    {
        var command = new Command("evaluate", "Measure a trained network on a CSV file: cost, accuracy and confusion matrix, or error figures.") { Model, Data, Target };
        command.SetAction(parse => ToolRun.Guarded(() =>
        {
            var model = LoadedModel.Load(parse.GetRequiredValue(Model));
            var table = CsvTable.Read(parse.GetRequiredValue(Data));
            string? target = parse.GetValue(Target);
            int targetColumn = model.TargetColumn(table, target);
            int[] features = model.FeatureColumns(table, table.Columns[targetColumn]);
            var examples = Examples.Read(table, features, targetColumn, model.Classes, model.Network.OutputCount);
            var metrics = Metrics.Of(model.Network, examples, model.Classes);
            Results.Print([(Path.GetFileName(table.File), metrics)]);
            if (metrics.Confusion is { } confusion)
                Results.Print(confusion, "Confusion matrix");
        }));
        return command;
    }
}
