// Turns wasm-pack's easyCredit output (target/wasm-pack-easycredit/) into pkg-easycredit/, the
// payload of the subpath `paygate-wasm/easycredit`: one minified ES module from js/easycredit.js
// with wasm-bindgen's glue inside (its js/error.js snippet is pkg/error.js, as scripts/bundle.mjs
// does), the wasm beside it, wasm-bindgen's types cleaned for tsc --strict and integrity.json.
// Usage: node scripts/bundle-easycredit.mjs (scripts/size.mjs easycredit prints the size)
import { bundleModule } from './esm-bundle.mjs';
import { writeIntegrity } from './integrity.mjs';
import { shortCopy } from './short-imports.mjs';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url).pathname;
const raw = `${root}target/wasm-pack-easycredit/`;
const out = `${root}pkg-easycredit/`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const short = shortCopy(raw, 'paygate_easycredit');
await bundleModule(`${root}js/easycredit.js`, `${out}paygate_easycredit.js`, '../pkg/error.js', short.glue, short.wasm);

copyFileSync(short.wasm, `${out}paygate_easycredit_bg.wasm`);
// The wasm file's own declaration, as for pkg/: its URL, for bundlers that emit `.wasm` imports.
copyFileSync(`${root}js/wasm.d.ts`, `${out}paygate_easycredit_bg.wasm.d.ts`);
// wasm-bindgen's declarations with what breaks a consumer's `tsc --strict` under the default lib
// taken out: `[Symbol.dispose]` (TS2550 without esnext.disposable) and the raw wasm exports of
// `InitOutput`, typed `any`; and what js/easycredit.js does not offer: `initSync` (its bytes
// could not be checked synchronously) and a compiled `WebAssembly.Module` as init()'s input.
const types = readFileSync(`${raw}paygate_easycredit.d.ts`, 'utf8')
  .split('\n').filter((l) => !l.includes('[Symbol.dispose]')).join('\n')
  .replace('options: EasyCreditCheckOptions)', 'options?: EasyCreditCheckOptions)')
  .replace(/export interface InitOutput \{[^}]*\}/, 'export interface InitOutput {\n  readonly memory: WebAssembly.Memory;\n}')
  .replace(/export type SyncInitInput[\s\S]*?export function initSync\([^;]*;\n/, '')
  .replace('export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;', 'export type InitInput = RequestInfo | URL | Response | BufferSource;')
  .replace(/\/\*\*\n \* If `module_or_path` is[\s\S]*?\*\/\n(?=export default)/, `/**
 * Loads and instantiates the easyCredit WebAssembly; await it once before anything else. Only the
 * wasm this module was built with runs (its SHA-384 is checked): a changed file rejects with a
 * \`PaygateError\` \`init_failed\` (\`detail\` \`integrity\`).
 */
`);
for (const gone of ['initSync', 'WebAssembly.Module', 'If `module_or_path`']) {
  if (types.includes(gone)) throw new Error(`pkg-easycredit types still mention ${gone}`);
}
if (/\bany\b/.test(types.replace(/\/\*[\s\S]*?\*\//g, ''))) throw new Error('pkg-easycredit types still say `any`');
writeFileSync(`${out}paygate_easycredit.d.ts`, types);
writeIntegrity(out);
