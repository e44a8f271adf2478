// What the loader's tests (integrity.test.mjs, wasm_cache.test.mjs) share: wasm files as a
// changed build or another version would be (still valid WebAssembly, with another SHA-384 than
// the package was built for), and a page without WebCrypto.

/** An unsigned LEB128 at `at`: `[value, next]`. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, at];
    shift += 7;
  }
}

/** `[start, end]` of the code section's contents. */
function codeSection(bytes) {
  for (let at = 8; at < bytes.length;) {
    const id = bytes[at];
    const [size, start] = leb(bytes, at + 1);
    if (id === 10) return [start, start + size];
    at = start + size;
  }
  throw new Error('no code section');
}

/** The wasm with one bit flipped in the middle of its code, still valid WebAssembly. */
export function oneByteFlipped(bytes) {
  const [start, end] = codeSection(bytes);
  for (let at = (start + end) >> 1; at < end; at++) {
    const copy = Buffer.from(bytes);
    copy[at] ^= 0x01;
    if (WebAssembly.validate(copy)) return copy;
  }
  throw new Error('no byte to flip');
}

/** The wasm as another version would differ: the same code with a version section of its own. */
export function anotherVersion(bytes) {
  const name = Buffer.from('paygate-wasm-version');
  const payload = Buffer.from('0.0.9');
  const section = Buffer.concat([Buffer.from([0, 1 + name.length + payload.length, name.length]), name, payload]);
  return Buffer.concat([bytes, section]);
}

/**
 * An init script for a page with no `crypto.subtle`, as an http page that is not localhost has:
 * the browser then checks the wasm's `integrity` itself.
 */
export const noWebCrypto = () => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined });
