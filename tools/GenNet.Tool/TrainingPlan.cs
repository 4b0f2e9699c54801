using GenNet.Plotting;

namespace GenNet.Tool;

/// <summary>
/// What <c>gennet train</c> will do, settled from the file and the options before anything trains:
/// the columns, the task, the class labels, the network's architecture and the examples.
/// </summary>
internal sealed record TrainingPlan(CsvTable Table, int[] FeatureColumns, int TargetColumn, string[]? Classes, NetworkSpec Spec, Examples Examples)
{
    /// <summary>The hidden layer used when <c>--layers</c> is not given.</summary>
    private static readonly LayerSpec DefaultHidden = new(16, Activation.ReLU);

    /// <summary>More numeric classes than this, with neither --task nor --layers, is more likely a regression target; the tool asks.</summary>
    private const int ManyClasses = 20;

    /// <summary>Settles the plan, refusing anything that does not fit before any training.</summary>
    /// <exception cref="InputException">A column is missing or not numeric, the target has one class, the layers do not fit the target.</exception>
    public static TrainingPlan From(CsvTable table, string? target, string? features, string? layers, string? task)
    {
        string targetName = target ?? table.Columns[^1];
        int targetColumn = table.IndexOf(targetName);
        int[] featureColumns = Examples.FeatureColumns(table, features?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), targetName);
        if (featureColumns.Length == 0)
            throw InputException.In(table.File, $"no input columns: the file has only the target column '{targetName}'.");
        if (featureColumns.Contains(targetColumn))
            throw InputException.At(table.File, 1, targetName, "the target column cannot also be an input (--features).");
        var hidden = layers is null ? null : LayerList.Parse(layers);
        bool regression = task?.ToLowerInvariant() switch
        {
            null => hidden is not null && hidden[^1].Activation == Activation.Linear,
            "regression" => true,
            "classification" => false,
            _ => throw new InputException($"--task: '{task}' is not classification or regression."),
        };
        string[]? classes = regression ? null : Examples.ClassesOf(table, targetColumn);
        if (task is null && hidden is null && classes is { Length: > ManyClasses } && classes.All(Examples.IsNumber))
            throw InputException.At(table.File, table.Lines[0], targetName,
                $"the target column holds {classes.Length} different numbers; to predict the number pass --task regression, to classify give --layers (or --task classification).");
        var spec = Network(targetName, featureColumns.Length, hidden ?? DefaultLayers(classes), classes, layers is not null);
        var examples = Examples.Read(table, featureColumns, targetColumn, classes, spec.OutputCount);
        return new TrainingPlan(table, featureColumns, targetColumn, classes, spec, examples);
    }

    /// <summary>
    /// One hidden layer of 16 ReLU units, then the output that fits the target: one linear unit for
    /// regression, one sigmoid for two classes, and for more a softmax unit per class.
    /// </summary>
    private static LayerSpec[] DefaultLayers(string[]? classes) => classes switch
    {
        null => [DefaultHidden, new(1, Activation.Linear)],
        { Length: 2 } => [DefaultHidden, new(1, Activation.Sigmoid)],
        _ => [DefaultHidden, new(classes.Length, Activation.Softmax)],
    };

    private static NetworkSpec Network(string targetName, int inputs, LayerSpec[] layers, string[]? classes, bool given)
    {
        string source = given ? "--layers" : "the default layers";
        var output = layers[^1];
        if (classes is not null)
        {
            if (output.Activation == Activation.Linear)
                throw new InputException($"{source}: a linear output does not classify; end with {(classes.Length == 2 ? "1:sigmoid" : $"{classes.Length}:softmax")}, or pass --task regression.");
            bool fits = output.Units == classes.Length || (output.Units == 1 && classes.Length == 2);
            if (!fits)
                throw new InputException(
                    $"{source}: the output layer has {output.Units} units, but the target column '{targetName}' holds {classes.Length} classes ({string.Join(", ", classes.Select(c => $"'{c}'"))}); " +
                    $"give it {classes.Length} units{(classes.Length == 2 ? " (or 1 sigmoid)" : "")}.");
        }
        else if (output.Units != 1)
            throw new InputException($"{source}: a regression predicts one column, so the output layer needs 1 unit, but it has {output.Units}.");
        try
        {
            return new NetworkSpec(inputs, layers);
        }
        catch (ArgumentException error)
        {
            throw new InputException($"{source}: {ToolRun.MessageOf(error)}");
        }
    }

    /// <summary>Splits, standardises, trains and folds; writes nothing.</summary>
    public TrainedModel Train(TrainingOptions options, double validationShare, bool standardize, int seed)
    {
        if (!(validationShare >= 0 && validationShare < 1))
            throw new InputException($"--validation: expected a share from 0 up to (not including) 1, but it is {validationShare}.");
        if (options.Patience is not null && validationShare == 0)
            throw new InputException("--patience watches the validation cost: give --validation a share above 0.");
        var (training, validation) = Split(validationShare, seed);
        var scaler = standardize ? FitScaler(training) : null;
        float[] trainInputs = training.Inputs.ToArray(), validationInputs = validation?.Inputs.ToArray() ?? [];
        scaler?.Transform(trainInputs);
        scaler?.Transform(validationInputs);

        var network = new DynamicNetwork(Spec);
        network.Initialize(seed);
        TrainingHistory history;
        try
        {
            history = TrainingProgressBar.Run(options.Iterations, progress => validation is null
                ? Trainer.Fit(network, trainInputs, training.Targets, options, progress)
                : Trainer.Fit(network, trainInputs, training.Targets, validationInputs, validation.Targets, options, progress));
        }
        catch (TrainingDivergedException error)
        {
            throw new InputException($"{Table.File}: training diverged ({ToolRun.MessageOf(error)}) Try a smaller --rate.");
        }
        catch (ArgumentException error)
        {
            throw new InputException($"{Table.File}: {ToolRun.MessageOf(error)}");
        }
        scaler?.FoldInto(network);

        var notes = new ModelNotes
        {
            Features = [.. FeatureColumns.Select(c => Table.Columns[c])],
            Target = Table.Columns[TargetColumn],
            Classes = Classes,
            KeptEpoch = history.RestoredBest && history.BestIteration is int best ? LearningCurve.EpochOf(best) : null,
            Curve = [.. history.Evaluations.Select(report => new CurvePoint(LearningCurve.EpochOf(report.Iteration), report.Cost, report.ValidationCost))],
        };
        return new TrainedModel(network, notes, history, training, validation);
    }

    private (Examples Training, Examples? Validation) Split(double share, int seed)
    {
        if (share == 0)
            return (Examples, null);
        DataSplit split;
        try
        {
            split = Examples.Labels is { } labels
                ? DataSplit.Stratified(labels, share, seed)
                : DataSplit.Shuffled(Examples.Count, share, seed);
        }
        catch (ArgumentException error)
        {
            throw InputException.In(Table.File, $"cannot hold out --validation {share}: {ToolRun.MessageOf(error)}");
        }
        var (trainInputs, validationInputs) = split.CopyRows<float>(Examples.Inputs, Examples.InputCount);
        var (trainTargets, validationTargets) = split.CopyRows<float>(Examples.Targets, Examples.OutputCount);
        var (trainLabels, validationLabels) = Examples.Labels is { } all ? split.CopyRows<int>(all, 1) : (null, null);
        return (Examples with { Inputs = trainInputs, Targets = trainTargets, Labels = trainLabels },
                Examples with { Inputs = validationInputs, Targets = validationTargets, Labels = validationLabels });
    }

    /// <summary>The standardiser of the training part, refusing a column with one value (σ = 0) by its name.</summary>
    private Standardizer FitScaler(Examples training)
    {
        int n = training.InputCount;
        for (int j = 0; j < n; j++)
        {
            float first = training.Inputs[j];
            bool constant = true;
            for (int i = 1; i < training.Count && constant; i++)
                constant = training.Inputs[i * n + j] == first;
            if (constant)
                throw InputException.At(Table.File, Table.Lines[0], Table.Columns[FeatureColumns[j]],
                    $"the column has the value {first} in every training row, so it carries no information and cannot be standardised; leave it out with --features, or pass --standardize false.");
        }
        return Standardizer.Fit(training.Inputs, n);
    }
}

/// <summary>A trained network with its side-file notes, history and the two parts of the data.</summary>
internal sealed record TrainedModel(DynamicNetwork Network, ModelNotes Notes, TrainingHistory History, Examples Training, Examples? Validation);
