#!/usr/bin/env bash
# Fuzzes the protocol core with cargo-fuzz (libFuzzer): every reader of what the Paygate, the ACS
# and the vault send, the card checks and the URL policy. Needs a nightly toolchain, which a fresh
# machine of this kind does not have, so it is not part of `npm test`; proptest covers the same
# readers there. Usage: npm run fuzz [-- SECONDS_PER_TARGET]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: needs a nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
for target in paygate_messages vault_data card_and_url easycredit; do
  mkdir -p "corpus/$target"
  # The documents' own examples are the seeds.
  cp ../../shared/fixtures/*.json ../../shared/fixtures/*.b64* ../../shared/fixtures/*.kv* "corpus/$target/" 2>/dev/null || true
  echo "== fuzz $target for ${seconds}s"
  cargo +nightly fuzz run -O "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=4096
done
