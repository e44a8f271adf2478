// End-to-end harness for PaygateCheckout. Query string:
//   size=auto|01..05  width=<container px>  methodTimeoutMs=N  challengeTimeoutMs=N  locale=de|en
//   backendRetries=N  backendTimeoutMs=N
// window.harness = { ready, config, states, acsReports, paygateMessages, pay(args), outcome, checkout }
import init, { PaygateCheckout, collectBrowserInfo } from '/pkg/paygate_wasm.js';

const q = new URLSearchParams(location.search);
const num = (k) => (q.has(k) ? Number(q.get(k)) : undefined);

const harness = {
  ready: false,
  config: null,
  states: [],
  acsReports: [],
  paygateMessages: [],
  outcome: null,
  outcomes: [],
  checkout: null,
  collectBrowserInfo: (s) => collectBrowserInfo(s),
  /** A test card as a plain object. */
  card(number, securityCode) {
    return { number, expiryDate: '203012', securityCode: securityCode ?? (number.startsWith('3') ? '1234' : '123'), cardholderName: 'Max Mustermann' };
  },
  /** Starts a payment; the outcome lands in harness.outcome (and harness.outcomes). */
  pay(args) {
    const p = harness.checkout.pay({ payment: { amount: 1999, currency: 'EUR' }, ...args });
    const record = (o) => { harness.outcome = o; harness.outcomes.push(o); return o; };
    return p.then(
      (result) => record({ ok: true, result }),
      (e) => record({ ok: false, error: { name: e?.name, code: e?.code, kind: e?.kind, detail: e?.detail, message: e?.message } }),
    );
  },
};
window.harness = harness;

// The sandbox ACS reports its inner size from its own origin; only the test reads these.
// The form of each message from the Paygate origin ('json', 'base64' or 'object'), for the tests
// that run the flows with both of the sandbox Paygate's message encodings.
window.addEventListener('message', (e) => {
  let d = e.data;
  if (harness.config?.paygateOrigins.includes(e.origin)) {
    harness.paygateMessages.push(typeof d !== 'string' ? 'object' : d.trim().startsWith('{') ? 'json' : 'base64');
  }
  if (typeof d === 'string') { try { d = JSON.parse(d); } catch { return; } }
  if (d && d.type === 'acs-challenge-size') harness.acsReports.push({ origin: e.origin, ...d });
});

async function main() {
  await init();
  harness.config = await (await fetch('/config.json')).json();
  const container = document.getElementById('threeds');
  if (q.has('width')) container.style.width = `${q.get('width')}px`;
  harness.checkout = new PaygateCheckout({
    backendUrl: harness.config.backendUrl,
    paygateOrigins: harness.config.paygateOrigins,
    container,
    challengeWindowSize: q.get('size') || 'auto',
    methodTimeoutMs: num('methodTimeoutMs'),
    challengeTimeoutMs: num('challengeTimeoutMs'),
    backendRetries: num('backendRetries'),
    backendTimeoutMs: num('backendTimeoutMs'),
    locale: q.get('locale') || 'en',
    onStateChange: (s) => { harness.states.push(s); document.getElementById('status').textContent = s; },
  });
  harness.ready = true;
}

main().catch((e) => { harness.startError = String(e); });
