#!/usr/bin/env bash
# Every test: format, clippy, ESLint, rustdoc and the repository's own rules, native cargo tests (protocol core and sandbox), a fuzz smoke of every cargo-fuzz
# target (when a nightly toolchain is there), wasm-bindgen tests in headless Chromium, and the
# end-to-end suite (playwright-core driving Debian's Chromium against the sandbox).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/provision.sh

echo "== format: cargo fmt --check"
cargo fmt --all --check

echo "== lint: cargo clippy -D warnings, native and wasm32 (both features)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy --all-targets --target wasm32-unknown-unknown --quiet -- -D warnings
cargo clippy --all-targets --target wasm32-unknown-unknown --no-default-features --features easycredit --quiet -- -D warnings

echo "== lint: eslint (js/, www/, tests/, scripts/, bench/)"
npm run --silent lint:js

echo "== docs: cargo doc --no-deps with warnings denied (native, wasm32, easyCredit)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --target wasm32-unknown-unknown --quiet
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --target wasm32-unknown-unknown --no-default-features --features easycredit --quiet

echo "== repository: standalone, files within 400 lines, fixtures with provenance"
bash scripts/check-repo.sh

echo "== native: cargo test --workspace"
cargo test --workspace --quiet

echo "== fuzz: a short run of every cargo-fuzz target"
if rustup toolchain list | grep -q '^nightly' && command -v cargo-fuzz >/dev/null 2>&1; then
  # 30 s per target (FUZZ_SMOKE_SECONDS), over the committed corpus; new inputs go to a temp directory.
  FUZZ_SMOKE=1 nice bash scripts/fuzz.sh "${FUZZ_SMOKE_SECONDS:-30}"
else
  echo "fuzz: SKIPPED: no nightly toolchain (rustup toolchain install nightly) or no cargo-fuzz;"
  echo "fuzz: the proptest properties of the native tests cover the same readers"
fi

echo "== browser: wasm-pack test --headless --chrome"
CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome

echo "== package: npm run build (fails when a package grew past its budget in size-budget.json)"
bash scripts/build.sh
echo "== size ratchet: no budget left more than its slack above what the build measured"
node scripts/size.mjs --stale

echo "== end to end: node --test tests/e2e"
# target/debug/paygate-sandbox is already built: `cargo test` builds it for the sandbox's own
# integration tests (a second `cargo build` would rebuild it without the dev features).
node --test --test-concurrency=1 tests/e2e/

echo "== consumers: node --test tests/consumers (npm pack, tsc, Vite, webpack, esbuild, no bundler, Node)"
node --test --test-concurrency=1 tests/consumers/
