// The demo shop in Firefox ESR (WebDriver BiDi, puppeteer-core), paid the way a customer pays:
// the preselected stored card, then "Use a new card" with every kind of test card; each time the
// test reads the result the page shows. Then what a payment leaves in the session history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox } from './support.mjs';
import { leakSurface, assertNoLeak } from './cards_support.mjs';
import { launchFirefox, openPage, typeInto, clickRadio, result, answer, CARDS, cvcFor } from './firefox_support.mjs';

const env = useSandbox(['--method-timeout-ms', '1200'], launchFirefox);

/** The shop in a fresh context, once the stored card is preselected and Pay can be pressed. */
async function openShop(page) {
  await page.goto(`${env.sandbox.shop}/`);
  await page.waitForSelector('#saved-cards [role=radio][aria-checked=true]', { timeout: 20000 });
  await page.waitForSelector('#pay:not([disabled])');
}

/** Types a new card into the shop's form and presses Pay. */
async function payNewCard(page, pan) {
  await typeInto(page, '#card-form input[autocomplete=cc-number]', pan);
  await typeInto(page, '#card-form input[autocomplete=cc-exp]', '1230');
  await typeInto(page, '#card-form input[autocomplete=cc-csc]', cvcFor(pan));
  await typeInto(page, '#card-form input[autocomplete=cc-name]', 'Erika Mustermann');
  await (await page.waitForSelector('#pay:not([disabled])')).click();
}

test('Firefox, demo shop: the preselected stored card pays', async () => {
  const { context, page, seen } = await openPage(env.browser);
  await openShop(page);
  assert.equal(await page.$eval('#card-form', (f) => f.hidden), true, 'the form is hidden while a stored card is chosen');
  await typeInto(page, '#saved-cards input[autocomplete=cc-csc]', '737');
  // On to Pay with Tab (past the stored cards' Remove buttons), and Enter.
  for (let tabs = 0; await page.evaluate(() => document.activeElement.id) !== 'pay'; tabs += 1) {
    assert.ok(tabs < 8, 'Tab from the security code reaches Pay');
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  const got = await result(page, 'result');
  assert.match(got.text, /^Paid: AUTHORIZED \(PayID /);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('Firefox, demo shop: "use a new card" pays with every kind of test card', async (t) => {
  const { context, page, seen } = await openPage(env.browser);
  await openShop(page);
  await clickRadio(page, '#saved-cards', 'Use a new card');
  await page.waitForSelector('#card-form input[autocomplete=cc-number]', { visible: true });
  for (const [pan, kind, how, ok] of CARDS) {
    const started = Date.now();
    await payNewCard(page, pan);
    await answer(page, '#threeds', how);
    const got = await result(page, 'result');
    t.diagnostic(`${kind} (${pan}): ${got.text} [${Date.now() - started} ms]`);
    assert.ok(got.text.startsWith(ok ? 'Paid: AUTHORIZED' : 'Not paid: FAILED'), `${kind} (${pan}): the page shows "${got.text}"`);
    assert.equal(await page.$$eval('#threeds iframe', (f) => f.length), 0, `${kind}: no frame left`);
    assert.equal(await page.$eval('#card-form input[autocomplete=cc-number]', (i) => i.value), '', `${kind}: the PAN left the form`);
  }
  assertNoLeak(await leakSurface(page, seen), { pans: CARDS.map(([pan]) => pan), cvcs: [] });
  assert.deepEqual(seen.errors, []);
  await context.close();
});

/**
 * One payment in a tab that came from another page of the shop's origin (the PayPage: puppeteer
 * never sees the navigation of a Back to an SVG document such as /favicon.svg in Firefox):
 * history.length before Pay and once the result shows, and where one Back goes.
 */
async function historyAround(pan, how) {
  const { context, page } = await openPage(env.browser);
  await page.goto(`${env.sandbox.shop}/paypage/`);
  await openShop(page);
  const before = await page.evaluate(() => history.length);
  await clickRadio(page, '#saved-cards', 'Use a new card');
  await payNewCard(page, pan);
  await answer(page, '#threeds', how);
  const got = await result(page, 'result');
  const after = await page.evaluate(() => history.length);
  // Where Back went is read from the document: under load puppeteer sometimes misses the
  // navigation of a Back in Firefox (goBack times out, page.url() stays the shop's).
  await page.goBack({ timeout: 5000 }).catch(() => null);
  await page.waitForFunction(() => location.pathname !== '/', { timeout: 5000 }).catch(() => null);
  const back = await page.evaluate(() => location.pathname);
  await context.close();
  return { before, after, back, text: got.text };
}

for (const [kind, pan, how] of [
  ['frictionless', '4111111111111111', null],
  ['challenge', '4000000000001091', '1234'],
  ['3-D Secure 1.0', '4000000000002008', '3ds1:1234'],
]) {
  test(`Firefox, demo shop: a ${kind} payment adds no history entry, and one Back leaves the shop`, async (t) => {
    const h = await historyAround(pan, how);
    t.diagnostic(`${kind}: history.length ${h.before} before Pay, ${h.after} after the result; one Back goes to ${h.back}`);
    assert.match(h.text, /^Paid: AUTHORIZED/);
    assert.equal(h.after, h.before, 'history.length');
    assert.equal(h.back, '/paypage/', 'one Back leaves the shop');
  });
}
