// What the leak run counts, installed before the package loads: listeners on window, pending
// timers, and the wasm instance's memory (captured from WebAssembly.instantiate*). Only what the
// package's glue asked for is counted (its module is on the call stack): Playwright's injected
// script adds window listeners and polling timers of its own.
export const counters = { listeners: new Map(), timers: new Map(), memory: null };

const fromPackage = () => new Error().stack.includes('/pkg/paygate_wasm');

const key = (type, options) => `${type}|${typeof options === 'object' ? !!options?.capture : !!options}`;

const realAdd = window.addEventListener.bind(window);
const realRemove = window.removeEventListener.bind(window);
window.addEventListener = (type, fn, options) => {
  if (!fromPackage()) return realAdd(type, fn, options);
  const k = key(type, options);
  if (!counters.listeners.has(fn)) counters.listeners.set(fn, new Set());
  counters.listeners.get(fn).add(k);
  return realAdd(type, fn, options);
};
window.removeEventListener = (type, fn, options) => {
  const set = counters.listeners.get(fn);
  set?.delete(key(type, options));
  if (set?.size === 0) counters.listeners.delete(fn);
  return realRemove(type, fn, options);
};

export const realSetTimeout = window.setTimeout.bind(window);
const realClearTimeout = window.clearTimeout.bind(window);
const realSetInterval = window.setInterval.bind(window);
const realClearInterval = window.clearInterval.bind(window);
window.setTimeout = (fn, ms, ...args) => {
  if (!fromPackage()) return realSetTimeout(fn, ms, ...args);
  const id = realSetTimeout(() => { counters.timers.delete(id); typeof fn === 'function' ? fn(...args) : undefined; }, ms);
  counters.timers.set(id, ms);
  return id;
};
window.clearTimeout = (id) => { counters.timers.delete(id); realClearTimeout(id); };
window.setInterval = (fn, ms, ...args) => {
  const id = realSetInterval(fn, ms, ...args);
  if (fromPackage()) counters.timers.set(id, `interval ${ms}`);
  return id;
};
window.clearInterval = (id) => { counters.timers.delete(id); realClearInterval(id); };

for (const name of ['instantiate', 'instantiateStreaming']) {
  const real = WebAssembly[name];
  WebAssembly[name] = async (...args) => {
    const out = await real.apply(WebAssembly, args);
    counters.memory ??= (out.instance ?? out).exports?.memory ?? null;
    return out;
  };
}

/** Window listeners (by type), pending timers, iframes, forms and the wasm memory's size now. */
export function snapshot() {
  let listeners = 0;
  const byType = {};
  for (const set of counters.listeners.values()) {
    for (const k of set) { listeners += 1; const t = k.split('|')[0]; byType[t] = (byType[t] ?? 0) + 1; }
  }
  return {
    iframes: document.querySelectorAll('iframe').length,
    forms: document.querySelectorAll('form').length,
    listeners, listeners_by_type: byType,
    timers: counters.timers.size,
    timer_delays_ms: [...counters.timers.values()],
    wasm_memory_bytes: counters.memory?.buffer.byteLength ?? null,
  };
}
