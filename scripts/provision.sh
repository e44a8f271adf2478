#!/usr/bin/env bash
# Installs what `npm start` and `npm test` need on a fresh machine; quiet and quick when all is there.
# The rustup target, wasm-pack (compiled from crates.io), Debian's chromium, chromium-driver and binaryen,
# and the npm packages of package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "provision: $*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >/dev/null
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack with cargo (a few minutes, once)"
  cargo install --locked wasm-pack --quiet
fi

# Debian packages: the browser and its driver for the tests, binaryen for wasm-opt (wasm-pack
# cannot download its own binaryen here and uses the one on PATH).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v wasm-opt >/dev/null 2>&1 || missing+=(binaryen)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian's ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
