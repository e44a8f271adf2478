// The demo shop: saved cards, a new-card form and the 3-D Secure checkout, against the sandbox.
import init, { PaygateCheckout, PaygateError, SavedCards, CardForm } from '/pkg/paygate_wasm.js';

const $ = (id) => document.getElementById(id);

const TEXT = {
  en: { pay: 'Pay 19.99 EUR', paid: 'Paid', notPaid: 'Not paid', failed: 'The payment failed', unavailable: 'The demo could not start' },
  de: { pay: '19,99 € bezahlen', paid: 'Bezahlt', notPaid: 'Nicht bezahlt', failed: 'Die Zahlung ist fehlgeschlagen', unavailable: 'Die Demo konnte nicht starten' },
  fr: { pay: 'Payer 19,99 €', paid: 'Payé', notPaid: 'Non payé', failed: 'Le paiement a échoué', unavailable: 'La démo n’a pas pu démarrer' },
  it: { pay: 'Paga 19,99 €', paid: 'Pagato', notPaid: 'Non pagato', failed: 'Il pagamento non è riuscito', unavailable: 'Non è stato possibile avviare la demo' },
  es: { pay: 'Pagar 19,99 €', paid: 'Pagado', notPaid: 'No pagado', failed: 'El pago ha fallado', unavailable: 'No se ha podido iniciar la demo' },
  nl: { pay: '€ 19,99 betalen', paid: 'Betaald', notPaid: 'Niet betaald', failed: 'De betaling is mislukt', unavailable: 'De demo kon niet starten' },
  pl: { pay: 'Zapłać 19,99 €', paid: 'Zapłacono', notPaid: 'Nie zapłacono', failed: 'Płatność nie powiodła się', unavailable: 'Nie udało się uruchomić wersji demonstracyjnej' },
};
/** The languages of the package; all but en and de are a module of their own, imported when picked. */
const LOCALES = ['en', 'de', 'fr', 'it', 'es', 'nl', 'pl'];
const text = () => TEXT[document.documentElement.lang] ?? TEXT.en;

async function main() {
  await init();
  const config = await (await fetch('/config.json')).json();
  const params = new URLSearchParams(location.search);
  // ?locale=fr (any of LOCALES, with or without a region: fr-CH) picks the language.
  const tag = params.get('locale') ?? 'en';
  const locale = LOCALES.find((l) => tag.toLowerCase().split('-')[0] === l) ?? 'en';
  if (locale !== 'en' && locale !== 'de') await import(`/pkg/locales/${locale}.js`);
  $('locale').value = locale;
  document.documentElement.lang = locale;
  $('pay').textContent = text().pay;
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
    locale: tag,
    allowRemove: true,
    onChange: (id) => { $('card-form').hidden = id !== null; },
  });
  const form = new CardForm($('card-form'), { payTypes: 'VISA|MasterCard|AMEX', locale: tag, offerSave: true });
  $('card-form').hidden = saved.selectedId !== null;

  const checkout = new PaygateCheckout({
    backendUrl: config.backendUrl,
    paygateOrigins: config.paygateOrigins,
    container: $('threeds'),
    // ?size=01..05 tries a fixed challenge window size; the library refuses anything else.
    challengeWindowSize: params.get('size') ?? 'auto',
    locale: tag,
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
        ? `${text().paid}: ${result.status} (PayID ${result.payId})`
        : `${text().notPaid}: ${result.status} ${result.code} ${result.description ?? ''}`;
      $('result').dataset.status = result.status;
    } catch (err) {
      // invalid_card is shown inline at the field the customer has to correct (and focused there).
      if (!(err instanceof PaygateError && err.code === 'invalid_card')) {
        $('result').textContent = `${text().failed}: ${err.code ?? 'error'}: ${err.message}`;
        $('result').dataset.status = 'error';
      }
    } finally {
      $('pay').disabled = false;
      // The outcome is where the customer's focus goes next (a screen reader reads it out).
      if ($('result').textContent) $('result').focus();
    }
  });
}

main().catch((e) => { $('result').textContent = `${text().unavailable}: ${e.message}`; });
