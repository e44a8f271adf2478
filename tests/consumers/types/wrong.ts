// Calls that must not compile: each line below carries `@ts-expect-error`, so `tsc` fails when
// the package's types would accept it (an unused directive is an error).
import init, { CardForm, PaygateCheckout, PaygateError, SavedCards, collectBrowserInfo, type PaygateErrorCode } from 'paygate-wasm';

await init();
const container = document.createElement('div');

// @ts-expect-error options must be an object of PaygateCheckoutOptions
new PaygateCheckout(42);
// @ts-expect-error '06' is not a challenge window size
new PaygateCheckout({ backendUrl: '/paygate', paygateOrigins: [], container, challengeWindowSize: '06' });
// @ts-expect-error container is required
new PaygateCheckout({ backendUrl: '/paygate', paygateOrigins: [] });
// @ts-expect-error locale is a tag, not a number
new PaygateCheckout({ backendUrl: '/paygate', paygateOrigins: [], container, locale: 42 });
// @ts-expect-error translations name texts of TextName only
new CardForm(container, { locale: 'fr', translations: { fr: { noSuchText: 'x' } } });
// @ts-expect-error a translation is a string
new CardForm(container, { locale: 'fr', translations: { fr: { cardNumber: 42 } } });

const checkout = new PaygateCheckout({ backendUrl: '/paygate', paygateOrigins: [], container });
const form = new CardForm(container);
const payment = { amount: 1999, currency: 'EUR' };

// @ts-expect-error card must be a CardForm or a card object
await checkout.pay({ payment, card: 42 });
// @ts-expect-error card and savedCard together
await checkout.pay({ payment, card: form, savedCard: { id: 'x', securityCode: '123' } });
// @ts-expect-error neither card nor savedCard
await checkout.pay({ payment });
// @ts-expect-error payment is required
await checkout.pay({ card: form });
// @ts-expect-error a card object needs every field
await checkout.pay({ payment, card: { number: '4111111111111111' } });

const result = await checkout.pay({ payment, card: form });
// @ts-expect-error a result has no such property
result.approved;
// @ts-expect-error payId may be null
const payId: string = result.payId;

try {
  await checkout.pay({ payment, card: form });
} catch (err) {
  if (err instanceof PaygateError) {
    // @ts-expect-error not an error code of the package
    if (err.code === 'card_declined') throw err;
    // @ts-expect-error not an error kind
    if (err.kind === 'server') throw err;
  }
}
// @ts-expect-error not an error code
const code: PaygateErrorCode = 'timeout';

// @ts-expect-error state is a PaymentState or null, never a bare string
const state: string = checkout.state;
// @ts-expect-error '06' is not a window size
collectBrowserInfo('06');
// @ts-expect-error vault data of no documented shape
new SavedCards(container, { vaultData: 42 });
// @ts-expect-error selectedId may be null
const id: string = new SavedCards(container, { vaultData: [] }).selectedId;

void payId, code, state, id;
