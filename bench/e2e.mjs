// End-to-end timings against the real sandbox on the checkout test page: pay() to result for
// the frictionless card, and for the challenge card with the OTP typed into the ACS page.
import { answerChallenge } from '../tests/e2e/support.mjs';

const FRICTIONLESS = '4111111111111111';
const CHALLENGE = '4000000000001091';

/** Starts a payment in the page; `window.__paid` gets `{ ms, ok, status }` when it ends. */
const start = (page, pan) => page.evaluate((pan) => {
  window.__paid = null;
  const t0 = performance.now();
  window.harness.pay({ card: window.harness.card(pan) }).then((o) => {
    window.__paid = { ms: performance.now() - t0, ok: o.ok, status: o.result?.status, error: o.error?.code };
  });
}, pan);

async function paid(page, pan) {
  await page.waitForFunction(() => window.__paid, null, { timeout: 30000 });
  const o = await page.evaluate(() => window.__paid);
  if (o.status !== 'AUTHORIZED') throw new Error(`${pan}: ${JSON.stringify(o)}`);
  return o.ms;
}

async function frictionless(page) {
  await start(page, FRICTIONLESS);
  return paid(page, FRICTIONLESS);
}

async function challenged(page) {
  await start(page, CHALLENGE);
  await answerChallenge(page, '1234');
  return paid(page, CHALLENGE);
}

/** `{ frictionless: [ms…], challenge: [ms…] }`, `n` payments each, alternating, in one page. */
export async function endToEnd(browser, shop, n) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${shop}/test/checkout.html`);
  await page.waitForFunction(() => window.harness?.ready || window.harness?.startError);
  const times = { frictionless: [], challenge: [] };
  for (let i = 0; i < n; i++) {
    times.frictionless.push(await frictionless(page));
    times.challenge.push(await challenged(page));
  }
  await context.close();
  return times;
}
