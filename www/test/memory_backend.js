// The merchant backend answered from memory: window.fetch is replaced for /paygate/ only, so that
// the benchmarks and the leak run time browser-side work. `backend.mode` says what the next
// payment gets; `backend.inHandAt` is when the page last parsed an answer's text (JSON.parse is
// watched for it), i.e. when the versioning data or the challenge is in hand.
const config = await (await fetch('/config.json')).json();
export const ACS = config.acsOrigin;
export const PAYGATE = config.paygateOrigins[0];

const b64url = (s) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
// The ACS has no route here: the frames load a small 404 page; the posts themselves are timed.
const SINK = `${ACS}/bench-sink`;

export const versioningData = {
  threeDSServerTransID: '14dd844c-b0fc-4dfe-8635-366fbf43468c',
  acsStartProtocolVersion: '2.1.0', acsEndProtocolVersion: '2.2.0',
  dsStartProtocolVersion: '2.1.0', dsEndProtocolVersion: '2.2.0',
  threeDSMethodURL: SINK,
  threeDSMethodDataForm: b64url(JSON.stringify({
    threeDSServerTransID: '14dd844c-b0fc-4dfe-8635-366fbf43468c',
    threeDSMethodNotificationURL: `${PAYGATE}/cbThreeDS.aspx?action=mthdNtfn`,
  })),
};
const withoutMethod = { ...versioningData, threeDSMethodURL: null, threeDSMethodDataForm: null };

export const challenge = {
  acsChallengeMandated: false, challengeRequest: {}, acsURL: SINK,
  base64EncodedChallengeRequest: btoa(JSON.stringify({
    threeDSServerTransID: '8a880dc0-d2d2-4067-bcb1-b08d1690b26e', acsTransID: 'd7c1ee99-9478-44a6-b1f2-391e29c6b340',
    messageType: 'CReq', messageVersion: '2.2.0', challengeWindowSize: '02',
  })),
};

export const result = { status: 'AUTHORIZED', code: '00000000', description: 'success', payId: 'bench', transId: 'bench' };

/** What a payment gets: a method URL or not, and what the long poll answers (`hold` never answers). */
export const MODES = {
  methodHold: { method: true, poll: 'hold' },
  methodDone: { method: true, poll: 'done' },
  challenge: { method: false, poll: 'challenge' },
};

export const backend = { mode: MODES.methodHold, inHandAt: 0, polls: 0, lastBody: null };

const realParse = JSON.parse;
JSON.parse = (text, reviver) => {
  if (text === backend.lastBody) backend.inHandAt = performance.now();
  return realParse(text, reviver);
};

const POLL_ANSWERS = {
  done: () => ({ state: 'done', result }),
  // The first poll of a payment hands out the challenge; later ones wait.
  challenge: () => (backend.polls === 1 ? { state: 'challenge', challenge } : null),
  hold: () => null,
};

/** A request that never answers, but fails like fetch does when its signal aborts. */
const held = (signal) => new Promise((_, reject) => {
  signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
});

function answer(body) {
  backend.lastBody = JSON.stringify(body);
  return new Response(backend.lastBody, { status: 200, headers: { 'content-type': 'application/json' } });
}

const realFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const path = new URL(input instanceof Request ? input.url : String(input), location.href).pathname;
  if (!path.startsWith('/paygate/')) return realFetch(input, init);
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  if (path === '/paygate/payments') {
    backend.polls = 0;
    return answer({ payId: 'bench', transId: 'bench', next: { type: 'method', versioningData: backend.mode.method ? versioningData : withoutMethod } });
  }
  if (path === '/paygate/payments/bench') {
    backend.polls += 1;
    const body = POLL_ANSWERS[backend.mode.poll]();
    return body ? answer(body) : held(signal);
  }
  return answer({});
};

/** `n` stored cards in the vault REST shape; every seventh is expired. */
export function vaultOf(n) {
  return {
    paymentMethods: Array.from({ length: n }, (_, i) => ({
      id: `pm_${i}`, type: 'card', last4Digits: String(1000 + i), pseudoCardNumber: `0${String(100000000000000 + i)}`,
      cardHolderName: 'Max Mustermann', brand: i % 2 ? 'MasterCard' : 'VISA',
      expiryDate: i % 7 === 3 ? '202301' : '203012', lastUsedAt: `2026-11-${String(10 + (i % 18)).padStart(2, '0')}T10:00:00`,
    })),
  };
}

export const card = { number: '4111111111111111', expiryDate: '203012', securityCode: '123', cardholderName: 'Max Mustermann' };

/** A checkout on `container` for the in-memory backend. */
export const checkoutOptions = (container, extra = {}) => ({
  backendUrl: '/paygate', paygateOrigins: [PAYGATE], container, challengeWindowSize: '02', locale: 'en', ...extra,
});
