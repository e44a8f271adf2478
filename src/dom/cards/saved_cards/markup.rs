//! The selector's markup, cloned from static templates: the frame (title, radio group with
//! "use a new card", CVC field, list of remove buttons, confirmation, live regions), one row per
//! stored card and one list item per remove button.

use std::cell::RefCell;

use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

use super::super::brand_mark::{brand_slot, set_brand};
use super::super::field_errors::{Field, FieldAt};
use super::super::saved_card_label::{full_label, short_label, state};
use super::super::strings::{text, Text};
use super::super::template::{self, Cache, Parts};
use crate::i18n::Locale;
use crate::protocol::vault::SavedCard;

/// The selector's frame; the comments give each element's index in [`Parts`].
const FRAME: &str = concat!(
    r#"<div class="pgw-saved">"#,
    r#"<p class="pgw-title"></p>"#,                   // 0
    r#"<div role="radiogroup" class="pgw-options">"#, // 1
    r#"<div role="radio" class="pgw-option pgw-option-new" aria-checked="false" tabindex="-1">"#, // 2
    r#"<span class="pgw-option-label"></span></div></div>"#, // 3
    r#"<div class="pgw-field pgw-field-cvc" hidden>"#,       // 4
    r#"<label class="pgw-label"></label>"#,                  // 5
    r#"<input class="pgw-input" type="text" inputmode="numeric" autocomplete="cc-csc" maxlength="4" spellcheck="false">"#, // 6
    r#"<p class="pgw-hint"></p>"#,                                // 7
    r#"<p class="pgw-error" aria-live="polite"></p></div>"#,      // 8
    r#"<ul class="pgw-manage"></ul>"#,                            // 9
    r#"<div role="group" class="pgw-confirm" hidden>"#,           // 10
    r#"<p></p>"#,                                                 // 11
    r#"<button type="button" class="pgw-confirm-yes"></button>"#, // 12
    r#"<button type="button" class="pgw-confirm-no"></button></div>"#, // 13
    r#"<div role="status" class="pgw-status"></div>"#,            // 14
    r#"<div role="alert" class="pgw-alert"></div>"#,              // 15
    "</div>",
);

const CVC: FieldAt = FieldAt {
    name: "cvc",
    at: [4, 5, 6, 8],
};

/// A card that can be chosen: brand badge and label.
const ROW: &str = concat!(
    r#"<div role="radio" class="pgw-option" aria-checked="false" tabindex="-1">"#,
    r#"<span class="pgw-brand pgw-brand-other" aria-hidden="true"></span>"#,
    r#"<span class="pgw-option-label"></span></div>"#,
);

/// A card shown but not choosable (expired, inactive): badge, label and state.
const DISABLED_ROW: &str = concat!(
    r#"<div role="radio" class="pgw-option pgw-option-disabled" aria-disabled="true" aria-checked="false">"#,
    r#"<span class="pgw-brand pgw-brand-other" aria-hidden="true"></span>"#,
    r#"<span class="pgw-option-label"></span>"#,
    r#"<span class="pgw-option-state"></span></div>"#,
);

const REMOVE_ITEM: &str = r#"<li><button type="button" class="pgw-remove"></button></li>"#;

thread_local! {
    static FRAME_CACHE: Cache = const { RefCell::new(None) };
    static ROW_CACHE: Cache = const { RefCell::new(None) };
    static DISABLED_ROW_CACHE: Cache = const { RefCell::new(None) };
    static REMOVE_ITEM_CACHE: Cache = const { RefCell::new(None) };
    /// Rows with the badge of each brand already in, by `brand_slot * 2 + disabled`.
    static BRAND_ROWS: RefCell<Vec<Option<Element>>> = const { RefCell::new(Vec::new()) };
}

/// The rendered selector's elements that its behaviour needs.
pub(super) struct Markup {
    pub root: Element,
    /// One radio per card, then "use a new card"; with whether each is enabled.
    pub options: Vec<(Element, bool)>,
    /// The remove button of each card (empty without `allowRemove`).
    pub remove_buttons: Vec<Element>,
    pub cvc: Field,
    pub confirm: Element,
    pub confirm_text: Element,
    pub confirm_yes: Element,
    pub confirm_no: Element,
    pub status: Element,
    pub alert: Element,
}

/// Renders the selector for `cards` (not attached anywhere yet).
pub(super) fn render(
    doc: &Document,
    locale: Locale,
    cards: &[SavedCard],
    allow_remove: bool,
) -> Result<Markup, JsValue> {
    let t = |x| text(locale, x);
    let prefix = super::super::id_prefix();
    let root = template::clone(&FRAME_CACHE, doc, FRAME)?;
    root.set_attribute("lang", locale.tag())?;
    let parts = Parts::of(&root)?;
    let title_id = format!("{prefix}title");
    let title = parts.get(0)?;
    title.set_id(&title_id);
    title.set_text_content(Some(t(Text::SavedCardsTitle)));
    let group = parts.get(1)?;
    group.set_attribute("aria-labelledby", &title_id)?;
    let new_card = parts.get(2)?;
    parts.get(3)?.set_text_content(Some(t(Text::UseNewCard)));
    let hint_id = format!("{prefix}cvc-hint");
    let cvc = Field::wire(&parts, &CVC, &prefix, t(Text::SecurityCode), &hint_id)?;
    let hint = parts.get(7)?;
    hint.set_id(&hint_id);
    hint.set_text_content(Some(t(Text::SecurityCodeHint)));
    let confirm_id = format!("{prefix}confirm");
    let confirm = parts.get(10)?;
    confirm.set_attribute("aria-labelledby", &confirm_id)?;
    let confirm_text = parts.get(11)?;
    confirm_text.set_id(&confirm_id);
    let confirm_yes = parts.get(12)?;
    confirm_yes.set_text_content(Some(t(Text::ConfirmYes)));
    let confirm_no = parts.get(13)?;
    confirm_no.set_text_content(Some(t(Text::ConfirmNo)));

    let mut options = Vec::with_capacity(cards.len() + 1);
    for card in cards {
        let row = card_row(doc, locale, card)?;
        group.insert_before(&row, Some(&new_card))?;
        options.push((row, card.selectable()));
    }
    options.push((new_card, true));
    let manage = parts.get(9)?;
    let remove_buttons = if allow_remove && !cards.is_empty() {
        remove_list(doc, locale, cards, &manage)?
    } else {
        manage.remove();
        Vec::new()
    };
    Ok(Markup {
        root,
        options,
        remove_buttons,
        cvc,
        confirm,
        confirm_text,
        confirm_yes,
        confirm_no,
        status: parts.get(14)?,
        alert: parts.get(15)?,
    })
}

/// One card's radio: a copy of the row for its brand, with the label (and state) as text.
fn card_row(doc: &Document, locale: Locale, card: &SavedCard) -> Result<Element, JsValue> {
    let unavailable = state(locale, card);
    let slot = brand_slot(card.brand) * 2 + usize::from(unavailable.is_some());
    let row = template::clone_slot(&BRAND_ROWS, slot, || {
        let row = match unavailable {
            None => template::clone(&ROW_CACHE, doc, ROW)?,
            Some(_) => template::clone(&DISABLED_ROW_CACHE, doc, DISABLED_ROW)?,
        };
        if let (Some(badge), Some(_)) = (row.first_element_child(), card.brand) {
            set_brand(&badge, card.brand, "");
        }
        Ok(row)
    })?;
    if card.brand.is_none() {
        if let Some(badge) = row.first_element_child() {
            badge.set_text_content(Some(&card.brand_label));
        }
    }
    let mut label = row.last_element_child();
    if let (Some(s), Some(state_el)) = (unavailable, &label) {
        state_el.set_text_content(Some(&format!(" ({s})")));
        label = state_el.previous_element_sibling();
    }
    if let Some(label) = label {
        label.set_text_content(Some(&full_label(locale, card)));
    }
    Ok(row)
}

/// Fills the list of remove buttons, one per card; returns the buttons.
fn remove_list(
    doc: &Document,
    locale: Locale,
    cards: &[SavedCard],
    manage: &Element,
) -> Result<Vec<Element>, JsValue> {
    manage.set_attribute("aria-label", text(locale, Text::ManageCards))?;
    let mut buttons = Vec::with_capacity(cards.len());
    for card in cards {
        let item = template::clone(&REMOVE_ITEM_CACHE, doc, REMOVE_ITEM)?;
        let button = item
            .first_element_child()
            .ok_or_else(|| JsValue::from_str("template element missing"))?;
        button.set_text_content(Some(&format!(
            "{} {}",
            text(locale, Text::Remove),
            short_label(locale, card)
        )));
        manage.append_child(&item)?;
        buttons.push(button);
    }
    Ok(buttons)
}
