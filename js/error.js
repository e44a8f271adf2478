// The one error class of the package. The wasm creates its errors through this module (see
// src/error/), and the package entry re-exports it, so `err instanceof PaygateError` holds for
// every rejection and every throw.

/** An error of paygate-wasm: a stable `code`, who has to act (`kind`) and a finer `detail`. */
export class PaygateError extends Error {
  /**
   * @param {string} code stable code, e.g. `invalid_card`
   * @param {string} kind `merchant` | `customer` | `network` | `issuer`
   * @param {string} message what happened, in English, for the developer's console
   * @param {string} [detail] finer stable code (`luhn`, `scheme`, an HTTP status …), or ''
   */
  constructor(code, kind, message, detail = '') {
    super(message);
    this.name = 'PaygateError';
    this.code = code;
    this.kind = kind;
    this.detail = detail;
  }
}

// The wasm's messages, in the order of `Message` in src/error/message.rs; `{0}`, `{1}`, `{2}`
// are the arguments the wasm passes (names of fields and messages, the parser's words …).
const MESSAGES = [
  '{0}: not valid JSON of the documented shape: {1}',
  '{0}: `{1}` is missing or empty',
  '{0}: `{1}` is not base64 of UTF-8 text',
  '{0}: `{1}` is not {2}',
  '{0}: `{1}` is too long',
  '`{0}` is not an absolute URL',
  '`{0}` has a scheme other than https',
  '`{0}` uses plain http to a host that is not loopback',
  '`{0}` contains white space, control characters or user info',
  '`{0}` has no valid host',
  'card refused: {0}',
  'challenge window size must be 01-05 or auto',
  'credentialOnFile must not be sent with a prefilled pseudo card number',
  'options must be an object',
  'options must be an object of plain values, elements and functions',
  'timeouts must be a number of milliseconds',
  'backendRetries must be a whole number from 0 to 10',
  'backendUrl must be a path such as /paygate or an https URL',
  "paygateOrigins must list the Paygate's origins",
  "challengeWindowSize must be 'auto' or '01'..'05'",
  'container must be an element',
  'onStateChange must be a function',
  'element must be a DOM element',
  'crypto.getRandomValues is not available',
  'the page refused a DOM operation',
  'pay() needs an object argument',
  'payment must be an object',
  'signal must be an AbortSignal',
  'pass either card or savedCard, not both',
  'pay() needs card or savedCard',
  'no saved card is selected',
  'savedCard needs an id',
  'card must be an object',
  'the chosen stored card needs a valid security code',
  'the card form has errors',
  'the component was destroyed',
  'a payment is already running',
  'the payment was cancelled',
  'the payment was aborted through its AbortSignal',
  'the checkout was destroyed',
  'the challenge did not finish in time',
  "the page's Content-Security-Policy directive {0} blocked {1}: frame-src and form-action must allow every issuer's ACS (https:)",
  'the merchant backend has no final result',
  "the long poll's challenge is not a browser challenge response",
  'the request could not be made',
  'the merchant backend could not be reached',
  'the merchant backend refused the request',
  '{0}',
  'the merchant backend answered something that is not a JSON object',
  'payId is missing',
  'next.type is not method, legacy or done',
  'payment response',
  'final is missing',
  'state is not pending, challenge or done',
  'the order must be an object',
  'Financing: neither JSON nor base64 of UTF-8 JSON',
  'Financing: not a JSON object',
  'Financing: `{0}` is missing',
  'Financing: `{0}` has the wrong format',
  'texts missing: construct the components from the package entry',
];

/**
 * The English text of the wasm's message number `message`, its arguments filled in.
 * @param {number} message
 * @param {...string} args
 * @returns {string}
 */
export function messageText(message, ...args) {
  return MESSAGES[message].replace(/\{(\d)\}/g, (_, i) => args[i]);
}

/**
 * The `PaygateError` the wasm reports: its code, kind and detail (an HTTP status when the
 * backend sent no code), and the message `message` with its arguments.
 * @param {string} code
 * @param {string} kind
 * @param {string} detail
 * @param {number | undefined} status
 * @param {number} message
 * @param {...string} args
 * @returns {PaygateError}
 */
export function paygateError(code, kind, detail, status, message, ...args) {
  return new PaygateError(code, kind, messageText(message, ...args), detail || (status === undefined ? '' : String(status)));
}
