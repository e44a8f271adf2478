// Prints the size of the package payload in pkg/, raw and gzip, and its total against the budget.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_GZIP = 30 * 1024;
const dir = new URL('../pkg/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.wasm') || f.endsWith('.js'));
let raw = 0;
let gz = 0;
const rows = files.map((f) => {
  const bytes = readFileSync(join(dir, f));
  const g = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += g;
  return { file: f, raw: bytes.length, gzip: g };
});
for (const r of rows) console.log(`size: ${r.file.padEnd(24)} ${String(r.raw).padStart(8)} B raw ${String(r.gzip).padStart(7)} B gzip`);
console.log(`size: ${'total'.padEnd(24)} ${String(raw).padStart(8)} B raw ${String(gz).padStart(7)} B gzip (budget ${BUDGET_GZIP} B gzip)`);
if (process.argv.includes('--json')) console.log(JSON.stringify({ files: rows, raw, gzip: gz, budget: BUDGET_GZIP }));
