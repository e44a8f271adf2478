// Runs the benchmarks: package size (raw and gzip) and, in one headless Chromium run against the
// sandbox, each library operation beside its plain-JavaScript baseline. Writes bench-results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { startSandbox, launchBrowser } from '../tests/e2e/support.mjs';
import { measure } from '../scripts/size.mjs';

const size = measure();

const sandbox = await startSandbox();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${sandbox.shop}/test/bench.html`);
  await page.waitForFunction(() => window.__bench, null, { timeout: 240000 });
  const bench = await page.evaluate(() => window.__bench);
  const report = { date: new Date().toISOString(), chromium: browser.version(), size, ...bench };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/bench.json', JSON.stringify(report, null, 2));
  console.log(`package: ${size.raw} B raw, ${size.gzip} B gzip (budget ${size.budget} B gzip)`);
  console.log(`init(): ${bench.init_ms.toFixed(2)} ms`);
  for (const r of bench.results) {
    const span = ([a, b]) => `${a.toFixed(2)}–${b.toFixed(2)}`;
    console.log(`${r.name.padEnd(40)} library ${r.library_ms.toFixed(3).padStart(8)} ms (p10–p90 ${span(r.library_p10_p90)})   plain JS ${r.baseline_ms.toFixed(3).padStart(8)} ms (${span(r.baseline_p10_p90)})   ratio ${r.ratio.toFixed(2)} (median of ${r.iterations})`);
  }
} finally {
  await browser.close();
  await sandbox.stop();
}
