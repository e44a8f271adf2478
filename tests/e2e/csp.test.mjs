// End to end: the PayPage template under a Content-Security-Policy that does not allow the ACS.
// A blocked challenge frame or challenge form fails the payment at once with csp_blocked (instead
// of a blank frame until the 600 s challenge timeout); a blocked 3DS method frame is no error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, answerChallenge } from './support.mjs';
import { paid } from './cards_support.mjs';

const env = useSandbox(['--method-timeout-ms', '800']);

async function openPayPage(variant) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${env.sandbox.shop}/paypage/?csp=${variant}`);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await page.textContent('#pp-result'));
  return { context, page, csp: response.headers()['content-security-policy'] ?? '' };
}

async function payWithNewCard(page, number) {
  await page.locator('#pp-saved [role=radio]').filter({ hasText: 'Use a new card' }).click();
  await page.locator('#pp-form input[autocomplete=cc-number]').pressSequentially(number);
  await page.locator('#pp-form input[autocomplete=cc-exp]').pressSequentially('12/30');
  await page.locator('#pp-form input[autocomplete=cc-csc]').pressSequentially('373');
  await page.locator('#pp-form input[autocomplete=cc-name]').fill('Max Mustermann');
  await page.click('#pp-pay');
}

for (const [variant, directive] of [['frame-src-without-acs', 'frame-src'], ['form-action-without-acs', 'form-action']]) {
  test(`${directive} without the ACS: the challenge fails with csp_blocked within 2 s and leaves nothing`, async () => {
    const { context, page, csp } = await openPayPage(variant);
    assert.ok(csp.includes(directive), csp);
    await payWithNewCard(page, '4000000000001091');
    // From the challenge frame's post (the User Timing mark the checkout sets) to the rejection.
    const elapsed = await page.waitForFunction(() => {
      const mark = performance.getEntriesByName('paygate:challenge-mounted')[0];
      return document.getElementById('pp-result').dataset.status && mark ? performance.now() - mark.startTime : null;
    }, null, { timeout: 20000, polling: 'raf' });
    const ms = await elapsed.jsonValue();
    assert.ok(ms < 2000, `csp_blocked after ${ms} ms`);
    assert.equal(await page.getAttribute('#pp-result', 'data-status'), 'error');
    assert.equal(await page.getAttribute('#pp-result', 'data-code'), 'csp_blocked');
    const message = await page.textContent('#pp-result');
    assert.ok(message.includes(directive) && message.includes(env.sandbox.acs), message);
    assert.deepEqual(await page.evaluate(() => ({
      frames: document.querySelectorAll('iframe').length,
      forms: document.querySelectorAll('#pp-threeds form, body > form').length,
      container: [...document.getElementById('pp-threeds').children].map((c) => c.dataset.paygate ?? c.tagName),
    })), { frames: 0, forms: 0, container: ['live'] }, 'nothing of the payment is left in the page');
    await context.close();
  });
}

test('a report-only policy blocks nothing: its violations are seen and the challenge completes', async () => {
  const { context, page } = await openPayPage('report-only-without-acs');
  await page.evaluate(() => {
    window.__reports = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__reports.push(`${e.disposition} ${e.effectiveDirective}`));
  });
  await payWithNewCard(page, '4000000000001091');
  await answerChallenge(page, '1234', '#pp-threeds');
  const result = await paid(page, 'pp-result');
  assert.equal(result.status, 'AUTHORIZED', result.text);
  assert.ok((await page.evaluate(() => window.__reports)).includes('report frame-src'), 'the report-only violation fired');
  await context.close();
});

test('a blocked 3DS method frame is no error: the frictionless payment completes', async () => {
  const { context, page } = await openPayPage('frame-src-without-acs');
  await payWithNewCard(page, '4111111111111111');
  const result = await paid(page, 'pp-result');
  assert.equal(result.status, 'AUTHORIZED', result.text);
  await context.close();
});
