#!/usr/bin/env bash
# Benchmarks: package size, init() and the hot paths beside plain JS, the sandbox end to end and
# the leak run, in headless Chromium (bench/run.mjs); fails when the leak run left anything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cargo build --quiet -p paygate-sandbox
node bench/run.mjs
