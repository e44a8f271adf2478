// The one way both packages (pkg/ and pkg-easycredit/) turn wasm-pack's glue into their module:
// esbuild, one minified ES module, with wasm-bindgen's copy of js/error.js resolved to the source
// file so each bundle holds that class once.
import { build } from 'esbuild';

const root = new URL('../', import.meta.url).pathname;

/** Bundles `entry` into `outfile`; `glue`, when given, is what the entry's `#glue` import means. */
export function bundleModule(entry, outfile, glue) {
  const resolve = {
    name: 'paygate-glue',
    setup(b) {
      if (glue) b.onResolve({ filter: /^#glue$/ }, () => ({ path: glue }));
      b.onResolve({ filter: /snippets\/paygate-wasm-[^/]+\/js\/error\.js$/ }, () => ({ path: `${root}js/error.js` }));
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
