// The demo shop that `npm start` opens, driven the way a customer does: the preselected stored
// card, then "Use a new card" with every kind of test card, in English and in German; each time
// the test reads the result the page shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, recordPage, answerChallenge, openReady } from './support.mjs';
import { paid, leakSurface, assertNoLeak } from './cards_support.mjs';

const env = useSandbox(['--method-timeout-ms', '1200']);

const TEXT = {
  en: { pay: 'Pay 19.99 EUR', newCard: 'Use a new card', number: 'Card number', expiry: 'Expiry date (MM/YY)',
    holder: 'Cardholder name', paid: 'Paid: AUTHORIZED', notPaid: 'Not paid: FAILED', luhn: 'The card number is not valid. Please check it.' },
  de: { pay: '19,99 € bezahlen', newCard: 'Neue Karte verwenden', number: 'Kartennummer', expiry: 'Gültig bis (MM/JJ)',
    holder: 'Name des Karteninhabers', paid: 'Bezahlt: AUTHORIZED', notPaid: 'Nicht bezahlt: FAILED', luhn: 'Die Kartennummer ist ungültig. Bitte prüfen Sie die Eingabe.' },
};

/** What the customer does in the challenge frame for each kind of card. */
const CARDS = [
  ['4111111111111111', 'frictionless', null, 'paid'],
  ['4000000000001091', 'challenge, right OTP', '1234', 'paid'],
  ['4000000000001091', 'challenge, wrong OTP', '9999', 'notPaid'],
  ['4000000000002008', '3-D Secure 1.0', '3ds1:1234', 'paid'],
  ['4000000000000002', 'declined', null, 'notPaid'],
];

async function openShop(locale) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const seen = recordPage(page);
  await page.goto(`${env.sandbox.shop}/?locale=${locale}`);
  await page.locator('#saved-cards [role=radio][aria-checked=true]').waitFor({ timeout: 20000 });
  await page.getByRole('button', { name: TEXT[locale].pay }).waitFor();
  return { context, page, seen };
}

async function resultText(page) {
  const { text } = await paid(page);
  await page.evaluate(() => { delete document.getElementById('result').dataset.status; });
  return text;
}

async function typeNewCard(page, t, pan) {
  for (const [label, value] of [[t.number, pan], [t.expiry, '1230'], [t.holder, 'Erika Mustermann']]) {
    await page.getByLabel(label).fill('');
    await page.getByLabel(label).pressSequentially(value);
  }
  await page.locator('#card-form input[autocomplete=cc-csc]').fill('');
  await page.locator('#card-form input[autocomplete=cc-csc]').pressSequentially('123');
}

async function answer(page, how) {
  if (how === null) return;
  if (how.startsWith('3ds1:')) {
    const frame = page.frameLocator('#threeds iframe[name^="paygate-challenge"]');
    await frame.locator('input[name=password]').fill(how.slice(5), { timeout: 30000 });
    await frame.getByRole('button', { name: 'Submit' }).click();
  } else {
    await answerChallenge(page, how, '#threeds');
  }
}

for (const locale of ['en', 'de']) {
  const t = TEXT[locale];

  test(`demo shop (${locale}): the preselected stored card pays`, async () => {
    const { context, page, seen } = await openShop(locale);
    assert.equal(await page.locator('#card-form').isVisible(), false, 'the form is hidden while a stored card is chosen');
    await page.locator('#saved-cards input[autocomplete=cc-csc]').pressSequentially('737');
    await page.getByRole('button', { name: t.pay }).click();
    assert.match(await resultText(page), new RegExp(`^${t.paid} \\(PayID `));
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test(`demo shop (${locale}): "use a new card" pays with every kind of test card`, async () => {
    const { context, page, seen } = await openShop(locale);
    await page.getByRole('radio', { name: t.newCard }).click();
    assert.equal(await page.locator('#card-form').isVisible(), true);
    for (const [pan, kind, how, outcome] of CARDS) {
      await typeNewCard(page, t, pan);
      await page.getByRole('button', { name: t.pay }).click();
      await answer(page, how);
      const text = await resultText(page);
      assert.ok(text.startsWith(t[outcome]), `${kind} (${pan}): the page shows "${text}"`);
      assert.equal(await page.locator('#threeds iframe').count(), 0, `${kind}: no frame left`);
      assert.equal(await page.getByLabel(t.number).inputValue(), '', `${kind}: the PAN left the form`);
    }
    assertNoLeak(await leakSurface(page, seen), { pans: CARDS.map(([pan]) => pan), cvcs: [] });
    assert.deepEqual(seen.errors, []);
    await context.close();
  });

  test(`demo shop (${locale}): a mistyped card number is shown at the field and nothing is paid`, async () => {
    const { context, page } = await openShop(locale);
    const payments = [];
    page.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/paygate/payments') payments.push(r); });
    await page.getByRole('radio', { name: t.newCard }).click();
    await typeNewCard(page, t, '4111111111111112');
    await page.getByRole('button', { name: t.pay }).click();
    await page.getByText(t.luhn).waitFor({ timeout: 5000 });
    assert.equal(await page.textContent('#result'), '');
    assert.equal(payments.length, 0);
    await context.close();
  });
}

test('getters say null, never undefined: selectedId for "use a new card", state before a payment, absent result fields', async () => {
  const { context, page } = await openReady(env.browser, `${env.sandbox.shop}/test/cards.html`);
  await page.getByRole('radio', { name: 'Use a new card' }).click();
  const got = await page.evaluate(() => {
    const { pg } = window.harness;
    const saved = new pg.SavedCards(document.createElement('div'), { vaultData: { paymentMethods: [] } });
    const checkout = new pg.PaygateCheckout({ backendUrl: '/paygate', paygateOrigins: ['http://127.0.0.1:1'], container: document.body });
    const out = { pageSelected: window.harness.saved.selectedId, emptySelected: saved.selectedId, state: checkout.state,
      selection: saved.selection(), isError: null };
    try { new pg.SavedCards(document.body, { vaultData: 42 }); } catch (e) { out.isError = e instanceof pg.PaygateError && e instanceof Error; }
    checkout.destroy();
    saved.destroy();
    return out;
  });
  assert.deepEqual(got, { pageSelected: null, emptySelected: null, state: null, selection: null, isError: true });
  await context.close();
});
