#!/usr/bin/env bash
# Builds the package and runs the local sandbox: shop + merchant backend, Paygate and ACS.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cargo build --quiet --release -p paygate-sandbox
exec ./target/release/paygate-sandbox --www www --pkg pkg "$@"
