//! Every visible or announced text of the checkout, in German and English.

use crate::i18n::Locale;

use super::PaymentState;

/// What the live region announces when the checkout enters `state`.
pub fn announcement(locale: Locale, state: PaymentState) -> &'static str {
    match state {
        PaymentState::Collecting => {
            locale.pick("Zahlung wird vorbereitet.", "Preparing the payment.")
        }
        PaymentState::Method => locale.pick("Ihre Bank wird kontaktiert.", "Contacting your bank."),
        PaymentState::Challenge => locale.pick(
            "Bitte bestätigen Sie die Zahlung im Fenster Ihrer Bank.",
            "Please confirm the payment in your bank's window.",
        ),
        PaymentState::Finishing => {
            locale.pick("Zahlung wird abgeschlossen.", "Completing the payment.")
        }
        PaymentState::Done => locale.pick("Zahlungsvorgang beendet.", "Payment process finished."),
        PaymentState::Failed => locale.pick(
            "Die Zahlung konnte nicht abgeschlossen werden.",
            "The payment could not be completed.",
        ),
    }
}

/// The accessible name of the dialog that holds the challenge frame.
pub fn challenge_dialog(locale: Locale) -> &'static str {
    locale.pick(
        "Bestätigung bei Ihrer Bank (3-D Secure)",
        "Verification with your bank (3-D Secure)",
    )
}

/// The challenge frame's `title`.
pub fn challenge_title(locale: Locale) -> &'static str {
    locale.pick("Seite Ihrer Bank", "Your bank's page")
}

/// Shown in the challenge frame until the bank's page has loaded.
pub fn challenge_loading(locale: Locale) -> &'static str {
    locale.pick(
        "Die Seite Ihrer Bank wird geladen …",
        "Loading your bank's page …",
    )
}

/// The hidden method frame's `title`.
pub fn method_title(locale: Locale) -> &'static str {
    locale.pick(
        "3-D Secure: Geräteprüfung Ihrer Bank",
        "3-D Secure: your bank's device check",
    )
}
