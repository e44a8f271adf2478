#!/usr/bin/env bash
# Fuzzes the protocol core with cargo-fuzz (libFuzzer): every reader of what the Paygate, the ACS
# and the vault send (the message encodings, key=value answers, vault shapes), the card checks and
# the URL policy. Needs a nightly toolchain and cargo-fuzz (scripts/provision.sh installs cargo-fuzz
# when nightly is there).
#
#   npm run fuzz [-- SECONDS_PER_TARGET [TARGET...]]   (default 60 s, every target)
#     grows the committed corpus fuzz/corpus/<target>; minimise it afterwards with
#     (cd fuzz && cargo +nightly fuzz cmin -O -s none <target> corpus/<target>)
#   FUZZ_SMOKE=1 scripts/fuzz.sh 30     (what `npm test` runs) reads the committed corpus and the
#     documents' examples but writes new inputs to a temporary directory, so the tree stays clean.
#
# Safe Rust: no sanitizer (`-s none`, several times the executions of AddressSanitizer), but debug
# assertions on (`-a`), so an integer overflow is a crash. Each target ends with libFuzzer's
# "Done N runs in S second(s)" line; the README records the counts.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
shift || true
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: needs a nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
seeds=()
# The documents' examples seed every target (tests/fixtures).
seeds+=("../tests/fixtures")
scratch=""
trap '[ -n "$scratch" ] && rm -rf "$scratch"' EXIT
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  if [ -n "${FUZZ_SMOKE:-}" ]; then
    scratch="$(mktemp -d)"
    dirs=("$scratch" "corpus/$target" "${seeds[@]}")
  else
    dirs=("corpus/$target" "${seeds[@]}")
  fi
  echo "== fuzz $target for ${seconds}s"
  mkdir -p target
  log="target/$target.log"
  status=0
  cargo +nightly fuzz run -O -a -s none "$target" "${dirs[@]}" -- \
    -max_total_time="$seconds" -max_len=4096 >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2
    echo "fuzz: $target FAILED (exit $status; the input is in fuzz/artifacts/$target, the log in fuzz/$log)" >&2
    exit 1
  fi
  grep -E '^Done [0-9]+ runs' "$log" | sed "s/^/fuzz: $target: /"
  if [ -n "$scratch" ]; then rm -rf "$scratch"; scratch=""; fi
done
