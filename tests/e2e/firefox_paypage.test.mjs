// The corporate PayPage template (www/paypage/) in Firefox ESR under its strict
// Content-Security-Policy, paid as cards_paypage.test.mjs pays it in Chromium: the preselected
// stored card, then a new card of every kind; no CSP violation, no page error, nothing leaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox } from './support.mjs';
import { leakSurface, assertNoLeak } from './cards_support.mjs';
import { launchFirefox, openPage, typeInto, clickRadio, result, answer, CARDS, cvcFor } from './firefox_support.mjs';

const env = useSandbox(['--method-timeout-ms', '1200'], launchFirefox);

/** Records every `securitypolicyviolation` of the page's documents in `window.__csp`. */
const recordCsp = (page) => page.evaluateOnNewDocument(() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
});

async function pay(page) {
  await (await page.waitForSelector('#pp-pay:not([disabled])')).click();
}

test('Firefox, PayPage under its strict CSP: the stored card and a new card of every kind pay; no violation', async (t) => {
  const { context, page, seen } = await openPage(env.browser, recordCsp);
  const response = await page.goto(`${env.sandbox.shop}/paypage/`);
  const csp = response.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /style-src 'self'/);
  await page.waitForSelector('body[data-ready]', { timeout: 20000 });
  assert.equal(await page.$eval('body', (b) => b.dataset.ready), 'true', await page.$eval('#pp-result', (r) => r.textContent));

  // The stored card (preselected, VISA …1111): the security code only.
  const checked = await page.$eval('#pp-saved [role=radio][aria-checked=true] .pgw-option-label', (l) => l.textContent);
  assert.equal(checked, 'VISA ending 1111, expires 12/2030, Max Mustermann');
  await typeInto(page, '#pp-saved input[autocomplete=cc-csc]', '737');
  await pay(page);
  const stored = await result(page, 'pp-result');
  assert.equal(stored.status, 'AUTHORIZED', stored.text);
  assert.match(stored.text, /^Payment successful\. \(/);

  await clickRadio(page, '#pp-saved', 'Use a new card');
  for (const [pan, kind, how, ok] of CARDS) {
    await typeInto(page, '#pp-form input[autocomplete=cc-number]', pan);
    await typeInto(page, '#pp-form input[autocomplete=cc-exp]', '12/30');
    await typeInto(page, '#pp-form input[autocomplete=cc-csc]', cvcFor(pan));
    await typeInto(page, '#pp-form input[autocomplete=cc-name]', 'Max Mustermann');
    await pay(page);
    await answer(page, '#pp-threeds', how);
    const got = await result(page, 'pp-result');
    t.diagnostic(`${kind} (${pan}): ${got.status}: ${got.text}`);
    assert.equal(got.status, ok ? 'AUTHORIZED' : 'FAILED', `${kind} (${pan}): ${got.text}`);
    assert.ok(got.text.startsWith(ok ? 'Payment successful.' : 'The payment was not made.'), got.text);
    assert.equal(await page.$$eval('#pp-threeds iframe', (f) => f.length), 0, `${kind}: no frame left`);
  }

  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation');
  assert.deepEqual(seen.errors, []);
  assertNoLeak(await leakSurface(page, seen), { pans: CARDS.map(([pan]) => pan), cvcs: ['373', '3737', '737'] });
  await context.close();
});
