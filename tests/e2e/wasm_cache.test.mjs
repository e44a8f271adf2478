// End to end: the wasm comes from the browser's HTTP cache without a round trip when the copy
// there is the one the package was built for, and a returning customer's browser still loads the
// new wasm after the shop upgraded the package at the same URL. A static server of the test's own
// serves the package as a shop's server does (`no-cache` with an ETag, 304 on a match) and can
// swap the wasm behind the URL; it counts what the browser asked for. Routing requests through
// Playwright would switch the browser's cache off, so nothing here is intercepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { launchBrowser } from './support.mjs';
import { launchFirefox } from './firefox_support.mjs';
import { anotherVersion, noWebCrypto } from './wasm_bytes.mjs';

const root = new URL('../../', import.meta.url).pathname;
const WASM = '/pkg/paygate_wasm_bg.wasm';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const FILES = { '/test/integrity.html': 'www/test/integrity.html', '/test/integrity.js': 'www/test/integrity.js' };

/** The static server: `swap[path]` replaces a file's bytes; `asked[path]` counts 200s and 304s. */
function shopServer() {
  const swap = {};
  const asked = {};
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = FILES[path] ?? (path.startsWith('/pkg/') ? path.slice(1) : null);
    let body;
    try {
      body = swap[path] ?? readFileSync(`${root}${file}`);
    } catch {
      res.writeHead(404).end();
      return;
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    const fresh = req.headers['if-none-match'] === etag;
    const counts = (asked[path] ??= { 200: 0, 304: 0 });
    counts[fresh ? 304 : 200] += 1;
    res.writeHead(fresh ? 304 : 200, { 'content-type': TYPES[extname(path)], 'cache-control': 'no-cache', etag });
    res.end(fresh ? undefined : body);
  });
  return { server, swap, asked };
}

const shop = shopServer();
let origin;
before(async () => {
  await new Promise((resolve) => shop.server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${shop.server.address().port}`;
});
after(() => new Promise((resolve) => shop.server.close(resolve)));

/** Each engine: its browser, a fresh context, and a page in it (without WebCrypto on request). */
const ENGINES = {
  chromium: {
    launch: launchBrowser,
    page: async (b, { webCrypto = true } = {}) => {
      const context = await b.newContext();
      if (!webCrypto) await context.addInitScript(noWebCrypto);
      return context.newPage();
    },
  },
  firefox: {
    launch: launchFirefox,
    page: async (b, { webCrypto = true } = {}) => {
      const page = await (await b.createBrowserContext()).newPage();
      if (!webCrypto) await page.evaluateOnNewDocument(noWebCrypto);
      return page;
    },
  },
};

/** Loads the test page in `page` and runs the card package's init() there; what tryInit() reports. */
async function initIn(page) {
  await page.goto(`${origin}/test/integrity.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  return page.evaluate(() => window.tryInit('cards', 'default'));
}

/** Asserts that init() resolved and the package could be used. */
const ok = (out, what) => assert.deepEqual([out.init, out.use], ['ok', 'ok'], `${what}: ${JSON.stringify(out)}`);

for (const [name, engine] of Object.entries(ENGINES)) {
  test(`${name}: a returning customer's browser uses the wasm it has without asking the server again`, async () => {
    const browser = await engine.launch();
    try {
      const page = await engine.page(browser);
      delete shop.swap[WASM];
      shop.asked[WASM] = { 200: 0, 304: 0 };
      ok(await initIn(page), 'first visit');
      assert.deepEqual(shop.asked[WASM], { 200: 1, 304: 0 }, 'the first visit fetched the wasm once');
      for (let visit = 2; visit <= 4; visit++) ok(await initIn(page), `visit ${visit}`);
      assert.deepEqual(shop.asked[WASM], { 200: 1, 304: 0 }, 'later visits took the wasm from the cache, unasked');
    } finally {
      await browser.close();
    }
  });

  test(`${name}: after the shop upgraded the package, the new wasm loads though the old one is in the cache`, async () => {
    const browser = await engine.launch();
    const genuine = readFileSync(`${root}pkg/paygate_wasm_bg.wasm`);
    try {
      for (const webCrypto of [true, false]) {
        const what = webCrypto ? 'hashed by the package' : 'checked by the browser (no WebCrypto)';
        const page = await engine.page(browser, { webCrypto });
        // The page has the new entry already; the cache holds the wasm of another version.
        shop.swap[WASM] = anotherVersion(genuine);
        const stale = await initIn(page);
        assert.equal(stale.init.detail, 'integrity', `${what}: another version's wasm does not run: ${JSON.stringify(stale)}`);
        shop.swap[WASM] = genuine;
        shop.asked[WASM] = { 200: 0, 304: 0 };
        ok(await initIn(page), `${what}: with the upgraded wasm on the server`);
        assert.deepEqual(shop.asked[WASM], { 200: 1, 304: 0 }, `${what}: the server was asked once and sent the new wasm`);
        ok(await initIn(page), `${what}: the visit after`);
        assert.deepEqual(shop.asked[WASM], { 200: 1, 304: 0 }, `${what}: then the new wasm came from the cache`);
      }
    } finally {
      delete shop.swap[WASM];
      await browser.close();
    }
  });
}
