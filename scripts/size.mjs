// The size ratchet. Prints the size of a package payload, raw and gzip -9, and fails when its
// gzip total is over the committed budget in size-budget.json for the toolchain that built it
// (scripts/wasm-toolchain.sh records it as target/<build dir>/build-kind).
//   node scripts/size.mjs card|easycredit   print, fail above the budget (the builds run this)
//   node scripts/size.mjs --stale           fail when a package is more than `slack` under its
//                                           budget: lower the budget in the commit that shrank it
//                                           (nightly builds, the reference; the stable budget is
//                                           a ceiling, lowered when the stable build is measured)
// `measure()` gives the same figures to other scripts (bench/run.mjs).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url).pathname;
/** Each package: its directory, the build directory that records the toolchain, its files. */
const PACKAGES = {
  // Every .js and .wasm at the top of pkg/: the entry, the module it imports and the wasm.
  card: { dir: 'pkg/', build: 'target/wasm-pack/', files: (f) => f.endsWith('.wasm') || f.endsWith('.js') },
  easycredit: {
    dir: 'pkg-easycredit/',
    build: 'target/wasm-pack-easycredit/',
    files: (f) => f === 'paygate_easycredit_bg.wasm' || f === 'paygate_easycredit.js',
  },
};

/** The build whose budgets follow every shrinking step (scripts/wasm-toolchain.sh). */
const REFERENCE = 'nightly';

const budgets = () => JSON.parse(readFileSync(join(root, 'size-budget.json'), 'utf8'));
const kindOf = (pkg) => readFileSync(join(root, PACKAGES[pkg].build, 'build-kind'), 'utf8').trim();

/** `{ files: [{ file, raw, gzip }], raw, gzip, budget, kind }` of a package (`card` by default). */
export function measure(pkg = 'card') {
  const { dir, files: pick } = PACKAGES[pkg];
  const files = readdirSync(join(root, dir))
    .filter(pick)
    .sort()
    .map((file) => {
      const bytes = readFileSync(join(root, dir, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
  const sum = (key) => files.reduce((n, r) => n + r[key], 0);
  const kind = kindOf(pkg);
  return { files, raw: sum('raw'), gzip: sum('gzip'), budget: budgets()[pkg][kind], kind };
}

const num = (n) => String(n).padStart(8);

function report(pkg) {
  const size = measure(pkg);
  for (const r of size.files) console.log(`size: ${pkg} ${r.file.padEnd(28)} ${num(r.raw)} B raw ${num(r.gzip)} B gzip`);
  console.log(`size: ${pkg} ${'total'.padEnd(28)} ${num(size.raw)} B raw ${num(size.gzip)} B gzip (budget ${size.budget} B, ${size.kind} build)`);
  if (!(size.gzip <= size.budget)) {
    console.error(`size: the ${pkg} package grew past its budget: ${size.gzip} B gzip > ${size.budget} B (${size.kind} build, size-budget.json). Find what grew (CONTRIBUTING.md, "The build") or, if it earns its bytes, raise the budget in the same commit and say why.`);
    process.exitCode = 1;
  }
}

function stale() {
  const { slack } = budgets();
  for (const pkg of Object.keys(PACKAGES)) {
    const size = measure(pkg);
    if (size.kind !== REFERENCE) {
      console.log(`size: ${pkg} ${size.gzip} B gzip (${size.kind} build): its budget ${size.budget} B is a ceiling only`);
    } else if (size.gzip < size.budget - slack) {
      console.error(`size: the ${pkg} package is ${size.gzip} B gzip, more than ${slack} B under its budget ${size.budget} B (${size.kind} build): lower "${pkg}.${size.kind}" in size-budget.json to ${size.gzip} in the commit that shrank it.`);
      process.exitCode = 1;
    } else {
      console.log(`size: ${pkg} ${size.gzip} B gzip within ${slack} B of its budget ${size.budget} B (${size.kind} build)`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2];
  if (arg === '--stale') stale();
  else if (arg in PACKAGES) report(arg);
  else {
    console.error('usage: node scripts/size.mjs card|easycredit|--stale');
    process.exitCode = 2;
  }
}
