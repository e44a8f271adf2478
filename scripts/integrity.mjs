// Writes `integrity.json` into a package directory (pkg/, pkg-easycredit/): the Subresource
// Integrity value (`sha384-…`) of every .js, .wasm and .css file in it (and in its locales/), by
// file name (`locales/fr.js`), for
// merchants to pin the files (`integrity` attributes, import maps) and to watch them (PCI DSS
// 6.4.3 / 11.6.1). tests/consumers/ checks it against the packed tarball.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { sri } from './esm-bundle.mjs';

/** The file names that integrity.json lists. */
export const pinned = (name) => /\.(js|wasm|css)$/.test(name);

/** Writes `dir`/integrity.json and returns what it holds. */
export function writeIntegrity(dir) {
  const hashes = {};
  const locales = existsSync(`${dir}locales`) ? readdirSync(`${dir}locales`).map((n) => `locales/${n}`) : [];
  for (const name of [...readdirSync(dir), ...locales].filter(pinned).sort()) hashes[name] = sri(readFileSync(`${dir}${name}`));
  writeFileSync(`${dir}integrity.json`, `${JSON.stringify(hashes, null, 2)}\n`);
  return hashes;
}
