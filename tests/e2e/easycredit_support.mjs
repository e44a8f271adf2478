// Shared pieces of the easyCredit end-to-end tests.

/** The summary's figures as `{label: value}` (the text of each dt and dd under `scope`). */
export async function figures(page, scope = '#summary') {
  const rows = await page.locator(`${scope} .pgw-ec-row`).evaluateAll((els) => els.map((r) => [r.querySelector('dt').textContent, r.querySelector('dd').textContent]));
  return Object.fromEntries(rows);
}

/** `YYYY-MM` months after the current UTC month, as the sandbox's plans start. */
export function monthFromNow(months) {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The 1st of `{year, month}` as the summary writes it. */
export function firstOf({ year, month }, locale) {
  return locale === 'de' ? `01.${String(month).padStart(2, '0')}.${year}` : `1 ${MONTHS[month - 1]} ${year}`;
}

/** The no-break space of German amounts and rates. */
export const NB = '\u00a0';
