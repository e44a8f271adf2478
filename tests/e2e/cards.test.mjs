// End to end: SavedCards and CardForm against the sandbox (shop + merchant backend, Paygate, ACS)
// in Debian's Chromium, through the harness page www/test/cards.html.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, recordPage } from './support.mjs';
import { fixture, openHarness, labels, checkedLabel, paid, leakSurface, assertNoLeak, holdsToken } from './cards_support.mjs';

const env = useSandbox();

test('each vault shape from the fixtures renders the expected labels', async () => {
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop, '?mount=none');
  const mount = (data) => page.evaluate((d) => { window.harness.mountSaved(d); }, data);

  // Customer Data Storage, decoded object (Expiry 202401: expired, so "use a new card" is chosen).
  await mount(JSON.parse(fixture('cds-customer-infos.decoded.json')));
  assert.deepEqual(await labels(page), ['VISA ending 1111, expires 01/2024, as dasd', 'Use a new card']);
  assert.equal(await page.locator('#saved [role=radio]').first().getAttribute('aria-disabled'), 'true');
  assert.match(await page.locator('#saved [role=radio]').first().textContent(), /\(expired\)/);
  assert.equal(await checkedLabel(page), 'Use a new card');

  // The printed example (valid until 01/2027): preselected.
  await mount(JSON.parse(fixture('cds-customer-infos.doc-example.json')));
  assert.deepEqual(await labels(page), ['VISA ending 1111, expires 01/2027, John Doe', 'Use a new card']);
  assert.equal(await checkedLabel(page), 'VISA ending 1111, expires 01/2027, John Doe');

  // The GetDetails key=value answer as a string, and its CustomerInfos alone (base64).
  const kv = fixture('cds-getdetails-response.kv');
  await mount(kv);
  assert.deepEqual(await labels(page), ['VISA ending 1111, expires 01/2024, as dasd', 'Use a new card']);
  await mount(kv.trim().split('CustomerInfos=')[1]);
  assert.deepEqual(await labels(page), ['VISA ending 1111, expires 01/2024, as dasd', 'Use a new card']);

  // Prefill: the pseudo card number keeps the last three digits.
  const prefill = fixture('prefill-card-response.json');
  await mount(JSON.parse(prefill));
  assert.deepEqual(await labels(page), ['MasterCard ending 459, expires 02/2025, Jane Doe', 'Use a new card']);
  await mount(JSON.parse(prefill.replace('202502', '203002')));
  assert.equal(await checkedLabel(page), 'MasterCard ending 459, expires 02/2030, Jane Doe');
  await page.locator('#saved input[autocomplete=cc-csc]').fill('321');
  const selection = await page.evaluate(() => window.harness.saved.selection());
  assert.equal(selection.source, 'prefill');
  assert.equal(selection.pseudoCardNumber, '0949128693311459');
  assert.equal(selection.brand, 'MasterCard');

  // The webhook example as printed is not JSON (trailing comma): refused, nothing rendered.
  await page.evaluate(() => { window.harness.saved.destroy(); });
  const refused = await page.evaluate((d) => {
    try { new window.harness.pg.SavedCards(document.getElementById('saved'), { vaultData: d }); return null; } catch (e) { return { name: e.name, code: e.code, kind: e.kind }; }
  }, fixture('vault-webhook-create.doc-example.json'));
  assert.deepEqual(refused, { name: 'PaygateError', code: 'invalid_vault_data', kind: 'merchant' });
  assert.equal(await page.locator('#saved').innerHTML(), '');

  // The REST list of the session customer, from the merchant backend; German labels too.
  const rest = await page.evaluate(() => window.harness.loadVault());
  await mount(rest);
  const got = await labels(page);
  for (const l of ['VISA ending 1111, expires 12/2030, Max Mustermann', 'MasterCard ending 4444, expires 06/2029, Max Mustermann', 'VISA ending 1881, expires 01/2023, Max Mustermann']) {
    assert.ok(got.includes(l), `${l} in ${got}`);
  }
  assert.equal(await checkedLabel(page), 'VISA ending 1111, expires 12/2030, Max Mustermann');
  await page.evaluate((d) => { window.harness.mountSaved(d, { locale: 'de' }); }, rest);
  assert.ok((await labels(page)).includes('VISA mit Endziffern 1111, gültig bis 12/2030, Max Mustermann'));
  assert.ok((await labels(page)).includes('Neue Karte verwenden'));
  await context.close();
});

test('keyboard only: choose a card with the arrow keys, type the CVC, pay', async () => {
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop);
  const seen = recordPage(page);
  await page.keyboard.press('Tab');
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
  assert.match(await focused(), /VISA ending 1111/, 'the preselected card is the tab stop');
  // Move through the group until the MasterCard is chosen (the expired card is skipped).
  for (let i = 0; i < 4 && !/MasterCard ending 4444/.test(await focused()); i++) await page.keyboard.press('ArrowDown');
  assert.match(await focused(), /MasterCard ending 4444/);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-checked')), 'true');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('autocomplete')), 'cc-csc');
  await page.keyboard.type('737');
  for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement.id)) !== 'pay'; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pay');
  await page.keyboard.press('Enter');
  const result = await paid(page);
  assert.equal(result.status, 'AUTHORIZED', result.text);
  const leak = await leakSurface(page, seen);
  assert.ok(!leak.values.includes('737'), 'CVC input emptied');
  for (const line of [...leak.attrs, ...leak.urls, ...leak.console]) assert.ok(!holdsToken(line, '737'), `CVC in ${line}`);
  await context.close();
});

test('a new card: after submit no input, attribute, URL or console line holds the PAN or CVC', async () => {
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop);
  const seen = recordPage(page);
  await page.getByRole('radio', { name: 'Use a new card' }).click();
  await page.getByLabel('Card number').pressSequentially('5555555555554444');
  assert.equal(await page.getByLabel('Card number').inputValue(), '5555 5555 5555 4444');
  await page.getByLabel('Expiry date (MM/YY)').pressSequentially('1230');
  assert.equal(await page.getByLabel('Expiry date (MM/YY)').inputValue(), '12/30');
  await page.locator('#form input[autocomplete=cc-csc]').pressSequentially('373');
  await page.getByLabel('Cardholder name').fill('Max Mustermann');
  await page.click('#pay');
  const result = await paid(page);
  assert.equal(result.status, 'AUTHORIZED', result.text);
  assertNoLeak(await leakSurface(page, seen), { pans: ['5555555555554444', '5555 5555 5555 4444'], cvcs: ['373'] });
  assert.equal(await page.getByLabel('Card number').inputValue(), '');
  await context.close();
});

test('remove a card: gone after confirmation, and still gone after a reload', async () => {
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop);
  await page.getByRole('button', { name: 'Remove MasterCard ending 4444' }).click();
  const confirm = page.getByRole('group', { name: /Remove this card\?/ });
  await confirm.waitFor();
  // Cancel first: nothing happens.
  await confirm.getByRole('button', { name: 'Keep card' }).click();
  assert.ok((await labels(page)).some((l) => l.startsWith('MasterCard ending 4444')));
  await page.getByRole('button', { name: 'Remove MasterCard ending 4444' }).click();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await page.locator('#saved [role=status]').filter({ hasText: 'Card removed.' }).waitFor();
  assert.ok(!(await labels(page)).some((l) => l.startsWith('MasterCard ending 4444')));
  assert.equal(await page.getByRole('button', { name: 'Remove MasterCard ending 4444' }).count(), 0);
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.ok(!(await labels(page)).some((l) => l.startsWith('MasterCard ending 4444')));
  assert.ok((await labels(page)).some((l) => l.startsWith('VISA ending 1111')));
  await context.close();
});

test("another customer's card id is refused and stays with its owner", async () => {
  const owner = await env.browser.newContext();
  const ownerPage = await owner.newPage();
  await ownerPage.goto(`${env.sandbox.shop}/demo/login?customer=other`);
  const ownerHarness = await openHarness(owner, env.sandbox.shop, '?mount=none');
  const theirs = await ownerHarness.evaluate(() => window.harness.loadVault());
  assert.ok(theirs.paymentMethods.length > 0);
  const target = theirs.paymentMethods[0];

  const attacker = await env.browser.newContext();
  const page = await openHarness(attacker, env.sandbox.shop, '?mount=none');
  await page.evaluate((card) => { window.harness.mountSaved({ paymentMethods: [card] }); }, target);
  const [label] = await labels(page);
  const short = label.split(',')[0];
  await page.getByRole('button', { name: `Remove ${short}` }).click();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  const alert = page.locator('#saved [role=alert]');
  await alert.filter({ hasText: /\S/ }).waitFor();
  assert.ok((await alert.textContent()).length > 0);
  assert.deepEqual(await labels(page), [label, 'Use a new card'], 'the card stays in the list');

  const after = await ownerHarness.evaluate(() => window.harness.loadVault());
  assert.ok(after.paymentMethods.some((m) => m.id === target.id), 'still there for its owner');
  await owner.close();
  await attacker.close();
});

/** Mounts the session customer's VISA …1111 as a prefill `card` object and pays with it. */
async function payWithPrefill() {
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop, '?mount=none');
  const vault = await page.evaluate(() => window.harness.loadVault());
  const visa = vault.paymentMethods.find((m) => m.last4Digits === '1111');
  assert.ok(visa?.pseudoCardNumber?.startsWith('0'), JSON.stringify(visa));
  const prefill = { cardholderName: visa.cardHolderName, number: visa.pseudoCardNumber, expiryDate: visa.expiryDate, brand: 'VISA' };
  await page.evaluate((p) => { window.harness.mountSaved(p); window.harness.mountForm(); }, prefill);
  assert.deepEqual(await labels(page), [`VISA ending ${visa.pseudoCardNumber.slice(-3)}, expires 12/2030, Max Mustermann`, 'Use a new card']);
  assert.equal(await page.locator('#saved [role=radio]').first().getAttribute('aria-checked'), 'true');
  const bodies = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/paygate/payments')) bodies.push(JSON.parse(r.postData())); });
  await page.locator('#saved input[autocomplete=cc-csc]').fill('737');
  await page.click('#pay');
  const { status, text } = await paid(page);
  const cvcLeft = await page.locator('#saved input[autocomplete=cc-csc]').inputValue();
  await context.close();
  return { visa, bodies, status, text, cvcLeft };
}

test('prefill: the pseudo card number shows as the stored card and is sent as card.number, never with credentialOnFile', async () => {
  const r = await payWithPrefill();
  assert.equal(r.bodies.length, 1);
  assert.equal(r.bodies[0].card.number, r.visa.pseudoCardNumber);
  assert.equal(r.bodies[0].card.securityCode, '737');
  assert.equal(r.bodies[0].savedCard, undefined);
  assert.equal(JSON.stringify(r.bodies[0]).includes('credentialOnFile'), false);
  assert.equal(r.cvcLeft, '');
});

// The reference backend accepts a pseudo card number in card.number only for a card of the
// session's customer, and the Paygate resolves it to the stored PAN.
test('prefill: the payment with the pseudo card number is authorized', async () => {
  const r = await payWithPrefill();
  assert.equal(r.status, 'AUTHORIZED', r.text);
});

test('an odd vault entry is left out and reported; the other cards render', async () => {
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop, '?mount=none');
  const vaultData = { paymentMethods: [
    { id: 'pm_mc', type: 'card', last4Digits: '4444', brand: 'MasterCard', expiryDate: '203006', cardHolderName: 'Max Mustermann' },
    { id: { odd: true }, type: 'card', last4Digits: '1111', brand: 'VISA', expiryDate: '203012' },
    { id: 'pm_brand', type: 'card', last4Digits: '0005', brand: 42, expiryDate: '203001' },
  ] };
  const reported = await page.evaluate((vaultData) => {
    const seen = [];
    const saved = new window.harness.pg.SavedCards(document.getElementById('saved'), { vaultData, locale: 'en', onSkipped: (s) => seen.push(s) });
    return { calls: seen, property: saved.skippedEntries };
  }, vaultData);
  assert.deepEqual(await labels(page), ['MasterCard ending 4444, expires 06/2030, Max Mustermann', 'Use a new card']);
  assert.equal(reported.calls.length, 1, 'onSkipped is called once');
  assert.deepEqual(reported.calls[0], reported.property);
  assert.deepEqual(reported.property.map(({ index, id, code, detail }) => ({ index, id, code, detail })), [
    { index: 1, id: null, code: 'invalid_vault_data', detail: 'format' },
    { index: 2, id: 'pm_brand', code: 'invalid_vault_data', detail: 'format' },
  ]);

  // Nothing readable at all: invalid_vault_data, nothing rendered; all readable: no call, [].
  const none = await page.evaluate((vaultData) => {
    document.getElementById('saved').replaceChildren();
    try { new window.harness.pg.SavedCards(document.getElementById('saved'), { vaultData: { paymentMethods: vaultData.paymentMethods.slice(1) } }); return null; } catch (e) { return e.code; }
  }, vaultData);
  assert.equal(none, 'invalid_vault_data');
  assert.equal(await page.locator('#saved').innerHTML(), '');
  const clean = await page.evaluate((vaultData) => {
    let called = false;
    const saved = new window.harness.pg.SavedCards(document.getElementById('saved'), { vaultData: { paymentMethods: vaultData.paymentMethods.slice(0, 1) }, onSkipped: () => { called = true; } });
    return { called, skipped: saved.skippedEntries };
  }, vaultData);
  assert.deepEqual(clean, { called: false, skipped: [] });
  await context.close();
});
