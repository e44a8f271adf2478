// The shop's confirmation page after easyCredit's decision: the financing summary (only for a
// positive decision every figure, otherwise "not approved"), and the binding order.
import init, { EasyCreditSummary } from '/pkg-easycredit/paygate_easycredit.js';

const params = new URLSearchParams(location.search);
const locale = params.get('locale') === 'de' ? 'de' : 'en';
const payId = params.get('payId') ?? '';
const t = (de, en) => (locale === 'de' ? de : en);
const $ = (id) => document.getElementById(id);

async function main() {
  document.documentElement.lang = locale;
  document.title = t('Bestellung bestätigen — Demo-Shop', 'Confirm your order — demo shop');
  $('confirm-title').textContent = t('Bestellung bestätigen', 'Confirm your order');
  $('basket').textContent = t('1 × Espressomaschine — 19,99 EUR', '1 × Espresso machine — 19.99 EUR');
  $('ec-confirm').textContent = t('Zahlungspflichtig bestellen', 'Place binding order');
  $('back').textContent = t('Zurück zum Shop', 'Back to the shop');
  $('back').href = `/?locale=${locale}`;
  await init();
  const base = `/paygate/easycredit/orders/${encodeURIComponent(payId)}`;
  const response = await fetch(`${base}/financing`, { credentials: 'same-origin' });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error?.message ?? response.status);
  const summary = new EasyCreditSummary($('summary'), { financing: answer.financing, locale });
  if (!summary.approved) return;
  $('ec-confirm').hidden = false;
  $('ec-confirm').addEventListener('click', async () => {
    $('ec-confirm').disabled = true;
    // JSON, as the backend takes every state-changing call (a form or text/plain post is refused).
    const r = await fetch(`${base}/confirm`, {
      method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '{}',
    });
    const { result, error } = await r.json();
    if (result?.code === '00000000') {
      $('ec-result').textContent = t(`Bestellung bestätigt (PayID ${result.payId}).`, `Order confirmed (PayID ${result.payId}).`);
      $('ec-result').dataset.status = 'confirmed';
      $('ec-confirm').hidden = true;
    } else {
      $('ec-result').textContent = `${result?.code ?? error?.code}: ${result?.description ?? error?.message}`;
      $('ec-confirm').disabled = false;
    }
  });
}

main().catch((e) => { $('ec-result').textContent = `${t('Fehler', 'Error')}: ${e.message}`; });
