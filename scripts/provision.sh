#!/usr/bin/env bash
# Installs what `npm start` and `npm test` need on a fresh machine; quiet and quick when all is there.
# The rustup target, wasm-pack (compiled from crates.io), Debian's chromium, chromium-driver and
# firefox-esr (the e2e suite's second engine), postgresql (the multi-instance tests start their
# own server), cargo-fuzz when a nightly toolchain is there, and the npm packages of
# package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "provision: $*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >/dev/null
fi

if ! cargo fmt --version >/dev/null 2>&1; then
  say "adding rustfmt (npm test checks the format)"
  rustup component add rustfmt >/dev/null
fi

if ! cargo clippy --version >/dev/null 2>&1; then
  say "adding clippy (npm test lints)"
  rustup component add clippy >/dev/null
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack with cargo (a few minutes, once)"
  cargo install --locked wasm-pack --quiet
fi

# Debian packages: the two browsers of the tests and Chromium's driver (puppeteer-core talks
# WebDriver BiDi to Firefox itself; no browser is downloaded), and PostgreSQL, whose initdb and
# postgres the sandbox's multi-instance tests run in a temporary directory (no service is
# started). (wasm-opt comes from the npm package binaryen: wasm-pack cannot download its own
# here, and Debian's binaryen 108 breaks wasm-bindgen's externref table.)
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian's ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# cargo-fuzz for the fuzz smoke of `npm test`, only where a nightly toolchain is installed (the
# fuzzers need it; without one `npm test` says that it skips them).
if rustup toolchain list 2>/dev/null | grep -q '^nightly' && ! command -v cargo-fuzz >/dev/null 2>&1; then
  say "installing cargo-fuzz with cargo (a few minutes, once)"
  cargo install --locked cargo-fuzz --quiet
fi

# The package build's smaller variant (scripts/wasm-toolchain.sh): rust-src and the wasm target
# for the nightly toolchain, where one is installed. A failure only means the stable build.
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  if ! rustup +nightly component list --installed 2>/dev/null | grep -q '^rust-src'; then
    say "adding rust-src to nightly (the package build rebuilds std for the wasm)"
    rustup component add rust-src --toolchain nightly >/dev/null 2>&1 || say "no rust-src for nightly: stable build"
  fi
  if ! rustup +nightly target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target to nightly"
    rustup target add wasm32-unknown-unknown --toolchain nightly >/dev/null 2>&1 || say "no wasm32 target for nightly: stable build"
  fi
fi

stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
