using GenNet.Plotting;
using Spectre.Console;

namespace GenNet.Tool;

/// <summary>The live progress bar of training, or a line every tenth of the epochs where the output is not a terminal.</summary>
internal static class TrainingProgressBar
{
    public static TrainingHistory Run(int epochs, Func<IProgress<TrainingProgress>, TrainingHistory> train)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            int every = Math.Max(1, epochs / 10);
            return train(new Reporter(p =>
            {
                if (p.Iteration % every == 0 || LearningCurve.EpochOf(p.Iteration) == epochs)
                    Console.WriteLine($"epoch {LearningCurve.EpochOf(p.Iteration),6}: {Describe(p)}");
            }));
        }
        TrainingHistory history = null!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: epochs);
                history = train(new Reporter(p =>
                {
                    task.Value = LearningCurve.EpochOf(p.Iteration);
                    task.Description = Markup.Escape(Describe(p));
                }));
                task.Value = epochs;
            });
        return history;
    }

    private static string Describe(TrainingProgress p) =>
        p.ValidationCost is float validation ? $"training cost {p.Cost:F4}, validation cost {validation:F4}" : $"training cost {p.Cost:F4}";

    /// <summary>Reports on the training thread (<see cref="Progress{T}"/> would post to the thread pool and lag behind).</summary>
    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
