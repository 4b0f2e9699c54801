using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace GenNet.Tool.Commands;

/// <summary>
/// <c>gennet train data.csv --target label</c>: reads the file, splits off a validation set
/// (stratified for classes), standardises on the training part, trains with the chosen optimiser
/// and early stopping, folds the scaling into the first layer, and writes the weight file, its side
/// file, and the declaration to paste.
/// </summary>
internal static class TrainCommand
{
    private static readonly Argument<string> Data = new("data") { Description = "The CSV file: a header row, then one example per row." };
    private static readonly Option<string?> Target = new("--target", "-t") { Description = "The column to predict (default: the last column)." };
    private static readonly Option<string?> Features = new("--features") { Description = "The input columns, comma-separated (default: every column but the target)." };
    private static readonly Option<string?> Layers = new("--layers", "-l") { Description = "The layers after the inputs, units:activation comma-separated, e.g. 16:relu,3:softmax (default: 16:relu and an output layer that fits the target)." };
    private static readonly Option<string?> Task = new("--task") { Description = "classification or regression (default: regression when the output layer is linear, else classification)." };
    private static readonly Option<string> OptimizerName = new("--optimizer") { Description = "adam, momentum, rmsprop or gd (plain gradient descent).", DefaultValueFactory = _ => "adam" };
    private static readonly Option<float> Rate = new("--rate") { Description = "The learning rate α.", DefaultValueFactory = _ => 0.01f };
    private static readonly Option<int> Epochs = new("--epochs") { Description = "Passes over the training set.", DefaultValueFactory = _ => 500 };
    private static readonly Option<int> Batch = new("--batch") { Description = "Examples per step; 0 for the whole training set.", DefaultValueFactory = _ => 32 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seeds the split, the initial weights and the shuffle, so runs repeat.", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> ValidationShare = new("--validation") { Description = "The share of examples held out for validation; 0 for none.", DefaultValueFactory = _ => 0.2 };
    private static readonly Option<int?> Patience = new("--patience") { Description = $"Stop after this many epochs without a lower validation cost, and keep the best weights (default: {DefaultPatience} when there is a validation set; 0 trains every epoch)." };

    /// <summary>
    /// Early stopping unless asked otherwise: a small data set overfits long before the default epochs end,
    /// and the weights to keep are those of the lowest validation cost, not the last.
    /// </summary>
    private const int DefaultPatience = 50;
    private static readonly Option<float> WeightDecay = new("--weight-decay") { Description = "L2 regularisation λ.", DefaultValueFactory = _ => 0f };
    private static readonly Option<bool> Standardize = new("--standardize") { Description = "Standardise the inputs while training and fold the scaling into the first layer.", DefaultValueFactory = _ => true };
    private static readonly Option<string?> Output = new("--output", "-o") { Description = "The weight file to write (default: the data file's name with .weights.json, in the current folder)." };
    private static readonly Option<string?> ClassName = new("--name") { Description = "The class name in the printed declaration (default: from the weight file's name)." };

    public static Command Create()
    {
        var command = new Command("train", "Train a network on a CSV file, write its weight file and print the declaration that bakes it.")
        {
            Data, Target, Features, Layers, Task, OptimizerName, Rate, Epochs, Batch, Seed, ValidationShare, Patience, WeightDecay, Standardize, Output, ClassName,
        };
        command.SetAction(parse => ToolRun.Guarded(() => Run(parse)));
        return command;
    }

    private static void Run(ParseResult parse)
    {
        var plan = TrainingPlan.From(
            CsvTable.Read(parse.GetRequiredValue(Data)), parse.GetValue(Target), parse.GetValue(Features), parse.GetValue(Layers), parse.GetValue(Task));
        int seed = parse.GetValue(Seed);
        var options = new TrainingOptions
        {
            Iterations = Positive(parse.GetValue(Epochs), "--epochs"),
            LearningRate = parse.GetValue(Rate) is float rate && float.IsFinite(rate) && rate > 0
                ? rate : throw new InputException($"--rate: expected a positive number, but it is {parse.GetValue(Rate)}."),
            BatchSize = parse.GetValue(Batch),
            ShuffleSeed = seed,
            ReportEvery = 1,
            Optimizer = OptimizerFor(parse.GetRequiredValue(OptimizerName)),
            WeightDecay = parse.GetValue(WeightDecay),
            Patience = parse.GetValue(Patience) switch
            {
                0 => null,
                int epochs => epochs,
                null => parse.GetValue(ValidationShare) > 0 ? DefaultPatience : null,
            },
        };
        string weightsPath = parse.GetValue(Output) ?? Path.GetFileNameWithoutExtension(plan.Table.File) + ".weights.json";
        var fit = plan.Train(options, parse.GetValue(ValidationShare), parse.GetValue(Standardize), seed);

        // Everything above can refuse the input; only now is anything written.
        NetworkWeights.Save(fit.Network, weightsPath);
        fit.Notes.WriteFor(weightsPath);

        Results.Print(fit);
        string className = parse.GetValue(ClassName) ?? Declaration.ClassNameFor(weightsPath);
        string weightsFile = Path.GetFileName(weightsPath);
        Console.WriteLine();
        Console.WriteLine($"Wrote {weightsPath} and {ModelNotes.PathFor(weightsPath)}. To bake the network into an app, add to its project file:");
        Console.WriteLine();
        Console.WriteLine($"  {Declaration.AdditionalFiles(weightsFile)}");
        Console.WriteLine();
        Console.WriteLine("and declare (it takes raw inputs: the scaling is folded in):");
        Console.WriteLine();
        Console.WriteLine(Declaration.CSharp(fit.Network.Spec, weightsFile, className, fit.Notes));
    }

    private static int Positive(int value, string option) =>
        value >= 1 ? value : throw new InputException($"{option}: expected a whole number of at least 1, but it is {value}.");

    private static Optimizer OptimizerFor(string name) => name.ToLowerInvariant() switch
    {
        "adam" => new Adam(),
        "momentum" => new Momentum(),
        "rmsprop" => new RmsProp(),
        "gd" or "gradientdescent" or "gradient-descent" => new GradientDescent(),
        _ => throw new InputException($"--optimizer: '{name}' is not one of adam, momentum, rmsprop, gd."),
    };
}
