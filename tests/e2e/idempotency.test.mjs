// End to end: idempotent payment creation. Every pay() sends its own Idempotency-Key on
// POST {backendUrl}/payments and repeats the request with the same key when the answer is lost
// (network error, timeout, 502/503/504), bounded by backendRetries with backoff; other answers
// are final. The answers are cut with playwright's page.route; the last tests use the sandbox
// backend's own fault switch (POST /__sandbox/faults) and are skipped while it is not there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox } from './support.mjs';

const env = useSandbox(['--method-timeout-ms', '1200']);
const KEY = /^[A-Za-z0-9]{1,32}$/;

/** A fresh page on the checkout harness; `requests` collects the POST /paygate/payments requests. */
async function open(query = '') {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/paygate/payments') requests.push({ key: r.headers()['idempotency-key'], at: Date.now() });
  });
  await page.goto(`${env.sandbox.shop}/test/checkout.html?${query}`);
  await page.waitForFunction(() => window.harness?.ready || window.harness?.startError);
  assert.equal(await page.evaluate(() => window.harness.startError ?? null), null);
  return { context, page, requests };
}

async function pay(page, pan = '4111111111111111') {
  return page.evaluate((p) => window.harness.pay({ card: window.harness.card(p) }), pan);
}

test('every pay() makes its own key of at most 32 alphanumerics', async () => {
  const { context, page, requests } = await open();
  for (let i = 0; i < 2; i += 1) assert.equal((await pay(page)).result?.status, 'AUTHORIZED');
  assert.equal(requests.length, 2);
  for (const { key } of requests) assert.match(key ?? '', KEY);
  assert.notEqual(requests[0].key, requests[1].key, 'two payments, two keys');
  await context.close();
});

test('an answer lost after the backend processed the request is retried with the same key', async () => {
  const { context, page, requests } = await open();
  let first = null;
  await page.route('**/paygate/payments', async (route) => {
    if (first === null) {
      // The backend processes the request; its answer is lost on the way (a proxy's 503).
      const response = await route.fetch();
      first = await response.json();
      await route.fulfill({ status: 503, body: 'Service Unavailable' });
    } else {
      // An idempotent backend answers the repeated key with its first answer.
      await route.fulfill({ json: first });
    }
  });
  const o = await pay(page);
  assert.equal(o.ok, true, JSON.stringify(o.error));
  assert.equal(o.result.status, 'AUTHORIZED');
  assert.equal(o.result.payId, first.payId, 'the payment of the first request');
  assert.equal(requests.length, 2);
  assert.equal(requests[1].key, requests[0].key, 'the retry carries the same key');
  assert.ok(requests[1].at - requests[0].at >= 450, 'after the first backoff pause (500 ms)');
  await context.close();
});

test('a network error and a timeout are retried with the same key', async () => {
  for (const [fault, query] of [['network error', ''], ['timeout', 'backendTimeoutMs=400']]) {
    const { context, page, requests } = await open(query);
    let calls = 0;
    await page.route('**/paygate/payments', async (route) => {
      calls += 1;
      if (calls > 1) return route.continue();
      if (fault === 'network error') return route.abort('connectionreset');
      await new Promise((r) => setTimeout(r, 1500));
      return route.abort('timedout').catch(() => {});
    });
    const o = await pay(page);
    assert.equal(o.result?.status, 'AUTHORIZED', `${fault}: ${JSON.stringify(o)}`);
    assert.equal(requests.length, 2, fault);
    assert.equal(requests[1].key, requests[0].key, fault);
    await context.close();
  }
});

test('other answers are final, and the retries are bounded by backendRetries', async () => {
  const { context, page, requests } = await open('backendRetries=2');
  for (const [status, code] of [[500, 'backend_unreachable'], [422, 'backend_rejected'], [409, 'backend_rejected']]) {
    requests.length = 0;
    await page.route('**/paygate/payments', (route) => route.fulfill({ status, json: { error: { code: 'refused', message: 'no' } } }));
    const o = await pay(page);
    assert.equal(o.error?.code, code, `${status}`);
    assert.equal(requests.length, 1, `${status} is not retried`);
    await page.unroute('**/paygate/payments');
  }
  requests.length = 0;
  await page.route('**/paygate/payments', (route) => route.fulfill({ status: 504, body: '' }));
  const started = Date.now();
  const o = await pay(page);
  assert.equal(o.error?.code, 'backend_unreachable');
  assert.equal(o.error?.kind, 'network');
  assert.equal(requests.length, 3, 'the first attempt and backendRetries=2 retries');
  assert.equal(new Set(requests.map((r) => r.key)).size, 1);
  assert.ok(Date.now() - started >= 1400, 'pauses of 500 ms and 1 s between the attempts');
  await context.close();
});

/** POST {shop}/__sandbox/faults; `null` when the sandbox has no such endpoint (404). */
async function fault(body) {
  const r = await fetch(`${env.sandbox.shop}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (r.status === 404) return null;
  assert.ok(r.ok, `faults answered ${r.status}`);
  return r;
}

for (const [name, body] of [
  ['the backend processes the payment and its answer is dropped (503)', { dropNextPaymentAnswer: true }],
  ['the backend fails the request with 502', { failNextPaymentWith: 502 }],
]) {
  test(`sandbox faults: ${name} → one payment, same key, the result`, async (t) => {
    const { context, page, requests } = await open();
    if ((await fault(body)) === null) {
      t.skip('POST /__sandbox/faults answers 404: the sandbox backend has no fault switch yet (backend half of issue 10)');
      await context.close();
      return;
    }
    const o = await pay(page);
    assert.equal(o.ok, true, JSON.stringify(o.error));
    assert.equal(o.result.status, 'AUTHORIZED');
    assert.equal(requests.length, 2);
    assert.equal(requests[1].key, requests[0].key);
    await context.close();
  });
}
