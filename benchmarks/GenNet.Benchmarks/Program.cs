using BenchmarkDotNet.Running;
using GenNet;
using GenNet.Benchmarks;

// Examples (see benchmarks/README.md):
//   dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --filter '*Net2x4x1*' --job short
//   dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --filter '*' --job dry      (CI smoke run)
//   dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --write-weights benchmarks/GenNet.Benchmarks/Weights
//   dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --tier-up      (check-jit-tiers.sh)
if (args is ["--write-weights", string folder])
{
    // The weight files the baked networks are compiled from, which every engine of a benchmark then
    // runs with: W = randn · 0.01 (Init.Small) and biases drawn too, so that no layer is all zeros
    // (as in a trained network, and so that the JIT cannot fold an all-zero bias away). Rebuild
    // afterwards to bake them in.
    INetwork[] networks = [new Net2x4x1(), new Net8x16x1(), new Net16x32x16x1(), new Net64x128x64x10(), new Net784x128x10()];
    var random = new Random(NetworkBenchmarks.Seed);
    foreach (var network in networks)
    {
        network.Initialize(NetworkBenchmarks.Seed);
        var layout = network.Spec.Layout;
        for (int l = 1; l <= network.Spec.Layers.Count; l++)
            foreach (ref float bias in network.Parameters.Slice(layout.BiasOffset(l), network.Spec.Layers[l - 1].Units))
                bias = (float)(random.NextDouble() * 0.2 - 0.1);
        string path = Path.Combine(folder, network.GetType().Name + ".weights.json");
        NetworkWeights.Save(network, path);
        Console.WriteLine($"wrote {path}");
    }
    return;
}

if (args is ["--tier-up"])
{
    // For check-jit-tiers.sh: every entry point of the default emission, called long enough that tiered
    // compilation (on by default, as in a user's app) reaches tier 1 with the profile it gathered, so the
    // script can read the code a long-running app ends with.
    INetwork[] networks = [new Net2x4x1(), new Net8x16x1(), new Net16x32x16x1(), new Net64x128x64x10(), new Net784x128x10()];
    IPredictor[] baked = [new Net2x4x1Baked(), new Net8x16x1Baked(), new Net16x32x16x1Baked(), new Net64x128x64x10Baked(), new Net784x128x10Baked()];
    foreach (var (network, bakedNetwork) in networks.Zip(baked))
    {
        network.Initialize(NetworkBenchmarks.Seed);
        foreach (int m in (int[])[1, 5, 32, 256])
        {
            var inputs = new float[m * network.InputCount];
            var targets = new float[m * network.OutputCount];
            var outputs = new float[m * network.OutputCount];
            var gradients = new float[network.Parameters.Length];
            for (int i = 0; i < inputs.Length; i++)
                inputs[i] = i % 7 * 0.1f;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 300)
            {
                network.Predict(inputs.AsSpan(0, network.InputCount), outputs.AsSpan(0, network.OutputCount));
                network.PredictBatch(inputs, outputs);
                network.TrainStep(inputs, targets, 1e-6f);
                network.ComputeGradients(inputs, targets, gradients);
                bakedNetwork.Predict(inputs.AsSpan(0, network.InputCount), outputs.AsSpan(0, network.OutputCount));
                bakedNetwork.PredictBatch(inputs, outputs);
            }
        }
    }
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
