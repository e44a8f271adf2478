// End to end: EasyCreditSummary and checkEasyCreditOrder of the easyCredit build
// (/pkg-easycredit/) in Chromium, through the harness page www/test/easycredit.html: the
// documents' Financing in both languages, hostile values, refused input, and every rule's code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, recordPage, openReady } from './support.mjs';
import { axe, fixture } from './cards_support.mjs';
import { figures, NB } from './easycredit_support.mjs';

const env = useSandbox();

async function harness(context) {
  const page = await context.newPage();
  const seen = recordPage(page);
  await page.goto(`${env.sandbox.shop}/test/easycredit.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  return { page, seen };
}

const mount = (page, financing, locale) => page.evaluate(([f, l]) => {
  window.shown?.destroy();
  try {
    window.shown = new window.ec.EasyCreditSummary(document.getElementById('summary'), { financing: f, locale: l });
    return { approved: window.shown.approved };
  } catch (e) {
    window.shown = null;
    return { name: e.name, code: e.code, kind: e.kind, detail: e.detail };
  }
}, [financing, locale]);

const documented = JSON.parse(fixture('easycredit-financing.json'));
const b64 = (json) => Buffer.from(JSON.stringify(json)).toString('base64');

test("the documents' Financing as base64, as JSON text and as an object, in both languages", async () => {
  const context = await env.browser.newContext();
  const { page, seen } = await harness(context);
  const expected = {
    en: {
      'Number of installments': '9', 'Monthly installment': '€302.00', 'Last installment': '€293.58',
      'First installment on': '20 March 2023', 'Last installment on': '20 March 2023', 'Order value': '€2,614.79',
      Interest: '€234.56', 'Total amount': '€2,849.35', 'Effective annual interest rate': '8.99%', 'Fixed borrowing rate': '8.64%',
    },
    de: {
      'Anzahl der Raten': '9', 'Monatliche Rate': `302,00${NB}€`, 'Letzte Rate': `293,58${NB}€`,
      'Erste Rate am': '20.03.2023', 'Letzte Rate am': '20.03.2023', Bestellwert: `2.614,79${NB}€`,
      Zinsen: `234,56${NB}€`, Gesamtbetrag: `2.849,35${NB}€`, 'Effektiver Jahreszins': `8,99${NB}%`, 'Gebundener Sollzinssatz': `8,64${NB}%`,
    },
  };
  for (const locale of ['en', 'de']) {
    for (const form of [b64(documented), fixture('easycredit-financing.json'), documented]) {
      assert.deepEqual(await mount(page, form, locale), { approved: true });
      assert.deepEqual(await figures(page), expected[locale]);
    }
    // The example's link is the word "string": no URL, so no link.
    assert.equal(await page.locator('#summary a').count(), 0);
    assert.equal(await page.textContent('.pgw-ec-plan'), 'string');
    assert.deepEqual(await axe(page, ['#summary']), [], `summary (${locale})`);
  }
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('the pre-contractual link only when it passes the URL policy; data only as text', async () => {
  const context = await env.browser.newContext();
  const { page } = await harness(context);
  const withLink = (url, text = 'plan') => ({ ...documented, decision: { ...documented.decision, urlPreContractualInformation: url, amortizationPlanText: text } });
  await mount(page, withLink('https://ratenkauf.easycredit.de/vorvertraglich/EWZEN7'), 'en');
  const link = page.getByRole('link', { name: 'Pre-contractual information (opens in a new window)' });
  assert.equal(await link.getAttribute('href'), 'https://ratenkauf.easycredit.de/vorvertraglich/EWZEN7');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  for (const bad of ['javascript:alert(1)', 'http://ratenkauf.example/plan', 'data:text/html,<b>x</b>', 'java\tscript:alert(1)', '//evil.example/x', 'https://user@evil.example/']) {
    await mount(page, withLink(bad), 'en');
    assert.equal(await page.locator('#summary a').count(), 0, bad);
    assert.equal(await page.locator('.pgw-ec-figures').count(), 1, 'the figures still show');
  }
  const hostile = '<img src=x onerror="window.pwned=1">';
  await mount(page, withLink('https://ok.example/', hostile), 'de');
  assert.equal(await page.textContent('.pgw-ec-plan'), hostile);
  assert.equal(await page.locator('#summary img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.evaluate(() => window.shown.destroy());
  assert.equal(await page.innerHTML('#summary'), '', 'destroy() removes the block');
  await context.close();
});

test('any other decision shows "not approved" and no figures; unreadable Financing throws', async () => {
  const context = await env.browser.newContext();
  const { page } = await harness(context);
  for (const outcome of ['NEGATIVE', 'UNKNOWN']) {
    const f = { ...documented, decision: { ...documented.decision, decisionOutcome: outcome } };
    assert.deepEqual(await mount(page, b64(f), 'en'), { approved: false });
    assert.equal(await page.textContent('#summary .pgw-ec-denied'), 'easyCredit did not approve the hire purchase. Please choose another payment method.');
    assert.equal(await page.locator('#summary dd, #summary a, #summary .pgw-ec-plan').count(), 0);
    assert.doesNotMatch(await page.textContent('#summary'), /302|2849|2\.849|8[.,]99/);
  }
  const broken = [
    ['not base64 !', 'base64'],
    [b64([1, 2]), 'json'],
    [{ decision: { decisionOutcome: 'POSITIVE' } }, 'missing_field'],
    [{ ...documented, decision: { ...documented.decision, totalValue: 2849.355 } }, 'format'],
    [{ ...documented, decision: { ...documented.decision, firstInstallmentDate: '2023-13-01' } }, 'format'],
    [42, 'json'],
  ];
  for (const [financing, detail] of broken) {
    assert.deepEqual(await mount(page, financing, 'en'), { name: 'PaygateError', code: 'invalid_paygate_message', kind: 'merchant', detail }, JSON.stringify(financing).slice(0, 40));
    assert.equal(await page.innerHTML('#summary'), '', 'nothing rendered');
  }
  await context.close();
});

/**
 * Runs in the page: `checkEasyCreditOrder` over an order breaking each rule of v3 in turn (the
 * article list `list` as documented), in English and German; and what a non-object and no locale give.
 */
function checkEveryRule(list) {
  const order = () => ({
    customer: { firstName: 'John', lastName: 'Doe' },
    billingAddress: { firstName: 'John', lastName: 'Doe', street: 'Schwarzenbergstraße', streetNumber: '4', zip: '96050', city: 'Bamberg', countryCode: 'DE' },
    shippingAddress: { firstName: 'John', lastName: 'Doe', street: 'Schwarzenbergstraße', streetNumber: '4', zip: '96050', city: 'Bamberg', countryCode: 'DE', packingStation: false },
    employment: 'EMPLOYEE', articleList: list, urlNotify: 'https://your.shop.info/notify.aspx',
  });
  const check = (change, locale) => {
    const o = order();
    change(o);
    return window.ec.checkEasyCreditOrder(o, { locale }).map((p) => `${p.field} ${p.parameter} ${p.code}: ${p.message}`);
  };
  const cases = {
    ok: (o) => o,
    employmentV2: (o) => { o.employment = 'SELBSTAENDIGER'; },
    employmentUnknown: (o) => { o.employment = 'ASTRONAUT'; },
    articleNotBase64: (o) => { o.articleList = '{"shoppingCartInformation":[]}'; },
    articleShape: (o) => { o.articleList = btoa('{"shoppingCartInformation":[{"quantity":1}]}'); },
    articleTooLong: (o) => { o.articleList = 'QUFB'.repeat(257); },
    urlHttp: (o) => { o.urlNotify = 'http://your.shop.info/notify.aspx'; },
    urlPort: (o) => { o.urlNotify = 'https://your.shop.info:444/notify.aspx'; },
    urlParams: (o) => { o.urlNotify = 'https://your.shop.info/notify.aspx?id=1'; },
    urlInvalid: (o) => { o.urlNotify = 'notify.aspx'; },
    station: (o) => { o.shippingAddress.packingStation = true; o.shippingAddress.street = 'Packstation 101'; },
  };
  const out = {};
  for (const [name, change] of Object.entries(cases)) out[name] = { en: check(change, 'en'), de: check(change, 'de') };
  let thrown = null;
  try { window.ec.checkEasyCreditOrder('nope'); } catch (e) { thrown = { name: e.name, code: e.code }; }
  out.thrown = thrown;
  out.defaultLocale = window.ec.checkEasyCreditOrder({})[0];
  return out;
}

test('checkEasyCreditOrder: every rule of v3 with its field, code and message in both languages', async () => {
  const context = await env.browser.newContext();
  const { page } = await harness(context);
  const articleList = fixture('easycredit-init-request.kv.txt').match(/^ArticleList=(.*)$/m)[1].trim();
  const result = await page.evaluate(checkEveryRule, articleList);
  const v3 = 'EMPLOYEE, EMPLOYEE_PUBLIC_SECTOR, WORKER, CIVIL_SERVANT, RETIREE, SELF_EMPLOYED, UNEMPLOYED, OTHER';
  assert.deepEqual(result.ok, { en: [], de: [] });
  assert.deepEqual(result.station, { en: [], de: [] });
  assert.deepEqual(result.employmentV2, {
    en: [`employment Employment employment_v2: Outdated value of API v2; v3 takes one of: ${v3}.`],
    de: [`employment Employment employment_v2: Veralteter Wert der API v2; in v3 bitte einen von: ${v3}.`],
  });
  assert.deepEqual(result.employmentUnknown.en, [`employment Employment employment_unknown: Unknown employment; allowed: ${v3}.`]);
  assert.deepEqual(result.articleNotBase64, {
    en: ['articleList ArticleList article_list_not_base64: The article list is not base64 encoded.'],
    de: ['articleList ArticleList article_list_not_base64: Die Artikelliste ist nicht Base64-kodiert.'],
  });
  assert.deepEqual(result.articleShape.de, ['articleList ArticleList article_list_shape: Die Artikelliste hat nicht das dokumentierte JSON-Format.']);
  assert.deepEqual(result.articleTooLong.en, ['articleList ArticleList too_long: Too long: at most 1024 characters.']);
  assert.deepEqual(result.urlHttp, {
    en: ['urlNotify URLNotify url_not_https: The notification URL must use https.'],
    de: ['urlNotify URLNotify url_not_https: Die Benachrichtigungs-URL muss https verwenden.'],
  });
  assert.deepEqual(result.urlPort.de, ['urlNotify URLNotify url_port: Die Benachrichtigungs-URL muss Port 443 verwenden.']);
  assert.deepEqual(result.urlParams.en, ['urlNotify URLNotify url_parameters: The notification URL must not contain parameters (use UserData).']);
  assert.deepEqual(result.urlInvalid.en, ['urlNotify URLNotify url_invalid: The notification URL is not a complete URL.']);
  assert.deepEqual(result.thrown, { name: 'PaygateError', code: 'invalid_options' });
  assert.deepEqual(result.defaultLocale, { field: 'customer.firstName', parameter: 'FirstName', code: 'missing', message: 'Please fill in this field.' });
  await context.close();
});

test('an easyCredit error is an instance of the PaygateError that paygate-wasm exports (one class for both subpaths)', async () => {
  const { context, page } = await openReady(env.browser, `${env.sandbox.shop}/test/easycredit.html`);
  const got = await page.evaluate(async () => {
    const { PaygateError } = await import('/pkg/paygate_wasm.js');
    try {
      window.ec.checkEasyCreditOrder(42);
      return 'no error';
    } catch (e) {
      return { main: e instanceof PaygateError, error: e instanceof Error, code: e.code };
    }
  });
  assert.deepEqual(got, { main: true, error: true, code: 'invalid_options' });
  await context.close();
});
