// Turns wasm-pack's output (target/wasm-pack/) into the package payload (pkg/): one minified ES
// module from js/index.js with the glue inside, the wasm beside it, the hand-written types, the
// stylesheet, integrity.json (the SRI hashes of the .js, .wasm and .css files) and one module per
// locale that is not in the entry (pkg/locales/<tag>.js: registers its table when imported).
// Usage: node scripts/bundle.mjs
import { bundleModule, writeErrorModule, writeLocaleModule } from './esm-bundle.mjs';
import { writeIntegrity } from './integrity.mjs';
import { shortCopy } from './short-imports.mjs';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const root = new URL('../', import.meta.url).pathname;
const raw = `${root}target/wasm-pack/`;
const out = `${root}pkg/`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const short = shortCopy(raw, 'paygate_wasm');
await bundleModule(`${root}js/index.js`, `${out}paygate_wasm.js`, './error.js', short.glue, short.wasm);
await writeErrorModule(`${out}error.js`);

copyFileSync(short.wasm, `${out}paygate_wasm_bg.wasm`);
copyFileSync(`${root}js/index.d.ts`, `${out}paygate_wasm.d.ts`);
copyFileSync(`${root}js/wasm.d.ts`, `${out}paygate_wasm_bg.wasm.d.ts`);
copyFileSync(`${root}js/style.css`, `${out}style.css`);
mkdirSync(`${out}locales`);
for (const tag of ['fr', 'it', 'es', 'nl', 'pl']) {
  await writeLocaleModule(tag, `${out}locales/`);
  // Not in the package's size total: a page pays for a locale only when it imports it.
  const gzip = gzipSync(readFileSync(`${out}locales/${tag}.js`), { level: 9 }).length;
  console.log(`size: locales/${tag}.js ${String(gzip).padStart(7)} B gzip (only where imported)`);
}
writeIntegrity(out);
