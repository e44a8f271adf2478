// The package entry: wasm-bindgen's glue (imported as `#glue`, resolved by scripts/bundle.mjs)
// with what the glue cannot do itself: an `init()` that says what went wrong when the wasm
// cannot be fetched or instantiated, components that refuse to work before `init()` with a
// `PaygateError` instead of a TypeError, and results whose absent fields are `null`.

import initGlue, * as glue from '#glue';
import { PaygateError } from './error.js';

export { PaygateError };

const WASM_FILE = 'paygate_wasm_bg.wasm';
const WASM_MIME = 'application/wasm';
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
/** Where a Vite dev server keeps pre-bundled dependencies (the default `cacheDir`). */
const VITE_DEPS = /\/node_modules\/\.vite\/deps(_temp_[^/]*)?\//;
/** Where the original package file is served from when Vite has pre-bundled it. */
const VITE_ORIGINAL = `/node_modules/paygate-wasm/pkg/${WASM_FILE}`;
const VITE_FIX = "Vite's dev server pre-bundles dependencies: add `optimizeDeps: { exclude: ['paygate-wasm'] }` to vite.config.js";
/** The keys of a payment result that are `null`, never `undefined`, when the backend left them out. */
const RESULT_KEYS = ['status', 'code', 'description', 'payId', 'transId'];

let loading = null;
let ready = false;

const initError = (message, detail) => new PaygateError('init_failed', 'merchant', message, detail);

function requireInit(what) {
  if (!ready) {
    throw new PaygateError('invalid_options', 'merchant',
      `${what} was used before init() resolved: call \`await init()\` first`, 'init');
  }
}

/** What a response that is not WebAssembly looks like, for the error message. */
async function describe(response) {
  const type = response.headers.get('content-type') || 'no content type';
  let start = '';
  try {
    start = (await response.clone().text()).slice(0, 40).replace(/\s+/g, ' ');
  } catch { /* a body that is not text */ }
  return `HTTP ${response.status} ${type}${start ? `, starting "${start}"` : ''}`;
}

function looksLikeWasm(bytes) {
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  return WASM_MAGIC.every((b, i) => head[i] === b);
}

/**
 * Fetches one candidate URL: a `Response` to stream from when it is served as wasm, the bytes
 * when it is wasm under another MIME type, or a description of what came back instead.
 */
async function fetchWasm(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    return { problem: `fetching ${url} failed: ${e && e.message ? e.message : e}` };
  }
  if (!response.ok) return { problem: `fetched ${url}: ${await describe(response)}` };
  if ((response.headers.get('content-type') || '').split(';')[0].trim() === WASM_MIME) return { source: response };
  const bytes = await response.clone().arrayBuffer();
  if (looksLikeWasm(bytes)) return { source: bytes };
  return { problem: `fetched ${url}: ${await describe(response)}, which is not WebAssembly` };
}

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

async function load(input) {
  const given = input && typeof input === 'object' && 'module_or_path' in input ? input.module_or_path : input;
  const isLocation = (v) => typeof v === 'string' || v instanceof URL || (typeof Request !== 'undefined' && v instanceof Request);
  if (given !== undefined && !isLocation(given)) {
    // A Response, a promise of one, bytes or a compiled module: the glue takes those as they are.
    return initGlue({ module_or_path: given });
  }
  const candidates = given === undefined ? defaultCandidates() : [given];
  const problems = [];
  for (const url of candidates) {
    const { source, problem } = await fetchWasm(url);
    if (problem) {
      problems.push(problem);
      continue;
    }
    try {
      return await initGlue({ module_or_path: source });
    } catch (e) {
      throw initError(`${url} could not be instantiated as paygate-wasm's WebAssembly: ${e && e.message ? e.message : e}`, 'instantiate');
    }
  }
  const hint = preBundledByVite()
    ? ` ${VITE_FIX}.`
    : ` Serve ${WASM_FILE} from the package next to the bundle, or pass its URL: init({ module_or_path: url }).`;
  throw initError(`paygate-wasm's WebAssembly could not be loaded: ${problems.join('; ')}.${hint}`, 'fetch');
}

/**
 * Loads and instantiates the WebAssembly module; call once and await it before using anything
 * else. Without an argument the wasm is fetched from next to this module. Rejects with a
 * `PaygateError` (`init_failed`) that says which URL was fetched and what came back.
 */
export default function init(input) {
  if (typeof document === 'undefined' || typeof WebAssembly === 'undefined') {
    return Promise.reject(initError(
      'paygate-wasm runs in a browser page: init() was called where there is no document (server-side rendering?); call it in the browser',
      'environment'));
  }
  if (!loading) {
    loading = load(input).then(
      () => { ready = true; },
      (e) => { loading = null; throw e; },
    );
  }
  return loading;
}

/** The 3-D Secure checkout: method frame, challenge, 3-D Secure 1.0, forwarding to the backend. */
export class PaygateCheckout extends glue.PaygateCheckout {
  constructor(options) {
    requireInit('PaygateCheckout');
    super(options);
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
    super(element, options);
  }
}

/** The new-card form. */
export class CardForm extends glue.CardForm {
  constructor(element, options) {
    requireInit('CardForm');
    super(element, options);
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
