#!/usr/bin/env bash
# Benchmarks: package size, init() and the hot paths beside plain JS, the sandbox end to end and
# the leak run, in headless Chromium (bench/run.mjs); fails when the leak run left anything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
# The release build of the sandbox: its file server answers as a shop's optimised server would
# (the debug build adds milliseconds to every fetch that init() waits for).
cargo build --quiet --release -p paygate-sandbox
PAYGATE_SANDBOX="$PWD/target/release/paygate-sandbox" node bench/run.mjs
