// End to end: accessibility of the selector, the form and the challenge container (axe-core),
// and the corporate PayPage template under its strict Content-Security-Policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, recordPage, answerChallenge } from './support.mjs';
import { openHarness, labels, checkedLabel, paid, axe, leakSurface, assertNoLeak } from './cards_support.mjs';

const env = useSandbox();

const noViolations = (v, what) => assert.deepEqual(v, [], `${what}: ${JSON.stringify(v, null, 1)}`);

async function fillNewCard(page, savedScope, scope, { number, expiry = '12/30', cvc = '373', holder = 'Max Mustermann' }) {
  await page.locator(`${savedScope} [role=radio]`).filter({ hasText: /Use a new card|Neue Karte verwenden/ }).click();
  await page.locator(`${scope} input[autocomplete=cc-number]`).pressSequentially(number);
  await page.locator(`${scope} input[autocomplete=cc-exp]`).pressSequentially(expiry);
  await page.locator(`${scope} input[autocomplete=cc-csc]`).pressSequentially(cvc);
  await page.locator(`${scope} input[autocomplete=cc-name]`).fill(holder);
}

test('axe-core: 0 violations for the selector, the form and the challenge container', async () => {
  for (const locale of ['en', 'de']) {
    const context = await env.browser.newContext();
    const page = await openHarness(context, env.sandbox.shop, `?locale=${locale}`);
    noViolations(await axe(page, ['#saved']), `selector (${locale})`);
    // With an error shown and with the remove confirmation open.
    await page.evaluate(() => { try { window.harness.saved.selection(); } catch { /* shown inline */ } });
    await page.locator('#saved .pgw-remove').first().click();
    noViolations(await axe(page, ['#saved']), `selector with error and confirmation (${locale})`);
    await page.locator('#saved .pgw-confirm-no').click();
    await page.locator('#saved [role=radio]').last().click();
    noViolations(await axe(page, ['#form']), `form (${locale})`);
    await page.evaluate(() => { try { window.harness.form.cardData(); } catch { /* shown inline */ } });
    assert.equal(await page.locator('#form [aria-invalid=true]').count(), 4);
    noViolations(await axe(page, ['#form']), `form with errors (${locale})`);
    await context.close();
  }

  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop);
  await fillNewCard(page, '#saved', '#form', { number: '4000000000001091' });
  await page.click('#pay');
  await page.frameLocator('#threeds iframe').last().locator('input[name=otp]').waitFor({ timeout: 30000 });
  noViolations(await axe(page, ['#threeds']), 'challenge container');
  await answerChallenge(page, '1234', '#threeds');
  const result = await paid(page);
  assert.equal(result.status, 'AUTHORIZED', result.text);
  await context.close();
});

test('PayPage template under its strict CSP: no violation, payments complete, nothing leaks', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const seen = recordPage(page);
  const response = await page.goto(`${env.sandbox.shop}/paypage/`);
  const csp = response.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /style-src 'self'/);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await page.textContent('#pp-result'));

  // A stored card (preselected, VISA …1111): CVC only.
  assert.equal(await checkedLabel(page, '#pp-saved'), 'VISA ending 1111, expires 12/2030, Max Mustermann');
  await page.locator('#pp-saved input[autocomplete=cc-csc]').fill('737');
  await page.click('#pp-pay');
  const result = await paid(page, 'pp-result');
  assert.equal(result.status, 'AUTHORIZED', result.text);

  // A new card with a challenge: the ACS frame is allowed by frame-src.
  await page.evaluate(() => { delete document.getElementById('pp-result').dataset.status; });
  await fillNewCard(page, '#pp-saved', '#pp-form', { number: '4000000000001091', cvc: '373' });
  await page.click('#pp-pay');
  await answerChallenge(page, '1234', '#pp-threeds');
  const second = await paid(page, 'pp-result');
  assert.equal(second.status, 'AUTHORIZED', second.text);

  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation');
  assert.deepEqual(seen.errors, []);
  assertNoLeak(await leakSurface(page, seen), { pans: ['4000000000001091', '4000 0000 0000 1091'], cvcs: ['373', '737'] });
  await context.close();
});

test('PayPage template in German', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.sandbox.shop}/paypage/?locale=de`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.equal(await page.textContent('h1'), 'Bestellung bezahlen');
  assert.ok((await labels(page, '#pp-saved')).includes('Neue Karte verwenden'));
  await page.locator('#pp-saved [role=radio]').last().click();
  assert.equal(await page.locator('#pp-form label').first().textContent(), 'Kartennummer');
  await context.close();
});

test('demo shop: the demo customer sees saved cards (one expired) and the form, and pays', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const seen = recordPage(page);
  await page.goto(`${env.sandbox.shop}/`);
  await page.locator('#saved-cards [role=radio][aria-checked=true]').waitFor({ timeout: 20000 });
  const labels = await page.locator('#saved-cards [role=radio]').allTextContents();
  assert.ok(labels.some((l) => l.includes('VISA ending 1881') && l.includes('(expired)')), labels.join(' | '));
  assert.equal(await page.locator('#saved-cards [role=radio][aria-disabled=true]').count(), 1);
  await page.locator('#saved-cards input[autocomplete=cc-csc]').fill('737');
  await page.click('#pay');
  const result = await paid(page);
  assert.equal(result.status, 'AUTHORIZED', result.text);
  // "Use a new card" shows the form.
  await page.getByRole('radio', { name: 'Use a new card' }).click();
  assert.equal(await page.locator('#card-form').isVisible(), true);
  assert.equal(await page.locator('#card-form input[autocomplete=cc-number]').isVisible(), true);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
