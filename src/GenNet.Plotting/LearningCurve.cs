namespace GenNet.Plotting;

/// <summary>
/// The learning curve as the course draws it: the cost against the iterations (epochs), the
/// training cost and, when there was a validation set, the validation cost beside it; the gap
/// between them shows over-fitting, a curve that stops falling shows the rate or the epochs to change.
/// </summary>
public static class LearningCurve
{
    /// <summary>Writes the curve of a <see cref="TrainingHistory"/> as a PNG: every iteration's training cost, and the validation cost at every report.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="history">What <see cref="Trainer"/> returned.</param>
    /// <param name="title">The picture's title.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    public static void Save(string path, TrainingHistory history, string title, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(history);
        var validation = history.Evaluations.Where(report => report.ValidationCost is not null).ToArray();
        Save(path,
            [.. Enumerable.Range(0, history.Costs.Length)], [.. history.Costs],
            [.. validation.Select(report => report.Iteration)], [.. validation.Select(report => report.ValidationCost!.Value)],
            title, width, height, history.RestoredBest ? history.BestIteration : null);
    }

    /// <summary>Writes a learning curve from its points as a PNG.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="epochs">The iteration of each training cost.</param>
    /// <param name="trainingCosts">The training cost at each of <paramref name="epochs"/>.</param>
    /// <param name="validationEpochs">The iteration of each validation cost; empty without a validation set.</param>
    /// <param name="validationCosts">The validation cost at each of <paramref name="validationEpochs"/>.</param>
    /// <param name="title">The picture's title.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <param name="bestEpoch">The epoch whose weights were kept (lowest validation cost), marked by a vertical line; <c>null</c> for none.</param>
    /// <exception cref="ArgumentException">The lists differ in length, the training list is empty, or the size is below 200 × 150.</exception>
    public static void Save(
        string path, IReadOnlyList<int> epochs, IReadOnlyList<float> trainingCosts,
        IReadOnlyList<int> validationEpochs, IReadOnlyList<float> validationCosts,
        string title, int width = 800, int height = 500, int? bestEpoch = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(trainingCosts);
        ArgumentNullException.ThrowIfNull(validationEpochs);
        ArgumentNullException.ThrowIfNull(validationCosts);
        if (epochs.Count == 0 || epochs.Count != trainingCosts.Count)
            throw new ArgumentException($"Expected one training cost per epoch and at least one, but there are {epochs.Count} epochs and {trainingCosts.Count} costs.", nameof(trainingCosts));
        if (validationEpochs.Count != validationCosts.Count)
            throw new ArgumentException($"Expected one validation cost per validation epoch, but there are {validationEpochs.Count} epochs and {validationCosts.Count} costs.", nameof(validationCosts));
        Pictures.RequireSize(width, height);

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
        if (bestEpoch is int best)
        {
            var line = plot.Add.VerticalLine(best, 1, ScottPlot.Colors.Gray, ScottPlot.LinePattern.Dashed);
            line.LegendText = $"kept: iteration {best}";
        }
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.Title(title);
        plot.XLabel("iteration (epoch)");
        plot.YLabel("cost J");
        plot.SavePng(path, width, height);
    }
}
