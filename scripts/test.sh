#!/usr/bin/env bash
# Every test: native cargo tests (protocol core and sandbox), wasm-bindgen tests in headless
# Chromium, and the end-to-end suite (playwright-core driving Debian's Chromium against the sandbox).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision.sh

echo "== native: cargo test --workspace"
cargo test --workspace --quiet

echo "== browser: wasm-pack test --headless --chrome"
CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome

echo "== package: npm run build"
bash scripts/build.sh

echo "== end to end: node --test tests/e2e"
# target/debug/paygate-sandbox is already built: `cargo test` builds it for the sandbox's own
# integration tests (a second `cargo build` would rebuild it without the dev features).
node --test --test-concurrency=1 tests/e2e/

echo "== consumers: node --test tests/consumers (npm pack, tsc, Vite, webpack, esbuild, no bundler, Node)"
node --test --test-concurrency=1 tests/consumers/
