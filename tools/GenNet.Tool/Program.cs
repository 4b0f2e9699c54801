// gennet: train, evaluate, predict, convert and plot small GenNet networks from CSV files, without
// writing a program. Every command checks its input completely before it writes anything; a refusal
// is one line on the error output naming the file, line and column, and exit code 1.
using System.CommandLine;
using System.Globalization;
using GenNet.Tool.Commands;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var root = new RootCommand("gennet: train a small neural network from a CSV file and bake it into your C# code with GenNet.")
{
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    PredictCommand.Create(),
    OnnxCommands.Export(),
    OnnxCommands.Import(),
    PlotCommand.Create(),
};
return root.Parse(args).Invoke();
