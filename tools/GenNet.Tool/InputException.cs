namespace GenNet.Tool;

/// <summary>
/// Bad input the user can fix: a missing file, a column that is not there or not a number, an empty
/// file, a target with one class, widths that do not match. Its message is the one line the tool
/// prints (naming the file, row and column where there is one) before it exits with code 1, having
/// written nothing.
/// </summary>
internal sealed class InputException(string message) : Exception(message)
{
    /// <summary>The error for a place in a CSV file: its name, then the line and the column, then what is wrong.</summary>
    public static InputException At(string file, int line, string column, string problem) =>
        new($"{file}, line {line}, column '{column}': {problem}");

    /// <summary>The error for a file as a whole.</summary>
    public static InputException In(string file, string problem) => new($"{file}: {problem}");
}
