#!/usr/bin/env bash
# Times what an app's build pays for its networks: the rebuild after touching the file that declares
# them, against the same rebuild of an identical app without networks (issue 28's target: at most 2×).
#
# Both apps are made from benchmarks/build-time/ in a temporary folder: a console app referencing
# GenNet's runtime and generator from this repository (no package needed), with build-time/Networks.cs
# as it is (ten networks) or without its attribute lines (the same ten classes, nothing generated).
# Each app is built once to warm up MSBuild's nodes and the compiler server; then, N times and
# alternating between the apps so that a busy machine slows both alike, Networks.cs is touched and
# `dotnet build --no-restore` timed. Prints each time, the medians and their ratio; then one more
# rebuild of the networks app with -p:ReportAnalyzer=true for the compiler's own generator time, and
# the generated source's size as the compiler wrote it (-p:EmitCompilerGeneratedFiles=true).
#
# Usage: benchmarks/build-time.sh [N]     (N rebuilds of each app, 5 by default; KEEP=1 keeps the apps)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sample="$root/benchmarks/build-time"
runs=${1:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d)
if [ "${KEEP:-0}" = 1 ]; then echo "apps in $work"; else trap 'rm -rf "$work"' EXIT; fi

for app in networks empty; do
  mkdir "$work/$app"
  cp "$sample/BuildTimeApp.csproj" "$sample/Program.cs" "$work/$app/"
  printf '<Project>\n  <PropertyGroup>\n    <GenNetRoot>%s</GenNetRoot>\n  </PropertyGroup>\n</Project>\n' "$root" \
    > "$work/$app/Directory.Build.props"
done
cp "$sample/Networks.cs" "$work/networks/Networks.cs"
grep -v '^\[' "$sample/Networks.cs" > "$work/empty/Networks.cs"

# Builds an app quietly; on failure shows the log and stops.
build() {
  local app=$1; shift
  if ! dotnet build "$work/$app" --no-restore -nologo "$@" > "$work/$app.log" 2>&1; then
    cat "$work/$app.log"; echo "build of the $app app failed"; exit 1
  fi
}

for app in networks empty; do
  dotnet restore "$work/$app" -nologo -v:q > /dev/null
  build "$app" -v:q
done

declare -A times
for ((i = 1; i <= runs; i++)); do
  for app in networks empty; do
    touch "$work/$app/Networks.cs"
    start=$(date +%s%N)
    build "$app" -v:q
    times[$app]+="$(( ($(date +%s%N) - start) / 1000000 )) "
  done
done

# The median of whitespace-separated milliseconds.
median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

with=$(median "${times[networks]}")
without=$(median "${times[empty]}")
echo "rebuilds after touching Networks.cs, $runs each (ms):"
echo "  with the ten networks: ${times[networks]}  median $with"
echo "  without networks:      ${times[empty]}  median $without"
awk -v a="$with" -v b="$without" 'BEGIN { printf "  ratio %.2fx (target <= 2x)\n", a / b }'

# One more rebuild of each app, with the compiler's own timings: the Csc task, every generator and
# GenNet's among them, every analyzer (they read the generated code too).
echo "one more rebuild of each, -p:ReportAnalyzer=true -clp:PerformanceSummary (s):"
for app in networks empty; do
  touch "$work/$app/Networks.cs"
  build "$app" -v:d -p:ReportAnalyzer=true -p:EmitCompilerGeneratedFiles=true -clp:PerformanceSummary
  awk -v app="$app" '
    /^ +[0-9]+ ms +Csc / { csc = $1 / 1000 }
    /Total generator execution time:/ { generators = $(NF - 1) }
    /Total analyzer execution time:/ { analyzers = $(NF - 1) }
    / GenNet\.Generators\.NetworkGenerator$/ { gennet = $1 }
    END { printf "  %-8s Csc task %.2f, generators %s (NetworkGenerator %s), analyzers %s\n", app, csc, generators, gennet, analyzers }' "$work/$app.log"
done
generated=$(find "$work/networks/obj" -path '*generated*' -name '*.g.cs')
echo "generated source: $(cat $generated | wc -l) lines, $(cat $generated | wc -c) bytes in $(wc -w <<< "$generated") files"
