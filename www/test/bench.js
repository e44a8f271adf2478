// In-page benchmarks: each library operation beside a plain-JavaScript baseline doing the same
// DOM work, in the same browser run. The merchant backend's answers are served from memory
// (window.fetch is replaced for /paygate/ only) so that only browser-side work is timed.
import init, { PaygateCheckout, SavedCards } from '/pkg/paygate_wasm.js';

const stage = document.getElementById('stage');
const config = await (await fetch('/config.json')).json();
const ACS = config.acsOrigin;
const PAYGATE = config.paygateOrigins[0];

const b64url = (s) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const methodDataForm = b64url(JSON.stringify({
  threeDSServerTransID: '14dd844c-b0fc-4dfe-8635-366fbf43468c',
  threeDSMethodNotificationURL: `${PAYGATE}/cbThreeDS.aspx?action=mthdNtfn`,
}));
const versioningData = {
  threeDSServerTransID: '14dd844c-b0fc-4dfe-8635-366fbf43468c',
  acsStartProtocolVersion: '2.1.0', acsEndProtocolVersion: '2.2.0',
  dsStartProtocolVersion: '2.1.0', dsEndProtocolVersion: '2.2.0',
  // about:blank-like target on the ACS origin that answers fast; the post itself is what is timed.
  threeDSMethodURL: `${ACS}/bench-sink`,
  threeDSMethodDataForm: methodDataForm,
};
const creq = btoa(JSON.stringify({
  threeDSServerTransID: '8a880dc0-d2d2-4067-bcb1-b08d1690b26e', acsTransID: 'd7c1ee99-9478-44a6-b1f2-391e29c6b340',
  messageType: 'CReq', messageVersion: '2.2.0', challengeWindowSize: '02',
}));
const challenge = { acsChallengeMandated: false, challengeRequest: {}, base64EncodedChallengeRequest: creq, acsURL: `${ACS}/bench-sink` };

const vault = {
  paymentMethods: Array.from({ length: 12 }, (_, i) => ({
    id: `pm_${i}`, type: 'card', last4Digits: String(1000 + i), pseudoCardNumber: `0${String(100000000000000 + i)}`,
    cardHolderName: 'Max Mustermann', brand: i % 2 ? 'MasterCard' : 'VISA',
    expiryDate: i === 3 ? '202301' : '203012', lastUsedAt: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00`,
  })),
};

// ---- the in-memory merchant backend ------------------------------------------------------------
let scenario = 'method';
const realFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input.url;
  if (!new URL(url, location.href).pathname.startsWith('/paygate/')) return realFetch(input, init);
  const json = (body) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  const path = new URL(url, location.href).pathname;
  if (path === '/paygate/payments') {
    return json(scenario === 'method'
      ? { payId: 'bench', transId: 'bench', next: { type: 'method', versioningData } }
      : { payId: 'bench', transId: 'bench', next: { type: 'method', versioningData: { ...versioningData, threeDSMethodURL: null, threeDSMethodDataForm: null } } });
  }
  if (path.startsWith('/paygate/payments/bench')) {
    // The long poll hands out the challenge at once; later polls never answer during a run.
    if (scenario === 'challenge') return json({ state: 'challenge', challenge });
    return new Promise(() => {});
  }
  return json({});
};

// ---- plain-JavaScript baselines ---------------------------------------------------------------
/** What hand-written code does to POST one hidden field into the frame `target`. */
function postHidden(target, action, field, value) {
  const form = document.createElement('form');
  form.method = 'POST'; form.action = action; form.target = target;
  const input = document.createElement('input');
  input.type = 'hidden'; input.name = field; input.value = value;
  form.appendChild(input); stage.appendChild(form); form.submit(); form.remove();
}

function baselineMethodPost() {
  const name = `m${Math.random().toString(36).slice(2)}`;
  const frame = document.createElement('iframe');
  frame.name = name; frame.hidden = true; frame.title = '3-D Secure';
  stage.appendChild(frame);
  postHidden(name, versioningData.threeDSMethodURL, 'threeDSMethodData', versioningData.threeDSMethodDataForm);
  return () => frame.remove();
}

function baselineChallengeMount() {
  const decoded = JSON.parse(atob(challenge.base64EncodedChallengeRequest));
  const sizes = { '01': [250, 400], '02': [390, 400], '03': [500, 600], '04': [600, 400] };
  const [w, h] = sizes[decoded.challengeWindowSize] ?? [390, 400];
  const name = `c${Math.random().toString(36).slice(2)}`;
  const frame = document.createElement('iframe');
  frame.name = name; frame.title = '3-D Secure'; frame.width = String(w); frame.height = String(h);
  frame.setAttribute('allow', 'payment *; publickey-credentials-get *');
  stage.appendChild(frame);
  postHidden(name, challenge.acsURL, 'creq', challenge.base64EncodedChallengeRequest);
  return () => frame.remove();
}

function baselineSelector() {
  const group = document.createElement('div');
  group.setAttribute('role', 'radiogroup');
  group.setAttribute('aria-label', 'Saved cards');
  const cards = vault.paymentMethods;
  const today = '202611';
  let best = null;
  for (const c of cards) if (c.expiryDate >= today && (!best || c.lastUsedAt > best.lastUsedAt)) best = c;
  for (const c of cards) {
    const expired = c.expiryDate < today;
    const option = document.createElement('div');
    option.setAttribute('role', 'radio');
    option.setAttribute('aria-checked', String(c === best));
    option.tabIndex = c === best ? 0 : -1;
    if (expired) option.setAttribute('aria-disabled', 'true');
    const mark = document.createElement('span');
    mark.className = `brand brand-${c.brand.toLowerCase()}`;
    mark.textContent = c.brand;
    const label = document.createElement('span');
    label.textContent = `${c.brand} ending ${c.last4Digits}, expires ${c.expiryDate.slice(4)}/${c.expiryDate.slice(0, 4)}, ${c.cardHolderName}`;
    option.append(mark, label);
    group.appendChild(option);
  }
  stage.appendChild(group);
  return () => group.remove();
}

// ---- the library ------------------------------------------------------------------------------
async function untilMark(name, start) {
  for (;;) {
    const marks = performance.getEntriesByName(name, 'mark').filter((m) => m.startTime >= start);
    if (marks.length) return marks[0].startTime;
    await new Promise((r) => setTimeout(r, 0));
  }
}

async function libraryFlow(kind) {
  scenario = kind;
  const checkout = new PaygateCheckout({
    backendUrl: '/paygate', paygateOrigins: [PAYGATE], container: stage,
    challengeWindowSize: '02', methodTimeoutMs: 60000, locale: 'en',
  });
  const start = performance.now();
  const paying = checkout.pay({ payment: { amount: 1, currency: 'EUR' }, card: { number: '4111111111111111', expiryDate: '203012', securityCode: '123', cardholderName: 'Max Mustermann' } });
  paying.catch(() => {});
  const end = await untilMark(kind === 'method' ? 'paygate:method-posted' : 'paygate:challenge-mounted', start);
  checkout.destroy();
  return end - start;
}

async function baselineFlow(kind) {
  // The same browser-side work without the library: read the browser, call the backend, build.
  const start = performance.now();
  const browserInfo = {
    javaEnabled: false, javaScriptEnabled: true, language: navigator.language, colorDepth: screen.colorDepth,
    screenHeight: screen.height, screenWidth: screen.width, timeZoneOffset: new Date().getTimezoneOffset(),
    userAgent: navigator.userAgent, challengeWindowSize: '02',
  };
  scenario = kind;
  const res = await (await fetch('/paygate/payments', { method: 'POST', body: JSON.stringify({ browserInfo }) })).json();
  let cleanup;
  if (kind === 'method') {
    void res.next.versioningData.threeDSMethodURL;
    cleanup = baselineMethodPost();
  } else {
    await (await fetch('/paygate/payments/bench?wait=25')).json();
    cleanup = baselineChallengeMount();
  }
  const end = performance.now();
  cleanup();
  return end - start;
}

// performance.now() is clamped to 0.1 ms in a page that is not cross-origin isolated, so a
// synchronous operation is timed over a batch and reported per operation.
const BATCH = 20;
function timeSync(fn) {
  const cleanups = [];
  const start = performance.now();
  for (let i = 0; i < BATCH; i++) cleanups.push(fn());
  const end = performance.now();
  cleanups.forEach((c) => c());
  return (end - start) / BATCH;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function run(name, iterations, lib, base) {
  const libTimes = [];
  const baseTimes = [];
  for (let i = 0; i < iterations; i++) {
    // Alternate to share warm-up and background noise fairly.
    libTimes.push(await lib());
    baseTimes.push(await base());
  }
  const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) * p)]; };
  return {
    name, iterations,
    library_ms: median(libTimes), baseline_ms: median(baseTimes),
    library_p10_p90: [q(libTimes, 0.1), q(libTimes, 0.9)], baseline_p10_p90: [q(baseTimes, 0.1), q(baseTimes, 0.9)],
    ratio: median(libTimes) / Math.max(median(baseTimes), 0.001),
  };
}

const t0 = performance.now();
await init();
const initMs = performance.now() - t0;
const results = [];
results.push(await run('render saved-card selector (12 cards)', 50,
  () => timeSync(() => { const s = new SavedCards(stage, { vaultData: vault, backendUrl: '/paygate', locale: 'en' }); return () => s.destroy(); }),
  () => timeSync(baselineSelector)));
results.push(await run('post the 3DS method form', 40, () => libraryFlow('method'), () => baselineFlow('method')));
results.push(await run('mount a challenge frame', 40, () => libraryFlow('challenge'), () => baselineFlow('challenge')));
window.__bench = { init_ms: initMs, results };
document.getElementById('out').textContent = JSON.stringify(window.__bench, null, 2);
