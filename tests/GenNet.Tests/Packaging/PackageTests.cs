using System.Diagnostics;

namespace GenNet.Tests.Packaging;

/// <summary>
/// What a new user does: pack GenNet, then build and run a fresh console app that references the
/// package from a local folder and declares a network. Proves the one package carries both the
/// runtime library and a working generator. The app also targets .NET 8 with its default C# 12,
/// where the generated code takes its other branch (GenNet's fused multiply-add, .NET 8's
/// reference assemblies): that build must pass with warnings as errors too. It is built, not run:
/// a machine with only the .NET 10 SDK has no .NET 8 runtime. The app also bakes a weight file
/// into a network, the path from training to a shipped predictor.
/// </summary>
public class PackageTests
{
    private const string ConsumerProgram = """
        using GenNet;

        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 1];
        var network = new OrNet();
        network.Initialize(seed: 1);
        var costs = Trainer.Fit(network, inputs, targets, new TrainingOptions { Iterations = 2000, LearningRate = 1f });
        Console.WriteLine($"parameters={OrNet.ParameterCount} cost-fell={costs[^1] < costs[0] / 4} accuracy={Evaluation.BinaryAccuracy(network, inputs, targets)}");

        // The weights the test trained and saved before building this app, baked in at compile time,
        // against the same file loaded at run time.
        var loaded = new OrNet();
        NetworkWeights.Load(loaded, "or.weights.json");
        float[] baked = new float[4], runtime = new float[4];
        new BakedOrNet().PredictBatch(inputs, baked);
        loaded.PredictBatch(inputs, runtime);
        Console.WriteLine($"baked-accuracy={Evaluation.BinaryAccuracy(new BakedOrNet(), inputs, targets)} baked-equals-loaded={baked.SequenceEqual(runtime)}");

        [Network(2)]
        [Layer(3, Activation.Tanh)]
        [Layer(1, Activation.Sigmoid)]
        partial class OrNet;

        [Network(2, Weights = "or.weights.json")]
        [Layer(3, Activation.Tanh)]
        [Layer(1, Activation.Sigmoid)]
        partial class BakedOrNet;
        """;

    [Fact]
    [Trait("Category", "Packaging")]
    public void A_fresh_console_app_builds_and_runs_a_network_from_the_package()
    {
        string root = Repository.Root();
        string work = Directory.CreateTempSubdirectory("gennet-package-").FullName;
        try
        {
            // A version of its own, and a package folder of its own, so no cached GenNet from an earlier run is used.
            string version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
            string feed = Path.Combine(work, "feed");
            Run(root, "dotnet", "pack", Path.Combine(root, "src", "GenNet", "GenNet.csproj"), "-c", "Release",
                "-o", feed, "--artifacts-path", Path.Combine(work, "artifacts"), $"-p:Version={version}");
            File.Exists(Path.Combine(feed, $"GenNet.{version}.nupkg")).ShouldBeTrue();

            string app = Directory.CreateDirectory(Path.Combine(work, "app")).FullName;
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFrameworks>net10.0;net8.0</TargetFrameworks>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <RestorePackagesPath>{Path.Combine(work, "packages")}</RestorePackagesPath>
                    <!-- .NET 8's reference pack from the machine's package folder, where restoring GenNet's own net8.0 target put it. -->
                    <RestoreAdditionalProjectFallbackFolders>{GlobalPackagesFolder()}</RestoreAdditionalProjectFallbackFolders>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="GenNet" Version="{version}" />
                    <AdditionalFiles Include="or.weights.json" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), ConsumerProgram);
            NetworkWeights.Save(TrainedOrNetwork(), Path.Combine(app, "or.weights.json"));

            Run(app, "dotnet", "build", "-c", "Release");
            string output = Run(app, "dotnet", "run", "-c", "Release", "-f", "net10.0", "--no-build");

            output.ShouldContain("parameters=13 cost-fell=True accuracy=1");
            output.ShouldContain("baked-accuracy=1 baked-equals-loaded=True");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The consumer's network shape, trained on OR here, as a user would before baking it in.</summary>
    private static DynamicNetwork TrainedOrNetwork()
    {
        var network = new DynamicNetwork(TestData.Spec(2, Loss.Auto, (3, Activation.Tanh), (1, Activation.Sigmoid)));
        network.Initialize(seed: 2);
        Trainer.Fit(network, [0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 1], new TrainingOptions { Iterations = 2000, LearningRate = 1f });
        return network;
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");


    /// <summary>Runs a command outside the test's own MSBuild context and returns its output; fails with the output when it fails.</summary>
    private static string Run(string directory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host may run under an MSBuild node's environment; a child build must start clean.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit((int)TimeSpan.FromMinutes(5).TotalMilliseconds).ShouldBeTrue($"{fileName} {string.Join(' ', arguments)} timed out");
        process.ExitCode.ShouldBe(0, $"{fileName} {string.Join(' ', arguments)} failed:\n{output}\n{error.Result}");
        return output;
    }
}
