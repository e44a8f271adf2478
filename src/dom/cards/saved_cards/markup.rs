//! The selector's markup, cloned from static templates: the frame (title, radio group with
//! "use a new card", CVC field, list of remove buttons, confirmation, live regions) with each
//! language's texts put in once, one row per stored card (per brand with its badge put in once)
//! and one list item per remove button.

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::super::brand_mark::{brand_slot, set_brand};
use super::super::field_errors::{Field, FieldAt};
use super::super::saved_card_label::{push_full_label, push_short_label, state};
use super::super::strings::{text, Text};
use super::super::template::{self, id, missing, Parts, TemplateKey};
use crate::i18n::Texts;
use crate::protocol::card::Brand;
use crate::protocol::vault::SavedCard;

/// The selector's frame; the comments give each element's index in [`Parts`].
const FRAME: &str = concat!(
    "<div class=pgw-saved>",
    "<p class=pgw-title></p>",                   // 0
    "<div role=radiogroup class=pgw-options>", // 1
    r#"<div role=radio class="pgw-option pgw-option-new" aria-checked=false tabindex=-1>"#, // 2
    "<span class=pgw-option-label></span></div></div>", // 3
    r#"<div class="pgw-field pgw-field-cvc" hidden>"#,       // 4
    "<label class=pgw-label></label>",                  // 5
    "<input class=pgw-input type=text inputmode=numeric autocomplete=cc-csc maxlength=3 spellcheck=false>", // 6
    "<p class=pgw-hint></p>",                                // 7
    "<p class=pgw-error aria-live=polite></p></div>",      // 8
    "<ul class=pgw-manage></ul>",                            // 9
    "<div role=group class=pgw-confirm hidden>",           // 10
    "<p></p>",                                                 // 11
    "<button type=button class=pgw-confirm-yes></button>", // 12
    "<button type=button class=pgw-confirm-no></button></div>", // 13
    "<div role=status class=pgw-status></div>",            // 14
    "<div role=alert class=pgw-alert></div>",              // 15
    "</div>",
);

const CVC: FieldAt = FieldAt {
    name: "cvc",
    at: [4, 5, 6, 8],
};

/// The frame's fixed texts, by index.
const FRAME_TEXTS: [(u32, Text); 6] = [
    (0, Text::SavedCardsTitle),
    (3, Text::UseNewCard),
    (5, Text::SecurityCode),
    (7, Text::SecurityCodeHint),
    (12, Text::ConfirmYes),
    (13, Text::ConfirmNo),
];

/// The list of remove buttons.
const MANAGE: u32 = 9;

/// The confirmation, its question, its buttons and the live regions (one less each in a frame
/// without the list of remove buttons).
const CONFIRMATION: [u32; 6] = [10, 11, 12, 13, 14, 15];

/// A card that can be chosen: brand badge and label.
const ROW: &str = concat!(
    "<div role=radio class=pgw-option aria-checked=false tabindex=-1>",
    r#"<span class="pgw-brand pgw-brand-other" aria-hidden=true></span>"#,
    "<span class=pgw-option-label></span></div>",
);

/// A card shown but not choosable (expired, inactive): badge, label and state.
const DISABLED_ROW: &str = concat!(
    r#"<div role=radio class="pgw-option pgw-option-disabled" aria-disabled=true aria-checked=false>"#,
    r#"<span class="pgw-brand pgw-brand-other" aria-hidden=true></span>"#,
    "<span class=pgw-option-label></span>",
    "<span class=pgw-option-state></span></div>",
);

/// The badge, label and state in a row.
const ROW_BADGE: u32 = 0;
const ROW_LABEL: u32 = 1;
const ROW_STATE: u32 = 2;

const REMOVE_ITEM: &str = "<li><button type=button class=pgw-remove></button></li>";

/// The selector's slots in the page's template cache.
const FRAME_SLOT: TemplateKey = 0;
const ROW_SLOT: TemplateKey = 1;
const DISABLED_ROW_SLOT: TemplateKey = 2;
const REMOVE_ITEM_SLOT: TemplateKey = 3;
/// The frame with the last texts in, by `with the remove buttons' list`.
const LOCALIZED_FRAME_SLOTS: TemplateKey = 4;
/// Rows with the badge of each brand already in, by `brand_slot * 2 + disabled`.
const BRAND_ROW_SLOTS: TemplateKey = 8;

/// The rendered selector's elements that choosing needs.
pub(super) struct Markup {
    pub root: Element,
    /// The instance's prefix of element ids.
    pub prefix: String,
    /// The frame's elements as rendered (before the rows went in).
    pub parts: Parts,
    /// One radio per card, then "use a new card"; with whether each is enabled.
    pub options: Vec<(Element, bool)>,
    /// The remove button of each card (empty without `allowRemove`).
    pub remove_buttons: Vec<Element>,
    pub cvc: Field,
}

/// The confirmation of a removal and the live regions, found when first needed.
pub(super) struct Confirmation {
    pub group: Element,
    pub question: Element,
    pub yes: Element,
    pub no: Element,
    pub status: Element,
    pub alert: Element,
}

impl Confirmation {
    /// Takes the confirmation out of the frame's `parts` and gives it the instance's ids.
    pub(super) fn find(parts: &Parts, prefix: &str, managed: bool) -> Result<Self, JsValue> {
        let shift = u32::from(!managed);
        let [group, question, yes, no, status, alert] = CONFIRMATION.map(|i| parts.get(i - shift));
        let id = id(prefix, "confirm");
        let (group, question) = (group?, question?);
        group.set_attribute("aria-labelledby", &id)?;
        question.set_id(&id);
        Ok(Confirmation {
            group,
            question,
            yes: yes?,
            no: no?,
            status: status?,
            alert: alert?,
        })
    }
}

/// A copy of the frame with `texts` in, with or without the list of remove buttons.
fn frame(texts: &Texts, managed: bool) -> Result<Element, JsValue> {
    let slot = LOCALIZED_FRAME_SLOTS + usize::from(managed);
    let localized = template::localized(slot, texts, &|| {
        let root = template::clone(FRAME_SLOT, FRAME)?;
        root.set_attribute("lang", texts.lang())?;
        let parts = Parts::of(&root)?;
        for (i, t) in FRAME_TEXTS {
            parts.get(i)?.set_text_content(Some(text(texts, t)));
        }
        let manage = parts.get(MANAGE)?;
        if managed {
            manage.set_attribute("aria-label", text(texts, Text::ManageCards))?;
        } else {
            manage.remove();
        }
        Ok(root)
    })?;
    template::copy(&localized)
}

/// Renders the selector for `cards` (not attached anywhere yet).
pub(super) fn render(
    texts: &Texts,
    cards: &[SavedCard],
    allow_remove: bool,
) -> Result<Markup, JsValue> {
    let prefix = super::super::id_prefix();
    let managed = allow_remove && !cards.is_empty();
    let root = frame(texts, managed)?;
    let parts = Parts::of(&root)?;
    let title_id = id(&prefix, "title");
    parts.get(0)?.set_id(&title_id);
    let group = parts.get(1)?;
    group.set_attribute("aria-labelledby", &title_id)?;
    let new_card = parts.get(2)?;
    let hint_id = id(&prefix, "cvc-hint");
    let cvc = Field::wire(&parts, &CVC, &prefix, &hint_id)?;
    parts.get(7)?.set_id(&hint_id);

    let mut options = Vec::with_capacity(cards.len() + 1);
    let mut rows = Rows::new(texts.clone());
    for card in cards {
        let row = rows.row(card)?;
        group.insert_before(&row, Some(&new_card))?;
        options.push((row, card.selectable()));
    }
    drop(rows);
    options.push((new_card, true));
    let remove_buttons = if managed {
        remove_list(texts, cards, &parts.get(MANAGE)?)?
    } else {
        Vec::new()
    };
    Ok(Markup {
        root,
        prefix,
        parts,
        options,
        remove_buttons,
        cvc,
    })
}

/// The rows of one render. A copy of a brand's row is made with the card's label already in:
/// the label goes into the row kept for that brand just before the copy (one call, not a
/// look-up and a call per copy), and the kept rows' labels are emptied again when the render
/// is done, so no card's data stays in them.
struct Rows {
    texts: Texts,
    label: String,
    /// The kept rows used so far: slot, row, its label.
    filled: Vec<(TemplateKey, Element, Element)>,
}

impl Rows {
    fn new(texts: Texts) -> Self {
        Rows {
            texts,
            label: String::new(),
            filled: Vec::new(),
        }
    }

    /// One card's radio, with its label (and state) as text.
    fn row(&mut self, card: &SavedCard) -> Result<Element, JsValue> {
        let texts = self.texts.clone();
        let unavailable = state(&texts, card);
        let slot =
            BRAND_ROW_SLOTS + brand_slot(card.brand) * 2 + usize::from(unavailable.is_some());
        self.label.clear();
        push_full_label(&mut self.label, &texts, card);
        if unavailable.is_some() || card.brand.is_none() {
            return self.uncommon_row(slot, card, unavailable);
        }
        let i = match self.filled.iter().position(|(s, ..)| *s == slot) {
            Some(i) => i,
            None => {
                let kept = brand_row(slot, card.brand, unavailable)?;
                let label = kept.last_element_child().ok_or_else(missing)?;
                self.filled.push((slot, kept, label));
                self.filled.len() - 1
            }
        };
        let (_, kept, label) = &self.filled[i];
        label.set_text_content(Some(&self.label));
        template::copy(kept)
    }

    /// The radio of a card that cannot be chosen, or of a brand this library does not know.
    fn uncommon_row(
        &mut self,
        slot: TemplateKey,
        card: &SavedCard,
        unavailable: Option<&str>,
    ) -> Result<Element, JsValue> {
        let row = template::copy(&brand_row(slot, card.brand, unavailable)?)?;
        let parts = Parts::of(&row)?;
        parts.get(ROW_LABEL)?.set_text_content(Some(&self.label));
        if let Some(s) = unavailable {
            self.label.clear();
            self.label.push_str(" (");
            self.label.push_str(s);
            self.label.push(')');
            parts.get(ROW_STATE)?.set_text_content(Some(&self.label));
        }
        if card.brand.is_none() {
            parts
                .get(ROW_BADGE)?
                .set_text_content(Some(&card.brand_label));
        }
        Ok(row)
    }
}

impl Drop for Rows {
    fn drop(&mut self) {
        for (_, _, label) in &self.filled {
            label.set_text_content(None);
        }
    }
}

/// The row kept for a brand (with its badge in) and for whether the card can be chosen.
fn brand_row(
    slot: TemplateKey,
    brand: Option<Brand>,
    unavailable: Option<&str>,
) -> Result<Element, JsValue> {
    template::prototype(slot, &|| {
        let row = match unavailable {
            None => template::clone(ROW_SLOT, ROW)?,
            Some(_) => template::clone(DISABLED_ROW_SLOT, DISABLED_ROW)?,
        };
        if brand.is_some() {
            set_brand(&Parts::of(&row)?.get(ROW_BADGE)?, brand, "");
        }
        Ok(row)
    })
}

/// Fills the list of remove buttons, one per card; returns the buttons.
fn remove_list(
    texts: &Texts,
    cards: &[SavedCard],
    manage: &Element,
) -> Result<Vec<Element>, JsValue> {
    let mut buttons = Vec::with_capacity(cards.len());
    let mut label = String::new();
    for card in cards {
        let item = template::clone(REMOVE_ITEM_SLOT, REMOVE_ITEM)?;
        let button = item.last_element_child().ok_or_else(missing)?;
        label.clear();
        label.push_str(text(texts, Text::Remove));
        label.push(' ');
        push_short_label(&mut label, texts, card);
        button.set_text_content(Some(&label));
        manage.append_child(&item)?;
        buttons.push(button);
    }
    Ok(buttons)
}
