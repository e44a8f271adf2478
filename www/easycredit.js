// The demo shop's hire purchase path: a payment method choice beside the card, the address form
// checked with checkEasyCreditOrder (problems at their fields), and the redirect to easyCredit's
// plan page (the sandbox's stand-in). It loads only the easyCredit build (/pkg-easycredit/).
import init, { checkEasyCreditOrder } from '/pkg-easycredit/paygate_easycredit.js';

const locale = new URLSearchParams(location.search).get('locale') === 'de' ? 'de' : 'en';
const t = (de, en) => (locale === 'de' ? de : en);

// Field paths of the order, their labels and the demo customer's values.
const ADDRESS = [
  ['firstName', t('Vorname', 'First name'), 'Max', 'given-name'],
  ['lastName', t('Nachname', 'Last name'), 'Mustermann', 'family-name'],
  ['street', t('Straße', 'Street'), 'Schwarzenbergstraße', 'address-line1'],
  ['streetNumber', t('Hausnummer', 'House number'), '4', ''],
  ['zip', t('PLZ', 'Postcode'), '96050', 'postal-code'],
  ['city', t('Ort', 'City'), 'Bamberg', 'address-level2'],
  ['countryCode', t('Ländercode', 'Country code'), 'DE', 'country'],
];
const GROUPS = [
  ['customer', t('Kunde', 'Customer'), ADDRESS.slice(0, 2)],
  ['billingAddress', t('Rechnungsadresse', 'Billing address'), ADDRESS],
  ['shippingAddress', t('Lieferadresse', 'Delivery address'), ADDRESS],
];
const EMPLOYMENT = ['EMPLOYEE', 'EMPLOYEE_PUBLIC_SECTOR', 'WORKER', 'CIVIL_SERVANT', 'RETIREE', 'SELF_EMPLOYED', 'UNEMPLOYED', 'OTHER'];

const el = (tag, attrs = {}, text = '') => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
};
const idOf = (path) => `ec-${path.replace('.', '-')}`;

function field(path, label, value, autocomplete, control = el('input', { type: 'text', value })) {
  const wrap = el('div', { class: 'ec-field' });
  control.id = idOf(path);
  control.name = path;
  if (autocomplete) control.setAttribute('autocomplete', autocomplete);
  control.setAttribute('aria-describedby', `${idOf(path)}-error`);
  wrap.append(el('label', { for: control.id }, label), control, el('p', { id: `${idOf(path)}-error`, class: 'ec-error', 'aria-live': 'polite' }));
  return wrap;
}

function buildForm(host) {
  const form = el('form', { class: 'ec-form', novalidate: '' });
  for (const [group, legend, fields] of GROUPS) {
    const set = el('fieldset');
    set.append(el('legend', {}, legend));
    for (const [key, label, value, auto] of fields) set.append(field(`${group}.${key}`, label, value, group === 'customer' ? auto : ''));
    if (group === 'shippingAddress') {
      const box = el('input', { type: 'checkbox', id: idOf('shippingAddress.packingStation'), name: 'shippingAddress.packingStation' });
      const check = el('div', { class: 'ec-check' });
      check.append(box, el('label', { for: box.id }, t(' Lieferung an eine Packstation', ' Deliver to a packing station')));
      set.append(check);
    }
    form.append(set);
  }
  const select = el('select');
  select.append(el('option', { value: '' }, t('Keine Angabe', 'Not given')));
  for (const v of EMPLOYMENT) select.append(el('option', { value: v }, v));
  select.value = 'EMPLOYEE';
  form.append(field('employment', t('Beschäftigung', 'Employment'), '', '', select));
  const button = el('button', { type: 'submit', id: 'ec-continue' }, t('Weiter zu easyCredit-Ratenkauf', 'Continue to easyCredit hire purchase'));
  form.append(button, el('p', { id: 'ec-result', class: 'ec-result', role: 'status' }));
  host.append(form);
  return form;
}

function readOrder(form) {
  const order = {};
  for (const [group, , fields] of GROUPS) {
    order[group] = {};
    for (const [key] of fields) order[group][key] = form.elements[`${group}.${key}`].value;
  }
  order.shippingAddress.packingStation = form.elements['shippingAddress.packingStation'].checked;
  const employment = form.elements.employment.value;
  if (employment) order.employment = employment;
  return order;
}

function showProblems(form, problems) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const p of form.querySelectorAll('.ec-error')) p.textContent = '';
  let first = null;
  for (const problem of problems) {
    const input = document.getElementById(idOf(problem.field));
    const error = document.getElementById(`${idOf(problem.field)}-error`);
    if (!input || !error) continue;
    input.setAttribute('aria-invalid', 'true');
    error.textContent = error.textContent ? `${error.textContent} ${problem.message}` : problem.message;
    first ??= input;
  }
  first?.focus();
}

async function main() {
  const host = document.getElementById('easycredit');
  const methods = document.getElementById('pay-method');
  if (!host || !methods) return;
  await init();
  const section = host.closest('section');
  const choice = el('fieldset', { class: 'ec-methods' });
  choice.append(el('legend', { class: 'ec-legend' }, t('Zahlungsart', 'Payment method')));
  for (const [value, label] of [['card', t('Karte', 'Card')], ['easycredit', t('Ratenkauf (easyCredit)', 'Hire purchase (easyCredit)')]]) {
    const radio = el('input', { type: 'radio', name: 'pay-method', value, id: `pay-method-${value}` });
    radio.checked = value === 'card';
    radio.addEventListener('change', () => {
      section.dataset.method = value;
      host.hidden = value !== 'easycredit';
    });
    const label_ = el('label', { for: radio.id });
    label_.append(radio, document.createTextNode(` ${label}`));
    choice.append(label_);
  }
  methods.append(choice);
  const form = buildForm(host);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = document.getElementById('ec-result');
    result.textContent = '';
    const order = readOrder(form);
    const problems = checkEasyCreditOrder(order, { locale });
    showProblems(form, problems);
    if (problems.length) return;
    const response = await fetch('/paygate/easycredit/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ order, payment: { amount: 1999, currency: 'EUR' }, locale }),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.ok && answer.redirectUrl) {
      location.href = answer.redirectUrl;
    } else {
      const error = answer.error ?? {};
      const list = (error.problems ?? []).map((p) => `${p.parameter}: ${p.code}`).join(', ');
      result.textContent = `${t('easyCredit hat die Bestellung abgelehnt', 'easyCredit refused the order')} (${error.paygateCode ?? error.code ?? response.status}) ${list}`;
    }
  });
}

main().catch((e) => {
  const result = document.getElementById('ec-result');
  if (result) result.textContent = `easyCredit could not start: ${e.message}`;
});
