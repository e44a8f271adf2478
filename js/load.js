// How both entries (js/index.js, js/easycredit.js) load their WebAssembly. The build bakes the
// wasm's SHA-384 into the entry (scripts/esm-bundle.mjs), and nothing runs that does not match
// it. A URL is first read from the browser's HTTP cache without revalidation (`force-cache`):
// the hash names the bytes wanted, so a matching copy is used without a round trip to the
// server, and only a missing or different copy sends the request to the server (`no-cache`). On
// a page with WebCrypto (https, localhost) the response is compiled as it streams in while a copy
// of it is hashed here, and the module is instantiated only when the hash matches (compiling
// runs nothing; the code cache goes on working); without WebCrypto the URL is fetched with that
// `integrity` and the browser checks it. A Response or bytes handed to init() are hashed here. A
// compiled `WebAssembly.Module` cannot be checked and is refused. Every failure is a
// `PaygateError` `init_failed` that names the URL and what came back.
import { PaygateError } from './error.js';

const WASM_MIME = 'application/wasm';
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
/** The fetch `cache` mode of the first try: a copy in the HTTP cache, however old, unrevalidated. */
const FROM_CACHE = 'force-cache';

/** An `init_failed` error with its finer `detail` (`fetch`, `instantiate`, `integrity` …). */
export const initError = (message, detail) => new PaygateError('init_failed', 'merchant', message, detail);

const reason = (e) => (e && e.message ? e.message : String(e));
/** A URL, or a Request's URL, absolute, for messages. */
function named(url) {
  const text = typeof Request !== 'undefined' && url instanceof Request ? url.url : String(url);
  try {
    return new URL(text, globalThis.location && globalThis.location.href).href;
  } catch {
    return text;
  }
}

/** What a response that is not the package's WebAssembly looks like, for the error message. */
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

const servedAsWasm = (response) => (response.headers.get('content-type') || '').split(';')[0].trim() === WASM_MIME;

/** The SRI value (`sha384-…`) of `bytes`, or null where the page has no WebCrypto (not https). */
async function sri(bytes) {
  if (!globalThis.crypto || !globalThis.crypto.subtle) return null;
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-384', bytes));
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

function integrityError(from, actual, expected) {
  return initError(`${from} failed paygate-wasm's integrity check: SHA-384 ${actual}, built for ${expected}. It was`
    + ' changed after the build (or by a toolchain that rewrites .wasm files) and did not run; serve the package\'s file'
    + ' byte for byte.', 'integrity');
}

/** Throws unless `bytes` hash to `expected`. */
async function check(bytes, from, expected) {
  const actual = await sri(bytes);
  if (actual === null) {
    throw initError(`${from} cannot pass paygate-wasm's integrity check on a page without WebCrypto (https):`
      + ' pass the URL of the wasm, which the browser checks.', 'integrity');
  }
  if (actual !== expected) throw integrityError(from, actual, expected);
}

/**
 * Why `fetch(url, { integrity })` failed: fetched again without `integrity`, the file is either
 * not there or not WebAssembly (a problem to report, maybe with another candidate URL), or it is
 * WebAssembly with another hash (thrown at once: it must not run from anywhere).
 */
async function whyFetchFailed(location, expected, error) {
  const url = named(location);
  let response;
  try {
    response = await fetch(location);
  } catch {
    return `fetching ${url} failed: ${reason(error)}`;
  }
  if (!response.ok) return `fetched ${url}: ${await describe(response)}`;
  const bytes = await response.clone().arrayBuffer();
  if (!looksLikeWasm(bytes) && !servedAsWasm(response)) {
    return `fetched ${url}: ${await describe(response)}, which is not WebAssembly`;
  }
  const actual = await sri(bytes);
  if (actual === expected) return `fetching ${url} failed: ${reason(error)}`;
  throw integrityError(url, actual || 'unknown (this page has no WebCrypto)', expected);
}

/**
 * Fetches one candidate URL with the fetch `cache` mode given: the checked module being compiled,
 * a `Response` the browser checks, checked bytes (served under another MIME type), or a
 * description of what came back instead.
 */
async function fetchWasm(location, expected, cache) {
  const url = named(location);
  const hashHere = Boolean(globalThis.crypto && globalThis.crypto.subtle);
  let response;
  try {
    response = await fetch(location, hashHere ? { cache } : { cache, integrity: expected });
  } catch (e) {
    // Only the server's answer is explained: a failed copy from the cache sends the request there.
    const explain = !hashHere && cache !== FROM_CACHE;
    return { problem: explain ? await whyFetchFailed(location, expected, e) : `fetching ${url} failed: ${reason(e)}` };
  }
  if (!response.ok) return { problem: `fetched ${url}: ${await describe(response)}` };
  if (servedAsWasm(response)) {
    if (!hashHere) return { source: response };
    // Compiled as it streams in; instantiated (by the glue) only once the copy's hash matched.
    const copy = response.clone();
    const compiling = WebAssembly.compileStreaming(response);
    compiling.catch(() => {}); // a compile error is reported as `instantiate`, after the check
    await check(await copy.arrayBuffer(), url, expected);
    return { source: compiling };
  }
  const bytes = await response.clone().arrayBuffer();
  if (!looksLikeWasm(bytes)) return { problem: `fetched ${url}: ${await describe(response)}, which is not WebAssembly` };
  if (hashHere) await check(bytes, url, expected);
  return { source: bytes };
}

/**
 * One candidate URL, from the browser's HTTP cache without asking the server when the copy there
 * has the hash the package was built for (the hash names the bytes, so a revalidation could only
 * confirm them); a copy that does not match, or none, and the server is asked (`no-cache`), whose
 * answer alone counts.
 */
async function fetchCandidate(location, expected) {
  const cached = await fetchWasm(location, expected, FROM_CACHE).catch(() => ({}));
  return cached.source ? cached : fetchWasm(location, expected, 'no-cache');
}

/** A copy of what the caller handed over, checked, so that it cannot change after the check. */
async function checkedBytes(given, expected) {
  const value = await given;
  if (typeof Response !== 'undefined' && value instanceof Response) {
    const from = value.url || 'the Response passed to init()';
    if (!value.ok) throw initError(`paygate-wasm's WebAssembly could not be loaded: ${from}: ${await describe(value)}.`, 'fetch');
    const bytes = await value.arrayBuffer();
    await check(bytes, from, expected);
    return bytes;
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer
      ? value.slice(0)
      : value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
    await check(bytes, 'the bytes passed to init()', expected);
    return bytes;
  }
  if (value instanceof WebAssembly.Module) {
    throw initError('a compiled WebAssembly.Module cannot pass paygate-wasm\'s integrity check (its bytes are gone):'
      + ' pass the URL of the wasm, a Response or its bytes.', 'integrity');
  }
  throw initError(`${Object.prototype.toString.call(value)} cannot pass paygate-wasm's integrity check: pass the URL`
    + ' of the wasm, a Response or its bytes.', 'integrity');
}

const isLocation = (v) => typeof v === 'string' || v instanceof URL || (typeof Request !== 'undefined' && v instanceof Request);

/**
 * Instantiates the wasm through wasm-bindgen's `initGlue` from what the caller passed to init()
 * (`input`, or its `module_or_path`), only once it matched `spec.integrity`. Without input the
 * wasm comes from `spec.candidates()` in turn; `spec.hint()` ends the message when none answered.
 */
export async function loadChecked(initGlue, input, spec) {
  const given = input && typeof input === 'object' && 'module_or_path' in input ? input.module_or_path : input;
  if (given !== undefined && !isLocation(given)) {
    const bytes = await checkedBytes(given, spec.integrity);
    return initGlue({ module_or_path: bytes });
  }
  const candidates = given === undefined ? spec.candidates() : [given];
  const problems = [];
  for (const url of candidates) {
    const { source, problem } = await fetchCandidate(url, spec.integrity);
    if (problem) {
      problems.push(problem);
      continue;
    }
    try {
      return await initGlue({ module_or_path: source });
    } catch (e) {
      throw initError(`${named(url)} could not be instantiated as paygate-wasm's WebAssembly: ${reason(e)}`, 'instantiate');
    }
  }
  throw initError(`paygate-wasm's WebAssembly could not be loaded: ${problems.join('; ')}.${spec.hint()}`, 'fetch');
}

/**
 * One package's `init()`, which loads and checks its wasm once (a failed attempt may be
 * repeated), and `requireInit(what)`, which its exports call first: before `init()` resolved they
 * throw a `PaygateError` instead of a TypeError from the glue.
 */
export function initOnce(initGlue, spec) {
  let loading = null;
  let ready = false;
  const init = (input) => {
    if (typeof document === 'undefined' || typeof WebAssembly === 'undefined') {
      return Promise.reject(initError(
        'paygate-wasm runs in a browser page: init() was called where there is no document (server-side rendering?); call it in the browser',
        'environment'));
    }
    if (!loading) {
      loading = loadChecked(initGlue, input, spec).then(
        (output) => { ready = true; return output; },
        (e) => { loading = null; throw e; },
      );
    }
    return loading;
  };
  const requireInit = (what) => {
    if (!ready) {
      throw new PaygateError('invalid_options', 'merchant',
        `${what} was used before init() resolved: call \`await init()\` first`, 'init');
    }
  };
  return { init, requireInit };
}
