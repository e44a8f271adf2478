// The one way both packages (pkg/ and pkg-easycredit/) turn wasm-pack's glue into their module:
// esbuild, one minified ES module. js/error.js (the PaygateError class) stays outside, shipped
// once as pkg/error.js, and both bundles import that file (wasm-bindgen's snippet copy of it
// included), so `err instanceof PaygateError` holds for errors of either subpath.
import { build, transform } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url).pathname;

/** Writes js/error.js, minified, to `outfile`: the one copy of the class. */
export async function writeErrorModule(outfile) {
  const { code } = await transform(readFileSync(`${root}js/error.js`, 'utf8'), { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
  writeFileSync(outfile, code);
}

/**
 * Bundles `entry` into `outfile`; `glue`, when given, is what the entry's `#glue` import means;
 * `errorModule` is how the bundle imports pkg/error.js from where it lies.
 */
export function bundleModule(entry, outfile, errorModule, glue) {
  const resolve = {
    name: 'paygate-glue',
    setup(b) {
      if (glue) b.onResolve({ filter: /^#glue$/ }, () => ({ path: glue }));
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
