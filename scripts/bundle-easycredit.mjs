// Turns wasm-pack's easyCredit output (target/wasm-pack-easycredit/) into pkg-easycredit/, the
// payload of the subpath `paygate-wasm/easycredit`: one minified ES module with wasm-bindgen's
// glue and its js/error.js snippet inside (from the source file, as scripts/bundle.mjs does),
// the wasm beside it, and wasm-bindgen's types cleaned for tsc --strict. Prints the size. Usage: node scripts/bundle-easycredit.mjs
import { bundleModule } from './esm-bundle.mjs';
import { shortCopy } from './short-imports.mjs';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('../', import.meta.url).pathname;
const raw = `${root}target/wasm-pack-easycredit/`;
const out = `${root}pkg-easycredit/`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const short = shortCopy(raw, 'paygate_easycredit');
await bundleModule(short.glue, `${out}paygate_easycredit.js`, '../pkg/error.js');

copyFileSync(short.wasm, `${out}paygate_easycredit_bg.wasm`);
// The wasm file's own declaration, as for pkg/: its URL, for bundlers that emit `.wasm` imports.
copyFileSync(`${root}js/wasm.d.ts`, `${out}paygate_easycredit_bg.wasm.d.ts`);
// wasm-bindgen's declarations with what breaks a consumer's `tsc --strict` under the default lib
// taken out: `[Symbol.dispose]` (TS2550 without esnext.disposable) and the raw wasm exports of
// `InitOutput`, typed `any`.
const types = readFileSync(`${raw}paygate_easycredit.d.ts`, 'utf8')
  .split('\n').filter((l) => !l.includes('[Symbol.dispose]')).join('\n')
  .replace('options: EasyCreditCheckOptions)', 'options?: EasyCreditCheckOptions)')
  .replace(/export interface InitOutput \{[^}]*\}/, 'export interface InitOutput {\n  readonly memory: WebAssembly.Memory;\n}');
if (/\bany\b/.test(types.replace(/\/\*[\s\S]*?\*\//g, ''))) throw new Error('pkg-easycredit types still say `any`');
writeFileSync(`${out}paygate_easycredit.d.ts`, types);

let rawSum = 0;
let gzSum = 0;
for (const f of ['paygate_easycredit_bg.wasm', 'paygate_easycredit.js']) {
  const bytes = readFileSync(`${out}${f}`);
  const gz = gzipSync(bytes, { level: 9 }).length;
  rawSum += bytes.length;
  gzSum += gz;
  console.log(`size: easycredit ${f.padEnd(28)} ${String(bytes.length).padStart(8)} B raw ${String(gz).padStart(7)} B gzip`);
}
console.log(`size: easycredit ${'total'.padEnd(28)} ${String(rawSum).padStart(8)} B raw ${String(gzSum).padStart(7)} B gzip`);
