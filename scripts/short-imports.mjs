// Shortens the names of the wasm's imports from wasm-bindgen's glue: `./paygate_wasm_bg.js` /
// `__wbg_setAttribute_f75317b2b5cabfb4` become `a` / `b3`, in the wasm's import section and in
// the keys of the glue's import object, the only two places that spell them. The names (a module
// path and a 16-digit hash per import) are about 7 KB of the wasm and 5 KB of the glue, and the
// hashes do not compress. Exports named after wasm-bindgen's closure shims
// (`wasm_bindgen_<hash>___convert__closures…`, up to 340 characters each) become `x0`, `x1` … in
// the export section and in the glue's `wasm.…` calls, and the `producers` and `target_features`
// custom sections (toolchain names and versions, read by no browser) are dropped. Nothing else
// in either file changes; every other export keeps its name.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { fastShortStrings } from './glue-strings.mjs';

const CUSTOM_SECTION = 0;
const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;
/** Custom sections no browser reads, dropped. */
const DROPPED_CUSTOM = new Set(['producers', 'target_features']);
/** Exports renamed: wasm-bindgen's closure shims, named after their Rust paths and hashes. */
const LONG_EXPORT = /^wasm_bindgen_[0-9a-f]{16}___/;

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value |= (b & 0x7f) << shift;
    if (b < 0x80) return [value >>> 0, at];
    shift += 7;
  }
}

function u32(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const utf8 = new TextEncoder();
const text = new TextDecoder();
const name = (s) => { const b = utf8.encode(s); return [...u32(b.length), ...b]; };

/** The short name of import `i`: a base-36 number after a letter, never a JS keyword. */
const shortName = (i) => `i${i.toString(36)}`;

/** Reads one import entry at `at`: its module, name and the bytes of its description. */
function readEntry(bytes, at) {
  let len;
  [len, at] = readU32(bytes, at);
  const module = text.decode(bytes.subarray(at, at + len));
  at += len;
  [len, at] = readU32(bytes, at);
  const field = text.decode(bytes.subarray(at, at + len));
  at += len;
  const start = at;
  const kind = bytes[at++];
  if (kind === 0) [, at] = readU32(bytes, at); // function: type index
  else if (kind === 1) { at++; const flags = bytes[at++]; [, at] = readU32(bytes, at); if (flags & 1) [, at] = readU32(bytes, at); } // table
  else if (kind === 2) { const flags = bytes[at++]; [, at] = readU32(bytes, at); if (flags & 1) [, at] = readU32(bytes, at); } // memory
  else if (kind === 3) at += 2; // global: value type, mutability
  else if (kind === 4) { at++; [, at] = readU32(bytes, at); } // tag
  else throw new Error(`short-imports: unknown import kind ${kind}`);
  return { module, field, desc: bytes.subarray(start, at), next: at };
}

/**
 * Rewrites `wasmFile` and `glueFile` in place; `module` is the glue's module name for its
 * imports. Returns how many imports were renamed.
 */
export function shortenImports(wasmFile, glueFile, module) {
  const bytes = readFileSync(wasmFile);
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readU32(bytes, at + 1);
    if (id !== IMPORT_SECTION) { at = body + size; continue; }
    let [count, p] = readU32(bytes, body);
    const entries = [];
    for (let i = 0; i < count; i++) {
      const e = readEntry(bytes, p);
      entries.push(e);
      p = e.next;
    }
    const renames = new Map();
    const content = [...u32(count)];
    entries.forEach((e) => {
      let { module: m, field } = e;
      if (m === module) {
        if (!renames.has(field)) renames.set(field, shortName(renames.size));
        field = renames.get(field);
        m = 'a';
      }
      content.push(...name(m), ...name(field), ...e.desc);
    });
    const section = [IMPORT_SECTION, ...u32(content.length), ...content];
    writeFileSync(wasmFile, Buffer.concat([bytes.subarray(0, at), Buffer.from(section), bytes.subarray(body + size)]));
    writeFileSync(glueFile, renameGlue(readFileSync(glueFile, 'utf8'), module, renames));
    return renames.size;
  }
  throw new Error(`short-imports: ${wasmFile} has no import section`);
}

/** Renames the keys of the glue's import object and the module it is returned under. */
function renameGlue(glue, module, renames) {
  const open = glue.indexOf('const import0 = {');
  const returned = `"${module}": import0,`;
  const close = glue.indexOf(returned, open);
  if (open < 0 || close < 0) throw new Error('short-imports: the glue has no import0 object');
  let block = glue.slice(open, close);
  let found = 0;
  block = block.replace(/^(\s+)([A-Za-z_$][\w$]*): function\(/gm, (whole, indent, key) => {
    if (!renames.has(key)) return whole;
    found++;
    return `${indent}${renames.get(key)}: function(`;
  });
  if (found !== renames.size) {
    throw new Error(`short-imports: ${renames.size} imports in the wasm, ${found} found in the glue`);
  }
  return glue.slice(0, open) + block + `"a": import0,` + glue.slice(close + returned.length);
}

/** Reads the export section's entries at `body`: name and the kind + index bytes of each. */
function readExports(bytes, body) {
  let [count, p] = readU32(bytes, body);
  const entries = [];
  for (let i = 0; i < count; i++) {
    let len;
    [len, p] = readU32(bytes, p);
    const field = text.decode(bytes.subarray(p, p + len));
    p += len;
    const start = p++;
    [, p] = readU32(bytes, p);
    entries.push({ field, desc: bytes.subarray(start, p) });
  }
  return entries;
}

/**
 * Renames the closure-shim exports of `wasmFile` (see the top of this file) and their calls in
 * `glueFile`, and drops the custom sections no browser reads. Returns how many were renamed.
 */
export function shortenExports(wasmFile, glueFile) {
  const bytes = readFileSync(wasmFile);
  const parts = [bytes.subarray(0, 8)];
  const renames = new Map();
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readU32(bytes, at + 1);
    const end = body + size;
    if (id === CUSTOM_SECTION) {
      const [len, p] = readU32(bytes, body);
      if (DROPPED_CUSTOM.has(text.decode(bytes.subarray(p, p + len)))) { at = end; continue; }
    }
    if (id === EXPORT_SECTION) {
      const entries = readExports(bytes, body);
      const content = [...u32(entries.length)];
      for (const e of entries) {
        let field = e.field;
        if (LONG_EXPORT.test(field)) {
          renames.set(field, `x${renames.size.toString(36)}`);
          field = renames.get(field);
        }
        content.push(...name(field), ...e.desc);
      }
      parts.push(Buffer.from([EXPORT_SECTION, ...u32(content.length), ...content]));
    } else {
      parts.push(bytes.subarray(at, end));
    }
    at = end;
  }
  let glue = readFileSync(glueFile, 'utf8');
  for (const [long, short] of renames) {
    const calls = new RegExp(`\\bwasm\\.${long}\\b`, 'g');
    if (!calls.test(glue)) throw new Error(`short-imports: the glue never calls wasm.${long}`);
    glue = glue.replace(calls, `wasm.${short}`);
  }
  writeFileSync(wasmFile, Buffer.concat(parts));
  writeFileSync(glueFile, glue);
  return renames.size;
}

/**
 * Copies wasm-pack's `${dir}${stem}.js` and `${dir}${stem}_bg.wasm` to `.short.js` /
 * `_bg.short.wasm` beside them with the imports and the closure exports shortened and the glue's
 * fast path for short strings (glue-strings.mjs); returns the two new paths.
 */
export function shortCopy(dir, stem) {
  const glue = `${dir}${stem}.short.js`;
  const wasm = `${dir}${stem}_bg.short.wasm`;
  copyFileSync(`${dir}${stem}.js`, glue);
  copyFileSync(`${dir}${stem}_bg.wasm`, wasm);
  shortenImports(wasm, glue, `./${stem}_bg.js`);
  shortenExports(wasm, glue);
  fastShortStrings(glue);
  return { glue, wasm };
}
