// The one way both packages (pkg/ and pkg-easycredit/) turn wasm-pack's glue into their module:
// esbuild, one minified ES module, with the SHA-384 of its wasm baked in (`#wasm-integrity`,
// which js/load.js checks before anything runs). js/error.js (the PaygateError class) stays outside, shipped
// once as pkg/error.js, and both bundles import that file (wasm-bindgen's snippet copy of it
// included), so `err instanceof PaygateError` holds for errors of either subpath.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url).pathname;

/** Writes js/error.js, minified, to `outfile`: the one copy of the class. */
export async function writeErrorModule(outfile) {
  const { code } = await transform(readFileSync(`${root}js/error.js`, 'utf8'), { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
  writeFileSync(outfile, code);
}

/**
 * Writes `dir/<tag>.js`, the module `paygate-wasm/locales/<tag>`: js/locales/<tag>.js, registered
 * with the package entry (`../paygate_wasm.js`, not bundled in) when imported and exported as
 * its default; and `dir/<tag>.d.ts`.
 */
export async function writeLocaleModule(tag, dir) {
  const contents = [
    "import { registerLocale } from '../paygate_wasm.js';",
    `import table from './${tag}.js';`,
    `registerLocale('${tag}', table);`,
    'export default table;',
  ].join('\n');
  await build({
    stdin: { contents, resolveDir: `${root}js/locales`, loader: 'js' },
    outfile: `${dir}${tag}.js`,
    bundle: true,
    plugins: [{
      name: 'paygate-entry',
      setup(b) {
        b.onResolve({ filter: /^\.\.\/paygate_wasm\.js$/ }, (a) => ({ path: a.path, external: true }));
      },
    }],
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  writeFileSync(`${dir}${tag}.d.ts`, [
    `/** The ${tag} texts; importing this module makes \`locale: '${tag}'\` available. */`,
    "declare const texts: import('../paygate_wasm.js').LocaleTexts;",
    'export default texts;',
    '',
  ].join('\n'));
}

/** The Subresource Integrity value (`sha384-…`) of a file's bytes. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * Bundles `entry` into `outfile`: `glue` is what the entry's `#glue` import means, `wasm` the
 * file whose SHA-384 its `#wasm-integrity` import exports as `WASM_INTEGRITY`; `errorModule` is
 * how the bundle imports pkg/error.js from where it lies.
 */
export function bundleModule(entry, outfile, errorModule, glue, wasm) {
  const integrity = JSON.stringify(sri(readFileSync(wasm)));
  const resolve = {
    name: 'paygate-glue',
    setup(b) {
      b.onResolve({ filter: /^#glue$/ }, () => ({ path: glue }));
      b.onResolve({ filter: /^#wasm-integrity$/ }, () => ({ path: 'wasm-integrity', namespace: 'paygate' }));
      b.onLoad({ filter: /.*/, namespace: 'paygate' }, () => ({ contents: `export const WASM_INTEGRITY = ${integrity};`, loader: 'js' }));
      const external = () => ({ path: errorModule, external: true });
      b.onResolve({ filter: /snippets\/paygate-wasm-[^/]+\/js\/error\.js$/ }, external);
      b.onResolve({ filter: /^\.\/error\.js$/ }, external);
    },
  };
  return build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    plugins: [resolve],
    logLevel: 'warning',
  });
}
