#!/usr/bin/env bash
# Builds the npm package's payload into pkg/ (wasm-pack, release profile, ES module for the web).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision.sh
# wasm-opt from the npm package binaryen: Debian's binaryen 108 writes a wrong table index for
# wasm-bindgen's externref table export, and init() then fails in WebAssembly.Table.set().
export PATH="$PWD/node_modules/.bin:$PATH"
wasm-pack --quiet build --release --target web --out-dir pkg --no-pack "$@"
# wasm-pack leaves the JS glue unminified: terser takes it from 9.7 KB to 6.4 KB gzip. Exported
# names and class names stay, so `import { PaygateCheckout }` and stack traces read the same.
terser pkg/paygate_wasm.js --module --compress passes=2 --mangle --keep-classnames -o pkg/paygate_wasm.js
node scripts/size.mjs
bash scripts/build-easycredit.sh
