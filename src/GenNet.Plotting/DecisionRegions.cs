using SkiaSharp;

namespace GenNet.Plotting;

/// <summary>One panel of a decision-region picture: a trained network of 2 inputs and its title.</summary>
/// <param name="Title">What the panel shows, e.g. "2-4-1 network: 90.5 %".</param>
/// <param name="Network">The network whose classes colour the plane.</param>
public sealed record RegionPanel(string Title, IPredictor Network);

/// <summary>
/// The decision regions of classifiers with 2 inputs, as the course draws them: every pixel of the
/// plane coloured by the class the network predicts there (<see cref="Evaluation.ClassOf"/>), and the
/// data's points on top in their true class's colour. Several networks side by side (a network next
/// to logistic regression) share the data and the axes.
/// </summary>
public static class DecisionRegions
{
    /// <summary>Writes the panels side by side as one PNG, each <paramref name="panelWidth"/> × <paramref name="height"/> pixels.</summary>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="panels">The networks, each of 2 inputs, left to right.</param>
    /// <param name="inputs">The points, example-major: 2 values each.</param>
    /// <param name="classes">The true class of each point, from 0.</param>
    /// <param name="classNames">The name of each class, for the legend; its count is the number of classes.</param>
    /// <param name="axisNames">The names of the two inputs.</param>
    /// <param name="panelWidth">The width of each panel in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <exception cref="ArgumentException">
    /// No panels, a network without 2 inputs, no points, a class out of range, a non-finite input, or
    /// a size below 200 × 150.
    /// </exception>
    public static void Save(
        string path, IReadOnlyList<RegionPanel> panels, ReadOnlySpan<float> inputs, ReadOnlySpan<int> classes,
        IReadOnlyList<string> classNames, (string X, string Y) axisNames, int panelWidth = 600, int height = 500)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (panels.Count == 0)
            throw new ArgumentException("Expected at least one panel.", nameof(panels));
        foreach (var panel in panels)
            if (panel.Network.InputCount != 2)
                throw new ArgumentException($"Decision regions are drawn over a plane: every network needs 2 inputs, but '{panel.Title}' takes {panel.Network.InputCount}.", nameof(panels));
        if (inputs.IsEmpty || inputs.Length != 2 * classes.Length)
            throw new ArgumentException($"Expected 2 inputs per point and at least one point, but there are {inputs.Length} inputs and {classes.Length} classes.", nameof(inputs));
        foreach (int c in classes)
            if (c < 0 || c >= classNames.Count)
                throw new ArgumentException($"Expected classes from 0 to {classNames.Count - 1}, but one is {c}.", nameof(classes));
        foreach (float value in inputs)
            if (!float.IsFinite(value))
                throw new ArgumentException($"Every input must be a finite number, but one is {value}.", nameof(inputs));
        Pictures.RequireSize(panelWidth, height);

        var (xs, ys) = (new double[classes.Length], new double[classes.Length]);
        for (int i = 0; i < classes.Length; i++)
            (xs[i], ys[i]) = (inputs[2 * i], inputs[2 * i + 1]);
        var x = PlotLayout.Range(xs.Min(), xs.Max());
        var y = PlotLayout.Range(ys.Min(), ys.Max());
        int[] pointClasses = classes.ToArray();

        var plots = panels.Select(panel =>
        {
            var plot = new ScottPlot.Plot();
            PlotLayout.Apply(plot);
            var regions = plot.Add.ImageRect(Regions(panel.Network, x, y, panelWidth - PlotLayout.Left - PlotLayout.Right, height - PlotLayout.Top - PlotLayout.Bottom),
                new ScottPlot.CoordinateRect(x.Low, x.High, y.Low, y.High));
            regions.AntiAlias = false;
            for (int c = 0; c < classNames.Count; c++)
            {
                int cls = c;
                var members = Enumerable.Range(0, pointClasses.Length).Where(i => pointClasses[i] == cls).ToArray();
                if (members.Length == 0)
                    continue;
                var points = plot.Add.Markers(members.Select(i => xs[i]).ToArray(), members.Select(i => ys[i]).ToArray(),
                    ScottPlot.MarkerShape.FilledCircle, 7, ClassPalette.ToScottPlot(ClassPalette.PointColor(c)));
                points.MarkerStyle.OutlineColor = ScottPlot.Colors.Black;
                points.MarkerStyle.OutlineWidth = 1;
                points.LegendText = classNames[c];
            }
            plot.Axes.SetLimits(x.Low, x.High, y.Low, y.High);
            plot.ShowLegend(ScottPlot.Alignment.UpperRight);
            plot.Title(panel.Title);
            plot.XLabel(axisNames.X);
            plot.YLabel(axisNames.Y);
            return plot;
        }).ToArray();
        Pictures.SideBySide(path, plots, panelWidth, height);
    }

    /// <summary>The class regions as an image of one cell per pixel of the data area, top row first.</summary>
    private static ScottPlot.Image Regions(IPredictor network, (double Low, double High) x, (double Low, double High) y, int columns, int rows)
    {
        var grid = new float[columns * rows * 2];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                int k = 2 * (r * columns + c);
                grid[k] = (float)(x.Low + (c + 0.5) / columns * (x.High - x.Low));
                grid[k + 1] = (float)(y.High - (r + 0.5) / rows * (y.High - y.Low));
            }
        var predicted = new int[columns * rows];
        Evaluation.PredictClasses(network, grid, predicted);
        var bitmap = new SKBitmap(columns, rows, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                uint rgb = ClassPalette.RegionColor(predicted[r * columns + c]);
                bitmap.SetPixel(c, r, new SKColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb));
            }
        return new ScottPlot.Image(bitmap);
    }
}
