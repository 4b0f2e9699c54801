#!/bin/sh
# Copies onnxruntime-web (the version package-lock.json pins, from the npm registry) into
# wwwroot/onnxruntime/, where the page's speed panel loads it: the WebAssembly build only (one
# script, its module and its .wasm). Run once before `dotnet run` or `dotnet publish`; the
# browser test runs it itself. Without it the page works and the panel says the files are missing.
set -eu
cd "$(dirname "$0")"
target=wwwroot/onnxruntime
dist=node_modules/onnxruntime-web/dist
if [ ! -f "$dist/ort.wasm.min.js" ] || ! cmp -s package-lock.json node_modules/.package-lock.json.copy 2>/dev/null; then
    npm ci --no-audit --no-fund --ignore-scripts
    cp package-lock.json node_modules/.package-lock.json.copy
fi
mkdir -p "$target"
for file in ort.wasm.min.js ort-wasm-simd-threaded.mjs ort-wasm-simd-threaded.wasm; do
    cmp -s "$dist/$file" "$target/$file" || cp "$dist/$file" "$target/$file"
done
