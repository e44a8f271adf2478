// Small screens and small targets: the demo shop and the PayPage at 320 CSS px (WCAG 1.4.10) in
// every state, with `auto` and with a fixed window size wider than the screen; and the
// components' targets at least 24 × 24 CSS px (WCAG 2.5.8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox } from './support.mjs';
import { paid } from './cards_support.mjs';
import { SITES, openSite, typeNewCard, issuerFrame, assertNoSidewaysScroll } from './a11y_support.mjs';

const env = useSandbox(['--method-timeout-ms', '1200']);
const NARROW = { width: 320, height: 640 };

for (const site of Object.values(SITES)) {
  for (const size of ['auto', '04']) {
    test(`320 px (${site.name}, challenge ${size}): no sideways scrolling in any state`, async () => {
      const { context, page } = await openSite(env.browser, env.sandbox.shop, site, { size, viewport: NARROW });
      await assertNoSidewaysScroll(page, 'stored card');
      await typeNewCard(page, site, '4111111111111112');
      await page.locator(site.pay).click();
      await page.locator(`${site.form} [aria-invalid=true]`).first().waitFor();
      await assertNoSidewaysScroll(page, 'new card with an error');
      await typeNewCard(page, site, '4000000000001091');
      await page.locator(site.pay).click();
      await issuerFrame(page, site).locator('input[name=otp]').waitFor({ timeout: 30000 });
      await assertNoSidewaysScroll(page, 'challenge');
      const width = await page.locator(`${site.threeds} dialog`).evaluate((d) => d.getBoundingClientRect().width);
      assert.ok(width <= NARROW.width, `the challenge is ${width} px wide`);
      await issuerFrame(page, site).locator('input[name=otp]').fill('1234');
      await issuerFrame(page, site).getByRole('button', { name: 'Submit' }).click();
      assert.equal((await paid(page, site.result)).status, 'AUTHORIZED');
      await assertNoSidewaysScroll(page, 'result');
      await context.close();
    });
  }
}

test('targets: options, the save checkbox, the remove and confirm buttons are at least 24 × 24 px', async () => {
  for (const viewport of [undefined, NARROW]) {
    const { context, page } = await openSite(env.browser, env.sandbox.shop, SITES.shop, { viewport });
    await page.locator('#saved-cards .pgw-remove').first().click();
    await page.locator('#saved-cards .pgw-confirm').waitFor();
    await page.locator('#saved-cards [role=radio]').last().click();
    const boxes = await page.evaluate(() => [
      '#saved-cards [role=radio]', '#saved-cards .pgw-remove', '#saved-cards .pgw-confirm button',
      '#card-form input[type=checkbox]',
    ].flatMap((sel) => [...document.querySelectorAll(sel)].map((el) => {
      const r = el.getBoundingClientRect();
      return { sel, text: el.textContent.trim().slice(0, 30), width: Math.round(r.width), height: Math.round(r.height) };
    })));
    assert.ok(boxes.length >= 6, JSON.stringify(boxes));
    const small = boxes.filter((b) => b.width < 24 || b.height < 24);
    assert.deepEqual(small, [], `viewport ${viewport?.width ?? 'default'}`);
    await context.close();
  }
});
