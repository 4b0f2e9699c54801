namespace GenNet.Tool;

/// <summary>Runs a command so that every refusal is one line on the error output and exit code 1.</summary>
internal static class ToolRun
{
    /// <summary>The exit code of a run that refused its input.</summary>
    public const int BadInput = 1;

    public static int Guarded(Action run)
    {
        try
        {
            run();
            return 0;
        }
        catch (Exception error) when (error is InputException or InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine("gennet: " + MessageOf(error));
            return BadInput;
        }
    }

    /// <summary>An exception's message as one line, without the "(Parameter 'x')" that <see cref="ArgumentException"/> appends.</summary>
    public static string MessageOf(Exception error)
    {
        string message = error is ArgumentException argument && argument.ParamName is { } name
            ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : error.Message;
        return message.ReplaceLineEndings(" ");
    }
}
