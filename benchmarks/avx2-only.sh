#!/usr/bin/env bash
# Runs the benchmarks as on a machine with AVX2 and no AVX-512, ONNX Runtime included: the benchmark
# processes load avx2-only/avx2only.c, which hides AVX-512 from CPUID for every library in them (see its
# header). `--envVars DOTNET_EnableAVX512:0` switches .NET alone and leaves ONNX Runtime on AVX-512.
#
# Needs gcc and a CPU and kernel with CPUID faulting (the cpuid_fault flag in /proc/cpuinfo; KVM guests
# have it). Each benchmark process prints its HardwareIntrinsics line: it must show no AVX512.
# Usage: benchmarks/avx2-only.sh [BenchmarkDotNet arguments], e.g.
#   benchmarks/avx2-only.sh --filter '*Net784x128x10Benchmarks.PredictBatch*' --job short
set -euo pipefail
cd "$(dirname "$0")/.."
if ! grep -qw cpuid_fault /proc/cpuinfo; then
  echo "avx2-only: this machine cannot make CPUID fault (no cpuid_fault in /proc/cpuinfo)" >&2
  exit 1
fi
library="$PWD/benchmarks/GenNet.Benchmarks/bin/avx2only/libavx2only.so"
mkdir -p "$(dirname "$library")"
gcc -O2 -Wall -Wextra -shared -fPIC -o "$library" benchmarks/avx2-only/avx2only.c -ldl
dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- "$@" --envVars "LD_PRELOAD:$library"
