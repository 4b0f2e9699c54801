using System.Diagnostics;
using PuppeteerSharp;

namespace GenNet.Browser.Tests;

/// <summary>
/// Once per test run: the browser sample published (onnxruntime-web vendored first), served on 127.0.0.1, and
/// Debian's headless chromium started, installed with the sample's script where it is missing. Never downloads
/// a browser: PuppeteerSharp is told where chromium is.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser; <c>GENNET_CHROMIUM</c> names another.</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("GENNET_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly string published = Directory.CreateTempSubdirectory("gennet-browser-").FullName;
    private StaticSite? site;

    /// <summary>The folder holding GenNet.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Where the tests save their screenshots.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address => site!.Address;

    /// <summary>How long publishing took, for the test log.</summary>
    public TimeSpan PublishTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        EnsureChromium();
        string sample = Path.Combine(RepositoryRoot, "samples", "GenNet.Browser");
        var clock = Stopwatch.StartNew();
        await RunAsync("/bin/sh", [Path.Combine(sample, "vendor-onnxruntime.sh")], sample);
        // Uncompressed: the test server sends the files as they are, and compressing them costs a minute on 2 cores.
        // Without building the libraries it references: this project built them (see its .csproj), and other
        // tests may be using their output folders while this runs.
        await RunAsync("dotnet", ["publish", sample, "-c", "Release", "-o", published, "-p:CompressionEnabled=false", "--no-dependencies",
                                  "--nologo", "-nodeReuse:false", "--disable-build-servers"], RepositoryRoot);
        PublishTime = clock.Elapsed;
        site = await StaticSite.StartAsync(Path.Combine(published, "wwwroot"));
        Browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As root in a container: no sandbox; /dev/shm may be small.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
            DefaultViewport = new ViewPortOptions { Width = 1560, Height = 820 },
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        if (site is not null)
            await site.DisposeAsync();
        Directory.Delete(published, recursive: true);
    }

    /// <summary>Installs chromium with the sample's script where it is missing, or says clearly why the tests cannot run.</summary>
    private static void EnsureChromium()
    {
        if (File.Exists(ChromiumPath))
            return;
        string script = Path.Combine(RepositoryRoot, "samples", "GenNet.Browser", "install-browser.sh");
        string output;
        try
        {
            output = RunAsync("/bin/sh", [script], RepositoryRoot).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException error)
        {
            output = error.Message;
        }
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need headless Chromium at {ChromiumPath} (Debian's chromium package), and {script} could not install it:\n{output}");
    }

    /// <summary>Runs a program to its end and returns what it printed; throws with that output if it fails.</summary>
    private static async Task<string> RunAsync(string program, string[] arguments, string folder)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        string printed = await output + await errors;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{program} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{printed}");
        return printed;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "GenNet.sln")))
                return directory.FullName;
        throw new InvalidOperationException("GenNet.sln not found above " + AppContext.BaseDirectory);
    }
}
