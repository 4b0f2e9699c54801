#!/usr/bin/env bash
# Checks that the JIT compiles every generated method of the default emission fully optimised and
# with nothing left un-inlined that generated code relies on being inlined.
#
# Two cliffs make straight-line code slow: a method past RyuJIT's limits (60,000 bytes of IL among
# them) is compiled with minimal optimisation (MinOpts), and a long method can run out of inlining
# budget, leaving helper calls in it. Tiered compilation is turned off so every method is compiled
# fully optimised at once, as in a long-running app.
#
# The control: Net20x40x20x1Unrolled unrolls 1,620 weights, past the default limit, on purpose. Its
# Backpropagate must show MinOpts, or this check is not seeing what it claims to.
# Usage: benchmarks/check-jit-tiers.sh     (exit 1 on a finding, or on a control that shows none)
set -euo pipefail
cd "$(dirname "$0")/.."
summary=$(mktemp)
disassembly=$(mktemp)
trap 'rm -f "$summary" "$disassembly"' EXIT
DOTNET_JitStdOutFile="$summary" DOTNET_JitDisasmSummary=1 DOTNET_TieredCompilation=0 \
  dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --filter '*' --job dry --inProcess > /dev/null
DOTNET_JitStdOutFile="$disassembly" DOTNET_JitDisasm="Forward Backpropagate TrainBlocks PredictBlocks" DOTNET_TieredCompilation=0 \
  dotnet run -c Release --no-build --project benchmarks/GenNet.Benchmarks -- --filter '*' --job dry --inProcess > /dev/null

# Lines look like: "  12: JIT compiled GenNet.Benchmarks.Net2x4x1:Forward(...) [FullOpts, IL size=..., code size=...]"
generated=$(grep -E "JIT compiled GenNet\.Benchmarks\.Net[0-9x]+(Loops|Unrolled|Baked)?:" "$summary" \
  | sed -E 's/.*GenNet\.Benchmarks\.(Net[0-9A-Za-z]+:[A-Za-z0-9_]+)\(.*\[([^,]*),.*IL size=([0-9]+).*/\1  \2  IL \3/' | sort -u)
echo "$generated"
control=$(echo "$generated" | grep -E "^Net20x40x20x1Unrolled:" | grep -i "minopts" || true)
offenders=$(echo "$generated" | grep -vE "^Net(20x40x20x1|24x48x24x1)Unrolled:" | grep -i "minopts" || true)

# Calls left in the unrolled methods of the default emission (trainable and baked; the training blocks and PredictBatch's block methods of
# the width this machine takes too) to what should have been inlined: the
# inline array's element access, the fused multiply-add, the lane-wise activations (their span-wide
# forms, called once per loop layer, are calls by design), and every operation of ILanes (Lanes16,
# Lanes8, Lanes4), which the block methods are written with.
calls=$(awk '/^; Assembly listing for method GenNet\.Benchmarks\.Net[0-9x]+(Baked)?:/ { method = $6 }
             /^; Assembly listing for method/ && !/GenNet\.Benchmarks\.Net[0-9x]+(Baked)?:/ { method = "" }
             method != "" && /call .*(InlineArrayElementRef|FusedMultiplyAdd|VectorActivations:(Sigmoid|Tanh|ReLU|LeakyReLU|ExpOfNonPositive|MaxPropagatingNaN|MaxOfLanes|SumOfLanes|PadLanes)|Lanes(16|8|4):)/ { print method ": " $0 }' "$disassembly" | sort -u)

status=0
if [ -z "$control" ]; then
  echo "FAIL: the over-unrolled control shows no MinOpts method; the check cannot be trusted."; status=1
fi
if [ -n "$offenders" ]; then
  echo "FAIL: generated methods compiled with MinOpts:"; echo "$offenders"; status=1
fi
if [ -n "$calls" ]; then
  echo "FAIL: calls the JIT did not inline in generated methods:"; echo "$calls"; status=1
fi
if [ "$status" -eq 0 ]; then
  echo "OK: every method of the default emission is fully optimised with its helpers inlined; the over-unrolled control falls back to MinOpts as expected:"
  echo "$control"
fi
exit "$status"
