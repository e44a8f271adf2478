// Test page of tests/e2e/integrity.test.mjs: `window.tryInit(build, how)` calls init() of the
// card package or of the easyCredit build, handing it the wasm as `how` says, then tries to use
// the package, and reports both outcomes and what the page holds afterwards.

const BUILDS = {
  cards: {
    module: '/pkg/paygate_wasm.js',
    wasm: '/pkg/paygate_wasm_bg.wasm',
    use: (m, host) => new m.CardForm(host, { locale: 'en' }),
  },
  easycredit: {
    module: '/pkg-easycredit/paygate_easycredit.js',
    wasm: '/pkg-easycredit/paygate_easycredit_bg.wasm',
    use: (m) => m.checkEasyCreditOrder({}, { locale: 'en' }),
  },
};

/** What init() gets for `how`: nothing, the URL, a Response, the bytes or a compiled module. */
async function input(how, wasm) {
  switch (how) {
    case 'default': return undefined;
    case 'url': return { module_or_path: wasm };
    case 'response': return { module_or_path: fetch(wasm) };
    case 'bytes': return { module_or_path: await (await fetch(wasm)).arrayBuffer() };
    case 'module': return { module_or_path: await WebAssembly.compileStreaming(fetch(wasm)) };
    default: throw new Error(`unknown input ${how}`);
  }
}

const outcome = (err) => ({ name: err.name, code: err.code, kind: err.kind, detail: err.detail, message: err.message });

window.tryInit = async (build, how) => {
  const b = BUILDS[build];
  const m = await import(b.module);
  const host = document.getElementById('host');
  const out = {};
  try {
    await m.default(await input(how, b.wasm));
    out.init = 'ok';
  } catch (err) {
    out.init = outcome(err);
  }
  try {
    b.use(m, host);
    out.use = 'ok';
  } catch (err) {
    out.use = outcome(err);
  }
  out.page = {
    host: host.childElementCount,
    iframes: document.querySelectorAll('iframe').length,
    forms: document.querySelectorAll('form').length,
    inputs: document.querySelectorAll('input').length,
  };
  return out;
};
document.body.dataset.ready = 'true';
