#!/usr/bin/env bash
# Builds the easyCredit (hire purchase) part on its own into pkg-easycredit/, exported as the
# subpath `paygate-wasm/easycredit`: the same crate without its default feature `cards`, so
# card-only shops do not load a byte of it and pkg/ stays as it is. Prints its size, against its
# budget (size-budget.json).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
# wasm-pack runs wasm-opt on every .wasm in its out-dir: the last build's shortened copy
# (scripts/short-imports.mjs, without the target_features section) must not be there.
rm -f target/wasm-pack-easycredit/*.short.*
(
  source scripts/wasm-toolchain.sh
  wasm-pack --quiet build --release --target web --out-dir target/wasm-pack-easycredit --out-name paygate_easycredit \
    --no-pack -- --no-default-features --features easycredit
  echo "$PAYGATE_BUILD_KIND" > target/wasm-pack-easycredit/build-kind
)
node scripts/bundle-easycredit.mjs
node scripts/size.mjs easycredit
