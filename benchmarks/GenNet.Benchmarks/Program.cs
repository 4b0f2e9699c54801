using BenchmarkDotNet.Running;

// Examples (see benchmarks/README.md):
//   dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --filter '*Net2x4x1*' --job short
//   dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --filter '*' --job dry      (CI smoke run)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
