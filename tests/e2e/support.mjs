// Shared pieces of the end-to-end suite: the sandbox on free ports and Debian's Chromium.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, readFileSync } from 'node:fs';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const root = new URL('../../', import.meta.url).pathname;

/**
 * Debian's Chromium and its flags on this machine (no sandbox as root, no background network),
 * read from webdriver.json, which `wasm-pack test` hands to chromedriver: one list for both.
 */
const chrome = JSON.parse(readFileSync(`${root}webdriver.json`, 'utf8'))['goog:chromeOptions'];
const chromiumArgs = chrome.args.filter((a) => !a.startsWith('--headless'));

/**
 * Starts `paygate-sandbox --ports 0` and resolves with `{ shop, paygate, acs, stop }`.
 * Extra command-line arguments (e.g. `['--method-timeout-ms', '1500']`) are passed through.
 * With PAYGATE_E2E_TWO_INSTANCES set, `shop` is instead a balancer in front of two backend
 * instances on PostgreSQL (two_instances.test.mjs, which sets it for the suites it reruns).
 */
export async function startSandbox(extraArgs = []) {
  if (process.env.PAYGATE_E2E_TWO_INSTANCES) return (await import('./two_instances.test.mjs')).startTwoInstances(extraArgs);
  // PAYGATE_SANDBOX picks the binary (the benchmarks use the release build, as a shop's server is).
  const bin = [process.env.PAYGATE_SANDBOX, `${root}target/debug/paygate-sandbox`, `${root}target/release/paygate-sandbox`]
    .filter(Boolean).find(existsSync);
  if (!bin) throw new Error('paygate-sandbox is not built: cargo build -p paygate-sandbox');
  const child = spawn(bin, ['--ports', '0', '--www', `${root}www`, '--pkg', `${root}pkg`, ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = [];
  child.stderr.on('data', (d) => logs.push(String(d)));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${logs.join('')}`)), 20000);
    lines.once('line', (line) => { clearTimeout(timer); resolve(line); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`sandbox exited ${code}: ${logs.join('')}`)); });
  });
  const urls = JSON.parse(first);
  return {
    ...urls,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/**
 * Starts the sandbox and Chromium before the calling file's tests and stops both after them.
 * The returned object's `sandbox` and `browser` are set once `before` has run. `launch` starts
 * another browser instead (firefox_support.mjs's launchFirefox); its result needs a close().
 */
export function useSandbox(extraArgs = [], launch = launchBrowser) {
  const env = { sandbox: null, browser: null };
  before(async () => {
    env.sandbox = await startSandbox(extraArgs);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.sandbox?.stop();
  });
  return env;
}

/**
 * Types `otp` into the ACS challenge page in the checkout's challenge frame (under `scope`) and
 * submits it; waits up to 30 s for the page.
 */
export async function answerChallenge(page, otp = '1234', scope = '') {
  const frame = page.frameLocator(`${scope} iframe[name^="paygate-challenge"]`.trim()).last();
  await frame.locator('input[name=otp]').fill(otp, { timeout: 30000 });
  await frame.getByRole('button', { name: 'Submit' }).click();
}

/** Launches Debian's Chromium headless through playwright-core. */
export function launchBrowser() {
  return chromium.launch({ executablePath: chrome.binary, headless: true, args: chromiumArgs });
}

/**
 * Records every console line, page error and request URL of a page, so tests can prove that no
 * card number or security code leaked.
 */
export function recordPage(page) {
  const seen = { console: [], errors: [], urls: [] };
  page.on('console', (m) => seen.console.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('request', (r) => seen.urls.push(r.url()));
  return seen;
}

/** A page in a fresh context (own session cookie) on `url`, once the page says it is ready. */
export async function openReady(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  return { context, page };
}
