// Types of paygate-wasm's public API (docs/architecture.md). Hand-written: wasm-bindgen's generated
// declarations say `any` for every option and result. tests/consumers/ compiles the README's
// examples against this file with `tsc --strict` and proves that wrong calls do not compile.

/**
 * The languages the package ships. `en` and `de` are in the entry; the others are available once
 * their module is imported (`import 'paygate-wasm/locales/fr'`). Tags with a region (`fr-CH`,
 * `de-AT`) read as their language, case-insensitively.
 */
export type Locale = 'de' | 'en' | 'fr' | 'it' | 'es' | 'nl' | 'pl';

/** A `locale` option: a shipped language, with or without a region, or one given completely in `translations`. */
export type LocaleTag = Locale | `${Locale}-${string}` | (string & {});

/** The name of a text of the components and the checkout (the keys of a locale's table). */
export type TextName =
  | 'savedCardsTitle'
  | 'useNewCard'
  | 'expired'
  | 'inactive'
  | 'ending'
  | 'expires'
  | 'card'
  | 'securityCode'
  | 'securityCodeHint'
  | 'manageCards'
  | 'remove'
  | 'confirmRemove'
  | 'confirmYes'
  | 'confirmNo'
  | 'removed'
  | 'removeFailed'
  | 'removeUnreachable'
  | 'cardNumber'
  | 'expiryDate'
  | 'expiryFormatHint'
  | 'cardholderName'
  | 'saveCard'
  | 'cardType'
  | 'newCardTitle'
  | 'errorNumberNotDigits'
  | 'errorNumberLength'
  | 'errorNumberInvalid'
  | 'errorUnknownBrand'
  | 'errorBrandNotAccepted'
  | 'errorSecurityCode'
  | 'errorExpiryFormat'
  | 'errorCardExpired'
  | 'errorNameLength'
  | 'errorNameCharacters'
  | 'errorCardNotUsable'
  | 'announcePreparing'
  | 'announceContactingBank'
  | 'announceChallenge'
  | 'announceCompleting'
  | 'announceFinished'
  | 'announceFailed'
  | 'challengeDialog'
  | 'challengeFrameTitle'
  | 'challengeLoading'
  | 'methodFrameTitle';

/** A complete table of texts, as `paygate-wasm/locales/fr` exports it. */
export type LocaleTexts = Record<TextName, string>;

/**
 * The `translations` option: per locale (tags read as their language), texts that replace the
 * shipped ones. A locale the package does not ship (or whose module was not imported) must give
 * every text. Values are inserted as text, never as HTML.
 */
export type Translations = Record<string, Partial<Record<TextName, string>>>;

/**
 * Makes a complete table of texts available as `locale` (what the `paygate-wasm/locales/*`
 * modules call when imported). Throws `invalid_options` for an incomplete table.
 */
export function registerLocale(locale: string, texts: LocaleTexts): void;

/** EMV challenge window size code: `01` 250×400, `02` 390×400, `03` 500×600, `04` 600×400, `05` full screen. */
export type ChallengeWindowSizeCode = '01' | '02' | '03' | '04' | '05';

/** A window size code, or `'auto'`: the largest that fits the container, re-picked on resize. */
export type ChallengeWindowSize = 'auto' | ChallengeWindowSizeCode;

/** The phases of a payment, as reported to `onStateChange` and by `PaygateCheckout.state`. */
export type PaymentState = 'collecting' | 'method' | 'challenge' | 'finishing' | 'done' | 'failed';

/** Every stable code a `PaygateError` carries. */
export type PaygateErrorCode =
  | 'invalid_card'
  | 'insecure_url'
  | 'invalid_paygate_message'
  | 'invalid_vault_data'
  | 'invalid_options'
  | 'challenge_timeout'
  | 'challenge_cancelled'
  | 'backend_unreachable'
  | 'backend_rejected'
  | 'busy'
  | 'aborted'
  | 'destroyed'
  | 'csp_blocked'
  | 'init_failed';

/** Who has to act on an error: the integration, the customer, the network, or the issuer (ACS). */
export type PaygateErrorKind = 'merchant' | 'customer' | 'network' | 'issuer';

/** The one error the package throws and rejects with. Messages never contain card data. */
export class PaygateError extends Error {
  constructor(code: PaygateErrorCode, kind: PaygateErrorKind, message: string, detail?: string);
  name: 'PaygateError';
  /** The stable code. */
  readonly code: PaygateErrorCode;
  /** Who has to act on it. */
  readonly kind: PaygateErrorKind;
  /** A finer stable code (`luhn`, `scheme`, an HTTP status, `init`, `integrity` …), or `''`. */
  readonly detail: string;
}

/** A JSON value: what the package passes through to the merchant backend unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Where the WebAssembly comes from, when not from next to the package's module. A compiled
 * `WebAssembly.Module` is not accepted: its bytes could not be checked.
 */
export type InitInput = string | URL | Request | Response | Promise<Response> | BufferSource;

/**
 * Loads and instantiates the WebAssembly; await it once before anything else. Without an
 * argument the wasm is fetched from next to the module. Only the wasm this module was built with
 * runs: its SHA-384 is checked. Rejects with a `PaygateError` (`init_failed`) that names the URL
 * fetched and what came back instead (`detail` `integrity` for a changed wasm).
 */
export default function init(input?: InitInput | { module_or_path: InitInput }): Promise<void>;

/** The package version. */
export function version(): string;

/** Options of `new PaygateCheckout(options)`. */
export interface PaygateCheckoutOptions {
  /** The merchant backend's base path (`/paygate`) or an https URL. */
  backendUrl: string;
  /** The Paygate origins whose messages are accepted, e.g. `['https://www.computop-paygate.com']`. */
  paygateOrigins: readonly string[];
  /** Where the challenge frame goes. */
  container: Element;
  /** Default `'auto'`. */
  challengeWindowSize?: ChallengeWindowSize;
  /** Wait for the 3DS method notification; default 10000 (EMV). */
  methodTimeoutMs?: number;
  /** Challenge timeout; default 600000. */
  challengeTimeoutMs?: number;
  /**
   * Retries of `POST {backendUrl}/payments` with the same `Idempotency-Key` after a network error,
   * a timeout or a 502/503/504 (0–10, default 3; pauses 0.5, 1, 2, 4, 4… s). Other answers are final.
   */
  backendRetries?: number;
  /** Time one attempt of `POST {backendUrl}/payments` may take before it is retried; default 15000. */
  backendTimeoutMs?: number;
  /** Default `'en'`; a locale that is not available throws `invalid_options` (detail `locale`). */
  locale?: LocaleTag;
  /** Texts replacing the shipped ones, per locale. */
  translations?: Translations;
  /** Accepted brands for a plain `card` object, Computop spelling: `'VISA|MasterCard'`. */
  payTypes?: string;
  /** Called on every phase change. */
  onStateChange?: (state: PaymentState) => void;
}

/** What is passed through to the backend as `payment`; at least the amount in minor units and the currency. */
export interface PaymentDetails {
  /** Amount in the currency's smallest unit (1999 = 19.99 EUR). */
  amount: number;
  /** ISO 4217 code, e.g. `'EUR'`. */
  currency: string;
  [key: string]: JsonValue;
}

/** A new card as a plain object: the documents' `card` JSON. */
export interface CardInput {
  /** The card number, digits (spaces allowed). */
  number: string;
  /** `YYYYMM`. */
  expiryDate: string;
  securityCode: string;
  cardholderName: string;
  /** Computop brand spelling; detected from the number when absent. */
  brand?: string;
}

/** A stored card as a plain object: the vault id and the CVC typed again. */
export interface SavedCardInput {
  id: string | number;
  securityCode: string;
}

interface PayArgsBase {
  /** Passed through to the backend. */
  payment: PaymentDetails;
  /** Store the card for future purchases (default: the `CardForm`'s consent checkbox, else false). */
  saveCard?: boolean;
  /** Aborts the payment: it rejects with `aborted`. */
  signal?: AbortSignal;
}

/** The argument of `pay()`: a new card, or a stored card — never both. */
export type PayArgs =
  | (PayArgsBase & { card: CardForm | CardInput; savedCard?: never })
  | (PayArgsBase & { savedCard: SavedCards | SavedCardInput; card?: never });

/** Computop's status values. */
export type PaymentStatus = 'AUTHORIZED' | 'OK' | 'FAILED' | 'PENDING' | 'AUTHENTICATION_REQUEST';

/** The result as the merchant backend decided it; only `code === '00000000'` is a success. */
export interface PaymentResult {
  status: PaymentStatus;
  /** Computop's 8-character code; the first character is the severity. */
  code: string;
  description: string | null;
  payId: string | null;
  transId: string | null;
}

/** The 3-D Secure checkout: method frame, challenge, 3-D Secure 1.0, forwarding to the backend. */
export class PaygateCheckout {
  /** Checks the options (throws `invalid_options`) and adds the live region to `container`. */
  constructor(options: PaygateCheckoutOptions);
  /**
   * Pays. Resolves with the backend's result whatever its status; rejects with a `PaygateError`
   * for everything that kept the payment from a result. A second call while one runs rejects with `busy`.
   */
  pay(args: PayArgs): Promise<PaymentResult>;
  /** Cancels the running payment: it rejects with `challenge_cancelled`. */
  cancel(): void;
  /** Removes every frame, listener and element the checkout added; a running payment rejects with `destroyed`. */
  destroy(): void;
  /** Frees the wasm memory of the object (after `destroy()`). */
  free(): void;
  /** The last phase reported to `onStateChange`, or `null` before the first payment. */
  readonly state: PaymentState | null;
}

/** Colour depths EMV allows. */
export type ColorDepth = 1 | 4 | 8 | 15 | 16 | 24 | 32 | 48;

/** The EMV 3DS 2.2 browser fields with Computop's keys (the backend adds `acceptHeaders` and `ipAddress`). */
export interface BrowserInfo {
  javaEnabled: boolean;
  javaScriptEnabled: boolean;
  /** BCP 47, at most 8 characters. */
  language: string;
  colorDepth: ColorDepth;
  screenHeight: number;
  screenWidth: number;
  /** Minutes, the sign of JavaScript's `getTimezoneOffset()`. */
  timeZoneOffset: number;
  userAgent: string;
  challengeWindowSize: ChallengeWindowSizeCode;
}

/** The browserInfo for `challengeWindowSize` (`'auto'`, the default, picks from the viewport). */
export function collectBrowserInfo(challengeWindowSize?: ChallengeWindowSize): BrowserInfo;

/** One payment method of the customer vault REST API (`cardHolderName`; its webhook example says `name`). */
export interface VaultPaymentMethod {
  id?: string;
  pseudoCardNumber?: string;
  last4Digits?: string;
  brand?: string;
  expiryDate?: string | number;
  cardHolderName?: string;
  name?: string;
  [key: string]: JsonValue | undefined;
}

/** The customer vault REST answer. */
export type VaultRestData =
  | { paymentMethods: VaultPaymentMethod[] }
  | { data: VaultPaymentMethod[] }
  | { paymentMethod: VaultPaymentMethod }
  | VaultPaymentMethod[];

/** One entry of Customer Data Storage `CustomerInfos`. */
export interface CdsCardInfo {
  CustomerDataId?: string;
  Type?: string;
  CCNrMasked?: string;
  Expiry?: string | number;
  Holder?: string;
  Brand?: string;
  PCNr?: string;
  Active?: boolean | string;
  [key: string]: JsonValue | undefined;
}

/** Customer Data Storage: `CustomerInfos` decoded, or its base64 inside an object. */
export type CustomerDataStorageData = { CustomerDataInfos: CdsCardInfo[] } | { CustomerInfos: string };

/** The pseudo card number prefill `card` object. */
export interface PrefillCard {
  /** The pseudo card number. */
  number: string;
  expiryDate: string | number;
  cardholderName?: string;
  brand?: string;
  [key: string]: JsonValue | undefined;
}

/**
 * Vault data in any documented shape, or as text: JSON, base64 `CustomerInfos`, or the whole
 * GetDetails key=value answer.
 */
export type VaultData = VaultRestData | CustomerDataStorageData | PrefillCard | string;

/** Options of `new SavedCards(element, options)`. */
export interface SavedCardsOptions {
  vaultData: VaultData;
  /** The merchant backend's base path; removal calls `DELETE {backendUrl}/payment-methods/{id}`. Default `/paygate`. */
  backendUrl?: string;
  /** Default `'en'`; a locale that is not available throws `invalid_options` (detail `locale`). */
  locale?: LocaleTag;
  /** Texts replacing the shipped ones, per locale. */
  translations?: Translations;
  /** Offer a remove button per card (with an in-page confirmation). Default false. */
  allowRemove?: boolean;
  /** Called with the chosen card's id, or `null` for "use a new card". */
  onChange?: (id: string | null) => void;
  /** Called once, while the selector is built, with the vault entries it left out (only when
   *  there are any); the same list as `SavedCards.skippedEntries`. */
  onSkipped?: (skipped: SkippedVaultEntry[]) => void;
}

/** A vault entry the selector left out because it could not be read; the other cards render. */
export interface SkippedVaultEntry {
  /** Position in the vault's list. */
  index: number;
  /** The entry's `id` (`CustomerDataId`), or `null` when it had none. */
  id: string | null;
  code: 'invalid_vault_data';
  /** What is wrong: `format`, `missing_field`, `json`, … */
  detail: string;
  /** In English, for the developer's console (never card data). */
  message: string;
}

/** What `SavedCards.selection()` returns for a stored card. */
export interface SavedCardSelection extends SavedCardInput {
  id: string;
  source: 'vault' | 'cds' | 'prefill';
  pseudoCardNumber: string | null;
  /** `YYYYMM`. */
  expiryDate: string;
  brand: string | null;
  cardholderName: string | null;
}

/** The customer's stored cards as an accessible radio group, with "use a new card". */
export class SavedCards {
  /** Renders the selector; throws `invalid_vault_data` (nothing rendered) for data of no documented shape. */
  constructor(element: Element, options: SavedCardsOptions);
  /** The chosen stored card with its CVC, `null` for "use a new card"; throws `invalid_card` (shown inline) for a missing or wrong CVC. */
  selection(): SavedCardSelection | null;
  /** The chosen stored card's id, or `null` for "use a new card". */
  readonly selectedId: string | null;
  /** The vault entries left out because they could not be read (empty when all were). */
  readonly skippedEntries: SkippedVaultEntry[];
  /** Empties the CVC input. */
  clearSensitive(): void;
  /** Removes the selector from the page. */
  destroy(): void;
  /** Frees the wasm memory of the object (after `destroy()`). */
  free(): void;
}

/** Options of `new CardForm(element, options)`. */
export interface CardFormOptions {
  /** Accepted brands in Computop's spelling, `'VISA|MasterCard'`; empty or absent accepts all. */
  payTypes?: string;
  /** Default `'en'`; a locale that is not available throws `invalid_options` (detail `locale`). */
  locale?: LocaleTag;
  /** Texts replacing the shipped ones, per locale. */
  translations?: Translations;
  /** Show the "save this card for future purchases" consent. Default false. */
  offerSave?: boolean;
}

/** The documents' `card` object, from `CardForm.cardData()`. */
export interface CardData {
  number: string;
  /** `YYYYMM`. */
  expiryDate: string;
  securityCode: string;
  cardholderName: string;
  brand: string;
}

/** The new-card form: grouping, brand detection, Luhn, expiry, CVC and holder checks, inline errors. */
export class CardForm {
  constructor(element: Element, options?: CardFormOptions);
  /** The checked card; throws `invalid_card` and shows the problems inline otherwise. */
  cardData(): CardData;
  /** Empties the card number and CVC inputs. */
  clearSensitive(): void;
  /** Whether the customer ticked "save this card for future purchases". */
  readonly saveCard: boolean;
  /** Removes the form from the page. */
  destroy(): void;
  /** Frees the wasm memory of the object (after `destroy()`). */
  free(): void;
}
