// Keyboard only, in the demo shop: a stored card, a new card through the challenge and through
// 3-D Secure 1.0, with where focus is at each step; the full-screen challenge (05) as a modal
// dialog that keeps focus and makes the page behind inert; and focus after the challenge ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox } from './support.mjs';
import { paid } from './cards_support.mjs';
import { SITES, openSite, focused } from './a11y_support.mjs';

const env = useSandbox(['--method-timeout-ms', '1200']);
const shop = SITES.shop;

/** Presses Tab until `want` has focus (at most `max` times); fails with where focus went. */
async function tabTo(page, want, max = 30) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    const now = await focused(page);
    if (now === want) return;
    seen.push(now);
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${want}: ${seen.join(' → ')}`);
}

/** Presses Tab until the checked saved-card radio has focus. */
async function tabToSavedCards(page) {
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const radio = await page.evaluate(() => document.activeElement.closest('#saved-cards') !== null
      && document.activeElement.getAttribute('role') === 'radio');
    if (radio) return;
  }
  assert.fail('Tab never reached the saved cards');
}

/** The challenge frame has focus (the element in the shop's document is the iframe). */
async function focusInIssuerFrame(page) {
  await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME'
    && document.activeElement.closest('dialog[data-paygate=challenge]') !== null, null, { timeout: 30000 });
}

/** In the issuer's page: Tab to `field`, type `value`, press Enter. */
async function answerByKeyboard(page, field, value) {
  const frame = page.frames().find((f) => f.name().startsWith('paygate-challenge'));
  await frame.locator(`input[name=${field}]`).waitFor({ timeout: 30000 });
  for (let i = 0; i < 10 && (await frame.evaluate(() => document.activeElement?.name)) !== field; i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await frame.evaluate(() => document.activeElement?.name), field, `focus on the issuer's ${field} field`);
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

/** From the top of the page: "use a new card" by arrow keys, then the card typed field by field. */
async function newCardByKeyboard(page, pan) {
  await tabToSavedCards(page);
  for (let i = 0; i < 6 && !/new card/i.test(await page.evaluate(() => document.activeElement.textContent)); i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-checked')), 'true');
  await tabTo(page, 'input[cc-number]');
  for (const [ac, value] of [['cc-number', pan], ['cc-exp', '1230'], ['cc-csc', '123'], ['cc-name', 'Erika Mustermann']]) {
    assert.equal(await focused(page), `input[${ac}]`);
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
}

test('keyboard only: the preselected stored card pays; focus ends on the result', async () => {
  const { context, page } = await openSite(env.browser, env.sandbox.shop, shop);
  await tabToSavedCards(page);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-checked')), 'true');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'input[cc-csc]');
  await page.keyboard.type('737');
  await tabTo(page, 'pay');
  await page.keyboard.press('Enter');
  assert.equal((await paid(page)).status, 'AUTHORIZED');
  assert.equal(await focused(page), 'result');
  await context.close();
});

for (const [kind, pan, field, value] of [
  ['the challenge', '4000000000001091', 'otp', '1234'],
  ['3-D Secure 1.0', '4000000000002008', 'password', '1234'],
]) {
  test(`keyboard only: a new card through ${kind}; focus moves into the issuer's page and back`, async () => {
    const { context, page } = await openSite(env.browser, env.sandbox.shop, shop);
    await newCardByKeyboard(page, pan);
    await tabTo(page, 'pay');
    await page.keyboard.press('Enter');
    await focusInIssuerFrame(page);
    await answerByKeyboard(page, field, value);
    assert.equal((await paid(page)).status, 'AUTHORIZED');
    assert.equal(await focused(page), 'result', 'focus on the result, not <body>');
    await context.close();
  });
}

test('05: a modal dialog with a name; focus stays in it, the page behind is inert, and not after', async () => {
  const { context, page } = await openSite(env.browser, env.sandbox.shop, shop, { size: '05' });
  const link = () => page.evaluate(() => {
    const a = document.querySelector('a[href="/paypage/"]');
    a.focus();
    return document.activeElement === a;
  });
  await newCardByKeyboard(page, '4000000000001091');
  await tabTo(page, 'pay');
  await page.keyboard.press('Enter');
  await focusInIssuerFrame(page);
  const dialog = page.getByRole('dialog', { name: 'Verification with your bank (3-D Secure)' });
  assert.equal(await dialog.count(), 1);
  assert.equal(await page.evaluate(() => document.querySelector('dialog[data-paygate=challenge]').matches(':modal')), true);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => document.activeElement === document.body
      || document.activeElement.closest('dialog[data-paygate=challenge]') !== null);
    assert.ok(where, `Tab ${i + 1} left the dialog for ${await focused(page)}`);
  }
  assert.equal(await link(), false, 'the page behind cannot take focus');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('dialog[data-paygate=challenge][open]').count(), 1, 'Escape does not end the verification');
  await answerByKeyboard(page, 'otp', '1234');
  assert.equal((await paid(page)).status, 'AUTHORIZED');
  assert.equal(await link(), true, 'nothing stays inert');
  await context.close();
});
