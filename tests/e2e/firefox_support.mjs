// The second engine: Debian's Firefox ESR driven over WebDriver BiDi by puppeteer-core, and the
// ways a person pays with it (clicks, typing, the keyboard), read from what the page shows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

export const FIREFOX = '/usr/bin/firefox-esr';

/**
 * Preferences on top of puppeteer's own, so that Firefox starts fast and makes no request of its
 * own: the machine's network refuses outgoing connections, and the tests want none.
 */
const QUIET_PREFS = {
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.update.service.enabled': false,
  'browser.aboutwelcome.enabled': false,
  'browser.discovery.enabled': false,
  'browser.ml.enable': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.update.enabled': false,
  'browser.search.geoip.url': '',
  'browser.topsites.contile.enabled': false,
  'captivedetect.canonicalURL': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'geo.provider.network.url': '',
  'identity.fxaccounts.enabled': false,
  'media.gmp-gmpopenh264.enabled': false,
  'media.gmp-manager.url': '',
  'messaging-system.rsexperimentloader.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.bhrPing.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.firstShutdownPing.enabled': false,
  'toolkit.telemetry.newProfilePing.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.shutdownPingSender.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.updatePing.enabled': false,
};

/**
 * Launches Firefox ESR headless with a fresh profile (puppeteer's temporary one, removed on
 * close) and a fresh HOME: Firefox refuses root in a HOME owned by another user, and leaves
 * nothing in the real one. MOZ_REMOTE_SETTINGS_DEVTOOLS lets a release build take puppeteer's
 * dummy `services.settings.server`; without it Firefox syncs its remote settings from the net.
 * Resolves with puppeteer's Browser; its close() also removes the HOME.
 */
export async function launchFirefox() {
  const home = mkdtempSync(join(tmpdir(), 'paygate-firefox-home-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: QUIET_PREFS,
    env: {
      ...process.env,
      HOME: home,
      MOZ_CRASHREPORTER_DISABLE: '1',
      MOZ_DISABLE_AUTO_SAFE_MODE: '1',
      MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
    },
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    try { await close(); } finally { rmSync(home, { recursive: true, force: true }); }
  };
  return browser;
}

/**
 * A page in a fresh browser context (own session cookie) that records page errors, console lines
 * and request URLs as support.mjs's recordPage does; `before(page)` runs before the first load.
 */
export async function openPage(browser, before = async () => {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const seen = { console: [], errors: [], urls: [] };
  page.on('console', (m) => seen.console.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('request', (r) => seen.urls.push(r.url()));
  await before(page);
  return { context, page, seen };
}

/** Clicks into the field and types `text` key by key, after selecting and deleting what it held. */
export async function typeInto(page, selector, text) {
  const field = await page.waitForSelector(selector, { visible: true });
  await field.click();
  if (await field.evaluate((el) => el.value !== '')) {
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Control');
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.type(text);
}

/** Clicks the radio under `scope` whose text contains `label`. */
export async function clickRadio(page, scope, label) {
  const radio = await page.waitForSelector(`${scope} [role=radio] ::-p-text(${label})`, { visible: true });
  await radio.click();
}

/**
 * Waits for the payment result in `#id` (its `data-status`), returns status and text, and clears
 * the status so that the next payment's result can be awaited.
 */
export async function result(page, id) {
  const el = await page.waitForSelector(`#${id}[data-status]`, { timeout: 30000 });
  const got = await el.evaluate((e) => ({ status: e.dataset.status, text: e.textContent }));
  await el.evaluate((e) => { delete e.dataset.status; });
  return got;
}

/**
 * The challenge frame under `scope` once the ACS page with `input` has loaded in it: the frame
 * first shows the Paygate's document, which posts on to the ACS.
 */
async function acsFrame(page, scope, input) {
  const iframe = await page.waitForSelector(`${scope} iframe[name^="paygate-challenge"]`, { timeout: 30000 });
  const frame = await iframe.contentFrame();
  const field = await frame.waitForSelector(input, { visible: true, timeout: 30000 });
  return { frame, field };
}

/**
 * Does what the cardholder does at the ACS for `how`: null (no challenge), an OTP typed and
 * submitted with the Submit button, or `3ds1:<password>` typed and submitted with Enter.
 */
export async function answer(page, scope, how) {
  if (how === null) return;
  if (how.startsWith('3ds1:')) {
    const { field } = await acsFrame(page, scope, 'input[name=password]');
    await field.click();
    await field.type(how.slice(5));
    await field.press('Enter');
    return;
  }
  const { frame, field } = await acsFrame(page, scope, 'input[name=otp]');
  await field.click();
  await field.type(how);
  const submit = await frame.waitForSelector('button[value=submit]');
  await submit.click();
}

/**
 * Every kind of test card of sandbox/README.md: PAN, what it is, what the cardholder does at the
 * ACS (see `answer`), and whether the payment goes through.
 */
export const CARDS = [
  ['4111111111111111', 'frictionless (method URL)', null, true],
  ['5555555555554444', 'MasterCard, frictionless', null, true],
  ['378282246310005', 'AMEX, frictionless', null, true],
  ['4000000000001000', 'no issuer method URL, frictionless', null, true],
  ['4000000000001091', 'challenge, right OTP', '1234', true],
  ['4000000000001091', 'challenge, wrong OTP', '9999', false],
  ['4000000000001109', 'challenge mandated, right OTP', '1234', true],
  ['4000000000001117', 'challenge that fails', '1234', false],
  ['4000000000001125', 'method timeout, frictionless', null, true],
  ['4000000000002008', '3-D Secure 1.0', '3ds1:1234', true],
  ['4000000000000002', 'declined at authorisation', null, false],
];

/** The security code the sandbox wants for `pan`: 4 digits for AMEX, else 3. */
export const cvcFor = (pan) => (pan.startsWith('3') ? '3737' : '373');
