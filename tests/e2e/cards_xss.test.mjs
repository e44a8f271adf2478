// End to end: hostile vault data (holder names, brands, ids, masked numbers) renders as text and
// never runs, in every vault shape; a hostile id removed goes to the backend as one path segment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, recordPage } from './support.mjs';
import { openHarness } from './cards_support.mjs';

const P = 'window.__pwned=1';
/** At least 50 payloads: script tags, event handlers, javascript: URLs, broken markup, unicode tricks. */
export const PAYLOADS = [
  `<script>${P}</script>`,
  `<SCRIPT SRC=data:text/javascript,${P}></SCRIPT>`,
  `<script src="javascript:${P}"></script>`,
  `"><script>${P}</script>`,
  `'><script>${P}</script>`,
  `</span><script>${P}</script>`,
  `</div></div><script>${P}</script>`,
  `<img src=x onerror="${P}">`,
  `<img src=x onerror=${P}>`,
  `<IMG SRC=x OnErRoR=${P}>`,
  `<img/src=x/onerror=${P}>`,
  `<svg onload=${P}>`,
  `<svg><script>${P}</script></svg>`,
  `<svg><animate onbegin=${P} attributeName=x dur=1s>`,
  `<body onload=${P}>`,
  `<iframe src="javascript:${P}"></iframe>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>">`,
  `<object data="javascript:${P}"></object>`,
  `<embed src="javascript:${P}">`,
  `<a href="javascript:${P}">click</a>`,
  `javascript:${P}`,
  `JaVaScRiPt:${P}`,
  `java\tscript:${P}`,
  `data:text/html,<script>${P}</script>`,
  `vbscript:msgbox(1)`,
  `<details open ontoggle=${P}>`,
  `<input autofocus onfocus=${P}>`,
  `<select autofocus onfocus=${P}>`,
  `<textarea autofocus onfocus=${P}>`,
  `<marquee onstart=${P}>`,
  `<video><source onerror=${P}></video>`,
  `<audio src=x onerror=${P}>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${P}>`,
  `<style>@import 'javascript:${P}';</style>`,
  `<link rel=stylesheet href="javascript:${P}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${P}">`,
  `<base href="javascript:${P}//">`,
  `<form action="javascript:${P}"><button>x</button></form>`,
  `" onmouseover="${P}`,
  `' onfocus='${P}' autofocus='`,
  `\` onload=${P} \``,
  `<!--<img src="--><img src=x onerror=${P}//">`,
  `<![CDATA[<script>${P}</script>]]>`,
  `<<script>${P}//<</script>`,
  `<scr<script>ipt>${P}</scr</script>ipt>`,
  `<img src="x` + '\u0000' + `" onerror="${P}">`,
  `&lt;script&gt;${P}&lt;/script&gt;`,
  `&#60;img src=x onerror=${P}&#62;`,
  `\u202Egnp.exe\u202C<img src=x onerror=${P}>`,
  `\u202EKCATTA`,
  `Max\u200BMustermann<script>${P}</script>`,
  `\uFEFF<svg onload=${P}>`,
  `\u200D\u200C\u2060<img src=x onerror=${P}>`,
  `\uFF1Cscript\uFF1E${P}\uFF1C/script\uFF1E`,
  `\u0000<script>${P}</script>`,
  `${'A'.repeat(500)}<img src=x onerror=${P}>`,
  `{{constructor.constructor('${P}')()}}`,
  `\${${P}}`,
  `<x contenteditable onblur=${P}>lose focus`,
  `<div style="background:url(javascript:${P})">`,
  `</style></script><script>${P}</script>`,
];

const env = useSandbox();

/** Vault data of each shape carrying `p` in every free-text field. */
function shapes(p, i) {
  const masked = `${p}${String(1000 + i)}`;
  return [
    { paymentMethods: [{ id: p, type: 'card', last4Digits: masked, cardHolderName: p, brand: p, expiryDate: '203012', lastUsedAt: p }] },
    { CustomerDataInfos: [{ CCNrMasked: masked, Expiry: '203012', Holder: p, Brand: p, Type: 'CreditCard', CustomerDataId: p, Active: true }] },
    [{ id: p, last4Digits: masked, name: p, brand: p, expiryDate: 203012 }],
  ];
}

test(`${PAYLOADS.length} XSS payloads in holder names, brands, ids and masked numbers render as text`, async () => {
  assert.ok(PAYLOADS.length >= 50);
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop, '?mount=none');
  const seen = recordPage(page);
  await page.evaluate(() => { window.__pwned = undefined; });
  let rendered = 0;
  for (const [i, p] of PAYLOADS.entries()) {
    for (const data of shapes(p, i)) {
      const out = await page.evaluate((d) => {
        const saved = window.harness.mountSaved(d);
        const root = document.getElementById('saved');
        const label = root.querySelector('[role=radio] .pgw-option-label').textContent;
        const badge = root.querySelector('.pgw-brand');
        const elements = [...root.querySelectorAll('*')].map((e) => e.tagName.toLowerCase());
        const attrs = [...root.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name));
        const ids = [...root.querySelectorAll('[id]')].map((e) => e.id);
        root.querySelector('input[autocomplete=cc-csc]').value = '123';
        const selection = saved.selection();
        return { label, badgeClass: badge.className, badgeText: badge.textContent, elements, attrs, ids, selection, removeText: root.querySelector('.pgw-remove').textContent };
      }, data);
      const allowedTags = new Set(['p', 'div', 'span', 'input', 'label', 'ul', 'li', 'button']);
      for (const t of out.elements) assert.ok(allowedTags.has(t), `unexpected <${t}> for ${JSON.stringify(p)}`);
      for (const a of out.attrs) assert.ok(!a.startsWith('on') && a !== 'href' && a !== 'src' && a !== 'style', `attribute ${a}`);
      for (const id of out.ids) assert.match(id, /^pgw\d+-[a-z-]+$/);
      assert.equal(out.badgeClass, 'pgw-brand pgw-brand-other');
      assert.equal(out.badgeText, p.trim() === p ? p : out.badgeText);
      assert.ok(out.label.includes(p), `holder as text: ${JSON.stringify(out.label.slice(0, 80))}`);
      assert.equal(out.selection.id, p);
      assert.equal(out.selection.cardholderName, p);
      rendered += 1;
    }
  }
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no payload ran');
  assert.deepEqual(seen.errors, []);
  assert.ok(!seen.urls.some((u) => u.startsWith('javascript:') || u.includes('onerror')), seen.urls.join('\n'));
  assert.ok(rendered >= 150);
  await context.close();
});

test('removing a card with a hostile id: one encoded path segment, refused, shown as text', async () => {
  const context = await env.browser.newContext();
  const page = await openHarness(context, env.sandbox.shop, '?mount=none');
  const seen = recordPage(page);
  const evil = `../../payment-methods/x?<img src=x onerror=window.__pwned=1>#`;
  await page.evaluate((id) => {
    window.harness.mountSaved({ paymentMethods: [{ id, type: 'card', last4Digits: '1111', cardHolderName: '<b>Mallory</b>', brand: 'VISA', expiryDate: '203012' }] });
  }, evil);
  await page.getByRole('button', { name: 'Remove VISA ending 1111' }).click();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await page.locator('#saved [role=alert]').filter({ hasText: /\S/ }).waitFor();
  const deletes = seen.urls.filter((u) => u.includes('/payment-methods/'));
  assert.equal(deletes.length, 1);
  assert.ok(deletes[0].endsWith(`/paygate/payment-methods/${encodeURIComponent(evil)}`), deletes[0]);
  assert.equal(await page.locator('#saved [role=radio]').count(), 2, 'the card stays');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('#saved b, #saved img').count(), 0);
  await context.close();
});
