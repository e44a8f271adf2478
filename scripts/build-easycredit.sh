#!/usr/bin/env bash
# Builds the easyCredit (hire purchase) part on its own into pkg-easycredit/, exported as the
# subpath `paygate-wasm/easycredit`: the same crate without its default feature `cards`, so
# card-only shops do not load a byte of it and pkg/ stays as it is. Prints its size.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
wasm-pack --quiet build --release --target web --out-dir pkg-easycredit --out-name paygate_easycredit --no-pack \
  -- --no-default-features --features easycredit
terser pkg-easycredit/paygate_easycredit.js --module --compress passes=2 --mangle --keep-classnames \
  -o pkg-easycredit/paygate_easycredit.js
node --input-type=module -e '
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
let raw = 0, gz = 0;
for (const f of ["paygate_easycredit_bg.wasm", "paygate_easycredit.js"]) {
  const b = readFileSync(`pkg-easycredit/${f}`);
  const g = gzipSync(b, { level: 9 }).length;
  raw += b.length; gz += g;
  console.log(`size: easycredit ${f.padEnd(28)} ${String(b.length).padStart(8)} B raw ${String(g).padStart(7)} B gzip`);
}
console.log(`size: easycredit ${"total".padEnd(28)} ${String(raw).padStart(8)} B raw ${String(gz).padStart(7)} B gzip`);
'
