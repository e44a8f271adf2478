// In-page benchmarks: each library operation beside a plain-JavaScript baseline doing the same
// DOM work, in the same browser run, with the merchant backend answered from memory. Raw samples
// (ms per operation) go to window.__bench; bench/run.mjs takes medians and p95.
import init, { PaygateCheckout, SavedCards, CardForm } from '/pkg/paygate_wasm.js';
import { backend, MODES, versioningData, challenge, vaultOf, card, checkoutOptions } from '/test/memory_backend.js';
import * as plain from '/test/bench_baselines.js';

const ITERATIONS = Number(new URLSearchParams(location.search).get('iterations') || 200);
const stage = document.getElementById('stage');
const nextTask = () => new Promise((r) => setTimeout(r, 0));

/** The start time of the first mark `name`, once the library has set it; the mark is cleared. */
async function mark(name) {
  for (;;) {
    const [m] = performance.getEntriesByName(name, 'mark');
    if (m) { performance.clearMarks(name); return m.startTime; }
    await nextTask();
  }
}

// Timed from the moment the answer's text (the versioning data, or the long poll's challenge) is
// parsed to the library's own performance mark set right after the form's submit().
const FLOWS = {
  'method post': { mode: MODES.methodHold, mark: 'paygate:method-posted', plain: () => plain.methodPost(stage, versioningData) },
  'challenge mount': { mode: MODES.challenge, mark: 'paygate:challenge-mounted', plain: () => plain.challengeMount(stage, challenge) },
};

async function libraryFlow(flow) {
  backend.mode = flow.mode;
  const checkout = new PaygateCheckout(checkoutOptions(stage, { methodTimeoutMs: 60000 }));
  checkout.pay({ payment: { amount: 1, currency: 'EUR' }, card }).catch(() => {});
  const end = await mark(flow.mark);
  const start = backend.inHandAt;
  checkout.destroy();
  checkout.free();
  return end - start;
}

async function plainFlow(flow) {
  backend.mode = flow.mode;
  let res = await fetch('/paygate/payments', { method: 'POST', body: '{}' });
  if (flow.mode.poll === 'challenge') {
    await res.json();
    res = await fetch('/paygate/payments/bench?wait=25');
  }
  const text = await res.text();
  JSON.parse(text);
  const start = backend.inHandAt;
  const cleanup = flow.plain();
  const end = performance.now();
  cleanup();
  return end - start;
}

// performance.now() is clamped to 0.1 ms in a page that is not cross-origin isolated (the
// sandbox does not send COOP/COEP), so a synchronous operation is timed over a batch and
// reported per operation.
function timeBatch(batch, fn) {
  const cleanups = [];
  const start = performance.now();
  for (let i = 0; i < batch; i++) cleanups.push(fn(i));
  const end = performance.now();
  cleanups.forEach((c) => c?.());
  return (end - start) / batch;
}

function selectors(n) {
  const vault = vaultOf(n);
  // Batches of about 2 ms or more for the plain-JS side, far above the clamp.
  const batch = { 1: 50, 10: 20, 100: 5 }[n];
  return {
    library: () => timeBatch(batch, () => {
      const s = new SavedCards(stage, { vaultData: vault, backendUrl: '/paygate', locale: 'en' });
      return () => { s.destroy(); s.free(); };
    }),
    plain: () => timeBatch(batch, () => plain.selector(stage, vault)),
  };
}

// One keystroke: the digit goes into the field as the browser would put it there, then the
// input event; the handler runs synchronously, so the field is updated when dispatch returns.
// A batch types the number 8 times (128 keystrokes), the field emptied before each first digit.
const PAN = '4111111111111111';
const TYPINGS = 8;
function typeNumber(input) {
  return timeBatch(PAN.length * TYPINGS, (i) => {
    const digit = PAN[i % PAN.length];
    if (i % PAN.length === 0) input.value = '';
    input.value += digit;
    input.setSelectionRange(input.value.length, input.value.length);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: digit }));
  });
}

/** Types the number and checks that the handler grouped it. */
function typed(input) {
  const ms = typeNumber(input);
  if (input.value !== '4111 1111 1111 1111') throw new Error(`keystroke: the field reads "${input.value}"`);
  return ms;
}

function keystrokes() {
  const form = new CardForm(stage, { locale: 'en' });
  const libInput = stage.querySelector('input[autocomplete="cc-number"]');
  const field = plain.cardNumberField(stage);
  return {
    library: () => typed(libInput),
    plain: () => typed(field.input),
    done: () => { form.destroy(); form.free(); field.cleanup(); },
  };
}

async function run(name, lib, base) {
  const library = [];
  const baseline = [];
  for (let i = 0; i < ITERATIONS; i++) {
    // Alternate to share warm-up and background noise fairly.
    library.push(await lib());
    baseline.push(await base());
  }
  return { name, iterations: ITERATIONS, library, baseline };
}

await init();
const results = [];
for (const [name, flow] of Object.entries(FLOWS)) results.push(await run(name, () => libraryFlow(flow), () => plainFlow(flow)));
for (const [name, n] of [['selector 1 card', 1], ['selector 10 cards', 10], ['selector 100 cards', 100]]) {
  const s = selectors(n);
  results.push(await run(name, s.library, s.plain));
}
const k = keystrokes();
results.push(await run('keystroke', k.library, k.plain));
k.done();
window.__bench = { results };
document.getElementById('out').textContent = 'done';
