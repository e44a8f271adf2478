//! The card form's markup, cloned from one static template: number (with the brand badge),
//! expiry date, security code, holder, the save-card consent and a status region for the
//! detected brand.

use std::cell::RefCell;

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, HtmlInputElement};

use super::super::field_errors::{Field, FieldAt};
use super::super::strings::{text, Text};
use super::super::template::{self, Cache, Parts};
use crate::i18n::Locale;

/// The form; the comments give each element's index in [`Parts`].
const FORM: &str = concat!(
    r#"<fieldset class="pgw-card-form">"#,
    r#"<legend class="pgw-title"></legend>"#,      // 0
    r#"<div class="pgw-field pgw-field-number">"#, // 1
    r#"<label class="pgw-label"></label>"#,        // 2
    r#"<input class="pgw-input" type="text" autocomplete="cc-number" spellcheck="false" inputmode="numeric" maxlength="23">"#, // 3
    r#"<span aria-hidden="true" hidden class="pgw-brand pgw-brand-other"></span>"#, // 4
    r#"<p class="pgw-error" aria-live="polite"></p></div>"#,                        // 5
    r#"<div class="pgw-field pgw-field-expiry">"#,                                  // 6
    r#"<label class="pgw-label"></label>"#,                                         // 7
    r#"<input class="pgw-input" type="text" autocomplete="cc-exp" spellcheck="false" inputmode="numeric" maxlength="7">"#, // 8
    r#"<p class="pgw-error" aria-live="polite"></p></div>"#, // 9
    r#"<div class="pgw-field pgw-field-cvc">"#,              // 10
    r#"<label class="pgw-label"></label>"#,                  // 11
    r#"<input class="pgw-input" type="text" inputmode="numeric" autocomplete="cc-csc" maxlength="4" spellcheck="false">"#, // 12
    r#"<p class="pgw-error" aria-live="polite"></p></div>"#, // 13
    r#"<div class="pgw-field pgw-field-holder">"#,           // 14
    r#"<label class="pgw-label"></label>"#,                  // 15
    r#"<input class="pgw-input" type="text" autocomplete="cc-name" spellcheck="false" maxlength="45">"#, // 16
    r#"<p class="pgw-error" aria-live="polite"></p></div>"#, // 17
    r#"<div class="pgw-field pgw-save">"#,                   // 18
    r#"<input type="checkbox">"#,                            // 19
    r#"<label></label></div>"#,                              // 20
    r#"<div role="status" class="pgw-status"></div>"#,       // 21
    "</fieldset>",
);

/// The four fields, in the order errors are focused, with their labels.
const FIELDS: [(FieldAt, Text); 4] = [
    (
        FieldAt {
            name: "number",
            at: [1, 2, 3, 5],
        },
        Text::CardNumber,
    ),
    (
        FieldAt {
            name: "expiry",
            at: [6, 7, 8, 9],
        },
        Text::ExpiryDate,
    ),
    (
        FieldAt {
            name: "cvc",
            at: [10, 11, 12, 13],
        },
        Text::SecurityCode,
    ),
    (
        FieldAt {
            name: "holder",
            at: [14, 15, 16, 17],
        },
        Text::Holder,
    ),
];

thread_local! {
    static FORM_CACHE: Cache = const { RefCell::new(None) };
}

/// The rendered form's elements that its behaviour needs.
pub(super) struct Markup {
    pub root: Element,
    /// Number, expiry date, security code, holder.
    pub fields: [Field; 4],
    pub badge: Element,
    pub announce: Element,
    pub save: Option<HtmlInputElement>,
}

/// Renders the form (not attached anywhere yet).
pub(super) fn render(doc: &Document, locale: Locale, offer_save: bool) -> Result<Markup, JsValue> {
    let t = |x| text(locale, x);
    let prefix = super::super::id_prefix();
    let root = template::clone(&FORM_CACHE, doc, FORM)?;
    root.set_attribute("lang", locale.tag())?;
    let parts = Parts::of(&root)?;
    parts.get(0)?.set_text_content(Some(t(Text::NewCardTitle)));
    let [number, expiry, cvc, holder] = &FIELDS;
    let fields = [
        Field::wire(&parts, &number.0, &prefix, t(number.1), "")?,
        Field::wire(&parts, &expiry.0, &prefix, t(expiry.1), "")?,
        Field::wire(&parts, &cvc.0, &prefix, t(cvc.1), "")?,
        Field::wire(&parts, &holder.0, &prefix, t(holder.1), "")?,
    ];
    fields[1]
        .input
        .set_attribute("placeholder", t(Text::ExpiryFormatHint))?;
    let badge = parts.get(4)?;
    badge.set_id(&format!("{prefix}brand"));
    let save = if offer_save {
        let save_id = format!("{prefix}save");
        let input: HtmlInputElement = parts.get_as(19)?;
        input.set_id(&save_id);
        let label = parts.get(20)?;
        label.set_attribute("for", &save_id)?;
        label.set_text_content(Some(t(Text::SaveCard)));
        Some(input)
    } else {
        parts.get(18)?.remove();
        None
    };
    Ok(Markup {
        root,
        fields,
        badge,
        announce: parts.get(21)?,
        save,
    })
}
