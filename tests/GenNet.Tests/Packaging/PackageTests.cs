namespace GenNet.Tests.Packaging;

/// <summary>
/// What a new user does, as the README says: pack GenNet, then build and run a fresh console app
/// that takes the package from a local folder (the README's nuget.config) and declares a network. Proves the one package carries both the
/// runtime library and a working generator, and that it restores on a machine whose package folder
/// is empty. The app also targets .NET 8 with its default C# 12, where the generated code takes its
/// other branch (GenNet's fused multiply-add, .NET 8's reference assemblies): that build must pass
/// with warnings as errors too, and it runs: published self-contained, the .NET 8 runtime coming from
/// NuGet like any package (a machine with only the .NET 10 SDK has no .NET 8 runtime installed), so the
/// net8.0 library's fallbacks execute. The app also bakes a weight file into a network, the path from
/// training to a shipped predictor, and checks the generated network against <see cref="DynamicNetwork"/>.
/// </summary>
[Collection(PackagingTests.Name)]
[Trait("Category", "Packaging")]
public class PackageTests(PackageFeed feed)
{
    private const string ConsumerProgram = """
        using GenNet;

        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 1];
        var network = new OrNet();
        network.Initialize(seed: 1);
        var costs = Trainer.Fit(network, inputs, targets, new TrainingOptions { Iterations = 2000, LearningRate = 1f }).Costs;
        float[] predictions = new float[4];
        network.PredictBatch(inputs, predictions);
        Console.WriteLine($"parameters={OrNet.ParameterCount} cost-fell={costs[^1] < costs[0] / 4} all-right={predictions.Select(p => MathF.Round(p)).SequenceEqual(targets)}");

        // The weights the test trained and saved before building this app, baked in at compile time,
        // against the same file loaded at run time.
        var loaded = new OrNet();
        NetworkWeights.Load(loaded, "or.weights.json");
        float[] baked = new float[4], runtime = new float[4];
        new BakedOrNet().PredictBatch(inputs, baked);
        loaded.PredictBatch(inputs, runtime);
        Console.WriteLine($"baked-all-right={baked.Select(p => MathF.Round(p)).SequenceEqual(targets)} baked-equals-loaded={baked.SequenceEqual(runtime)}");

        // The generated code against the plain-loops engine on the same parameters: outputs and gradients.
        var twin = new DynamicNetwork(OrNet.Spec);
        network.Parameters.CopyTo(twin.Parameters);
        float[] twinPredictions = new float[4];
        twin.PredictBatch(inputs, twinPredictions);
        float[] gradients = new float[OrNet.ParameterCount], twinGradients = new float[OrNet.ParameterCount];
        network.ComputeGradients(inputs, targets, gradients);
        twin.ComputeGradients(inputs, targets, twinGradients);
        Console.WriteLine($"runtime={Environment.Version.Major} matches-dynamic={Close(predictions, twinPredictions) && Close(gradients, twinGradients)}");

        static bool Close(float[] actual, float[] expected) =>
            actual.Zip(expected).All(pair => MathF.Abs(pair.First - pair.Second) <= 1e-5f * (1 + MathF.Abs(pair.Second)));

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
    public void A_fresh_console_app_builds_and_runs_a_network_from_the_package()
    {
        File.Exists(feed.Package("GenNet")).ShouldBeTrue();
        string app = feed.CreateApp("Consumer", "net10.0;net8.0", """
            <ItemGroup>
              <AdditionalFiles Include="or.weights.json" />
            </ItemGroup>
            """, ConsumerProgram);
        NetworkWeights.Save(TrainedOrNetwork(), Path.Combine(app, "or.weights.json"));

        feed.Run(app, "dotnet", "build", "-c", "Release");
        string output = feed.Run(app, "dotnet", "run", "-c", "Release", "-f", "net10.0", "--no-build");

        output.ShouldContain("parameters=13 cost-fell=True all-right=True");
        output.ShouldContain("baked-all-right=True baked-equals-loaded=True");
        output.ShouldContain("runtime=10 matches-dynamic=True");

        // The same app on .NET 8: self-contained, so its runtime pack comes from NuGet.
        string published = Path.Combine(app, "published-net8.0");
        feed.Run(app, "dotnet", "publish", "-c", "Release", "-f", "net8.0", "-r", "linux-x64", "--self-contained", "-o", published);
        // Run from the app folder, where the program finds or.weights.json, as dotnet run does.
        string net8 = feed.Run(app, Path.Combine(published, "Consumer"));
        net8.ShouldContain("parameters=13 cost-fell=True all-right=True");
        net8.ShouldContain("baked-all-right=True baked-equals-loaded=True");
        net8.ShouldContain("runtime=8 matches-dynamic=True");
        // Everything came into the test's own package folder: nothing was taken from the machine's.
        Directory.Exists(Path.Combine(feed.Packages, "microsoft.netcore.app.host.linux-x64")).ShouldBeTrue();
        Directory.Exists(Path.Combine(feed.Packages, "gennet")).ShouldBeTrue();
        Directory.Exists(Path.Combine(feed.Packages, "microsoft.netcore.app.runtime.linux-x64")).ShouldBeTrue();
    }

    /// <summary>The consumer's network shape, trained on OR here, as a user would before baking it in.</summary>
    private static DynamicNetwork TrainedOrNetwork()
    {
        var network = new DynamicNetwork(TestData.Spec(2, Loss.Auto, (3, Activation.Tanh), (1, Activation.Sigmoid)));
        network.Initialize(seed: 2);
        Trainer.Fit(network, [0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 1], new TrainingOptions { Iterations = 2000, LearningRate = 1f });
        return network;
    }
}
