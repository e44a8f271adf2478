// The leak run: consecutive payments in one page through one PaygateCheckout, frictionless and
// challenge alternating, the backend answered from memory; then what is left is counted.
//  - frictionless: the method frame is posted, the method times out after 1 ms, the long poll
//    answers {state:'done', result} and pay() resolves with it;
//  - challenge: no method, the long poll hands out the challenge, the frame mounts, and
//    checkout.cancel() ends it (pay() rejects with challenge_cancelled).
// The counters are installed (first import) before the package is loaded (dynamic import).
import { counters, snapshot, realSetTimeout } from '/test/leak_counters.js';

const { default: init, PaygateCheckout } = await import('/pkg/paygate_wasm.js');
const { backend, MODES, card, checkoutOptions } = await import('/test/memory_backend.js');

const FLOWS = Number(new URLSearchParams(location.search).get('flows') || 1000);
// Longer than the library's pause between long polls (1.5 s), after which a cancelled
// payment's poll loop sees its mailbox closed and ends.
const SETTLE_MS = 2000;
const stage = document.getElementById('stage');
const sleep = (ms) => new Promise((r) => realSetTimeout(r, ms));

let onChallenge = null;
const checkoutFor = () => new PaygateCheckout(checkoutOptions(stage, {
  methodTimeoutMs: 1,
  onStateChange: (s) => { if (s === 'challenge') onChallenge?.(); },
}));

async function frictionless(checkout) {
  backend.mode = MODES.methodDone;
  const result = await checkout.pay({ payment: { amount: 1, currency: 'EUR' }, card });
  if (result.status !== 'AUTHORIZED') throw new Error(`frictionless: ${JSON.stringify(result)}`);
}

// What a challenge payment holds while its frame is up: proves that the counters see it.
let duringChallenge = null;

async function challenged(checkout) {
  backend.mode = MODES.challenge;
  const mounted = new Promise((r) => { onChallenge = r; });
  const paying = checkout.pay({ payment: { amount: 1, currency: 'EUR' }, card });
  await mounted;
  duringChallenge = snapshot();
  checkout.cancel();
  const code = await paying.then(() => 'resolved', (e) => e.code);
  if (code !== 'challenge_cancelled') throw new Error(`challenge: ${code}`);
}

const subtract = (a, b) => Object.fromEntries(['iframes', 'forms', 'listeners', 'timers'].map((k) => [k, a[k] - b[k]]));

async function main() {
  await init();
  if (!counters.memory) throw new Error('the wasm memory was not captured');
  const before = snapshot();
  const checkout = checkoutFor();
  const start = performance.now();
  for (let i = 0; i < FLOWS; i++) await (i % 2 ? challenged : frictionless)(checkout);
  const seconds = (performance.now() - start) / 1000;
  const rightAfter = snapshot();
  await sleep(SETTLE_MS);
  const after = snapshot();
  checkout.destroy();
  checkout.free();
  const destroyed = snapshot();
  return {
    flows: FLOWS,
    ...subtract(after, before),
    wasm_memory_growth_bytes: after.wasm_memory_bytes - before.wasm_memory_bytes,
    seconds,
    settle_ms: SETTLE_MS,
    left_right_after_last_flow: subtract(rightAfter, before),
    left_after_destroy: subtract(destroyed, before),
    held_during_last_challenge: subtract(duringChallenge, before),
    before, after,
  };
}

main().then((leak) => { window.__leak = leak; }, (e) => { window.__leak = { error: String(e && e.stack || e) }; });
