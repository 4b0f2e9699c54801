namespace GenNet.Tool.Tests;

/// <summary>
/// Every kind of bad input gets one line on the error output naming the file (and the line and
/// column where there is one), exit code 1, and nothing written into the folder.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gennet-tool-bad-").FullName;

    public static TheoryData<string, string, string[], string> TrainCases() => new()
    {
        { "missing file", "", ["train", "nothing.csv"], "nothing.csv: no such file." },
        { "empty file", "", ["train", "data.csv"], "data.csv: the file is empty" },
        { "header only", "a,b,label\n", ["train", "data.csv"], "data.csv: the file has a header but no data rows." },
        { "missing target column", "a,b,label\n1,2,x\n3,4,y\n", ["train", "data.csv", "--target", "kind"], "data.csv, line 1, column 'kind': no such column" },
        { "missing feature column", "a,b,label\n1,2,x\n3,4,y\n", ["train", "data.csv", "--features", "a,c"], "data.csv, line 1, column 'c': no such column" },
        { "non-numeric cell", "a,b,label\n1,2,x\n3,4,y\n5,six,x\n6,7,y\n", ["train", "data.csv"], "data.csv, line 4, column 'b': 'six' is not a finite number." },
        { "empty cell", "a,b,label\n1,2,x\n3,,y\n", ["train", "data.csv"], "data.csv, line 3, column 'b': the cell is empty" },
        { "not finite", "a,b,label\n1,2,x\n3,Infinity,y\n", ["train", "data.csv"], "data.csv, line 3, column 'b': 'Infinity' is not a finite number." },
        { "one class", "a,b,label\n1,2,x\n3,4,x\n", ["train", "data.csv"], "data.csv, line 2, column 'label': the target column holds only one class ('x')" },
        { "row too short", "a,b,label\n1,2,x\n3,4\n", ["train", "data.csv"], "data.csv, line 3, column 'label': the row has 2 values, but the header names 3 columns." },
        { "row too long", "a,b,label\n1,2,x\n3,4,y,9\n", ["train", "data.csv"], "data.csv, line 3, column '#4': the row has 4 values, but the header names 3 columns." },
        { "output layer of another width", "a,b,label\n1,2,x\n3,4,y\n", ["train", "data.csv", "--layers", "4:tanh,3:sigmoid"], "--layers: the output layer has 3 units, but the target column 'label' holds 2 classes" },
        { "unknown activation", "a,b,label\n1,2,x\n3,4,y\n", ["train", "data.csv", "--layers", "4:swish,1:sigmoid"], "--layers: '4:swish' is not units:activation" },
        { "constant feature", "a,b,label\n1,2,x\n1,4,y\n1,5,x\n1,6,y\n1,7,x\n", ["train", "data.csv", "--validation", "0"], "data.csv, line 2, column 'a': the column has the value 1 in every training row" },
        { "a regression target without --task", "a,y\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},{i * 1.5}\n")), ["train", "data.csv"], "data.csv, line 2, column 'y': the target column holds 30 different numbers; to predict the number pass --task regression" },
        { "learning rate not positive", "a,b,label\n1,2,x\n3,4,y\n", ["train", "data.csv", "--rate", "-1"], "--rate: expected a positive number, but it is -1." },
        { "validation set too small", "a,b,label\n1,2,x\n3,4,y\n", ["train", "data.csv"], "data.csv: cannot hold out --validation 0.2" },
    };

    [Theory]
    [MemberData(nameof(TrainCases))]
    public void Train_refuses_bad_input_in_one_line_and_writes_nothing(string what, string csv, string[] arguments, string message)
    {
        if (csv.Length > 0 || what == "empty file")
            DataFiles.Write(folder, "data.csv", csv);
        var before = Directory.GetFiles(folder).Order().ToArray();

        var result = ToolProcess.Run(folder, arguments);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldStartWith("gennet: " + message, Case.Sensitive, result.ToString());
        result.Error.TrimEnd().ShouldNotContain('\n', result.ToString());
        Directory.GetFiles(folder).Order().ToArray().ShouldBe(before, "nothing written");
    }

    [Fact]
    public void Predict_refuses_a_file_of_another_width_than_the_network_and_writes_nothing()
    {
        DataFiles.Write(folder, "data.csv", "a,b,label\n1,2,x\n3,4,y\n1,3,x\n3,5,y\n2,2,x\n4,4,y\n");
        ToolProcess.Run(folder, "train", "data.csv", "--epochs", "2", "--validation", "0", "-o", "m.weights.json").ExitCode.ShouldBe(0);
        // Without the side file the tool cannot know the columns by name: every column is an input.
        File.Delete(Path.Combine(folder, "m.gennet.json"));
        DataFiles.Write(folder, "wide.csv", "a,b,c\n1,2,3\n");
        var before = Directory.GetFiles(folder).Order().ToArray();

        var result = ToolProcess.Run(folder, "predict", "m.weights.json", "wide.csv", "-o", "out.csv");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldBe("gennet: wide.csv: the network takes 2 inputs, but the file has 3 input columns ('a', 'b', 'c'); name the target column with --target to leave it out." + Environment.NewLine);
        Directory.GetFiles(folder).Order().ToArray().ShouldBe(before);
    }

    [Fact]
    public void Evaluate_refuses_a_label_the_network_was_not_trained_on_naming_its_line()
    {
        DataFiles.Write(folder, "data.csv", "a,b,label\n1,2,x\n3,4,y\n1,3,x\n3,5,y\n2,2,x\n4,4,y\n");
        ToolProcess.Run(folder, "train", "data.csv", "--epochs", "2", "--validation", "0", "-o", "m.weights.json").ExitCode.ShouldBe(0);
        DataFiles.Write(folder, "other.csv", "a,b,label\n1,2,x\n3,4,z\n");

        var result = ToolProcess.Run(folder, "evaluate", "m.weights.json", "other.csv");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldBe("gennet: other.csv, line 3, column 'label': 'z' is not one of the classes the network was trained on ('x', 'y')." + Environment.NewLine);
    }

    [Fact]
    public void Predict_refuses_a_file_without_a_column_the_network_was_trained_on()
    {
        DataFiles.Write(folder, "data.csv", "a,b,label\n1,2,x\n3,4,y\n1,3,x\n3,5,y\n2,2,x\n4,4,y\n");
        ToolProcess.Run(folder, "train", "data.csv", "--epochs", "2", "--validation", "0", "-o", "m.weights.json").ExitCode.ShouldBe(0);
        DataFiles.Write(folder, "narrow.csv", "a,label\n1,x\n");

        var result = ToolProcess.Run(folder, "predict", "m.weights.json", "narrow.csv", "-o", "out.csv");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldBe("gennet: narrow.csv, line 1, column 'b': no such column; the header names 'a', 'label'." + Environment.NewLine);
        File.Exists(Path.Combine(folder, "out.csv")).ShouldBeFalse();
    }

    [Fact]
    public void A_file_that_is_not_a_weight_file_is_refused_in_one_line()
    {
        DataFiles.Write(folder, "data.csv", "a,b\n1,2\n");
        DataFiles.Write(folder, "junk.weights.json", "not json");

        var result = ToolProcess.Run(folder, "predict", "junk.weights.json", "data.csv", "-o", "out.csv");

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Error.ShouldStartWith("gennet: junk.weights.json: Not a GenNet weight file");
        File.Exists(Path.Combine(folder, "out.csv")).ShouldBeFalse();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
