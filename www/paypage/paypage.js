// Example Corp PayPage template: embeds paygate-wasm with a plain module script (no bundler),
// itself pinned with `integrity`, as the package's modules are in the page's import map. Runs
// under `Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'
// '<the import map's hash>'; style-src 'self'; frame-src <paygate> <acs>; form-action <paygate>
// <acs>; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`: no inline script, no inline
// style anywhere.
import init, { PaygateCheckout, SavedCards, CardForm } from '/pkg/paygate_wasm.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const locale = params.get('locale') === 'de' ? 'de' : 'en';
const amount = Number.parseInt(params.get('amount') ?? '1999', 10) || 1999;
const currency = /^[A-Z]{3}$/.test(params.get('currency') ?? '') ? params.get('currency') : 'EUR';

const TEXT = {
  de: {
    secure: 'Sichere Kartenzahlung', title: 'Bestellung bezahlen', summary: 'Bestellübersicht',
    amount: 'Betrag', method: 'Zahlungsart', pay: 'Jetzt bezahlen',
    footer: 'Kartendaten gehen direkt an den Zahlungsdienstleister; der Shop speichert sie nie.',
    paid: 'Zahlung erfolgreich.', notPaid: 'Die Zahlung wurde nicht ausgeführt.',
    failed: 'Die Zahlung ist fehlgeschlagen:', unavailable: 'Die Zahlungsseite konnte nicht geladen werden.',
    states: { collecting: 'Daten werden geprüft …', method: 'Ihre Bank wird kontaktiert …', challenge: 'Bitte bestätigen Sie die Zahlung bei Ihrer Bank.', finishing: 'Zahlung wird abgeschlossen …', done: '', failed: '' },
  },
  en: {
    secure: 'Secure card payment', title: 'Pay your order', summary: 'Order summary',
    amount: 'Amount', method: 'Payment method', pay: 'Pay now',
    footer: 'Card data goes straight to the payment service provider; it is never stored by the shop.',
    paid: 'Payment successful.', notPaid: 'The payment was not made.',
    failed: 'The payment failed:', unavailable: 'The payment page could not be loaded.',
    states: { collecting: 'Checking your details …', method: 'Contacting your bank …', challenge: 'Please confirm the payment with your bank.', finishing: 'Finishing the payment …', done: '', failed: '' },
  },
}[locale];

function translatePage() {
  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = TEXT[el.dataset.text];
  const formatted = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency }).format(amount / 100);
  $('pp-amount').textContent = formatted;
  $('pp-pay').textContent = `${TEXT.pay} · ${formatted}`;
}

async function main() {
  // A pinned stylesheet was refused (loadcheck.js said so): build nothing.
  if (document.body.dataset.ready === 'error') return;
  translatePage();
  await init();
  const config = await (await fetch('/config.json', { credentials: 'same-origin' })).json();
  const vault = await fetch(`${config.backendUrl}/payment-methods`, { credentials: 'same-origin' });
  const vaultData = vault.ok ? await vault.json() : { paymentMethods: [] };

  const form = new CardForm($('pp-form'), { payTypes: 'VISA|MasterCard|AMEX', locale, offerSave: true });
  const saved = new SavedCards($('pp-saved'), {
    vaultData,
    backendUrl: config.backendUrl,
    locale,
    allowRemove: true,
    onChange: (id) => { $('pp-form').hidden = id !== null; },
  });
  $('pp-form').hidden = saved.selectedId !== null;

  const checkout = new PaygateCheckout({
    backendUrl: config.backendUrl,
    paygateOrigins: config.paygateOrigins,
    container: $('pp-threeds'),
    // ?size=01..05 tries a fixed challenge window size; the library refuses anything else.
    challengeWindowSize: params.get('size') ?? 'auto',
    locale,
    onStateChange: (s) => { $('pp-state').textContent = TEXT.states[s] ?? ''; },
  });

  // After a submitted payment no PAN or CVC stays in the page, whatever the outcome.
  const clearSensitive = () => { saved.clearSensitive(); form.clearSensitive(); };
  const button = $('pp-pay');
  button.disabled = false;
  button.addEventListener('click', async () => {
    const result = $('pp-result');
    result.textContent = '';
    delete result.dataset.status;
    delete result.dataset.code;
    button.disabled = true;
    const useSaved = saved.selectedId !== null;
    try {
      const r = await checkout.pay({
        payment: { amount, currency },
        ...(useSaved ? { savedCard: saved } : { card: form }),
      });
      clearSensitive();
      result.dataset.status = r.status;
      result.textContent = r.code === '00000000' ? `${TEXT.paid} (${r.payId})` : `${TEXT.notPaid} ${r.description ?? ''}`;
    } catch (err) {
      // invalid_card is shown inline at the field, and the customer may correct it.
      if (!err || err.code !== 'invalid_card') {
        result.dataset.status = 'error';
        result.dataset.code = err?.code ?? '';
        result.textContent = `${TEXT.failed} ${err && err.message ? err.message : err}`;
        clearSensitive();
      }
    } finally {
      button.disabled = false;
      // The outcome is where the customer's focus goes next (a screen reader reads it out).
      if (result.textContent) result.focus();
    }
  });
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.body.dataset.ready = 'error';
  $('pp-result').textContent = `${TEXT.unavailable} ${e.message}`;
});
