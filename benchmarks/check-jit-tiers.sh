#!/usr/bin/env bash
# Checks that no generated method is compiled with minimal optimisation (MinOpts), which RyuJIT
# falls back to for methods past its limits on IL size, basic blocks and locals.
#
# Tiered compilation is turned off so every method is compiled fully optimised at once, as it
# would be in a long-running app; a method too large for that shows up as MinOpts. The benchmark
# network Net16x32x16x1Unrolled is unrolled on purpose past the default limit: it is the control,
# and it must show MinOpts, or this check is not seeing what it claims to.
# Usage: benchmarks/check-jit-tiers.sh     (exit 1 on a MinOpts method, or a control that shows none)
set -euo pipefail
cd "$(dirname "$0")/.."
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
DOTNET_JitStdOutFile="$summary" DOTNET_JitDisasmSummary=1 DOTNET_TieredCompilation=0 \
  dotnet run -c Release --project benchmarks/GenNet.Benchmarks -- --filter '*' --job dry --inProcess > /dev/null

# Lines look like: "  12: JIT compiled GenNet.Benchmarks.Net2x4x1:Forward(...) [FullOpts, IL size=..., code size=...]"
generated=$(grep -E "JIT compiled GenNet\.Benchmarks\.Net[0-9x]+(Loops|Unrolled)?:" "$summary" \
  | sed -E 's/.*GenNet\.Benchmarks\.(Net[0-9A-Za-z]+:[A-Za-z0-9_]+)\(.*\[([^,]*),.*IL size=([0-9]+).*/\1  \2  IL \3/' | sort -u)
echo "$generated"
control=$(echo "$generated" | grep -E "^Net16x32x16x1Unrolled:" | grep -i "minopts" || true)
offenders=$(echo "$generated" | grep -vE "^Net16x32x16x1Unrolled:" | grep -i "minopts" || true)
if [ -z "$control" ]; then
  echo "FAIL: the over-unrolled control shows no MinOpts method; the check cannot be trusted."; exit 1
fi
if [ -n "$offenders" ]; then
  echo "FAIL: generated methods compiled with MinOpts:"; echo "$offenders"; exit 1
fi
echo "OK: every method of the default emission is fully optimised; the over-unrolled control falls back to MinOpts as expected:"
echo "$control"
