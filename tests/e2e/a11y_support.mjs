// Shared pieces of the accessibility, keyboard, reflow and history tests: the two pages a
// customer pays on (the demo shop and the PayPage template), opened and paid the way a person does.
import assert from 'node:assert/strict';
import { answerChallenge } from './support.mjs';
import { paid } from './cards_support.mjs';

const root = new URL('../../', import.meta.url).pathname;

/** The WCAG 2.0, 2.1 and 2.2 level A and AA rules of axe-core. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The two pages, with what a test needs to find on each. */
export const SITES = {
  shop: {
    name: 'demo shop',
    url: (base, locale, size) => `${base}/?locale=${locale}${size ? `&size=${size}` : ''}`,
    saved: '#saved-cards', form: '#card-form', pay: '#pay', threeds: '#threeds', result: 'result',
    payLabel: { en: 'Pay 19.99 EUR', de: '19,99 € bezahlen' },
  },
  paypage: {
    name: 'PayPage',
    url: (base, locale, size) => `${base}/paypage/?locale=${locale}${size ? `&size=${size}` : ''}`,
    saved: '#pp-saved', form: '#pp-form', pay: '#pp-pay', threeds: '#pp-threeds', result: 'pp-result',
    payLabel: { en: /^Pay now/, de: /^Jetzt bezahlen/ },
  },
};

/** The test cards and what the customer does for each in the issuer's frame. */
export const KINDS = {
  frictionless: { pan: '4111111111111111', answer: null },
  challenge: { pan: '4000000000001091', answer: 'otp' },
  '3ds1': { pan: '4000000000002008', answer: 'password' },
};

const NEW_CARD = { en: 'Use a new card', de: 'Neue Karte verwenden' };

/**
 * Opens `site` in a fresh context and waits until a stored card is preselected. `axe: true`
 * lets the test inject axe-core into a page whose CSP allows no inline script (the PayPage).
 */
export async function openSite(browser, base, site, { locale = 'en', size, viewport, before, axe = false } = {}) {
  const context = await browser.newContext({ ...(viewport ? { viewport } : {}), bypassCSP: axe });
  const page = await context.newPage();
  if (before) await page.goto(`${base}${before}`);
  await page.goto(site.url(base, locale, size));
  await page.locator(`${site.saved} [role=radio][aria-checked=true]`).waitFor({ timeout: 20000 });
  await page.locator(site.pay).and(page.locator(':enabled')).waitFor();
  return { context, page };
}

/** Chooses "use a new card" and types a card the way a customer does. */
export async function typeNewCard(page, site, pan, locale = 'en') {
  await page.locator(`${site.saved} [role=radio]`).filter({ hasText: NEW_CARD[locale] }).click();
  const field = (ac) => page.locator(`${site.form} input[autocomplete=${ac}]`);
  for (const [ac, value] of [['cc-number', pan], ['cc-exp', '1230'], ['cc-csc', '123'], ['cc-name', 'Erika Mustermann']]) {
    await field(ac).fill('');
    await field(ac).pressSequentially(value);
  }
}

/** The issuer's frame inside `site`'s challenge container. */
export const issuerFrame = (page, site) => page.frameLocator(`${site.threeds} iframe[name^="paygate-challenge"]`);

/** Answers what the issuer asks for `kind` (nothing for a frictionless card). */
export async function answerIssuer(page, site, kind) {
  if (KINDS[kind].answer === 'otp') await answerChallenge(page, '1234', site.threeds);
  if (KINDS[kind].answer === 'password') {
    await issuerFrame(page, site).locator('input[name=password]').fill('1234', { timeout: 30000 });
    await issuerFrame(page, site).getByRole('button', { name: 'Submit' }).click();
  }
}

/** Pays with a new card of `kind` by clicks and typing; returns what the page shows. */
export async function payNewCard(page, site, kind, locale = 'en') {
  await typeNewCard(page, site, KINDS[kind].pan, locale);
  await page.locator(site.pay).click();
  await answerIssuer(page, site, kind);
  return paid(page, site.result);
}

/** axe-core's WCAG A/AA rules over the whole page (the issuer's cross-origin frame excluded). */
export async function wcagViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: `${root}node_modules/axe-core/axe.min.js` });
  }
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, iframes: false, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.html.slice(0, 160)) }));
  }, WCAG_TAGS);
}

/** Asserts that axe-core finds no WCAG A/AA violation on the page. */
export async function assertAccessible(page, what) {
  const v = await wcagViolations(page);
  assert.deepEqual(v, [], `${what}: ${JSON.stringify(v, null, 1)}`);
}

/** What has focus: the element's id, or its tag and name/autocomplete, or 'body'. */
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const ac = el.getAttribute('autocomplete');
    if (ac) return `${el.tagName.toLowerCase()}[${ac}]`;
    return el.id || `${el.tagName.toLowerCase()}${el.name ? `[name=${el.name}]` : ''}`;
  });
}

/** Asserts that the page does not scroll sideways; names the elements that stick out. */
export async function assertNoSidewaysScroll(page, what) {
  const { scroll, client, out } = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5);
    return { scroll: root.scrollWidth, client: root.clientWidth, out: wide.slice(-5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`) };
  });
  assert.ok(scroll <= client, `${what}: scrollWidth ${scroll} > ${client}: ${out.join(', ')}`);
}
