#!/usr/bin/env bash
# Benchmarks: package size and library-vs-plain-JS timings in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cargo build --quiet -p paygate-sandbox
node bench/run.mjs
