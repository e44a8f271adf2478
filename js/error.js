// The one error class of the package. The wasm creates its errors through this module (see
// src/error.rs), and the package entry re-exports it, so `err instanceof PaygateError` holds for
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
