// Turns wasm-pack's output (target/wasm-pack/) into the package payload (pkg/): one minified ES
// module from js/index.js with the glue inside, the wasm beside it, the hand-written types and
// the stylesheet. Usage: node scripts/bundle.mjs
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

const root = new URL('../', import.meta.url).pathname;
const raw = `${root}target/wasm-pack/`;
const out = `${root}pkg/`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** `#glue` is wasm-pack's glue; its copy of js/error.js is the source file, so there is one class. */
const resolveGlue = {
  name: 'paygate-glue',
  setup(b) {
    b.onResolve({ filter: /^#glue$/ }, () => ({ path: `${raw}paygate_wasm.js` }));
    b.onResolve({ filter: /snippets\/paygate-wasm-[^/]+\/js\/error\.js$/ }, () => ({ path: `${root}js/error.js` }));
  },
};

await build({
  entryPoints: [`${root}js/index.js`],
  outfile: `${out}paygate_wasm.js`,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  plugins: [resolveGlue],
  logLevel: 'warning',
});

copyFileSync(`${raw}paygate_wasm_bg.wasm`, `${out}paygate_wasm_bg.wasm`);
copyFileSync(`${root}js/index.d.ts`, `${out}paygate_wasm.d.ts`);
copyFileSync(`${root}js/wasm.d.ts`, `${out}paygate_wasm_bg.wasm.d.ts`);
copyFileSync(`${root}js/style.css`, `${out}style.css`);
