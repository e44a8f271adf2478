#!/usr/bin/env bash
# Builds the npm package's payload into pkg/ (wasm-pack, release profile, ES module for the web).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision.sh
wasm-pack --quiet build --release --target web --out-dir pkg --no-pack "$@"
node scripts/size.mjs
