// A faster path in wasm-bindgen's glue for the strings the wasm hands to the browser. Each
// `&str` that crosses (an id, an attribute, a label) is decoded by `decodeText`, one
// `TextDecoder.decode` per string; for the short ASCII strings of the DOM work that call costs
// more than the string. Strings under 32 bytes that are all ASCII are built with
// `String.fromCharCode` instead; anything else still goes through the `TextDecoder`.
import { readFileSync, writeFileSync } from 'node:fs';

const ORIGINAL = 'function decodeText(bytes) {\n';
const FAST = `function decodeText(bytes) {
    if (bytes.length < 32) {
        let ascii = 0;
        for (let i = 0; i < bytes.length; i++) ascii |= bytes[i];
        if (ascii < 0x80) return String.fromCharCode.apply(null, bytes);
    }
`;

/** Rewrites `glueFile` in place with the fast path; fails when the glue's shape changed. */
export function fastShortStrings(glueFile) {
  const glue = readFileSync(glueFile, 'utf8');
  if (glue.split(ORIGINAL).length !== 2) throw new Error(`glue-strings: ${glueFile} has no single decodeText()`);
  writeFileSync(glueFile, glue.replace(ORIGINAL, FAST));
}
