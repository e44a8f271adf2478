// WCAG 2.0/2.1/2.2 A and AA rules of axe-core in every state of the demo shop and the PayPage,
// in both locales: stored card, new card, an inline error, the challenge at every window size
// (01–05) and the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox } from './support.mjs';
import { paid } from './cards_support.mjs';
import { SITES, openSite, typeNewCard, issuerFrame, assertAccessible } from './a11y_support.mjs';

const env = useSandbox(['--method-timeout-ms', '1200']);
const SIZES = ['01', '02', '03', '04', '05'];

for (const site of Object.values(SITES)) {
  for (const locale of ['en', 'de']) {
    test(`axe (${site.name}, ${locale}): stored card, new card, inline error`, async () => {
      const { context, page } = await openSite(env.browser, env.sandbox.shop, site, { locale, axe: true });
      await assertAccessible(page, 'stored card');
      await typeNewCard(page, site, '4111111111111112', locale);
      await page.locator(site.pay).click();
      await page.locator(`${site.form} [aria-invalid=true]`).first().waitFor();
      await assertAccessible(page, 'new card with an inline error');
      await context.close();
    });

    test(`axe (${site.name}, ${locale}): the challenge at 01–05 and the result`, async () => {
      for (const size of SIZES) {
        const { context, page } = await openSite(env.browser, env.sandbox.shop, site, { locale, size, axe: true });
        await typeNewCard(page, site, '4000000000001091', locale);
        await page.locator(site.pay).click();
        await issuerFrame(page, site).locator('input[name=otp]').waitFor({ timeout: 30000 });
        assert.equal(await page.locator(`${site.threeds} dialog[data-size="${size}"]`).count(), 1, `size ${size}`);
        await assertAccessible(page, `challenge ${size}`);
        await issuerFrame(page, site).locator('input[name=otp]').fill('1234');
        await issuerFrame(page, site).getByRole('button', { name: 'Submit' }).click();
        assert.equal((await paid(page, site.result)).status, 'AUTHORIZED');
        await assertAccessible(page, `result after challenge ${size}`);
        await context.close();
      }
    });
  }
}
