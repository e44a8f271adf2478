// End to end: the demo shop and the PayPage are served as payment pages. Their headers say so
// (a policy with frame-ancestors, form-action, base-uri and object-src; nosniff; no-referrer),
// no other page can frame them, a payment runs under that policy with no violation and sends no
// Referer to the Paygate or the ACS; and the reference backend refuses what another site, or a
// text/plain body, tries to send it, while the shop's own JSON payment is paid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, recordPage } from './support.mjs';
import { paid } from './cards_support.mjs';

const env = useSandbox();

const PAGES = { 'demo shop': '/', PayPage: '/paypage/', 'easyCredit confirmation': '/easycredit/confirm.html' };

test('the demo shop and the PayPage answer with the headers of a payment page', async () => {
  const { shop, paygate, acs } = env.sandbox;
  for (const [name, path] of Object.entries(PAGES)) {
    const r = await fetch(`${shop}${path}`);
    assert.equal(r.status, 200, name);
    const csp = r.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
      `frame-src ${paygate} ${acs}`, `form-action ${paygate} ${acs}`, "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'"]) {
      assert.ok(csp.includes(directive), `${name}: ${directive} in ${csp}`);
    }
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/, name);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', name);
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer', name);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', name);
  }
  for (const file of ['/pkg/paygate_wasm.js', '/pkg/paygate_wasm_bg.wasm', '/pkg/style.css', '/paypage/paypage.js']) {
    assert.equal((await fetch(`${shop}${file}`)).headers.get('x-content-type-options'), 'nosniff', file);
  }
});

test('no other page can frame the demo shop or the PayPage', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  // A page of another origin (the Paygate's) that frames them, and a test page that may be framed.
  await page.goto(`${env.sandbox.paygate}/`);
  const framed = { ...PAGES, 'a test page without the headers': '/test/integrity.html' };
  await page.evaluate(([shop, paths]) => {
    document.body.replaceChildren(...paths.map((p) => Object.assign(document.createElement('iframe'), { src: `${shop}${p}` })));
  }, [env.sandbox.shop, Object.values(framed)]);
  // A refused frame shows the browser's error page instead of the shop's.
  const where = (url) => (url.startsWith('chrome-error:') ? 'refused' : URL.canParse(url) && new URL(url).pathname) || 'blank';
  const shownNow = () => page.frames().slice(1).map((f) => where(f.url()));
  for (let i = 0; i < 150 && shownNow().some((p) => p === 'blank' || p === '/' || p.startsWith('/paypage') || p.startsWith('/easycredit')); i++) {
    await page.waitForTimeout(100);
  }
  const shown = shownNow();
  assert.deepEqual(shown, ['refused', 'refused', 'refused', '/test/integrity.html']);
  await context.close();
});

test('a payment on the PayPage runs under its policy with no violation and no Referer to the Paygate or the ACS', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const seen = recordPage(page);
  const referers = [];
  page.on('request', async (r) => {
    if (!r.url().startsWith(env.sandbox.shop)) referers.push([r.url(), (await r.allHeaders()).referer ?? '']);
  });
  await page.goto(`${env.sandbox.shop}/paypage/?amount=4711`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  await page.getByRole('radio', { name: 'Use a new card' }).click();
  await page.getByLabel('Card number').pressSequentially('4000000000001091');
  await page.getByLabel('Expiry date (MM/YY)').pressSequentially('1230');
  await page.locator('#pp-form input[autocomplete=cc-csc]').pressSequentially('123');
  await page.getByLabel('Cardholder name').fill('Max Mustermann');
  await page.click('#pp-pay');
  const frame = page.frameLocator('#pp-threeds iframe[name^="paygate-challenge"]').last();
  await frame.locator('input[name=otp]').fill('1234', { timeout: 30000 });
  await frame.getByRole('button', { name: 'Submit' }).click();
  const result = await paid(page, 'pp-result');
  assert.equal(result.status, 'AUTHORIZED', result.text);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(seen.errors, []);
  assert.ok(referers.some(([url]) => url.startsWith(env.sandbox.acs)), 'the challenge reached the ACS');
  // The ACS's own pages may name themselves to the Paygate; no request names the PayPage's URL.
  assert.deepEqual(referers.filter(([, referer]) => referer.startsWith(env.sandbox.shop)), [], 'no Referer left the shop');
  await context.close();
});

/** A payment request body as the package sends it (frictionless VISA). */
const BODY = JSON.stringify({
  payment: { amount: 1999, currency: 'EUR' },
  card: { number: '4111111111111111', expiryDate: '203012', securityCode: '123', cardholderName: 'Max Mustermann' },
  browserInfo: { javaEnabled: false, javaScriptEnabled: true, language: 'en', colorDepth: 24, screenHeight: 900,
    screenWidth: 1440, timeZoneOffset: 0, userAgent: 'test' },
  saveCard: false,
});

test('the backend refuses a text/plain and a cross-site POST …/payments, and pays the shop\'s own JSON one', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const target = `${env.sandbox.shop}/paygate/payments`;
  // The shop's own page: text/plain is refused readably (415), JSON is answered.
  await page.goto(`${env.sandbox.shop}/test/integrity.html`);
  const own = await page.evaluate(async (body) => {
    const send = async (type) => {
      const r = await fetch('/paygate/payments', { method: 'POST', headers: { 'content-type': type }, body });
      return [r.status, (await r.json()).error?.code ?? 'none'];
    };
    return { text: await send('text/plain'), json: await send('application/json') };
  }, BODY);
  assert.deepEqual(own, { text: [415, 'unsupported_media_type'], json: [200, 'none'] });

  // Another origin's page (the Paygate's): a no-cors text/plain fetch and a classic form post,
  // both "simple" requests with the shop's cookie, are refused (403).
  await page.goto(`${env.sandbox.paygate}/`);
  const statuses = [];
  page.on('response', (r) => { if (r.url() === target) statuses.push(r.status()); });
  await page.evaluate(([url, body]) => {
    fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body });
    const form = Object.assign(document.createElement('form'), { method: 'POST', action: url, enctype: 'text/plain', target: 'sink' });
    form.append(Object.assign(document.createElement('input'), { name: body.slice(0, -1), value: '}' }));
    document.body.append(Object.assign(document.createElement('iframe'), { name: 'sink' }), form);
    form.submit();
  }, [target, BODY]);
  for (let i = 0; i < 50 && statuses.length < 2; i++) await page.waitForTimeout(100);
  assert.deepEqual(statuses, [403, 403]);
  await context.close();
});
