// The package entry: wasm-bindgen's glue (imported as `#glue`, resolved by scripts/bundle.mjs)
// with what the glue cannot do itself: an `init()` that runs only the wasm this module was built
// with and says what went wrong otherwise (js/load.js), components that refuse to work before
// `init()` with a `PaygateError` instead of a TypeError, results whose absent fields are `null`,
// and the texts of `locale` and `translations`, resolved here and passed in (js/texts.js).

import initGlue, * as glue from '#glue';
import { WASM_INTEGRITY } from '#wasm-integrity';
import { PaygateError } from './error.js';
import { initOnce } from './load.js';
import { registerLocale, resolveTexts } from './texts.js';

export { PaygateError, registerLocale };

const WASM_FILE = 'paygate_wasm_bg.wasm';
/** Where a Vite dev server keeps pre-bundled dependencies (the default `cacheDir`). */
const VITE_DEPS = /\/node_modules\/\.vite\/deps(_temp_[^/]*)?\//;
/** Where the original package file is served from when Vite has pre-bundled it. */
const VITE_ORIGINAL = `/node_modules/paygate-wasm/pkg/${WASM_FILE}`;
const VITE_FIX = "Vite's dev server pre-bundles dependencies: add `optimizeDeps: { exclude: ['paygate-wasm'] }` to vite.config.js";
/** The keys of a payment result that are `null`, never `undefined`, when the backend left them out. */
const RESULT_KEYS = ['status', 'code', 'description', 'payId', 'transId'];

/** Whether this module runs from a Vite dev server's pre-bundled copy. */
const preBundledByVite = () => VITE_DEPS.test(new URL(import.meta.url).pathname);

/**
 * The URLs to try for the default location. The literal `new URL('…', import.meta.url)` is
 * what Vite, webpack and Parcel recognise to emit the wasm and rewrite the URL.
 */
function defaultCandidates() {
  const here = new URL('paygate_wasm_bg.wasm', import.meta.url);
  return preBundledByVite() ? [new URL(VITE_ORIGINAL, here.origin), here] : [here];
}

/** What ends the message when the wasm was found nowhere. */
const hint = () => (preBundledByVite()
  ? ` ${VITE_FIX}.`
  : ` Serve ${WASM_FILE} from the package next to the bundle, or pass its URL: init({ module_or_path: url }).`);

const loader = initOnce(initGlue, { integrity: WASM_INTEGRITY, candidates: defaultCandidates, hint });
const { requireInit } = loader;

/**
 * Loads and instantiates the WebAssembly module; call once and await it before using anything
 * else. Without an argument the wasm is fetched from next to this module. Only the wasm this
 * module was built with runs (its SHA-384 is checked). Rejects with a `PaygateError`
 * (`init_failed`) that says which URL was fetched and what came back.
 */
export default function init(input) {
  return loader.init(input).then(() => undefined);
}

/** The 3-D Secure checkout: method frame, challenge, 3-D Secure 1.0, forwarding to the backend. */
export class PaygateCheckout extends glue.PaygateCheckout {
  constructor(options) {
    requireInit('PaygateCheckout');
    super(options, resolveTexts(options));
  }

  /** Pays; resolves with the backend's result, absent fields `null`. */
  pay(args) {
    return super.pay(args).then((result) => {
      const out = { ...result };
      for (const key of RESULT_KEYS) if (out[key] === undefined) out[key] = null;
      return out;
    });
  }
}

/** The customer's stored cards as an accessible radio group, with "use a new card". */
export class SavedCards extends glue.SavedCards {
  constructor(element, options) {
    requireInit('SavedCards');
    super(element, options, resolveTexts(options));
  }
}

/** The new-card form. */
export class CardForm extends glue.CardForm {
  constructor(element, options) {
    requireInit('CardForm');
    super(element, options, resolveTexts(options));
  }
}

/** The EMV browserInfo with Computop's keys, for `challengeWindowSize` (`'auto'` by default). */
export function collectBrowserInfo(challengeWindowSize) {
  requireInit('collectBrowserInfo()');
  return glue.collectBrowserInfo(challengeWindowSize);
}

/** The package version. */
export function version() {
  requireInit('version()');
  return glue.version();
}
