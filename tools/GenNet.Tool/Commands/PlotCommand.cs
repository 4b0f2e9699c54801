using System.CommandLine;
using GenNet.Plotting;

namespace GenNet.Tool.Commands;

/// <summary>
/// <c>gennet plot model.weights.json [data.csv]</c>: the learning curve saved by <c>train</c>, and for a
/// classifier of 2 inputs the decision regions over the data, as PNG files. A network whose regions
/// cannot be drawn still gets its learning curve, and a note that says why there are no regions.
/// </summary>
internal static class PlotCommand
{
    private static readonly Argument<string> Model = new("model") { Description = "The weight file (the learning curve comes from its side file)." };
    private static readonly Argument<string?> Data = new("data") { Description = "For a classifier of 2 inputs: the points to draw over its decision regions (for any other network, a note says why it has none).", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> Output = new("--output", "-o") { Description = "The start of the PNG files' names: <output>-cost.png, <output>-regions.png (default: the weight file's, beside it)." };
    private static readonly Option<int> Width = new("--width") { Description = "The width of each picture in pixels.", DefaultValueFactory = _ => 800 };
    private static readonly Option<int> Height = new("--height") { Description = "The height of each picture in pixels.", DefaultValueFactory = _ => 500 };

    public static Command Create()
    {
        var command = new Command("plot",
            "Draw the learning curve, and for 2-input classifiers the decision regions over the data, as PNG files. " +
            "Exit code 0 when it wrote a picture (with a note when the network's decision regions cannot be drawn), " +
            "1 when there was nothing to draw or the input was refused (then it writes nothing).")
        { Model, Data, Output, Width, Height };
        command.SetAction(parse => ToolRun.Guarded(() => Run(parse)));
        return command;
    }

    private static void Run(ParseResult parse)
    {
        var model = LoadedModel.Load(parse.GetRequiredValue(Model));
        string? data = parse.GetValue(Data);
        int width = parse.GetValue(Width), height = parse.GetValue(Height);
        if (width < 200 || height < 150)
            throw new InputException($"--width and --height: expected a picture of at least 200 × 150 pixels, but it is {width} × {height}.");
        string prefix = parse.GetValue(Output) ?? Path.Combine(Path.GetDirectoryName(model.Path) ?? "", ModelNotes.StemOf(model.Path));
        string title = Path.GetFileName(model.Path);

        // Read and check everything first: a refusal writes no picture.
        var curve = LearningCurveOf(model, $"{title}: learning curve");
        string? withoutRegions = data is null ? null : WhyNoRegions(model);
        var regions = data is null || withoutRegions is not null ? null : ReadRegions(model, data);
        if (curve is null && regions is null)
            throw new InputException($"{model.Path}: nothing to draw: no side file with a learning curve (only gennet train writes one), and " +
                (withoutRegions is null ? "no data file for decision regions." : $"no decision regions: {withoutRegions}"));

        if (curve is not null)
        {
            string path = prefix + "-cost.png";
            curve.SavePng(path, width, height);
            Console.WriteLine($"Wrote {path}.");
        }
        if (regions is { } r)
        {
            string path = prefix + "-regions.png";
            var accuracy = new ConfusionMatrix(r.Labels, Predicted(model.Network, r.Inputs), r.Classes.Length, r.Classes).Accuracy;
            DecisionRegions.Save(path, [new RegionPanel($"{title}: {accuracy:P1} of {r.Labels.Length} points", model.Network)], r.Inputs, r.Labels, r.Classes, r.Axes, width, height);
            Console.WriteLine($"Wrote {path}.");
        }
        if (withoutRegions is not null)
            Console.WriteLine($"No decision regions: {withoutRegions}");
    }

    /// <summary>The learning curve of the model's side file, epochs counted as training printed them; <c>null</c> without one.</summary>
    internal static ScottPlot.Plot? LearningCurveOf(LoadedModel model, string title)
    {
        if (model.Notes is not { Curve.Length: > 0 } notes)
            return null;
        var validation = notes.Curve.Where(p => p.ValidationCost is not null).ToArray();
        return LearningCurve.Draw([.. notes.Curve.Select(p => p.Epoch)], [.. notes.Curve.Select(p => p.TrainingCost)],
            [.. validation.Select(p => p.Epoch)], [.. validation.Select(p => p.ValidationCost!.Value)], title, notes.KeptEpoch);
    }

    /// <summary>Why the model's decision regions cannot be drawn, as a sentence; <c>null</c> when they can.</summary>
    private static string? WhyNoRegions(LoadedModel model)
    {
        if (!model.IsClassifier)
            return "they colour the plane by class, and this network is a regression.";
        int inputs = model.Network.InputCount;
        if (inputs == 2)
            return null;
        string names = model.Notes?.Features is { Length: > 0 } features ? $" ({string.Join(", ", features)})" : "";
        return $"they colour a plane, one input along each axis, so they need a classifier of exactly 2 inputs, and this one takes {inputs}{names}. " +
            "To see regions, train a network on 2 columns (gennet train data.csv --features a,b).";
    }

    /// <summary>What the decision regions are drawn over: the data's points and classes, the class names and the names of the 2 inputs.</summary>
    private sealed record RegionData(float[] Inputs, int[] Labels, string[] Classes, (string X, string Y) Axes);

    private static RegionData ReadRegions(LoadedModel model, string data)
    {
        var table = CsvTable.Read(data);
        int target = model.TargetColumn(table, null);
        int[] features = model.FeatureColumns(table, table.Columns[target]);
        var examples = Examples.Read(table, features, target, model.Classes, model.Network.OutputCount);
        return new RegionData(examples.Inputs, examples.Labels!, model.Classes!, (table.Columns[features[0]], table.Columns[features[1]]));
    }

    private static int[] Predicted(DynamicNetwork network, float[] inputs)
    {
        var classes = new int[inputs.Length / network.InputCount];
        Evaluation.PredictClasses(network, inputs, classes);
        return classes;
    }
}
