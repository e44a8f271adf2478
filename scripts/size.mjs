// Prints the size of the package payload in pkg/, raw and gzip, and its total against the budget.
// `measure()` gives the same figures to other scripts (bench/run.mjs).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_GZIP = 30 * 1024;
const dir = new URL('../pkg/', import.meta.url).pathname;

/** `{ files: [{ file, raw, gzip }], raw, gzip, budget }` for the .wasm and .js files in pkg/. */
export function measure() {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.wasm') || f.endsWith('.js'))
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
  const sum = (key) => files.reduce((n, r) => n + r[key], 0);
  return { files, raw: sum('raw'), gzip: sum('gzip'), budget: BUDGET_GZIP };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const size = measure();
  for (const r of size.files) console.log(`size: ${r.file.padEnd(24)} ${String(r.raw).padStart(8)} B raw ${String(r.gzip).padStart(7)} B gzip`);
  console.log(`size: ${'total'.padEnd(24)} ${String(size.raw).padStart(8)} B raw ${String(size.gzip).padStart(7)} B gzip (budget ${size.budget} B gzip)`);
}
