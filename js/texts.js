// The texts of the card components and the checkout. The words are data here, not in the wasm:
// one table per language in js/locales/ (en and de in the package entry; fr, it, es, nl and pl
// each in its own module, `paygate-wasm/locales/<tag>`, that registers its table when imported),
// overridden per text by the `translations` option. A component gets its texts as one string
// (the language tag, then every text in the order of `Text` in src/i18n.rs, joined with U+001F),
// read by the wasm in one call.
import { PaygateError } from './error.js';
import en from './locales/en.js';
import de from './locales/de.js';

/** The text names, in the order of `Text` in src/i18n.rs. */
const NAMES = Object.keys(en);
const KNOWN = new Set(NAMES);
const SEPARATOR = '\u001f';
/** The locales the package ships; all but en and de are imported on their own. */
const SHIPPED = ['de', 'en', 'fr', 'it', 'es', 'nl', 'pl'];
const tables = new Map([['en', en], ['de', de]]);

const invalid = (message, detail) => new PaygateError('invalid_options', 'merchant', message, detail);

/** The language of a locale tag, lower case: `fr-CH` → `fr`; `null` when it is none. */
function language(tag) {
  const lang = tag.trim().split(/[-_]/)[0].toLowerCase();
  return /^[a-z]{2,8}$/.test(lang) ? lang : null;
}

/** Checks one table of texts (`where` names it in messages): known names, string values. */
function checkTable(table, where, detail) {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw invalid(`${where} must be an object of texts by name`, detail);
  }
  for (const [name, text] of Object.entries(table)) {
    if (!KNOWN.has(name)) throw invalid(`${where}.${name} is not a text name (see the type TextName)`, detail);
    if (typeof text !== 'string') throw invalid(`${where}.${name} must be a string`, detail);
    if (text.includes(SEPARATOR)) throw invalid(`${where}.${name} contains the control character U+001F`, detail);
  }
  return table;
}

/** `translations` by language: `{ fr: {...}, 'fr-CH': {...} }` merge into `fr`, in order. */
function readTranslations(value) {
  const out = new Map();
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('translations must be an object: { [locale]: { [textName]: string } }', 'translations');
  }
  for (const [tag, table] of Object.entries(value)) {
    const lang = language(tag);
    if (!lang) throw invalid(`translations: '${tag}' is not a locale tag`, 'translations');
    out.set(lang, { ...out.get(lang), ...checkTable(table, `translations.${tag}`, 'translations') });
  }
  return out;
}

/**
 * Makes a complete table of texts available as `locale` (what `paygate-wasm/locales/fr` calls
 * when imported). Throws `invalid_options` for a table that misses a text or has another key.
 */
export function registerLocale(locale, table) {
  const lang = typeof locale === 'string' ? language(locale) : null;
  if (!lang) throw invalid('registerLocale: the locale must be a tag such as \'fr\'', 'locale');
  checkTable(table, `locale ${lang}`, 'locale');
  const missing = NAMES.filter((n) => !(n in table));
  if (missing.length) throw invalid(`locale ${lang} misses texts: ${missing.join(', ')}`, 'locale');
  tables.set(lang, table);
}

/**
 * The texts of `options.locale` (default `en`; `fr-CH` reads as `fr`) with
 * `options.translations` applied, as the one string the wasm reads. Throws `invalid_options`
 * (detail `locale` or `translations`) for a locale that is not available, never falls back to
 * another language.
 */
export function resolveTexts(options) {
  const tag = options?.locale ?? 'en';
  if (typeof tag !== 'string' || !language(tag)) {
    throw invalid('locale must be a locale tag such as \'de\' or \'fr-CH\'', 'locale');
  }
  const lang = language(tag);
  const own = readTranslations(options?.translations).get(lang);
  const base = tables.get(lang);
  if (!base) {
    if (!own) {
      throw invalid(SHIPPED.includes(lang)
        ? `locale '${tag}' is not loaded: import 'paygate-wasm/locales/${lang}' once before constructing the component`
        : `locale '${tag}' is not shipped (${SHIPPED.join(', ')}): give all its texts in translations: { ${lang}: { … } }`, 'locale');
    }
    const missing = NAMES.filter((n) => !(n in own));
    if (missing.length) {
      throw invalid(`translations.${lang} must give every text of a locale the package does not ship or was not imported; missing: ${missing.join(', ')}`, 'translations');
    }
  }
  const table = { ...base, ...own };
  return [lang, ...NAMES.map((n) => table[n])].join(SEPARATOR);
}
