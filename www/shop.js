// The demo shop: saved cards, a new-card form and the 3-D Secure checkout, against the sandbox.
import init, { PaygateCheckout, SavedCards, CardForm } from '/pkg/paygate_wasm.js';

const $ = (id) => document.getElementById(id);

async function main() {
  await init();
  const config = await (await fetch('/config.json')).json();
  let locale = new URLSearchParams(location.search).get('locale') || 'en';
  $('locale').value = locale;
  document.documentElement.lang = locale;
  $('locale').addEventListener('change', (e) => {
    const url = new URL(location.href);
    url.searchParams.set('locale', e.target.value);
    location.href = url.href;
  });

  const vaultData = await (await fetch(`${config.backendUrl}/payment-methods`, { credentials: 'same-origin' })).json();
  // A stored card is chosen unless selection() says "new card" (null); a missing CVC throws.
  let saved = null;
  function hasStoredChoice() { try { return saved !== null && saved.selection() !== null; } catch { return true; } }
  function showForm() { $('card-form').hidden = hasStoredChoice(); }
  saved = new SavedCards($('saved-cards'), {
    vaultData,
    backendUrl: config.backendUrl,
    locale,
    allowRemove: true,
    onChange: () => showForm(),
  });
  const form = new CardForm($('card-form'), { payTypes: 'VISA|MasterCard|AMEX', locale, offerSave: true });
  showForm();

  const checkout = new PaygateCheckout({
    backendUrl: config.backendUrl,
    paygateOrigins: config.paygateOrigins,
    container: $('threeds'),
    challengeWindowSize: 'auto',
    locale,
    onStateChange: (s) => { $('state').textContent = s; },
  });

  $('pay').disabled = false;
  $('pay').addEventListener('click', async () => {
    $('result').textContent = '';
    $('pay').disabled = true;
    try {
      const useStored = hasStoredChoice();
      const result = await checkout.pay({
        payment: { amount: 1999, currency: 'EUR' },
        ...(useStored ? { savedCard: saved } : { card: form }),
      });
      $('result').textContent = result.code === '00000000'
        ? `Paid: ${result.status} (PayID ${result.payId})`
        : `Not paid: ${result.status} ${result.code} ${result.description ?? ''}`;
      $('result').dataset.status = result.status;
    } catch (err) {
      $('result').textContent = `${err.code ?? 'error'}: ${err.message}`;
      $('result').dataset.status = 'error';
    } finally {
      $('pay').disabled = false;
    }
  });
}

main().catch((e) => { $('result').textContent = `The demo could not start: ${e.message}`; });
