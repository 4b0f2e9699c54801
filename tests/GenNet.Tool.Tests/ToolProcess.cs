using System.Diagnostics;

namespace GenNet.Tool.Tests;

/// <summary>What one run of the tool did: its exit code and what it printed on each stream.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- output ---\n{Output}\n--- error ---\n{Error}";
}

/// <summary>Runs the built tool as a user does, <c>dotnet GenNet.Tool.dll args</c>, in a given folder.</summary>
public static class ToolProcess
{
    /// <summary>The tool's assembly, copied beside the tests by the project reference.</summary>
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "GenNet.Tool.dll");

    public static ToolResult Run(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Tool);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ToolResult(process.ExitCode, output, error.Result);
    }
}
