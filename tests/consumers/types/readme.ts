// The README's TypeScript usage, compiled by consumers.test.mjs with `tsc --strict` against the
// packed package: it must compile without `skipLibCheck` under the default lib.
import init, {
  CardForm,
  PaygateCheckout,
  PaygateError,
  SavedCards,
  collectBrowserInfo,
  type BrowserInfo,
  type PaygateErrorCode,
  type PaymentResult,
  type PaymentState,
  type VaultData,
} from 'paygate-wasm';
import 'paygate-wasm/style.css';
import 'paygate-wasm/locales/fr';
import itTexts from 'paygate-wasm/locales/it';
import initEasyCredit, { EasyCreditSummary, checkEasyCreditOrder, type EasyCreditProblem } from 'paygate-wasm/easycredit';

await init();

const checkout = new PaygateCheckout({
  backendUrl: '/paygate',
  paygateOrigins: ['https://www.computop-paygate.com'],
  container: document.querySelector('#threeds')!,
  challengeWindowSize: 'auto',
  methodTimeoutMs: 10000,
  challengeTimeoutMs: 600000,
  locale: 'de',
  onStateChange: (state: PaymentState) => console.log(state),
});

const frForm = new CardForm(document.querySelector('#card-fr')!, {
  locale: 'fr-CH',
  translations: { fr: { cardNumber: 'Numéro de la carte' }, it: { ...itTexts, newCardTitle: 'Carta nuova' } },
});
frForm.destroy();

const vaultData: VaultData = await (await fetch('/paygate/payment-methods')).json();
const form = new CardForm(document.querySelector('#card')!, { payTypes: 'VISA|MasterCard', locale: 'de', offerSave: true });
const saved = new SavedCards(document.querySelector('#saved')!, {
  vaultData,
  backendUrl: '/paygate',
  locale: 'de',
  allowRemove: true,
  onChange: (id: string | null) => { form.destroy(); void id; },
});

const abortController = new AbortController();

async function pay(): Promise<string> {
  try {
    const result: PaymentResult = await checkout.pay({
      payment: { amount: 1999, currency: 'EUR', orderId: 'A-1001' },
      ...(saved.selectedId !== null ? { savedCard: saved } : { card: form }),
      signal: abortController.signal,
    });
    return result.code === '00000000' ? `paid ${result.payId ?? ''}` : `declined: ${result.description ?? result.status}`;
  } catch (err) {
    if (err instanceof PaygateError) {
      const code: PaygateErrorCode = err.code;
      switch (err.kind) {
        case 'customer': return `please check your card (${code})`;
        case 'network': return 'please try again';
        case 'issuer': return 'your bank did not confirm the payment';
        case 'merchant': return `integration error ${code}: ${err.message}`;
      }
    }
    throw err;
  }
}

// Plain objects instead of the components.
await checkout.pay({
  payment: { amount: 500, currency: 'EUR' },
  card: { number: '4111111111111111', expiryDate: '203012', securityCode: '123', cardholderName: 'Max Mustermann' },
  saveCard: true,
});
await checkout.pay({ payment: { amount: 500, currency: 'EUR' }, savedCard: { id: 'pm_1', securityCode: '737' } });

const info: BrowserInfo = collectBrowserInfo('02');
const width: number = info.screenWidth;
const state: PaymentState | null = checkout.state;
const selection = saved.selection();
const brand: string | null = selection === null ? null : selection.brand;
checkout.cancel();
checkout.destroy();
saved.destroy();
await initEasyCredit();
const problems: EasyCreditProblem[] = checkEasyCreditOrder({
  customer: { firstName: 'Erika', lastName: 'Mustermann' },
  billingAddress: { firstName: 'Erika', lastName: 'Mustermann', street: 'Hauptstr.', streetNumber: '1', zip: '10115', city: 'Berlin', countryCode: 'DE' },
  shippingAddress: { firstName: 'Erika', lastName: 'Mustermann', street: 'Hauptstr.', streetNumber: '1', zip: '10115', city: 'Berlin', countryCode: 'DE', packingStation: false },
}, { locale: 'de' });
const none: number = checkEasyCreditOrder({ customer: { firstName: 'A', lastName: 'B' }, billingAddress: { firstName: 'A', lastName: 'B', street: 'S', zip: '1', city: 'C', countryCode: 'DE' }, shippingAddress: { firstName: 'A', lastName: 'B', street: 'S', zip: '1', city: 'C', countryCode: 'DE', packingStation: true } }).length;
const summary = new EasyCreditSummary(document.querySelector('#summary')!, { financing: 'eyJ9', locale: 'de' });
summary.destroy();
void pay, width, state, brand, problems, none;
