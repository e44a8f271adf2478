// Shared pieces of the card components' end-to-end tests.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const root = new URL('../../', import.meta.url).pathname;
/** The Computop documents' examples (tests/fixtures, see its README). */
const fixturesDir = new URL('../fixtures/', import.meta.url).pathname;
export const fixture = (name) => readFileSync(fixturesDir + name, 'utf8');
const axePath = `${root}node_modules/axe-core/axe.min.js`;

/** Opens the harness page and waits for the package to be ready. */
export async function openHarness(context, shop, query = '') {
  const page = await context.newPage();
  await page.goto(`${shop}/test/cards.html${query}`);
  await page.waitForFunction(() => document.body.dataset.ready);
  const ready = await page.evaluate(() => document.body.dataset.ready);
  if (ready !== 'true') throw new Error(`harness did not start: ${await page.textContent('#result')}`);
  return page;
}

/** The visible labels of the saved-card radios under `scope`. */
export function labels(page, scope = '#saved') {
  return page.locator(`${scope} [role=radio] .pgw-option-label`).allTextContents();
}

/** The label of the checked saved-card radio under `scope`. */
export function checkedLabel(page, scope = '#saved') {
  return page.locator(`${scope} [role=radio][aria-checked=true] .pgw-option-label`).textContent();
}

/** Waits for the payment result in `#id` and returns its `data-status` and text. */
export async function paid(page, id = 'result') {
  await page.waitForFunction((i) => document.getElementById(i).dataset.status, id, { timeout: 30000 });
  return { status: await page.getAttribute(`#${id}`, 'data-status'), text: await page.textContent(`#${id}`) };
}

/**
 * Runs axe-core (injected from node_modules) on the elements matching `selectors`. It is
 * evaluated through the DevTools protocol: the payment pages' CSP refuses an inline `<script>`.
 */
export async function axe(page, selectors) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Runtime.evaluate', { expression: readFileSync(axePath, 'utf8') });
    await cdp.detach();
  }
  return page.evaluate(async (include) => {
    const r = await window.axe.run({ include: include.map((s) => [s]) }, { iframes: false, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.html.slice(0, 200)) }));
  }, selectors);
}

/**
 * Everything the page could leak a card number or CVC through: input values, every attribute of
 * every element, the serialised DOM, plus the recorded URLs and console lines.
 */
export async function leakSurface(page, seen) {
  const dom = await page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((i) => i.value);
    const attrs = [];
    for (const el of document.querySelectorAll('*')) for (const a of el.attributes) attrs.push(`${a.name}=${a.value}`);
    return { values, attrs, html: document.documentElement.outerHTML, url: location.href };
  });
  return { ...dom, urls: seen.urls, console: seen.console };
}

/**
 * Asserts that no input value, attribute, the serialised DOM, the page URL, a requested URL or a
 * console line holds one of `pans` (as typed or grouped) or one of `cvcs` (as a token).
 */
export function assertNoLeak(leak, { pans, cvcs }) {
  for (const line of [...leak.values, ...leak.attrs, leak.html, leak.url, ...leak.urls, ...leak.console]) {
    for (const pan of pans) assert.ok(!line.includes(pan), `PAN in ${line.slice(0, 120)}`);
    for (const cvc of cvcs) assert.ok(!holdsToken(line, cvc), `CVC in ${line.slice(0, 120)}`);
  }
}

/** Whether `text` holds `digits` as a token of its own (not inside a longer number or hex id). */
export function holdsToken(text, digits) {
  return new RegExp(`(^|[^0-9a-fA-F])${digits}([^0-9a-fA-F]|$)`).test(text);
}
