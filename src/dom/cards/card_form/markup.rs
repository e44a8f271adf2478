//! The card form's markup, cloned from one static template (with the texts put in once per
//! language): number (with the brand badge), expiry date, security code, holder, the save-card
//! consent and a status region for the detected brand.

use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlInputElement};

use super::super::field_errors::{Field, FieldAt};
use super::super::strings::{text, Text};
use super::super::template::{self, id, Parts, TemplateKey};
use crate::i18n::Texts;

/// The form; the comments give each element's index in [`Parts`].
const FORM: &str = concat!(
    "<fieldset class=pgw-card-form>",
    "<legend class=pgw-title></legend>",      // 0
    r#"<div class="pgw-field pgw-field-number">"#, // 1
    "<label class=pgw-label></label>",        // 2
    "<input class=pgw-input type=text autocomplete=cc-number spellcheck=false inputmode=numeric maxlength=23>", // 3
    r#"<span aria-hidden=true hidden class="pgw-brand pgw-brand-other"></span>"#, // 4
    "<p class=pgw-error aria-live=polite></p></div>",                        // 5
    r#"<div class="pgw-field pgw-field-expiry">"#,                                  // 6
    "<label class=pgw-label></label>",                                         // 7
    "<input class=pgw-input type=text autocomplete=cc-exp spellcheck=false inputmode=numeric maxlength=7>", // 8
    "<p class=pgw-error aria-live=polite></p></div>", // 9
    r#"<div class="pgw-field pgw-field-cvc">"#,              // 10
    "<label class=pgw-label></label>",                  // 11
    "<input class=pgw-input type=text inputmode=numeric autocomplete=cc-csc maxlength=4 spellcheck=false>", // 12
    "<p class=pgw-error aria-live=polite></p></div>", // 13
    r#"<div class="pgw-field pgw-field-holder">"#,           // 14
    "<label class=pgw-label></label>",                  // 15
    "<input class=pgw-input type=text autocomplete=cc-name spellcheck=false maxlength=45>", // 16
    "<p class=pgw-error aria-live=polite></p></div>", // 17
    r#"<div class="pgw-field pgw-save">"#,                   // 18
    "<input type=checkbox>",                            // 19
    "<label></label></div>",                              // 20
    "<div role=status class=pgw-status></div>",       // 21
    "</fieldset>",
);

/// The four fields, in the order errors are focused.
const FIELDS: [FieldAt; 4] = [
    FieldAt {
        name: "number",
        at: [1, 2, 3, 5],
    },
    FieldAt {
        name: "expiry",
        at: [6, 7, 8, 9],
    },
    FieldAt {
        name: "cvc",
        at: [10, 11, 12, 13],
    },
    FieldAt {
        name: "holder",
        at: [14, 15, 16, 17],
    },
];

/// The form's fixed texts, by index.
const FORM_TEXTS: [(u32, Text); 6] = [
    (0, Text::NewCardTitle),
    (2, Text::CardNumber),
    (7, Text::ExpiryDate),
    (11, Text::SecurityCode),
    (15, Text::Holder),
    (20, Text::SaveCard),
];

const EXPIRY_INPUT: u32 = 8;
const BADGE: u32 = 4;
const SAVE: u32 = 18;
const SAVE_INPUT: u32 = 19;
const SAVE_LABEL: u32 = 20;
const STATUS: u32 = 21;

/// The form's slots in the page's template cache (after the selector's).
const FORM_SLOT: TemplateKey = 26;
/// The form with the last texts' fixed texts in.
const LOCALIZED_FORM_SLOT: TemplateKey = 27;

/// The rendered form's elements that its behaviour needs.
pub(super) struct Markup {
    pub root: Element,
    /// Number, expiry date, security code, holder.
    pub fields: [Field; 4],
    pub badge: Element,
    pub announce: Element,
    pub save: Option<HtmlInputElement>,
}

/// A copy of the form with `texts` in.
fn form(texts: &Texts) -> Result<Element, JsValue> {
    let localized = template::localized(LOCALIZED_FORM_SLOT, texts, &|| {
        let root = template::clone(FORM_SLOT, FORM)?;
        root.set_attribute("lang", texts.lang())?;
        let parts = Parts::of(&root)?;
        for (i, t) in FORM_TEXTS {
            parts.get(i)?.set_text_content(Some(text(texts, t)));
        }
        parts
            .get(EXPIRY_INPUT)?
            .set_attribute("placeholder", text(texts, Text::ExpiryFormatHint))?;
        Ok(root)
    })?;
    template::copy(&localized)
}

/// Renders the form (not attached anywhere yet).
pub(super) fn render(texts: &Texts, offer_save: bool) -> Result<Markup, JsValue> {
    let prefix = super::super::id_prefix();
    let root = form(texts)?;
    let parts = Parts::of(&root)?;
    let [number, expiry, cvc, holder] = &FIELDS;
    let fields = [
        Field::wire(&parts, number, &prefix, "")?,
        Field::wire(&parts, expiry, &prefix, "")?,
        Field::wire(&parts, cvc, &prefix, "")?,
        Field::wire(&parts, holder, &prefix, "")?,
    ];
    let badge = parts.get(BADGE)?;
    badge.set_id(&id(&prefix, "brand"));
    let save = if offer_save {
        let save_id = id(&prefix, "save");
        let input: HtmlInputElement = parts.get_as(SAVE_INPUT)?;
        input.set_id(&save_id);
        parts.get(SAVE_LABEL)?.set_attribute("for", &save_id)?;
        Some(input)
    } else {
        parts.get(SAVE)?.remove();
        None
    };
    Ok(Markup {
        root,
        fields,
        badge,
        announce: parts.get(STATUS)?,
        save,
    })
}
