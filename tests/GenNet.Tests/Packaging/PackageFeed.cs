using System.Diagnostics;
using GenNet.Tests.Documentation;

namespace GenNet.Tests.Packaging;

/// <summary>
/// The packages a user would make, made once for every packaging test: <c>GenNet</c> and
/// <c>GenNet.Onnx</c> packed into a local folder <c>packages/</c>, and a NuGet package folder that
/// starts empty, so each app restores as on a machine that has never restored anything: the apps'
/// restores and builds use that folder through <c>NUGET_PACKAGES</c>, and each app beside
/// <c>packages/</c> has the README's nuget.config, word for word: GenNet from that folder,
/// everything else (.NET 8's reference and app host packs) from nuget.org. Packing GenNet itself
/// uses the ambient package folder, which restoring the repository for this test run has filled:
/// a fresh one would download the generator's Roslyn and .NET 8's packs once more (200 MB, a minute).
/// </summary>
public sealed class PackageFeed : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("gennet-package-").FullName;

    public PackageFeed()
    {
        string root = Repository.Root();
        Feed = Path.Combine(_work, "packages");
        Packages = Directory.CreateDirectory(Path.Combine(_work, "nuget-packages")).FullName;
        // The package folder is new, so the repository's own version can be packed: no GenNet of an earlier run is in it.
        foreach (string project in new[] { "GenNet", "GenNet.Onnx" })
            Run(root, freshPackageFolder: false, "dotnet", "pack", Path.Combine(root, "src", project, project + ".csproj"), "-c", "Release",
                "-o", Feed, "--artifacts-path", Path.Combine(_work, "artifacts"));
    }

    /// <summary>The local folder the packages are in, where the README's nuget.config looks for them.</summary>
    public string Feed { get; }

    /// <summary>The NuGet package folder every child process restores into; empty at the start.</summary>
    public string Packages { get; }

    /// <summary>The path of the package <paramref name="id"/> in <see cref="Feed"/> (<c>GenNet.0.1.0.nupkg</c>, not <c>GenNet.Onnx.0.1.0.nupkg</c>).</summary>
    public string Package(string id) =>
        Directory.GetFiles(Feed, id + ".*.nupkg").Single(path => char.IsAsciiDigit(Path.GetFileName(path)[id.Length + 1]));

    /// <summary>
    /// A new console app beside <see cref="Feed"/>, named <paramref name="name"/>, with the README's
    /// nuget.config, <paramref name="projectItems"/> (MSBuild items or properties) in its project and
    /// <paramref name="program"/> as Program.cs, to which GenNet is added as the README says:
    /// <c>dotnet add package GenNet</c>.
    /// </summary>
    public string CreateApp(string name, string targetFrameworks, string projectItems, string program)
    {
        string app = Directory.CreateDirectory(Path.Combine(_work, name)).FullName;
        File.WriteAllText(Path.Combine(app, "nuget.config"), MarkdownSnippet.Read("README.md").Single(s => s.Name == "nuget-config").Code);
        File.WriteAllText(Path.Combine(app, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFrameworks>{targetFrameworks}</TargetFrameworks>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              {projectItems}
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), program);
        Run(app, "dotnet", "add", "package", "GenNet");
        return app;
    }

    /// <summary>
    /// Runs a command outside the test's own MSBuild context, restoring into <see cref="Packages"/>
    /// only, and returns its output and error text; fails with them when it fails.
    /// </summary>
    public string Run(string directory, string fileName, params string[] arguments) =>
        Run(directory, freshPackageFolder: true, fileName, arguments);

    private string Run(string directory, bool freshPackageFolder, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host may run under an MSBuild node's environment; a child build must start clean.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        if (freshPackageFolder)
            start.Environment["NUGET_PACKAGES"] = Packages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        string command = $"{fileName} {string.Join(' ', arguments)}";
        process.WaitForExit((int)TimeSpan.FromMinutes(5).TotalMilliseconds).ShouldBeTrue($"{command} timed out");
        process.ExitCode.ShouldBe(0, $"{command} failed:\n{output}\n{error.Result}");
        return output + error.Result;
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}

/// <summary>The packaging tests share one <see cref="PackageFeed"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingTests : ICollectionFixture<PackageFeed>
{
    public const string Name = "Packaging";
}
