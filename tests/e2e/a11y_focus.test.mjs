// Where focus goes when the challenge ends, in the checkout harness (a page that moves no focus
// itself): back to the element that had it when pay() was called — after a result, cancel(), a
// challenge timeout, the AbortSignal and destroy() — or to the container when that element is
// gone; never <body>. And the challenge container's accessible name in both locales.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, answerChallenge } from './support.mjs';

const env = useSandbox();

async function harness(query = '') {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.sandbox.shop}/test/checkout.html${query}`);
  await page.waitForFunction(() => window.harness?.ready);
  // The shop's own button, focused as a click or Enter leaves it when pay() is called.
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.id = 'paybutton';
    b.textContent = 'Pay';
    document.body.prepend(b);
    b.focus();
    window.controller = new AbortController();
  });
  return { context, page };
}

const startChallenge = (page) => page.evaluate(() => {
  window.harness.pay({ card: window.harness.card('4000000000001091'), signal: window.controller.signal });
});
const opened = (page) => page.frameLocator('iframe[name^="paygate-challenge"]').locator('input[name=otp]').waitFor({ timeout: 30000 });
const outcome = (page) => page.waitForFunction(() => window.harness.outcome, null, { timeout: 30000 }).then((h) => h.jsonValue());
const active = (page) => page.evaluate(() => (document.activeElement === document.body ? 'body' : document.activeElement.id || document.activeElement.tagName));

const ENDINGS = {
  'a result': async (page) => answerChallenge(page, '1234'),
  'cancel()': (page) => page.evaluate(() => window.harness.checkout.cancel()),
  'the AbortSignal': (page) => page.evaluate(() => window.controller.abort()),
  'destroy()': (page) => page.evaluate(() => window.harness.checkout.destroy()),
};

for (const [ending, end] of Object.entries(ENDINGS)) {
  test(`focus: into the frame when the bank's page loads, back to the pay button after ${ending}`, async () => {
    const { context, page } = await harness('?size=02');
    await startChallenge(page);
    await opened(page);
    await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME');
    await end(page);
    await outcome(page);
    assert.equal(await active(page), 'paybutton');
    await context.close();
  });
}

test('focus: back after a challenge timeout; to the container when the button is gone', async () => {
  const { context, page } = await harness('?size=05&challengeTimeoutMs=1500');
  await startChallenge(page);
  await opened(page);
  const o = await outcome(page);
  assert.equal(o.error?.code, 'challenge_timeout');
  assert.equal(await active(page), 'paybutton');

  await page.evaluate(() => { window.harness.outcome = null; document.getElementById('paybutton').focus(); });
  await startChallenge(page);
  await opened(page);
  await page.evaluate(() => document.getElementById('paybutton').remove());
  await answerChallenge(page, '1234');
  await outcome(page);
  assert.equal(await active(page), 'threeds', 'the container, never <body>');
  assert.equal(await page.getAttribute('#threeds', 'tabindex'), '-1');
  await context.close();
});

test('the challenge is a dialog named in the customer\'s language; the frame keeps a title', async () => {
  for (const [locale, name, title] of [
    ['en', 'Verification with your bank (3-D Secure)', "Your bank's page"],
    ['de', 'Bestätigung bei Ihrer Bank (3-D Secure)', 'Seite Ihrer Bank'],
  ]) {
    const { context, page } = await harness(`?size=02&locale=${locale}`);
    await startChallenge(page);
    await opened(page);
    const dialog = page.getByRole('dialog', { name });
    assert.equal(await dialog.count(), 1, locale);
    assert.equal(await dialog.locator('iframe').getAttribute('title'), title);
    await answerChallenge(page, '1234');
    await outcome(page);
    await context.close();
  }
});
