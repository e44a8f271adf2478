// `npm run bench`: the package size, then in one headless Chromium run against the sandbox:
// init() over page loads (warm and cold), each library operation beside its plain-JavaScript baseline
// (www/test/bench.js), the sandbox end to end, and the leak run (www/test/leak.js).
// Writes bench-results/bench.json; exits non-zero when the leak run left anything behind.
import { mkdirSync, writeFileSync } from 'node:fs';
import { startSandbox, launchBrowser } from '../tests/e2e/support.mjs';
import { measure } from '../scripts/size.mjs';
import { endToEnd } from './e2e.mjs';

// Counts can be lowered for a quick look, e.g. BENCH_ITERATIONS=20 BENCH_LEAK_FLOWS=100.
const count = (name, fallback) => Number(process.env[name] || fallback);
const ITERATIONS = count('BENCH_ITERATIONS', 200);
// init() runs once per page, so it is timed over page loads; 200 take about half a minute here.
const INIT_LOADS = count('BENCH_INIT_LOADS', 200);
// Cold loads each open a new browser context (empty cache), which takes longer.
const INIT_COLD_LOADS = count('BENCH_INIT_COLD_LOADS', 50);
const E2E_PAYMENTS = count('BENCH_E2E_PAYMENTS', 10);
const LEAK_FLOWS = count('BENCH_LEAK_FLOWS', 1000);
const MAX_WASM_GROWTH = 1024 * 1024;

const quantile = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const stats = (xs) => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95) });
const ms = (x) => x.toFixed(x < 1 ? 3 : 2);
const show = (s) => `${ms(s.median).padStart(8)} ms (p95 ${ms(s.p95)})`;

async function pageResult(browser, url, key, timeout) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.waitForFunction((k) => window[k], key, { timeout, polling: 500 });
  const out = await page.evaluate((k) => window[k], key);
  await page.close();
  return out;
}

/**
 * init() over page loads. Warm: one page reloaded, as a returning customer's browser does: the
 * package is revalidated (the server answers 304 to its ETag) and Chromium may reuse the wasm it
 * compiled before. Cold: every load in a new browser context, with an empty HTTP cache and no
 * compiled code: the first visit.
 */
async function initLoads(browser, url, loads, cold) {
  const times = [];
  let context = cold ? null : await browser.newContext();
  let page = cold ? null : await context.newPage();
  for (let i = 0; i < loads; i++) {
    if (cold) {
      context = await browser.newContext();
      page = await context.newPage();
    }
    await page.goto(url);
    times.push(await page.waitForFunction(() => window.__init).then((h) => h.jsonValue()));
    if (cold) await context.close();
  }
  if (!cold) await context.close();
  return times;
}

function summarize({ name, iterations, library, baseline }) {
  const l = stats(library);
  const b = stats(baseline);
  // above_floor_ms: what the library adds to the hand-written baseline, the no-library floor.
  return { name, iterations, library_ms: l, baseline_ms: b, ratio: l.median / b.median, above_floor_ms: l.median - b.median };
}

function leaksLeft(leak) {
  if (leak.error) return [leak.error];
  const kinds = ['iframes', 'forms', 'listeners', 'timers'];
  const left = kinds.filter((k) => leak[k] !== 0).map((k) => `${k}: ${leak[k]}`);
  // Nothing may wait for the settle time either: a stopped payment clears its timers at once.
  const early = leak.left_right_after_last_flow || {};
  left.push(...kinds.filter((k) => early[k]).map((k) => `${k} right after the last flow: ${early[k]}`));
  if (leak.wasm_memory_growth_bytes >= MAX_WASM_GROWTH) left.push(`wasm memory grew ${leak.wasm_memory_growth_bytes} B`);
  return left;
}

function print(report) {
  const { size } = report;
  console.log(`package: ${size.raw} B raw, ${size.gzip} B gzip (${size.files.map((f) => `${f.file} ${f.gzip}`).join(', ')})`);
  console.log(`init():  ${show(report.init_ms)}  warm, over ${INIT_LOADS} reloads of one page, first load ${ms(report.init_first_load_ms)} ms`);
  console.log(`init():  ${show(report.init_cold_ms)}  cold, over ${INIT_COLD_LOADS} loads each in a new browser context`);
  for (const r of report.results) {
    console.log(`${r.name.padEnd(20)} library ${show(r.library_ms)}   plain JS ${show(r.baseline_ms)}   ratio ${r.ratio.toFixed(2)}   above the floor ${ms(r.above_floor_ms)} ms`);
  }
  for (const [k, s] of Object.entries(report.e2e_ms)) console.log(`sandbox end to end, ${k.padEnd(12)} ${show(s)} (${E2E_PAYMENTS} payments)`);
  console.log(`leak run: ${JSON.stringify(report.leak)}`);
}

const sandbox = await startSandbox();
const browser = await launchBrowser();
let left;
try {
  const initUrl = `${sandbox.shop}/test/bench_init.html`;
  const initTimes = await initLoads(browser, initUrl, INIT_LOADS, false);
  const initCold = await initLoads(browser, initUrl, INIT_COLD_LOADS, true);
  const bench = await pageResult(browser, `${sandbox.shop}/test/bench.html?iterations=${ITERATIONS}`, '__bench', 600000);
  const e2e = await endToEnd(browser, sandbox.shop, E2E_PAYMENTS);
  const leak = await pageResult(browser, `${sandbox.shop}/test/leak.html?flows=${LEAK_FLOWS}`, '__leak', 600000);
  const report = {
    date: new Date().toISOString(), chromium: browser.version(),
    size: measure(),
    init_ms: stats(initTimes), init_first_load_ms: initTimes[0], init_loads: INIT_LOADS,
    init_cold_ms: stats(initCold), init_cold_loads: INIT_COLD_LOADS,
    results: bench.results.map(summarize),
    e2e_ms: { frictionless: stats(e2e.frictionless), challenge: stats(e2e.challenge) }, e2e_payments: E2E_PAYMENTS,
    leak,
  };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/bench.json', `${JSON.stringify(report, null, 2)}\n`);
  print(report);
  left = leaksLeft(leak);
} finally {
  await browser.close();
  await sandbox.stop();
}
if (left.length) {
  console.error(`LEAK: after ${LEAK_FLOWS} payments the page still has ${left.join(', ')} (bench-results/bench.json, leak)`);
  process.exit(1);
}
