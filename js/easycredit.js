// The entry of `paygate-wasm/easycredit` (pkg-easycredit/): wasm-bindgen's glue of the easyCredit
// build (imported as `#glue`, resolved by scripts/bundle-easycredit.mjs) with the same `init()`
// as the card package (js/load.js): only the wasm this module was built with runs. The exports
// refuse to work before `init()` resolved with a `PaygateError` instead of a TypeError.

import initGlue, * as glue from '#glue';
import { WASM_INTEGRITY } from '#wasm-integrity';
import { initOnce } from './load.js';

const WASM_FILE = 'paygate_easycredit_bg.wasm';

/** The default location; the literal `new URL('…', import.meta.url)` is what bundlers recognise. */
const defaultCandidates = () => [new URL('paygate_easycredit_bg.wasm', import.meta.url)];

const hint = () => ` Serve ${WASM_FILE} from the package next to the bundle, or pass its URL: init({ module_or_path: url }).`;

const loader = initOnce(initGlue, { integrity: WASM_INTEGRITY, candidates: defaultCandidates, hint });
const { requireInit } = loader;

/**
 * Loads and instantiates the easyCredit WebAssembly; await it once before anything else. Only
 * the wasm this module was built with runs (its SHA-384 is checked). Rejects with a
 * `PaygateError` (`init_failed`) that says which URL was fetched and what came back.
 */
export default function init(input) {
  return loader.init(input);
}

/** The confirmation block of a hire purchase (easyCredit's decision and plan). */
export class EasyCreditSummary extends glue.EasyCreditSummary {
  constructor(element, options) {
    requireInit('EasyCreditSummary');
    super(element, options);
  }
}

/** Checks an order against the easyCredit v3 rules: every problem, `[]` when it is fine. */
export function checkEasyCreditOrder(order, options) {
  requireInit('checkEasyCreditOrder()');
  return glue.checkEasyCreditOrder(order, options);
}

/** Installs the panic hook (the wasm does so itself when it starts). */
export function start() {
  requireInit('start()');
  glue.start();
}

/** The package version. */
export function version() {
  requireInit('version()');
  return glue.version();
}
