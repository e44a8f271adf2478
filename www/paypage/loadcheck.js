// Example Corp PayPage template: the clear failure when a pinned file is refused. A script or
// stylesheet whose integrity does not match (or that does not load) never runs, so this classic
// script, loaded first, listens for that and shows why the page cannot take a payment; the card
// fields are never built and "Pay" stays disabled.
(() => {
  const de = new URLSearchParams(location.search).get('locale') === 'de';
  const text = de
    ? 'Die Zahlungsseite wurde nicht geladen: eine ihrer Dateien hat die Integritätsprüfung nicht bestanden oder fehlt. Bitte versuchen Sie es später erneut.'
    : 'The payment page was not loaded: one of its files failed its integrity check or is missing. Please try again later.';
  const refuse = (file) => {
    const show = () => {
      document.body.dataset.ready = 'error';
      for (const id of ['pp-saved', 'pp-form', 'pp-threeds']) document.getElementById(id).replaceChildren();
      document.getElementById('pp-pay').disabled = true;
      const result = document.getElementById('pp-result');
      result.dataset.status = 'error';
      result.dataset.code = 'integrity';
      result.textContent = text;
      console.error(`PayPage: ${file} was refused (integrity) or did not load`);
    };
    if (document.body) show();
    else document.addEventListener('DOMContentLoaded', show);
  };
  window.addEventListener('error', (event) => {
    const el = event.target;
    if (el instanceof HTMLScriptElement) refuse(el.src);
    else if (el instanceof HTMLLinkElement && el.rel === 'stylesheet') refuse(el.href);
  }, true);
})();
