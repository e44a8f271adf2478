// End to end: the demo shop's hire purchase path against the sandbox — the address form checked
// by checkEasyCreditOrder (each rule at its field, both languages), the redirect to the plan
// page, approve or deny, the confirmation page with EasyCreditSummary, and the binding order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, recordPage } from './support.mjs';
import { axe } from './cards_support.mjs';
import { figures, monthFromNow, firstOf, NB } from './easycredit_support.mjs';

const env = useSandbox();

const noViolations = (v, what) => assert.deepEqual(v, [], `${what}: ${JSON.stringify(v, null, 1)}`);

async function openShop(context, locale) {
  const page = await context.newPage();
  const seen = recordPage(page);
  await page.goto(`${env.sandbox.shop}/?locale=${locale}`);
  const label = locale === 'de' ? 'Ratenkauf (easyCredit)' : 'Hire purchase (easyCredit)';
  await page.getByLabel(label).check();
  return { page, seen };
}

const field = (page, path) => page.locator(`#ec-${path.replace('.', '-')}`);
const errorOf = (page, path) => page.locator(`#ec-${path.replace('.', '-')}-error`);

test('hire purchase approved: plan page, summary with every figure, binding order (en)', async () => {
  const context = await env.browser.newContext();
  const { page, seen } = await openShop(context, 'en');
  assert.equal(await page.locator('#pay').isVisible(), false, 'the card checkout hides while hire purchase is chosen');
  await page.getByLabel('Card', { exact: true }).check();
  assert.equal(await page.locator('#pay').isVisible(), true, 'and comes back unchanged');
  assert.equal(await page.locator('#easycredit').isVisible(), false);
  await page.getByLabel('Hire purchase (easyCredit)').check();
  await page.getByRole('button', { name: 'Continue to easyCredit hire purchase' }).click();
  await page.waitForURL(/\/easycredit\/plan\?PayID=/);
  assert.equal(new URL(page.url()).origin, env.sandbox.paygate);
  await page.getByLabel(/\b12 installments of 1,81 € \(total 21,72 €\)/).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.waitForURL(/\/easycredit\/confirm\.html\?payId=/);
  await page.locator('.pgw-ec-figures').waitFor();
  const first = monthFromNow(2);
  assert.deepEqual(await figures(page), {
    'Number of installments': '12',
    'Monthly installment': '€1.81',
    'Last installment': '€1.81',
    'First installment on': firstOf(first, 'en'),
    'Last installment on': firstOf(monthFromNow(13), 'en'),
    'Order value': '€19.99',
    Interest: '€1.73',
    'Total amount': '€21.72',
    'Effective annual interest rate': '8.99%',
    'Fixed borrowing rate': '8.64%',
  });
  assert.equal(await page.locator('.pgw-ec-plan').textContent(), '12 monatliche Raten: 11 × 1,81 € und eine letzte Rate von 1,81 €.');
  const link = page.getByRole('link', { name: 'Pre-contractual information (opens in a new window)' });
  assert.match(await link.getAttribute('href'), new RegExp(`^${env.sandbox.paygate}/easycredit/precontractual/`));
  noViolations(await axe(page, ['#summary']), 'summary (en)');
  await page.getByRole('button', { name: 'Place binding order' }).click();
  await page.waitForFunction(() => document.getElementById('ec-result').dataset.status === 'confirmed');
  assert.match(await page.textContent('#ec-result'), /^Order confirmed \(PayID [0-9a-f]{32}\)\.$/);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('hire purchase approved over 6 installments, in German', async () => {
  const context = await env.browser.newContext();
  const { page } = await openShop(context, 'de');
  await page.getByRole('button', { name: 'Weiter zu easyCredit-Ratenkauf' }).click();
  await page.waitForURL(/\/easycredit\/plan/);
  await page.getByLabel(/\b6 installments of 3,48 €/).check();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.waitForURL(/confirm\.html.*locale=de/);
  await page.locator('.pgw-ec-figures').waitFor();
  assert.deepEqual(await figures(page), {
    'Anzahl der Raten': '6',
    'Monatliche Rate': `3,48${NB}€`,
    'Letzte Rate': `3,45${NB}€`,
    'Erste Rate am': firstOf(monthFromNow(2), 'de'),
    'Letzte Rate am': firstOf(monthFromNow(7), 'de'),
    Bestellwert: `19,99${NB}€`,
    Zinsen: `0,86${NB}€`,
    Gesamtbetrag: `20,85${NB}€`,
    'Effektiver Jahreszins': `8,99${NB}%`,
    'Gebundener Sollzinssatz': `8,64${NB}%`,
  });
  assert.equal(await page.locator('.pgw-ec-summary').getAttribute('lang'), 'de');
  noViolations(await axe(page, ['#summary']), 'summary (de)');
  await page.getByRole('button', { name: 'Zahlungspflichtig bestellen' }).click();
  await page.waitForFunction(() => document.getElementById('ec-result').dataset.status === 'confirmed');
  assert.match(await page.textContent('#ec-result'), /^Bestellung bestätigt/);
  await context.close();
});

test('hire purchase denied: "not approved", no figures, no order button (both languages)', async () => {
  for (const [locale, button, message] of [
    ['en', 'Continue to easyCredit hire purchase', 'easyCredit did not approve the hire purchase. Please choose another payment method.'],
    ['de', 'Weiter zu easyCredit-Ratenkauf', 'Der Ratenkauf wurde von easyCredit nicht genehmigt. Bitte wählen Sie eine andere Zahlungsart.'],
  ]) {
    const context = await env.browser.newContext();
    const { page } = await openShop(context, locale);
    await page.getByRole('button', { name: button }).click();
    await page.waitForURL(/\/easycredit\/plan/);
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL(/confirm\.html/);
    await page.locator('.pgw-ec-denied').waitFor();
    assert.equal(await page.textContent('.pgw-ec-denied'), message);
    assert.equal(await page.locator('.pgw-ec-figures, .pgw-ec-precontractual, dd').count(), 0);
    assert.doesNotMatch(await page.textContent('#summary'), /\d/, 'no figure at all');
    assert.equal(await page.locator('#ec-confirm').isVisible(), false);
    noViolations(await axe(page, ['#summary']), `denied summary (${locale})`);
    await context.close();
  }
});

test('each rule violation shows at its field before the redirect, in both languages', async () => {
  const messages = {
    en: { missing: 'Please fill in this field.', name: "The name must match the customer's name.", address: 'The delivery address must match the billing address or be a packing station.', long: 'Too long: at most 50 characters.', country: 'Please enter the two-letter country code (e.g. DE).' },
    de: { missing: 'Bitte ausfüllen.', name: 'Der Name muss mit dem Namen des Kunden übereinstimmen.', address: 'Die Lieferadresse muss der Rechnungsadresse entsprechen oder eine Packstation sein.', long: 'Zu lang: höchstens 50 Zeichen.', country: 'Bitte den Ländercode mit zwei Buchstaben angeben (z. B. DE).' },
  };
  for (const locale of ['en', 'de']) {
    const m = messages[locale];
    const context = await env.browser.newContext();
    const { page } = await openShop(context, locale);
    const submit = () => page.locator('#ec-continue').click();
    const startUrl = page.url();

    // Mandatory names (bdFirstName, sdLastName) and the customer's name.
    await field(page, 'billingAddress.firstName').fill('');
    await field(page, 'shippingAddress.lastName').fill('   ');
    await submit();
    assert.equal(await errorOf(page, 'billingAddress.firstName').textContent(), m.missing);
    assert.equal(await errorOf(page, 'shippingAddress.lastName').textContent(), m.missing);
    assert.equal(await field(page, 'billingAddress.firstName').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'ec-billingAddress-firstName', 'focus on the first problem');
    assert.equal(page.url(), startUrl, 'the customer stays on the page');

    // Names differing from the customer's.
    await field(page, 'billingAddress.firstName').fill('Erika');
    await field(page, 'shippingAddress.lastName').fill('Musterfrau');
    await submit();
    assert.equal(await errorOf(page, 'billingAddress.firstName').textContent(), m.name);
    assert.equal(await errorOf(page, 'shippingAddress.lastName').textContent(), m.name);
    await field(page, 'billingAddress.firstName').fill('max');
    await field(page, 'shippingAddress.lastName').fill(' Mustermann ');

    // A delivery address that is not the invoice address, then the same as a packing station.
    await field(page, 'shippingAddress.street').fill('Packstation');
    await field(page, 'shippingAddress.streetNumber').fill('101');
    await submit();
    assert.equal(await errorOf(page, 'shippingAddress.street').textContent(), m.address);
    assert.equal(await errorOf(page, 'shippingAddress.streetNumber').textContent(), m.address);
    assert.equal(await errorOf(page, 'billingAddress.firstName').textContent(), '', 'fixed problems disappear');
    await page.locator('#ec-shippingAddress-packingStation').check();

    // Too long, and a country code that is no code.
    await field(page, 'customer.lastName').fill('M'.repeat(51));
    await field(page, 'billingAddress.countryCode').fill('Deutschland');
    await submit();
    assert.equal(await errorOf(page, 'customer.lastName').textContent(), m.long);
    assert.equal(await errorOf(page, 'billingAddress.countryCode').textContent(), m.country);
    assert.equal(await errorOf(page, 'billingAddress.lastName').textContent(), '', 'a broken customer name is no mismatch of every address');
    assert.equal(await errorOf(page, 'shippingAddress.street').textContent(), '', 'a packing station may differ');
    noViolations(await axe(page, ['#easycredit']), `form with errors (${locale})`);

    // Fixed: on to the plan page.
    await field(page, 'customer.lastName').fill('Mustermann');
    await field(page, 'billingAddress.countryCode').fill('DE');
    await submit();
    await page.waitForURL(/\/easycredit\/plan/);
    await context.close();
  }
});

test('the sandbox Paygate enforces the same rules when a shop skips the check', async () => {
  const context = await env.browser.newContext();
  const { page } = await openShop(context, 'en');
  const answer = await page.evaluate(async () => {
    const order = {
      customer: { firstName: 'Max', lastName: 'Mustermann' },
      billingAddress: { firstName: 'Max', lastName: 'Mustermann', street: 'A', streetNumber: '1', zip: '1', city: 'B', countryCode: 'DE' },
      shippingAddress: { firstName: 'Max', lastName: 'Mustermann', street: 'C', streetNumber: '1', zip: '1', city: 'B', countryCode: 'DE', packingStation: false },
      employment: 'BEAMTER',
      articleList: 'bm90IGpzb24=',
    };
    const r = await fetch('/paygate/easycredit/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order, payment: { amount: 1999, currency: 'EUR' } }) });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(answer.status, 400);
  assert.equal(answer.body.error.code, 'easycredit_refused');
  assert.equal(answer.body.error.paygateCode, '21100002');
  assert.deepEqual(answer.body.error.problems, [
    { parameter: 'sdStreet', code: 'address_mismatch' },
    { parameter: 'Employment', code: 'employment_v2' },
    { parameter: 'ArticleList', code: 'article_list_shape' },
  ]);
  await context.close();
});
