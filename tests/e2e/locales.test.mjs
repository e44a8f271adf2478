// The seven locales in the demo shop (`?locale=`, with a region where a shop would send one):
// the saved-card selector, the card form with an inline error, the checkout's announcements
// and challenge dialog show the locale's own texts, no English one, and the right `lang`.
// Then on the card test page: what an unavailable locale answers, `translations` overriding a
// text, completing a locale the package does not ship, and a hostile value shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, recordPage, answerChallenge } from './support.mjs';
import { openHarness, paid } from './cards_support.mjs';
import { assertAccessible } from './a11y_support.mjs';
import en from '../../js/locales/en.js';
import de from '../../js/locales/de.js';
import fr from '../../js/locales/fr.js';
import it from '../../js/locales/it.js';
import es from '../../js/locales/es.js';
import nl from '../../js/locales/nl.js';
import pl from '../../js/locales/pl.js';

const env = useSandbox(['--method-timeout-ms', '1200']);

/** Locale tag as the shop passes it, the language the components must use, its table. */
const LOCALES = [
  ['en', 'en', en], ['de-AT', 'de', de], ['fr-CH', 'fr', fr], ['it', 'it', it],
  ['ES', 'es', es], ['nl-BE', 'nl', nl], ['pl-PL', 'pl', pl],
];

/** Every text the components put on the page: text nodes and the attributes people hear. */
function shownTexts(page) {
  return page.evaluate(() => {
    const out = [];
    for (const root of document.querySelectorAll('#saved-cards, #card-form, #threeds')) {
      const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
      while (walker.nextNode()) if (walker.currentNode.data.trim()) out.push(walker.currentNode.data.trim());
      for (const el of root.querySelectorAll('*')) {
        for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
      }
    }
    return out;
  });
}

/** The `lang` of each element the components added (their roots; the rest inherits). */
function langs(page) {
  return page.evaluate(() => [...document.querySelectorAll(
    '#saved-cards > *, #card-form > *, #threeds dialog, #threeds [data-paygate=live]',
  )].map((el) => `${el.tagName.toLowerCase()}:${el.getAttribute('lang')}`));
}

/** English texts that would betray a fallback: whole words, not parts of one (`MasterCard`). */
function englishIn(texts, own) {
  const ownValues = new Set(Object.values(own));
  const found = [];
  for (const value of Object.values(en)) {
    if (ownValues.has(value)) continue;
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'u');
    for (const t of texts) if (re.test(t)) found.push(`${value} in "${t}"`);
  }
  return found;
}

for (const [tag, lang, t] of LOCALES) {
  test(`locale ${tag}: selector, form with an inline error, challenge and announcements are in ${lang}`, async () => {
    const context = await env.browser.newContext({ bypassCSP: lang === 'fr' });
    const page = await context.newPage();
    const seen = recordPage(page);
    await page.goto(`${env.sandbox.shop}/?locale=${tag}`);
    await page.locator('#saved-cards [role=radio][aria-checked=true]').waitFor({ timeout: 20000 });
    await page.locator('#pay:enabled').waitFor();
    const shown = [];

    assert.equal(await page.locator('#saved-cards .pgw-title').textContent(), t.savedCardsTitle);
    await page.getByRole('radio', { name: t.useNewCard }).click();
    assert.equal(await page.locator('#card-form legend').textContent(), t.newCardTitle);
    const field = (ac) => page.locator(`#card-form input[autocomplete=${ac}]`);
    assert.deepEqual(await page.locator('#card-form label').allTextContents(),
      [t.cardNumber, t.expiryDate, t.securityCode, t.cardholderName, t.saveCard]);
    for (const [ac, value] of [['cc-number', '4111111111111112'], ['cc-exp', '1230'], ['cc-csc', '123'], ['cc-name', 'Erika Mustermann']]) {
      await field(ac).pressSequentially(value);
    }
    await page.locator('#pay').click();
    const error = page.locator('#card-form .pgw-field-number .pgw-error');
    await page.waitForFunction(() => document.querySelector('#card-form .pgw-field-number .pgw-error').textContent !== '');
    assert.equal(await error.textContent(), t.errorNumberInvalid);
    if (lang === 'fr') await assertAccessible(page, 'fr: new card with an inline error');
    shown.push(...await shownTexts(page));

    await field('cc-number').fill('');
    await field('cc-number').pressSequentially('4000000000001091');
    await page.locator('#pay').click();
    const dialog = page.locator('#threeds dialog[data-paygate=challenge]');
    await dialog.waitFor({ timeout: 30000 });
    assert.equal(await dialog.getAttribute('aria-label'), t.challengeDialog);
    assert.equal(await dialog.getAttribute('lang'), lang);
    assert.equal(await dialog.locator('iframe').getAttribute('title'), t.challengeFrameTitle);
    const live = page.locator('#threeds [data-paygate=live]');
    await page.waitForFunction((text) => document.querySelector('#threeds [data-paygate=live]').textContent === text, t.announceChallenge);
    if (lang === 'fr') await assertAccessible(page, 'fr: the challenge');
    shown.push(...await shownTexts(page));
    const during = await langs(page);

    await answerChallenge(page, '1234', '#threeds');
    assert.equal((await paid(page)).status, 'AUTHORIZED');
    assert.equal(await live.textContent(), t.announceFinished);
    shown.push(...await shownTexts(page));

    for (const text of [t.savedCardsTitle, t.useNewCard, t.cardNumber, t.errorNumberInvalid, t.challengeDialog, t.announceChallenge, t.announceFinished]) {
      assert.ok(shown.includes(text), `${text} is shown`);
    }
    if (lang !== 'en') assert.deepEqual(englishIn(shown, t), [], 'no English text is left');
    assert.ok(during.length >= 4, `the components' elements: ${during}`);
    for (const l of [...during, ...await langs(page)]) assert.equal(l.split(':')[1], lang, l);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

/** Constructs a CardForm on the test page; returns what it threw, or the form's texts. */
function tryForm(page, options) {
  return page.evaluate((opts) => {
    const host = document.createElement('div');
    document.body.append(host);
    try {
      const form = new window.harness.pg.CardForm(host, opts);
      const out = {
        lang: host.firstElementChild.getAttribute('lang'),
        legend: host.querySelector('legend').textContent,
        labels: [...host.querySelectorAll('label')].map((l) => l.textContent),
        images: host.querySelectorAll('img').length,
      };
      form.destroy();
      return out;
    } catch (e) {
      return { error: { isPaygateError: e instanceof window.harness.pg.PaygateError, code: e.code, detail: e.detail, message: e.message } };
    } finally {
      host.remove();
    }
  }, options);
}

test('a locale that is not available is invalid_options naming what to do, never English', async () => {
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop, '?mount=none');
  const notLoaded = await tryForm(page, { locale: 'it-CH' });
  assert.deepEqual({ ...notLoaded.error, message: undefined }, { isPaygateError: true, code: 'invalid_options', detail: 'locale', message: undefined });
  assert.match(notLoaded.error.message, /import 'paygate-wasm\/locales\/it'/);
  const unknown = await tryForm(page, { locale: 'cs' });
  assert.equal(unknown.error.code, 'invalid_options');
  assert.equal(unknown.error.detail, 'locale');
  assert.match(unknown.error.message, /translations/);
  for (const bad of [{ locale: 42 }, { locale: '' }]) {
    assert.equal((await tryForm(page, bad)).error.detail, 'locale', JSON.stringify(bad));
  }
  const checkoutError = await page.evaluate(() => {
    try {
      new window.harness.pg.PaygateCheckout({ backendUrl: '/paygate', paygateOrigins: ['https://example.com'], container: document.body, locale: 'pl' });
      return null;
    } catch (e) { return `${e.code}/${e.detail}`; }
  });
  assert.equal(checkoutError, 'invalid_options/locale');
  await page.evaluate(() => import('/pkg/locales/it.js'));
  const loaded = await tryForm(page, { locale: 'it-CH' });
  assert.equal(loaded.lang, 'it');
  assert.equal(loaded.legend, it.newCardTitle);
  await context.close();
});

test('translations override a text, complete a new locale, and are refused when wrong', async () => {
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop, '?mount=none');
  const override = await tryForm(page, { locale: 'DE', translations: { de: { cardNumber: 'Kartennr.' } } });
  assert.equal(override.lang, 'de');
  assert.equal(override.labels[0], 'Kartennr.');
  assert.equal(override.labels[1], de.expiryDate, 'the other texts stay German');

  const partial = await tryForm(page, { locale: 'cs', translations: { cs: { cardNumber: 'Číslo karty' } } });
  assert.equal(partial.error.code, 'invalid_options');
  assert.equal(partial.error.detail, 'translations');
  assert.match(partial.error.message, /missing: savedCardsTitle/);
  const cs = Object.fromEntries(Object.keys(en).map((k) => [k, `cs:${k}`]));
  const complete = await tryForm(page, { locale: 'cs-CZ', translations: { cs } });
  assert.equal(complete.lang, 'cs');
  assert.equal(complete.legend, 'cs:newCardTitle');

  for (const translations of [{ en: { noSuchText: 'x' } }, { en: { cardNumber: 42 } }, { en: 'x' }, []]) {
    const r = await tryForm(page, { translations });
    assert.equal(r.error?.code, 'invalid_options', JSON.stringify(translations));
    assert.equal(r.error.detail, 'translations');
  }
  await context.close();
});

test('a hostile translation is shown as text, never parsed as HTML', async () => {
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop, '?mount=none');
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const r = await tryForm(page, { translations: { en: { cardNumber: hostile, newCardTitle: hostile } } });
  assert.equal(r.labels[0], hostile);
  assert.equal(r.legend, hostile);
  assert.equal(r.images, 0);
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await context.close();
});
