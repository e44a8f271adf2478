// Harness for the end-to-end tests of SavedCards and CardForm (tests/e2e/cards*.test.mjs).
// On load it shows the session customer's saved cards, the card form and a pay button;
// `window.harness` lets a test remount the components with other vault data.
import init, * as pg from '/pkg/paygate_wasm.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const locale = params.get('locale') || 'en';
let saved = null;
let form = null;
let checkout = null;
let config = null;

function mountSaved(vaultData, options = {}) {
  if (saved) saved.destroy();
  saved = new pg.SavedCards($('saved'), {
    vaultData,
    backendUrl: config.backendUrl,
    locale,
    allowRemove: true,
    onChange: (id) => { $('form').hidden = id !== null; },
    ...options,
  });
  $('form').hidden = saved.selectedId !== null;
  return saved;
}

function mountForm(options = {}) {
  if (form) form.destroy();
  form = new pg.CardForm($('form'), { payTypes: 'VISA|MasterCard|AMEX', locale, offerSave: true, ...options });
  return form;
}

async function loadVault() {
  const res = await fetch(`${config.backendUrl}/payment-methods`, { credentials: 'same-origin' });
  return res.json();
}

function clearSensitive() {
  if (saved) saved.clearSensitive();
  if (form) form.clearSensitive();
}

async function pay() {
  $('result').textContent = '';
  delete $('result').dataset.status;
  const useSaved = saved !== null && saved.selectedId !== null;
  try {
    const result = await checkout.pay({
      payment: { amount: 1999, currency: 'EUR' },
      ...(useSaved ? { savedCard: saved } : { card: form }),
    });
    clearSensitive();
    $('result').textContent = `${result.status} ${result.code}`;
    $('result').dataset.status = result.status;
  } catch (err) {
    $('result').textContent = `${err.code ?? 'error'}: ${err.message}`;
    $('result').dataset.status = 'error';
    if (err.code !== 'invalid_card') clearSensitive();
  }
}

async function main() {
  await init();
  config = await (await fetch('/config.json')).json();
  if (params.get('mount') !== 'none') {
    mountSaved(await loadVault());
    mountForm();
  }
  checkout = new pg.PaygateCheckout({
    backendUrl: config.backendUrl,
    paygateOrigins: config.paygateOrigins,
    container: $('threeds'),
    challengeWindowSize: 'auto',
    locale,
  });
  $('pay').disabled = false;
  $('pay').addEventListener('click', () => { pay(); });
  window.harness = {
    pg, mountSaved, mountForm, loadVault,
    get saved() { return saved; },
    get form() { return form; },
  };
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.body.dataset.ready = 'error';
  $('result').textContent = `The test page could not start: ${e.message}`;
});
