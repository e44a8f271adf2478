// Misuse an integrator makes: a component before init(), and init() pointed at the wrong file.
import init, { CardForm, PaygateError } from 'paygate-wasm';

const out = {};
try {
  new CardForm(document.body, {});
  out.beforeInit = 'no error';
} catch (err) {
  out.beforeInit = { isPaygateError: err instanceof PaygateError, code: err.code, message: err.message };
}
for (const [name, url] of [['notFound', '/no-such.wasm'], ['html', '/index.html']]) {
  try {
    await init(url);
    out[name] = 'no error';
  } catch (err) {
    out[name] = { isPaygateError: err instanceof PaygateError, code: err.code, message: err.message };
  }
}
window.misuse = out;
document.body.dataset.ready = 'true';
