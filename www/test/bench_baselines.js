// Plain hand-written JavaScript doing the same DOM work as each library operation measured in
// bench.js: what an integrator would write without the package. Each returns its clean-up.

/** An element with attributes and, optionally, text. */
function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** POSTs hidden `fields` into the frame named `target`. */
function postHidden(stage, target, action, fields) {
  const form = el('form', { method: 'POST', action, target });
  for (const [name, value] of Object.entries(fields)) form.appendChild(el('input', { type: 'hidden', name, value }));
  stage.appendChild(form);
  form.submit();
  form.remove();
}

function frame(stage, attrs) {
  const f = el('iframe', { name: `b${Math.random().toString(36).slice(2)}`, title: '3-D Secure', ...attrs });
  stage.appendChild(f);
  return f;
}

/** The method frame: a hidden iframe and the posted threeDSMethodData. */
export function methodPost(stage, versioning) {
  const f = frame(stage, { hidden: '' });
  postHidden(stage, f.name, versioning.threeDSMethodURL, { threeDSMethodData: versioning.threeDSMethodDataForm });
  return () => f.remove();
}

const SIZES = { '01': [250, 400], '02': [390, 400], '03': [500, 600], '04': [600, 400] };

/** The challenge frame sized from the CReq's window code, and the posted creq. */
export function challengeMount(stage, c) {
  const creq = JSON.parse(atob(c.base64EncodedChallengeRequest));
  const [w, h] = SIZES[creq.challengeWindowSize] ?? SIZES['02'];
  const box = el('div', { class: 'pgw-challenge' });
  box.style.cssText = `width:${w}px;height:${h}px`;
  const loading = el('p', { role: 'status' }, 'Loading…');
  box.appendChild(loading);
  stage.appendChild(box);
  const f = frame(box, { width: String(w), height: String(h), allow: 'payment *; publickey-credentials-get *' });
  postHidden(stage, f.name, c.acsURL, { creq: c.base64EncodedChallengeRequest });
  return () => box.remove();
}

const today = () => { const d = new Date(); return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}`; };

function cardOption(c, chosen, now) {
  const expired = c.expiryDate < now;
  const option = el('div', { role: 'radio', class: 'pgw-option', 'aria-checked': String(chosen), tabindex: chosen ? '0' : '-1' });
  if (expired) option.setAttribute('aria-disabled', 'true');
  option.appendChild(el('span', { class: `pgw-brand pgw-brand-${c.brand.toLowerCase()}`, 'aria-hidden': 'true' }, c.brand));
  const label = `${c.brand} ending ${c.last4Digits}, expires ${c.expiryDate.slice(4)}/${c.expiryDate.slice(0, 4)}, ${c.cardHolderName}`;
  option.appendChild(el('span', { class: 'pgw-option-label' }, label));
  if (expired) option.appendChild(el('span', { class: 'pgw-option-state' }, 'expired'));
  return option;
}

/** The saved-card selector: radios, "use a new card", the CVC field, confirm, status, alert, listeners. */
export function selector(stage, vault) {
  const cards = vault.paymentMethods;
  const now = today();
  let best = null;
  for (const c of cards) if (c.expiryDate >= now && (!best || c.lastUsedAt > best.lastUsedAt)) best = c;
  const root = el('div', { class: 'pgw-saved', lang: 'en' });
  root.appendChild(el('p', { id: 'b-title', class: 'pgw-title' }, 'Saved cards'));
  const group = el('div', { role: 'radiogroup', 'aria-labelledby': 'b-title', class: 'pgw-options' });
  for (const c of cards) group.appendChild(cardOption(c, c === best, now));
  const fresh = el('div', { role: 'radio', class: 'pgw-option pgw-option-new', 'aria-checked': String(!best), tabindex: best ? '-1' : '0' });
  fresh.appendChild(el('span', { class: 'pgw-option-label' }, 'Use a new card'));
  group.appendChild(fresh);
  const cvc = el('div', { class: 'pgw-field pgw-field-cvc' });
  cvc.append(el('label', { for: 'b-cvc', class: 'pgw-label' }, 'Security code (CVC)'),
    el('input', { id: 'b-cvc', class: 'pgw-input', type: 'text', inputmode: 'numeric', autocomplete: 'cc-csc', maxlength: '3', spellcheck: 'false', 'aria-describedby': 'b-cvc-hint b-cvc-error' }),
    el('p', { id: 'b-cvc-hint', class: 'pgw-hint' }, 'The 3 or 4 digits on your card'),
    el('p', { id: 'b-cvc-error', class: 'pgw-error', 'aria-live': 'polite' }));
  const confirm = el('div', { role: 'group', class: 'pgw-confirm', 'aria-labelledby': 'b-confirm', hidden: '' });
  confirm.append(el('p', { id: 'b-confirm' }), el('button', { type: 'button', class: 'pgw-confirm-yes' }, 'Yes, remove'),
    el('button', { type: 'button', class: 'pgw-confirm-no' }, 'Keep card'));
  root.append(group, cvc, confirm, el('div', { role: 'status', class: 'pgw-status' }), el('div', { role: 'alert', class: 'pgw-alert' }));
  const noop = () => {};
  for (const type of ['click', 'keydown', 'input']) root.addEventListener(type, noop);
  stage.appendChild(root);
  return () => root.remove();
}

// ---- the card number field as typed ----------------------------------------------------------
const BRANDS = [
  ['AMEX', /^3[47]/, [4, 6, 5], 15, 4], ['Diners', /^(30[0-5]|3095|36|3[89])/, [4, 6, 4], 14, 3],
  ['JCB', /^35(2[89]|[3-8])/, [4, 4, 4, 4], 16, 3], ['VISA', /^4/, [4, 4, 4, 4], 16, 3],
  ['MasterCard', /^(5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/, [4, 4, 4, 4], 16, 3],
];

function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

function group(digits, groups) {
  const parts = [];
  let at = 0;
  for (let i = 0; i < groups.length && at < digits.length; i++) {
    const take = i + 1 === groups.length ? digits.length - at : groups[i];
    parts.push(digits.slice(at, at + take));
    at += take;
  }
  return parts.join(' ');
}

function caretAfter(formatted, n) {
  if (!n) return 0;
  for (let i = 0, seen = 0; i < formatted.length; i++) if (formatted[i] >= '0' && formatted[i] <= '9' && ++seen === n) return i + 1;
  return formatted.length;
}

/** The card number field: grouping by brand with the caret kept, brand badge, CVC length, Luhn. */
export function cardNumberField(stage) {
  const root = el('fieldset', { class: 'pgw-card-form', lang: 'en' });
  const input = el('input', { id: 'b-number', class: 'pgw-input', type: 'text', autocomplete: 'cc-number', inputmode: 'numeric', maxlength: '23' });
  const badge = el('span', { 'aria-hidden': 'true', hidden: '', class: 'pgw-brand pgw-brand-other' });
  const cvc = el('input', { type: 'text', maxlength: '4' });
  const status = el('div', { role: 'status', class: 'pgw-status' });
  root.append(input, badge, cvc, status);
  let brand = null;
  root.addEventListener('input', () => {
    const raw = input.value;
    const before = raw.slice(0, input.selectionStart ?? raw.length).replace(/\D/g, '').length;
    const b = BRANDS.find(([, re]) => re.test(raw.replace(/\D/g, '')));
    const all = raw.replace(/\D/g, '').slice(0, b ? b[3] : 19);
    const formatted = group(all, b ? b[2] : [4, 4, 4, 4]);
    if (formatted !== raw) {
      input.value = formatted;
      const at = caretAfter(formatted, Math.min(before, all.length));
      input.setSelectionRange(at, at);
    }
    if (b?.[0] !== brand?.[0]) {
      brand = b;
      badge.className = `pgw-brand pgw-brand-${b ? b[0].toLowerCase() : 'other'}`;
      badge.textContent = b ? b[0] : '';
      badge.hidden = !b;
      cvc.setAttribute('maxlength', String(b ? b[4] : 4));
      status.textContent = b ? `Detected ${b[0]}` : '';
    }
    if (b && all.length === b[3]) root.dataset.valid = String(luhn(all));
  });
  stage.appendChild(root);
  return { input, cleanup: () => root.remove() };
}
