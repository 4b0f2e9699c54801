#!/usr/bin/env bash
# Checks that the JIT compiles every generated method of the default emission fully optimised and
# with nothing left un-inlined that generated code relies on being inlined.
#
# Two cliffs make straight-line code slow: a method past RyuJIT's limits (60,000 bytes of IL among
# them) is compiled with minimal optimisation (MinOpts), and a long method can run out of inlining
# budget, leaving helper calls in it. Tiered compilation is turned off so every method is compiled
# fully optimised at once; then a third run with it on (as a user's app runs) reads the code each method
# ends with at tier 1, where the profile can spend the inlining budget differently.
#
# It checks the block width the machine runs; on an AVX-512 machine run it again with
# DOTNET_EnableAVX512=0 for the 8-lane blocks of AVX2 machines.
#
# The control: Net20x40x20x1Unrolled unrolls 1,620 weights, past the default limit, on purpose. Its
# Backpropagate must show MinOpts, or this check is not seeing what it claims to.
# Usage: benchmarks/check-jit-tiers.sh     (exit 1 on a finding, or on a control that shows none)
set -euo pipefail
cd "$(dirname "$0")/.."
summary=$(mktemp)
disassembly=$(mktemp)
tiered=$(mktemp)
trap 'rm -f "$summary" "$disassembly" "$tiered"' EXIT
DOTNET_JitStdOutFile="$summary" DOTNET_JitDisasmSummary=1 DOTNET_TieredCompilation=0 \
  dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --filter '*' --job dry --inProcess > /dev/null
DOTNET_JitStdOutFile="$disassembly" DOTNET_JitDisasm="Forward Backpropagate TrainBlocks PredictBlocks" DOTNET_TieredCompilation=0 \
  dotnet run -c Release --no-build --project benchmarks/GenNet.Benchmarks -- --filter '*' --job dry --inProcess > /dev/null
# And with tiering on, as a user's app runs: the code at tier 1 is compiled again with the profile, and the
# profile can send the JIT's inlining budget elsewhere (it once left 203 multiply-adds of 64-128-64-10's
# 8-lane block as calls, which tiering off never showed; block methods are now compiled fully optimised).
# No delay before counting calls: the tier-up run keeps compiling new methods, which would postpone tier 1.
DOTNET_JitStdOutFile="$tiered" DOTNET_JitDisasm="Forward Backpropagate TrainBlocks PredictBlocks" DOTNET_TC_CallCountingDelayMs=0 \
  dotnet run -c Release --no-build --project benchmarks/GenNet.Benchmarks -- --tier-up > /dev/null

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

# With tiering on, only each method's last optimised listing counts (tier 1, or fully optimised at once):
# the code it runs with in the end. A method listed at tier 0 alone was inlined into its callers at tier 1
# (Forward is AggressiveInlining) or called too rarely to tier up; it is named, not failed.
inliningPattern='call .*(InlineArrayElementRef|FusedMultiplyAdd|VectorActivations:(Sigmoid|Tanh|ReLU|LeakyReLU|ExpOfNonPositive|MaxPropagatingNaN|MaxOfLanes|SumOfLanes|PadLanes)|Lanes(16|8|4):)'
tieredFindings=$(awk -v pattern="$inliningPattern" '
  /^; Assembly listing for method/ {
    method = ($6 ~ /^GenNet\.Benchmarks\.Net[0-9x]+(Baked)?:/ && $0 ~ /\((Tier1|FullOpts|Tier0-FullOpts)/) ? $6 : ""
    if ($6 ~ /^GenNet\.Benchmarks\.Net[0-9x]+(Baked)?:/) seen[$6] = 1
    if (method != "") last[method] = NR
    next
  }
  method != "" && $0 ~ pattern { line[method, NR] = $0 }
  END {
    for (key in line) { split(key, part, SUBSEP); if (part[2] > last[part[1]]) print part[1] ": " line[key] }
  }' "$tiered" | sort -u)
tierZeroOnly=$(awk '
  /^; Assembly listing for method GenNet\.Benchmarks\.Net[0-9x]+(Baked)?:/ { if ($0 ~ /\((Tier1|FullOpts|Tier0-FullOpts)/) optimised[$6] = 1; else seen[$6] = 1 }
  END { for (m in seen) if (!optimised[m]) print m }' "$tiered" | sort -u)
[ -n "$tierZeroOnly" ] && { echo "Listed at tier 0 only (inlined into their callers, or not called enough to tier up):"; echo "$tierZeroOnly"; }

status=0
if [ -z "$(grep -E '^; Assembly listing for method GenNet\.Benchmarks\.Net' "$tiered")" ]; then
  echo "FAIL: the tiered run listed no generated method; the check cannot be trusted."; status=1
fi
if [ -n "$tieredFindings" ]; then
  echo "FAIL: with tiering on, the code generated methods ended with:"; echo "$tieredFindings"; status=1
fi
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
  echo "OK: every method of the default emission is fully optimised with its helpers inlined, at tier 1 too; the over-unrolled control falls back to MinOpts as expected:"
  echo "$control"
fi
exit "$status"
