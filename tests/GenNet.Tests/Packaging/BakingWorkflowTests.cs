namespace GenNet.Tests.Packaging;

/// <summary>
/// Baking in one project, as the README describes it: the app declares a trainable class and a
/// baked class naming a weight file that does not exist yet. It must build (GN0016 is a warning
/// then), run the training that saves the file, and after a rebuild with no source edit predict
/// with the baked weights, equal to the trained network's. The first build passes only because the
/// package's build targets mark the missing file, so that the generator never asks the compiler for
/// it (the compiler answers with error CS2001); they are packed for direct and transitive references.
/// The same app trains a three-class softmax network with Adam, saves it and bakes it the same way.
/// </summary>
[Collection(PackagingTests.Name)]
[Trait("Category", "Packaging")]
public class BakingWorkflowTests(PackageFeed feed)
{
    private const string Program = """
        using GenNet;

        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 1];
        var network = new OrNet();
        network.Initialize(seed: 1);
        Trainer.Fit(network, inputs, targets, new TrainingOptions { Iterations = 2000, LearningRate = 1f });
        NetworkWeights.Save(network, "or.weights.json");    // baked into OrPredictor at the next build

        float[] trained = new float[4], baked = new float[4];
        network.PredictBatch(inputs, trained);
        try
        {
            new OrPredictor().PredictBatch(inputs, baked);
            Console.WriteLine($"baked-equals-trained={baked.SequenceEqual(trained)}");
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"not-baked-yet: {e.Message}");
        }

        // Three classes: a softmax output trained with Adam, saved, and baked like the first.
        float[] points = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] oneHot = [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1];
        var classifier = new ThreeWayNet();
        classifier.Initialize(seed: 1);
        Trainer.Fit(classifier, points, oneHot, new TrainingOptions { Iterations = 400, LearningRate = 0.05f, Optimizer = new Adam() });
        NetworkWeights.Save(classifier, "three.weights.json");
        int[] trainedClasses = new int[4], bakedClasses = new int[4];
        Evaluation.PredictClasses(classifier, points, trainedClasses);
        Console.WriteLine($"softmax-classes={string.Join(",", trainedClasses)} loss={ThreeWayNet.Spec.Loss}");
        try
        {
            Evaluation.PredictClasses(new ThreeWayPredictor(), points, bakedClasses);
            Console.WriteLine($"baked-softmax-classes-equal={bakedClasses.SequenceEqual(trainedClasses)}");
        }
        catch (InvalidOperationException)
        {
            Console.WriteLine("softmax-not-baked-yet");
        }

        [Network(2)]
        [Layer(6, Activation.Tanh)]
        [Layer(3, Activation.Softmax)]
        partial class ThreeWayNet;

        [Network(2, Weights = "three.weights.json")]
        [Layer(6, Activation.Tanh)]
        [Layer(3, Activation.Softmax)]
        partial class ThreeWayPredictor;

        [Network(2)]
        [Layer(3, Activation.Tanh)]
        [Layer(1, Activation.Sigmoid)]
        partial class OrNet;

        [Network(2, Weights = "or.weights.json")]
        [Layer(3, Activation.Tanh)]
        [Layer(1, Activation.Sigmoid)]
        partial class OrPredictor;
        """;

    [Fact]
    public void One_project_declares_a_baked_class_before_its_weight_file_exists_trains_saves_and_rebuilds()
    {
        string app = feed.CreateApp("OneProjectBaking", "net10.0", """
            <PropertyGroup>
              <!-- The weight file is written by this app's first run; until then the baked class says so. -->
              <WarningsNotAsErrors>GN0016</WarningsNotAsErrors>
            </PropertyGroup>
            <ItemGroup>
              <AdditionalFiles Include="or.weights.json" />
              <AdditionalFiles Include="three.weights.json" />
            </ItemGroup>
            """, Program);
        string weights = Path.Combine(app, "or.weights.json");

        using (var package = System.IO.Compression.ZipFile.OpenRead(feed.Package("GenNet")))
            package.Entries.Select(entry => entry.FullName).Where(name => name.EndsWith(".targets", StringComparison.Ordinal)).Order()
                .ShouldBe(["build/GenNet.targets", "buildTransitive/GenNet.targets"]);

        string firstBuild = feed.Run(app, "dotnet", "build", "-c", "Release");
        firstBuild.ShouldNotContain("CS2001");
        firstBuild.ShouldContain("GN0016");
        string firstRun = feed.Run(app, "dotnet", "run", "-c", "Release", "--no-build");
        firstRun.ShouldContain("not-baked-yet:");
        firstRun.ShouldContain("or.weights.json");
        firstRun.ShouldContain("softmax-classes=0,0,1,2 loss=CategoricalCrossEntropy");
        firstRun.ShouldContain("softmax-not-baked-yet");
        File.Exists(weights).ShouldBeTrue();

        string secondBuild = feed.Run(app, "dotnet", "build", "-c", "Release");
        secondBuild.ShouldNotContain("GN0016");
        string secondRun = feed.Run(app, "dotnet", "run", "-c", "Release", "--no-build");
        secondRun.ShouldContain("baked-equals-trained=True");
        secondRun.ShouldContain("softmax-classes=0,0,1,2");
        secondRun.ShouldContain("baked-softmax-classes-equal=True");
    }
}
