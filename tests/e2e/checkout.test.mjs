// End to end: PaygateCheckout in Debian's Chromium against the sandbox: the test cards of
// sandbox/README.md, the challenge window sizes, cancel and abort, forged messages.
// The flows run twice: with the sandbox Paygate's documents posting JSON text, and posting base64
// of the JSON text as the real Paygate's integrations read it (POST /__sandbox/message-encoding).
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, recordPage, answerChallenge } from './support.mjs';

const SIZES = { '01': [250, 400], '02': [390, 400], '03': [500, 600], '04': [600, 400] };
const env = useSandbox(['--method-timeout-ms', '1200']);

/** A fresh page (own session cookie) on the harness with `query`. */
async function open(query = '', viewport = { width: 1024, height: 768 }) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  const seen = recordPage(page);
  const payments = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/paygate/payments') payments.push(r);
  });
  await page.goto(`${env.sandbox.shop}/test/checkout.html?${query}`);
  await page.waitForFunction(() => window.harness?.ready || window.harness?.startError);
  assert.equal(await page.evaluate(() => window.harness.startError ?? null), null);
  return { page, context, seen, payments };
}

const startPay = (page, pan, extra = {}) =>
  page.evaluate(([pan, extra]) => { window.harness.outcome = null; window.harness.pay({ card: window.harness.card(pan), ...extra }); }, [pan, extra]);

async function outcome(page, timeout = 20000) {
  await page.waitForFunction(() => window.harness.outcome !== null, null, { timeout });
  return page.evaluate(() => window.harness.outcome);
}

/** The ACS page in the challenge frame once it has loaded. */
async function acsFrame(page, path = '/challenge') {
  const frame = await (await page.waitForSelector('iframe[name^="paygate-challenge"]', { timeout: 15000 })).contentFrame();
  await frame.waitForURL((u) => u.href.startsWith(env.sandbox.acs + path), { waitUntil: 'load', timeout: 15000 });
  return frame;
}

/** The challenge frame's rendered size and attributes, and the ACS page's last report. */
async function challengeBox(page) {
  await acsFrame(page);
  await page.waitForFunction(() => window.harness.acsReports.length > 0);
  return page.evaluate(() => {
    const frame = document.querySelector('iframe[name^="paygate-challenge"]');
    const r = frame.getBoundingClientRect();
    return { w: r.width, h: r.height, vw: document.documentElement.clientWidth, vh: document.documentElement.clientHeight,
      acs: window.harness.acsReports.at(-1), title: frame.title, allow: frame.getAttribute('allow') };
  });
}

/** Switches how the sandbox Paygate's documents post their messages: 'json' or 'base64'. */
async function setEncoding(encoding) {
  const r = await fetch(`${env.sandbox.paygate}/__sandbox/message-encoding`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encoding }),
  });
  assert.equal(r.status, 200, `message encoding ${encoding}`);
}

/** The forms of the messages the page received from the Paygate origin: 'json', 'base64' or 'object'. */
const paygateMessageForms = (page) => page.evaluate(() => window.harness.paygateMessages);

const frameCount = (page) => page.evaluate(() => document.querySelectorAll('iframe').length);

function leaks(seen) {
  const text = [...seen.console, ...seen.urls].join('\n');
  for (const secret of ['4111111111111111', '4000000000001091', '5555555555554444', '378282246310005']) {
    assert.ok(!text.includes(secret), 'a PAN leaked into a URL or the console');
  }
}

/** The final results of the frictionless, declined and challenge cards. */
function resultTests() {
  test('frictionless cards and the declined card reach their final results', async () => {
    const { page, context, seen } = await open();
    const expect = [
      ['4111111111111111', 'AUTHORIZED', '00000000'],
      ['5555555555554444', 'AUTHORIZED', '00000000'],
      ['378282246310005', 'AUTHORIZED', '00000000'],
      ['4000000000001000', 'AUTHORIZED', '00000000'],
      ['4000000000000002', 'FAILED', '25000001'],
    ];
    for (const [pan, status, code] of expect) {
      await page.evaluate(() => { window.harness.states = []; });
      await startPay(page, pan);
      const o = await outcome(page);
      assert.equal(o.ok, true, `${pan}: ${JSON.stringify(o.error)}`);
      assert.equal(o.result.status, status, pan);
      assert.equal(o.result.code, code, pan);
      const states = await page.evaluate(() => window.harness.states);
      assert.deepEqual(states, ['collecting', 'method', 'finishing', 'done'], pan);
      assert.equal(await frameCount(page), 0, 'frames removed after the payment');
    }
    const live = await page.evaluate(() => document.querySelector('[aria-live="polite"][data-paygate="live"]')?.textContent);
    assert.equal(live, 'Payment process finished.');
    leaks(seen);
    await context.close();
  });

  test('challenge cards: OTP 1234 passes, another fails, mandated passes, 1117 always fails', async () => {
    const { page, context, seen } = await open('size=02');
    for (const [pan, otp, status] of [
      ['4000000000001091', '1234', 'AUTHORIZED'],
      ['4000000000001091', '9999', 'FAILED'],
      ['4000000000001109', '1234', 'AUTHORIZED'],
      ['4000000000001117', '1234', 'FAILED'],
    ]) {
      await page.evaluate(() => { window.harness.states = []; });
      await startPay(page, pan);
      await answerChallenge(page, otp);
      const o = await outcome(page);
      assert.equal(o.ok, true, `${pan}: ${JSON.stringify(o.error)}`);
      assert.equal(o.result.status, status, `${pan} ${otp}`);
      assert.ok((await page.evaluate(() => window.harness.states)).includes('challenge'));
      assert.equal(await frameCount(page), 0);
    }
    leaks(seen);
    await context.close();
  });
}

/** The cards that end outside the 3-D Secure 2 challenge: the method's timeout, 3-D Secure 1.0. */
function fallbackTests() {
  test('the method-timeout card finishes through the long poll with threeDSCompInd=N', async () => {
    const { page, context } = await open('methodTimeoutMs=400');
    await startPay(page, '4000000000001125');
    const o = await outcome(page);
    assert.equal(o.ok, true, JSON.stringify(o.error));
    assert.equal(o.result.status, 'AUTHORIZED');
    assert.equal(o.result.threeDSCompInd, 'N');
    assert.equal(await frameCount(page), 0);
    await context.close();
  });

  test('3-D Secure 1.0 fallback in the challenge frame', async () => {
    const { page, context } = await open('size=03');
    await startPay(page, '4000000000002008');
    const f = await acsFrame(page, '/3ds1');
    await f.fill('input[name="password"]', '1234');
    await f.click('button:has-text("Submit")');
    const o = await outcome(page);
    assert.equal(o.ok, true, JSON.stringify(o.error));
    assert.equal(o.result.status, 'AUTHORIZED');
    await context.close();
  });
}

/** The challenge frame's size, from the window size code or the container. */
function windowTests() {
  for (const code of ['01', '02', '03', '04', '05']) {
    test(`challenge window ${code}: frame and ACS page have the size of the table`, async () => {
      const { page, context } = await open(`size=${code}`);
      await startPay(page, '4000000000001091');
      const m = await challengeBox(page);
      const [w, h] = SIZES[code] ?? [m.vw, m.vh];
      assert.deepEqual([m.w, m.h], [w, h], 'frame size');
      assert.deepEqual([m.acs.innerWidth, m.acs.innerHeight], [w, h], 'ACS inner size');
      assert.equal(m.acs.challengeWindowSize, code);
      assert.equal(m.acs.origin, env.sandbox.acs);
      assert.equal(m.allow, 'payment *; publickey-credentials-get *');
      assert.ok(m.title.length > 0);
      await answerChallenge(page, '1234');
      const o = await outcome(page);
      assert.equal(o.result?.status, 'AUTHORIZED', JSON.stringify(o));
      await context.close();
    });
  }

  test("'auto' in a 400 px wide container picks 02 (390×400)", async () => {
    const { page, context } = await open('size=auto&width=400');
    const info = await page.evaluate(() => window.harness.collectBrowserInfo('auto'));
    assert.equal(typeof info.userAgent, 'string');
    assert.equal(info.javaScriptEnabled, true);
    await startPay(page, '4000000000001091');
    const m = await challengeBox(page);
    assert.deepEqual([m.w, m.h], [390, 400]);
    assert.equal(m.acs.challengeWindowSize, '02');
    assert.deepEqual([m.acs.innerWidth, m.acs.innerHeight], [390, 400]);
    await page.evaluate(() => window.harness.checkout.cancel());
    await outcome(page);
    await context.close();
  });
}

/** A payment stopped by the shop: cancel() and an AbortSignal. */
function stopTests() {
  test('cancel() during a challenge rejects with challenge_cancelled and no payment happens', async () => {
    const { page, context, payments } = await open('size=02');
    await startPay(page, '4000000000001091');
    await acsFrame(page);
    await page.evaluate(() => window.harness.checkout.cancel());
    const o = await outcome(page);
    assert.equal(o.ok, false);
    assert.equal(o.error.code, 'challenge_cancelled');
    assert.equal(o.error.kind, 'customer');
    assert.equal(o.error.name, 'PaygateError');
    assert.equal(await frameCount(page), 0);
    await page.waitForTimeout(500);
    const { payId } = await (await payments[0].response()).json();
    const state = await page.evaluate(async (id) => (await fetch(`/paygate/payments/${id}?wait=0`)).json(), payId);
    assert.notEqual(state.result?.status, 'AUTHORIZED');
    assert.equal(await page.evaluate(() => window.harness.states.at(-1)), 'failed');
    await context.close();
  });

  test('an AbortSignal stops the payment and removes the frame', async () => {
    const { page, context } = await open('size=02');
    await page.evaluate(() => {
      window.ctrl = new AbortController();
      window.harness.pay({ card: window.harness.card('4000000000001091'), signal: window.ctrl.signal });
    });
    await acsFrame(page);
    await page.evaluate(() => window.ctrl.abort());
    const o = await outcome(page);
    assert.equal(o.error?.code, 'aborted');
    assert.equal(await frameCount(page), 0);
    await context.close();
  });
}

/** The Paygate's messages: forged ones ignored, genuine ones taken in `encoding`. */
function messageTests(encoding) {
  test('forged messages from a foreign origin and from another Paygate window are ignored', async () => {
    const { page, context } = await open('size=02');
    await startPay(page, '4000000000001091');
    await acsFrame(page);
    const forged = JSON.stringify({ MID: 'Zm9yZ2Vk', Len: 16, Data: 'ABCDEF0123456789' });
    // A page on the ACS origin and a data: frame (opaque origin) post a payment response.
    await page.evaluate(([acs, paygate]) => Promise.all(
      [['forge-acs', `${acs}/method`], ['forge-data', 'data:text/html,<p>x</p>'], ['forge-paygate', `${paygate}/cbThreeDS.aspx`]].map(([id, src]) => {
        const f = document.createElement('iframe');
        f.id = id; f.name = id; f.src = src;
        const loaded = new Promise((resolve) => { f.onload = resolve; });
        document.body.appendChild(f);
        return loaded;
      }),
    ), [env.sandbox.acs, env.sandbox.paygate]);
    let forgers = 0;
    for (const f of page.frames()) {
      if (f.name().startsWith('forge-')) {
        await f.evaluate((msg) => { parent.postMessage(msg, '*'); parent.postMessage(JSON.parse(msg), '*'); parent.postMessage(btoa(msg), '*'); }, forged);
        forgers += 1;
      }
    }
    assert.equal(forgers, 3, 'every forging frame posted');
    // The right origin but the top window itself.
    await page.evaluate((msg) => { window.postMessage(msg, '*'); window.postMessage(btoa(msg), '*'); }, forged);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.harness.outcome), null, 'a forged message was taken');
    await answerChallenge(page, '1234');
    const o = await outcome(page);
    assert.equal(o.ok, true, JSON.stringify(o.error));
    assert.equal(o.result.status, 'AUTHORIZED');
    await context.close();
  });

  test('the Paygate frames posted their messages in this encoding', async () => {
    const { page, context } = await open();
    await startPay(page, '4111111111111111');
    const o = await outcome(page);
    assert.equal(o.result?.status, 'AUTHORIZED', JSON.stringify(o));
    assert.deepEqual(await paygateMessageForms(page), [encoding], 'one payment response, in this encoding');
    await context.close();
  });
}

for (const encoding of ['json', 'base64']) describe(`Paygate messages as ${encoding}`, () => {
  before(() => setEncoding(encoding));
  resultTests();
  fallbackTests();
  windowTests();
  stopTests();
  messageTests(encoding);
});

test('javascript: and data: acsURLs are refused with insecure_url and no frame', async () => {
  const { page, context } = await open('size=02');
  // 3-D Secure 1.0 with a javascript: acsURL.
  await page.route('**/paygate/payments', (route) => route.fulfill({
    json: { payId: 'p1', transId: 't1', next: { type: 'legacy', acsURL: 'javascript:alert(1)', paReq: 'UGFSZXE=', termURL: `${env.sandbox.paygate}/cbThreeDS.aspx?action=term`, md: '' } },
  }));
  await startPay(page, '4111111111111111');
  let o = await outcome(page);
  assert.equal(o.error?.code, 'insecure_url', JSON.stringify(o));
  assert.equal(await frameCount(page), 0);
  await page.unroute('**/paygate/payments');

  // A challenge from the long poll with a data: acsURL.
  const creq = Buffer.from(JSON.stringify({ threeDSServerTransID: 'a', acsTransID: 'b', messageType: 'CReq', messageVersion: '2.2.0', challengeWindowSize: '02' })).toString('base64');
  await page.route('**/paygate/payments', (route) => route.fulfill({
    json: { payId: 'p2', transId: 't2', next: { type: 'method', versioningData: { threeDSServerTransID: 'a', acsStartProtocolVersion: '2.1.0', acsEndProtocolVersion: '2.2.0' } } },
  }));
  await page.route('**/paygate/payments/p2?*', (route) => route.fulfill({
    json: { state: 'challenge', challenge: { acsChallengeMandated: false, challengeRequest: {}, base64EncodedChallengeRequest: creq, acsURL: 'data:text/html,<script>parent.postMessage(1,"*")</script>' } },
  }));
  await startPay(page, '4111111111111111');
  o = await outcome(page);
  assert.equal(o.error?.code, 'insecure_url', JSON.stringify(o));
  assert.equal(await frameCount(page), 0);
  await context.close();
});

test('two rapid pay() calls make exactly one payment', async () => {
  const { page, context, payments } = await open();
  await page.evaluate(() => {
    const card = window.harness.card('4111111111111111');
    window.harness.pay({ card });
    window.harness.pay({ card });
  });
  await page.waitForFunction(() => window.harness.outcomes.length === 2, null, { timeout: 20000 });
  const outcomes = await page.evaluate(() => window.harness.outcomes);
  assert.equal(outcomes[0].error?.code, 'busy');
  assert.equal(outcomes[1].result?.status, 'AUTHORIZED');
  assert.equal(payments.length, 1);
  await context.close();
});
