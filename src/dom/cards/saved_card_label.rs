//! What a screen reader reads for a stored card:
//! "VISA ending 1111, expires 01/2027, Max Mustermann".

use crate::i18n::Texts;
use crate::protocol::vault::SavedCard;

use super::strings::{text, Text};

/// The brand as shown: Computop's spelling, the vault's own label, or "Card".
pub(crate) fn brand_name<'a>(texts: &'a Texts, card: &'a SavedCard) -> &'a str {
    match card.brand {
        Some(b) => b.spelling(),
        None if !card.brand_label.is_empty() => &card.brand_label,
        None => text(texts, Text::Card),
    }
}

/// Appends "VISA ending 1111" / "VISA mit Endziffern 1111" to `out`.
pub(crate) fn push_short_label(out: &mut String, texts: &Texts, card: &SavedCard) {
    out.push_str(brand_name(texts, card));
    out.push(' ');
    out.push_str(text(texts, Text::Ending));
    out.push(' ');
    out.push_str(&card.last_digits);
}

/// Appends "VISA ending 1111, expires 01/2027, Max Mustermann" (the holder only when stored)
/// to `out`.
pub(crate) fn push_full_label(out: &mut String, texts: &Texts, card: &SavedCard) {
    push_short_label(out, texts, card);
    out.push_str(", ");
    out.push_str(text(texts, Text::Expires));
    out.push(' ');
    out.push_str(&card.expiry.display());
    if let Some(holder) = &card.holder {
        out.push_str(", ");
        out.push_str(holder);
    }
}

/// The state shown after the label of a card that cannot be chosen: "expired", "inactive".
pub(crate) fn state<'a>(texts: &'a Texts, card: &SavedCard) -> Option<&'a str> {
    if card.expired {
        Some(text(texts, Text::Expired))
    } else if !card.active {
        Some(text(texts, Text::Inactive))
    } else {
        None
    }
}
