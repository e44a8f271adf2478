//! What a screen reader reads for a stored card:
//! "VISA ending 1111, expires 01/2027, Max Mustermann".

use crate::i18n::Locale;
use crate::protocol::vault::SavedCard;

use super::strings::{text, Text};

/// The brand as shown: Computop's spelling, the vault's own label, or "Card".
pub(crate) fn brand_name(locale: Locale, card: &SavedCard) -> &str {
    match card.brand {
        Some(b) => b.spelling(),
        None if !card.brand_label.is_empty() => &card.brand_label,
        None => text(locale, Text::Card),
    }
}

/// Appends "VISA ending 1111" / "VISA mit Endziffern 1111" to `out`.
pub(crate) fn push_short_label(out: &mut String, locale: Locale, card: &SavedCard) {
    out.push_str(brand_name(locale, card));
    out.push(' ');
    out.push_str(text(locale, Text::Ending));
    out.push(' ');
    out.push_str(&card.last_digits);
}

/// Appends "VISA ending 1111, expires 01/2027, Max Mustermann" (the holder only when stored)
/// to `out`.
pub(crate) fn push_full_label(out: &mut String, locale: Locale, card: &SavedCard) {
    push_short_label(out, locale, card);
    out.push_str(", ");
    out.push_str(text(locale, Text::Expires));
    out.push(' ');
    out.push_str(&card.expiry.display());
    if let Some(holder) = &card.holder {
        out.push_str(", ");
        out.push_str(holder);
    }
}

/// The state shown after the label of a card that cannot be chosen: "expired", "inactive".
pub(crate) fn state(locale: Locale, card: &SavedCard) -> Option<&'static str> {
    if card.expired {
        Some(text(locale, Text::Expired))
    } else if !card.active {
        Some(text(locale, Text::Inactive))
    } else {
        None
    }
}
