// A shop page as an integrator writes it: the card form, the checkout, a Pay button and the
// result. Every consumer toolchain in consumers.test.mjs builds or serves this same file.
import init, { CardForm, PaygateCheckout, PaygateError } from 'paygate-wasm';
// A language outside the entry: the checkout throws invalid_options if a bundler drops this.
import 'paygate-wasm/locales/fr';

const $ = (id) => document.getElementById(id);

async function main() {
  await init();
  const config = await (await fetch('/config.json')).json();
  const form = new CardForm($('card'), { payTypes: 'VISA|MasterCard|AMEX', locale: 'en' });
  const checkout = new PaygateCheckout({
    backendUrl: config.backendUrl,
    paygateOrigins: config.paygateOrigins,
    container: $('threeds'),
    locale: 'fr',
  });
  $('pay').addEventListener('click', async () => {
    try {
      const result = await checkout.pay({ payment: { amount: 1999, currency: 'EUR' }, card: form });
      $('result').textContent = result.code === '00000000' ? `Paid: ${result.status}` : `Not paid: ${result.status}`;
    } catch (err) {
      $('result').textContent = err instanceof PaygateError ? `PaygateError ${err.code}: ${err.message}` : `Error: ${err}`;
    }
  });
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  $('result').textContent = `${err instanceof PaygateError ? `PaygateError ${err.code}` : 'Error'}: ${err.message}`;
  document.body.dataset.ready = 'error';
});
