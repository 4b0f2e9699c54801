using BenchmarkDotNet.Running;
using GenNet;
using GenNet.Benchmarks;

// Examples (see benchmarks/README.md):
//   dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --filter '*Net2x4x1*' --job short
//   dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --filter '*' --job dry      (CI smoke run)
//   dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --write-weights benchmarks/GenNet.Benchmarks/Weights
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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
