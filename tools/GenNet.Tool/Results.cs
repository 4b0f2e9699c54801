using System.Globalization;
using GenNet.Plotting;
using Spectre.Console;

namespace GenNet.Tool;

/// <summary>The tables the tool prints: results of training or evaluation, and the confusion matrix.</summary>
internal static class Results
{
    /// <summary>Prints how training ended and how the network does on each part of the data.</summary>
    public static void Print(TrainedModel model)
    {
        var history = model.History;
        var classes = model.Notes.Classes;
        var parts = new List<(string Name, Metrics Metrics)> { ("training", Metrics.Of(model.Network, model.Training, classes)) };
        if (model.Validation is { } validation)
            parts.Add(("validation", Metrics.Of(model.Network, validation, classes)));
        // Epochs as the learning curve numbers them, so the printout and the picture name the same one.
        string lowest = history.BestIteration is int best ? $"epoch {LearningCurve.EpochOf(best)}" : "";
        Console.WriteLine(history.StoppedEarly
            ? $"Stopped early after epoch {history.Costs.Length}: the validation cost was lowest after {lowest}{(history.RestoredBest ? ", whose weights are kept" : "")}."
            : $"Trained {history.Costs.Length} epochs{(history.RestoredBest ? $"; kept the weights of {lowest}, where the validation cost was lowest" : "")}.");
        Print(parts);
        var last = parts[^1];
        if (last.Metrics.Confusion is { } confusion)
            Print(confusion, $"Confusion matrix ({last.Name})");
    }

    /// <summary>Prints a table with a column per part of the data.</summary>
    public static void Print(IReadOnlyList<(string Name, Metrics Metrics)> parts)
    {
        var table = new Table().AddColumn("");
        foreach (var (name, _) in parts)
            table.AddColumn(new TableColumn(name).RightAligned());
        void Row(string label, Func<Metrics, string> value) => table.AddRow([label, .. parts.Select(p => value(p.Metrics))]);
        Row("examples", m => m.Count.ToString("N0", CultureInfo.InvariantCulture));
        Row("cost", m => m.Cost.ToString("F4", CultureInfo.InvariantCulture));
        if (parts[0].Metrics.Accuracy is not null)
            Row("accuracy", m => m.Accuracy!.Value.ToString("P1", CultureInfo.InvariantCulture));
        if (parts[0].Metrics.RootMeanSquaredError is not null)
        {
            Row("mean absolute error", m => m.MeanAbsoluteError!.Value.ToString("G4", CultureInfo.InvariantCulture));
            Row("root mean squared error", m => m.RootMeanSquaredError!.Value.ToString("G4", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
    }

    /// <summary>Prints a confusion matrix: a row per actual class, a column per predicted class.</summary>
    public static void Print(ConfusionMatrix confusion, string title)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) }.AddColumn("actual \\ predicted");
        for (int p = 0; p < confusion.ClassCount; p++)
            table.AddColumn(new TableColumn(Markup.Escape(confusion.ClassNames[p])).RightAligned());
        for (int a = 0; a < confusion.ClassCount; a++)
            table.AddRow([Markup.Escape(confusion.ClassNames[a]), .. Enumerable.Range(0, confusion.ClassCount).Select(p => confusion[a, p].ToString(CultureInfo.InvariantCulture))]);
        AnsiConsole.Write(table);
    }
}
