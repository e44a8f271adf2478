// A payment leaves the Back button as it found it: after a frictionless payment, a challenge and
// 3-D Secure 1.0, in the demo shop and the PayPage, one press of Back leaves the page that paid.
// Chromium keeps the session-history entries of removed iframes (Firefox drops them, as the HTML
// standard says): the library steps back over them, so they stay as forward entries that change
// nothing on the page; `history.length` is checked in Firefox (firefox.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, answerChallenge } from './support.mjs';
import { SITES, KINDS, openSite, payNewCard } from './a11y_support.mjs';

const env = useSandbox(['--method-timeout-ms', '1200']);
const BEFORE = '/favicon.svg';

for (const site of Object.values(SITES)) {
  for (const kind of Object.keys(KINDS)) {
    test(`history (${site.name}, ${kind}): one Back leaves the page that paid`, async () => {
      const { context, page } = await openSite(env.browser, env.sandbox.shop, site, { before: BEFORE });
      const outcome = await payNewCard(page, site, kind);
      assert.equal(outcome.status, 'AUTHORIZED', outcome.text);
      await page.goBack({ timeout: 5000 });
      assert.equal(new URL(page.url()).pathname, BEFORE, 'one Back press leaves the page');
      await page.goForward({ timeout: 5000 });
      assert.equal(await page.locator(`#${site.result}`).count(), 1, 'Forward comes back to the page');
      await context.close();
    });
  }
}

test('history: a page that navigates as soon as pay() resolves goes there, and Back returns to it', async () => {
  for (const pan of ['4111111111111111', '4000000000001091']) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.sandbox.shop}${BEFORE}`);
    await page.goto(`${env.sandbox.shop}/test/checkout.html?size=02`);
    await page.waitForFunction(() => window.harness?.ready);
    await page.evaluate((card) => {
      window.harness.pay({ card: window.harness.card(card) }).then(() => { location.href = '/config.json'; });
    }, pan);
    if (pan.endsWith('1091')) await answerChallenge(page, '1234');
    await page.waitForURL(/\/config\.json$/, { timeout: 30000 });
    await page.goBack({ timeout: 5000 });
    assert.equal(new URL(page.url()).pathname, '/test/checkout.html', `${pan}: Back returns to the page that paid`);
    await context.close();
  }
});
