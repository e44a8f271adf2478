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
  // The form shows only while "use a new card" is chosen (selectedId is null).
  const saved = new SavedCards($('saved-cards'), {
    vaultData,
    backendUrl: config.backendUrl,
    locale,
    allowRemove: true,
    onChange: (id) => { $('card-form').hidden = id !== null; },
  });
  const form = new CardForm($('card-form'), { payTypes: 'VISA|MasterCard|AMEX', locale, offerSave: true });
  $('card-form').hidden = saved.selectedId !== null;

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
      const useStored = saved.selectedId !== null;
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
