namespace GenNet.Plotting;

/// <summary>
/// The learning curve as the course draws it: the cost against the epochs, the training cost and,
/// when there was a validation set, the validation cost beside it; the gap between them shows
/// over-fitting, a curve that stops falling shows the rate or the epochs to change.
/// </summary>
/// <remarks>
/// Epochs are counted from 1, as people count passes over the data: epoch N is the library's
/// <see cref="TrainingProgress.Iteration"/> N − 1 (<see cref="EpochOf"/>), so a program that prints
/// "epoch N" and the picture it draws name the same pass.
/// </remarks>
public static class LearningCurve
{
    /// <summary>The epoch, counted from 1, of an iteration counted from 0 (<see cref="TrainingProgress.Iteration"/>, <see cref="TrainingHistory.BestIteration"/>).</summary>
    /// <param name="iteration">The iteration, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iteration"/> is negative.</exception>
    public static int EpochOf(int iteration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        return iteration + 1;
    }

    /// <summary>Writes the curve of a <see cref="TrainingHistory"/> as a PNG (<see cref="Draw(TrainingHistory, string)"/>, saved).</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="history">What <see cref="Trainer"/> returned.</param>
    /// <param name="title">The picture's title.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <exception cref="ArgumentException">The history has no epochs, or the size is below 200 × 150.</exception>
    public static void Save(string path, TrainingHistory history, string title, int width = 800, int height = 500)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Pictures.RequireSize(width, height);
        Draw(history, title).SavePng(path, width, height);
    }

    /// <summary>
    /// The curve of a <see cref="TrainingHistory"/> as a ScottPlot plot, not yet rendered: every epoch's
    /// training cost, the validation cost at every report, and the epoch whose weights were restored.
    /// </summary>
    /// <param name="history">What <see cref="Trainer"/> returned.</param>
    /// <param name="title">The picture's title.</param>
    /// <exception cref="ArgumentException">The history has no epochs.</exception>
    public static ScottPlot.Plot Draw(TrainingHistory history, string title)
    {
        ArgumentNullException.ThrowIfNull(history);
        var validation = history.Evaluations.Where(report => report.ValidationCost is not null).ToArray();
        return Draw(
            [.. Enumerable.Range(0, history.Costs.Length).Select(EpochOf)], [.. history.Costs],
            [.. validation.Select(report => EpochOf(report.Iteration))], [.. validation.Select(report => report.ValidationCost!.Value)],
            title, history.RestoredBest && history.BestIteration is int best ? EpochOf(best) : null);
    }

    /// <summary>Writes a learning curve from its points as a PNG (<see cref="Draw(IReadOnlyList{int}, IReadOnlyList{float}, IReadOnlyList{int}, IReadOnlyList{float}, string, int?)"/>, saved).</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="epochs">The epoch of each training cost, counted from 1.</param>
    /// <param name="trainingCosts">The training cost at each of <paramref name="epochs"/>.</param>
    /// <param name="validationEpochs">The epoch of each validation cost, counted from 1; empty without a validation set.</param>
    /// <param name="validationCosts">The validation cost at each of <paramref name="validationEpochs"/>.</param>
    /// <param name="title">The picture's title.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <param name="keptEpoch">The epoch whose weights were kept (lowest validation cost), counted from 1 and marked by a vertical line; <c>null</c> for none.</param>
    /// <exception cref="ArgumentException">The lists differ in length, the training list is empty, or the size is below 200 × 150.</exception>
    public static void Save(
        string path, IReadOnlyList<int> epochs, IReadOnlyList<float> trainingCosts,
        IReadOnlyList<int> validationEpochs, IReadOnlyList<float> validationCosts,
        string title, int width = 800, int height = 500, int? keptEpoch = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Pictures.RequireSize(width, height);
        Draw(epochs, trainingCosts, validationEpochs, validationCosts, title, keptEpoch).SavePng(path, width, height);
    }

    /// <summary>
    /// The learning curve as a ScottPlot plot, not yet rendered: to save in another format or size,
    /// or to add to; <see cref="Save(string, IReadOnlyList{int}, IReadOnlyList{float}, IReadOnlyList{int}, IReadOnlyList{float}, string, int, int, int?)"/>
    /// writes it as a PNG.
    /// </summary>
    /// <param name="epochs">The epoch of each training cost, counted from 1.</param>
    /// <param name="trainingCosts">The training cost at each of <paramref name="epochs"/>.</param>
    /// <param name="validationEpochs">The epoch of each validation cost, counted from 1; empty without a validation set.</param>
    /// <param name="validationCosts">The validation cost at each of <paramref name="validationEpochs"/>.</param>
    /// <param name="title">The picture's title.</param>
    /// <param name="keptEpoch">The epoch whose weights were kept (lowest validation cost), counted from 1 and marked by a vertical line; <c>null</c> for none.</param>
    /// <exception cref="ArgumentException">The lists differ in length, or the training list is empty.</exception>
    public static ScottPlot.Plot Draw(
        IReadOnlyList<int> epochs, IReadOnlyList<float> trainingCosts,
        IReadOnlyList<int> validationEpochs, IReadOnlyList<float> validationCosts,
        string title, int? keptEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(trainingCosts);
        ArgumentNullException.ThrowIfNull(validationEpochs);
        ArgumentNullException.ThrowIfNull(validationCosts);
        ArgumentNullException.ThrowIfNull(title);
        if (epochs.Count == 0 || epochs.Count != trainingCosts.Count)
            throw new ArgumentException($"Expected one training cost per epoch and at least one, but there are {epochs.Count} epochs and {trainingCosts.Count} costs.", nameof(trainingCosts));
        if (validationEpochs.Count != validationCosts.Count)
            throw new ArgumentException($"Expected one validation cost per validation epoch, but there are {validationEpochs.Count} epochs and {validationCosts.Count} costs.", nameof(validationCosts));

        var plot = new ScottPlot.Plot();
        PlotLayout.Apply(plot);
        var training = plot.Add.ScatterLine(epochs.Select(e => (double)e).ToArray(), trainingCosts.Select(c => (double)c).ToArray(), ClassPalette.ToScottPlot(ClassPalette.PointColor(0)));
        training.LegendText = "training cost";
        training.LineWidth = 2;
        if (validationCosts.Count > 0)
        {
            var validation = plot.Add.ScatterLine(validationEpochs.Select(e => (double)e).ToArray(), validationCosts.Select(c => (double)c).ToArray(), ClassPalette.ToScottPlot(ClassPalette.PointColor(1)));
            validation.LegendText = "validation cost";
            validation.LineWidth = 2;
        }
        if (keptEpoch is int kept)
        {
            var line = plot.Add.VerticalLine(kept, 1, ScottPlot.Colors.Gray, ScottPlot.LinePattern.Dashed);
            line.LegendText = $"kept: epoch {kept}";
        }
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("cost J");
        return plot;
    }
}
