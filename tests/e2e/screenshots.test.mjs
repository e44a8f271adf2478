// Screenshots of the demo shop for the README, taken from the running demo on every test run so
// they show what the code does today: docs/screenshots/*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { useSandbox } from './support.mjs';
import { paid } from './cards_support.mjs';

const env = useSandbox();
const dir = new URL('../../docs/screenshots/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });

async function shop(query, viewport = { width: 1100, height: 900 }) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${env.sandbox.shop}/?${query}`);
  await page.locator('#saved-cards [role=radio][aria-checked=true]').waitFor({ timeout: 20000 });
  return { context, page };
}

async function typeCard(page, pan) {
  await page.getByRole('radio', { name: 'Use a new card' }).click();
  await page.getByLabel('Card number').pressSequentially(pan);
  await page.getByLabel('Expiry date (MM/YY)').pressSequentially('1230');
  await page.locator('#card-form input[autocomplete=cc-csc]').pressSequentially('123');
  await page.getByLabel('Cardholder name').fill('Erika Mustermann');
}

test('screenshots: saved cards, a new card with an inline error, the result', async () => {
  const { context, page } = await shop('locale=en');
  await page.locator('.shop-pay').screenshot({ path: `${dir}saved-cards.png` });
  await typeCard(page, '4111111111111112');
  await page.click('#pay');
  await page.getByText('The card number is not valid. Please check it.').waitFor();
  await page.locator('.shop-pay').screenshot({ path: `${dir}new-card-error.png` });
  await page.getByLabel('Card number').fill('');
  await page.getByLabel('Card number').pressSequentially('4111111111111111');
  await page.click('#pay');
  assert.equal((await paid(page)).status, 'AUTHORIZED');
  await page.locator('.shop-pay').screenshot({ path: `${dir}result.png` });
  await context.close();
});

for (const [size, viewport] of [['02', { width: 1100, height: 900 }], ['05', { width: 420, height: 760 }]]) {
  test(`screenshot: the challenge at window size ${size}`, async () => {
    const { context, page } = await shop(`locale=en&size=${size}`, viewport);
    await typeCard(page, '4000000000001091');
    await page.click('#pay');
    const frame = page.frameLocator('#threeds iframe[name^="paygate-challenge"]');
    await frame.locator('input[name=otp]').waitFor({ timeout: 30000 });
    await page.screenshot({ path: `${dir}challenge-${size}.png`, fullPage: size === '02' });
    await context.close();
  });
}
