#!/usr/bin/env bash
# Builds the npm package's payload into pkg/: wasm-pack (release profile, web target) into
# target/wasm-pack/, then scripts/bundle.mjs makes pkg/ from it (one minified ES module from
# js/index.js with the glue inside, the wasm, the hand-written types, the stylesheet).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision.sh
# wasm-opt from the npm package binaryen: Debian's binaryen 108 writes a wrong table index for
# wasm-bindgen's externref table export, and init() then fails in WebAssembly.Table.set().
export PATH="$PWD/node_modules/.bin:$PATH"
# wasm-pack runs wasm-opt on every .wasm in its out-dir: the last build's shortened copy
# (scripts/short-imports.mjs, without the target_features section) must not be there.
rm -f target/wasm-pack/*.short.*
(
  source scripts/wasm-toolchain.sh
  wasm-pack --quiet build --release --target web --out-dir target/wasm-pack --no-pack --no-typescript "$@"
  echo "$PAYGATE_BUILD_KIND" > target/wasm-pack/build-kind
)
node scripts/bundle.mjs
# The size ratchet: fails when the package grew past its budget (size-budget.json).
node scripts/size.mjs card
bash scripts/build-easycredit.sh
