// End to end: only the WebAssembly a package was built with runs (PCI DSS 6.4.3). A wasm served
// with one byte flipped in its code, or one of another version, makes init() reject with
// `init_failed` (`detail` `integrity`), naming the URL, and nothing of the package can be used or
// appears on the page; the genuine wasm passes whichever way it is handed over. The PayPage pins
// its files: one pinned wrong is refused by the browser and the page says so instead of showing
// a form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useSandbox, recordPage } from './support.mjs';
import { oneByteFlipped, anotherVersion, noWebCrypto } from './wasm_bytes.mjs';

const env = useSandbox();
const root = new URL('../../', import.meta.url).pathname;

const BUILDS = {
  cards: { wasm: '/pkg/paygate_wasm_bg.wasm', file: `${root}pkg/paygate_wasm_bg.wasm` },
  easycredit: { wasm: '/pkg-easycredit/paygate_easycredit_bg.wasm', file: `${root}pkg-easycredit/paygate_easycredit_bg.wasm` },
};

/**
 * Opens the test page with the build's wasm served as `bytes` (when given) and tries init(); with
 * `webCrypto` false the page has no `crypto.subtle`, as on an http page that is not localhost.
 */
async function tryInit(build, how, bytes, { webCrypto = true } = {}) {
  const context = await env.browser.newContext();
  if (!webCrypto) {
    await context.addInitScript(noWebCrypto);
  }
  const page = await context.newPage();
  const seen = recordPage(page);
  if (bytes) {
    await page.route(`**${BUILDS[build].wasm}`, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: bytes }));
  }
  await page.goto(`${env.sandbox.shop}/test/integrity.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const out = await page.evaluate(([b, h]) => window.tryInit(b, h), [build, how]);
  await context.close();
  return { ...out, errors: seen.errors };
}

function assertRefused(out, url, what) {
  assert.equal(typeof out.init, 'object', `${what}: init() resolved`);
  assert.deepEqual([out.init.name, out.init.code, out.init.kind, out.init.detail], ['PaygateError', 'init_failed', 'merchant', 'integrity'], what);
  assert.match(out.init.message, /integrity check/, what);
  assert.ok(out.init.message.includes(url), `${what}: the message names ${url}: ${out.init.message}`);
  assert.deepEqual([out.use.name, out.use.code], ['PaygateError', 'invalid_options'], `${what}: nothing can be used`);
  assert.deepEqual(out.page, { host: 0, iframes: 0, forms: 0, inputs: 0 }, `${what}: nothing on the page`);
}

for (const build of ['cards', 'easycredit']) {
  test(`${build}: a wasm with one byte flipped, or of another version, is refused by init() and nothing runs`, async () => {
    const genuine = readFileSync(BUILDS[build].file);
    const url = `${env.sandbox.shop}${BUILDS[build].wasm}`;
    for (const [what, bytes] of [['one byte flipped', oneByteFlipped(genuine)], ['another version', anotherVersion(genuine)]]) {
      assert.equal(bytes.length >= genuine.length && WebAssembly.validate(bytes), true, `${what} is valid WebAssembly`);
      const out = await tryInit(build, 'default', bytes);
      assertRefused(out, url, `${build}, ${what}`);
      assert.match(out.init.message, /changed after the build/);
    }
  });
}

test('cards: a changed wasm is refused whether init() gets its URL, a Response or its bytes', async () => {
  const bytes = oneByteFlipped(readFileSync(BUILDS.cards.file));
  const url = `${env.sandbox.shop}${BUILDS.cards.wasm}`;
  assertRefused(await tryInit('cards', 'url', bytes), url, 'URL');
  assertRefused(await tryInit('cards', 'response', bytes), url, 'Response');
  assertRefused(await tryInit('cards', 'bytes', bytes), 'the bytes passed to init()', 'bytes');
});

test('without WebCrypto the browser checks the URL: a changed wasm is refused, the genuine one runs', async () => {
  for (const build of ['cards', 'easycredit']) {
    const genuine = readFileSync(BUILDS[build].file);
    const url = `${env.sandbox.shop}${BUILDS[build].wasm}`;
    for (const how of ['default', 'url']) {
      assertRefused(await tryInit(build, how, oneByteFlipped(genuine), { webCrypto: false }), url, `${build}, ${how}, no WebCrypto`);
      const out = await tryInit(build, how, undefined, { webCrypto: false });
      assert.deepEqual([out.init, out.use], ['ok', 'ok'], `${build}, ${how}, no WebCrypto: ${JSON.stringify(out)}`);
    }
  }
});

test('a compiled WebAssembly.Module cannot be checked and is refused, even the genuine one', async () => {
  for (const build of ['cards', 'easycredit']) {
    const out = await tryInit(build, 'module');
    assertRefused(out, 'WebAssembly.Module', build);
  }
});

test('the genuine wasm passes the check however it is handed over, and the package works', async () => {
  for (const build of ['cards', 'easycredit']) {
    for (const how of ['default', 'url', 'response', 'bytes']) {
      const out = await tryInit(build, how);
      assert.deepEqual([out.init, out.use], ['ok', 'ok'], `${build}, ${how}: ${JSON.stringify(out)}`);
      assert.deepEqual(out.errors, []);
    }
  }
  const form = await tryInit('cards', 'default');
  assert.ok(form.page.inputs >= 4, 'the card form is on the page');
});

test('PayPage: every script, stylesheet and module it loads is pinned, and a file pinned wrong is refused with a clear failure', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.sandbox.shop}/paypage/`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
  const unpinned = await page.evaluate(() => [...document.querySelectorAll('script[src]:not([integrity]), link[rel=stylesheet]:not([integrity])')].map((e) => e.outerHTML));
  assert.deepEqual(unpinned, []);
  const map = JSON.parse(await page.locator('script[type=importmap]').textContent());
  assert.deepEqual(Object.keys(map.integrity).sort(), ['/pkg/error.js', '/pkg/paygate_wasm.js']);
  await context.close();

  for (const [variant, file] of [['wrong-script', 'paypage.js'], ['wrong-module', 'paygate_wasm.js']]) {
    const ctx = await env.browser.newContext();
    const p = await ctx.newPage();
    const consoleErrors = [];
    p.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await p.goto(`${env.sandbox.shop}/paypage/?sri=${variant}`);
    await p.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30000 });
    assert.equal(await p.evaluate(() => document.body.dataset.ready), 'error', variant);
    assert.match(await p.textContent('#pp-result'), /^The payment page was not loaded: one of its files failed its integrity check/);
    assert.equal(await p.getAttribute('#pp-result', 'data-code'), 'integrity');
    assert.equal(await p.locator('#pp-form input, #pp-saved [role=radio], iframe').count(), 0, `${variant}: no card field`);
    assert.equal(await p.locator('#pp-pay').isDisabled(), true);
    assert.ok(consoleErrors.some((e) => e.includes('integrity') && e.includes(file)), `${variant}: ${consoleErrors.join('\n')}`);
    await ctx.close();
  }
});
