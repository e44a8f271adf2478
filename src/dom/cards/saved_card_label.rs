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

/// "VISA ending 1111" / "VISA mit Endziffern 1111".
pub(crate) fn short_label(locale: Locale, card: &SavedCard) -> String {
    format!(
        "{} {} {}",
        brand_name(locale, card),
        text(locale, Text::Ending),
        card.last_digits
    )
}

/// "VISA ending 1111, expires 01/2027, Max Mustermann" (the holder only when stored).
pub(crate) fn full_label(locale: Locale, card: &SavedCard) -> String {
    let mut label = format!(
        "{}, {} {}",
        short_label(locale, card),
        text(locale, Text::Expires),
        card.expiry.display()
    );
    if let Some(holder) = &card.holder {
        label.push_str(", ");
        label.push_str(holder);
    }
    label
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
