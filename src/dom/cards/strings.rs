//! Every visible string of the card components, in German and English.

use crate::i18n::Locale;
use crate::protocol::CardProblem;

/// A fixed text of the card components.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Text {
    /// Title of the saved-card selector.
    SavedCardsTitle,
    /// The "use a new card" choice.
    UseNewCard,
    /// State of an expired card.
    Expired,
    /// State of an inactive card.
    Inactive,
    /// Word between brand and last digits ("ending").
    Ending,
    /// Word before the expiry month ("expires").
    Expires,
    /// Generic word for a card of unknown brand.
    Card,
    /// Label of the security code field.
    SecurityCode,
    /// Hint under the security code field of a stored card.
    SecurityCodeHint,
    /// Label of the list of remove buttons.
    ManageCards,
    /// Text of a remove button ("Remove").
    Remove,
    /// Question of the remove confirmation (followed by the card).
    ConfirmRemove,
    /// The confirming button.
    ConfirmYes,
    /// The cancelling button.
    ConfirmNo,
    /// Announced after a removal.
    Removed,
    /// Shown when the backend refused without a message.
    RemoveFailed,
    /// Shown when the backend could not be reached.
    RemoveUnreachable,
    /// Label of the card number field.
    CardNumber,
    /// Label of the expiry field.
    ExpiryDate,
    /// Placeholder/format hint of the expiry field.
    ExpiryFormatHint,
    /// Label of the holder field.
    Holder,
    /// The save-card consent.
    SaveCard,
    /// Announced with a detected brand ("Card type:").
    Detected,
    /// Title of the card form.
    NewCardTitle,
}

/// The text in `locale`.
pub(crate) fn text(locale: Locale, t: Text) -> &'static str {
    use Text::*;
    let (de, en) = match t {
        SavedCardsTitle => ("Gespeicherte Karten", "Saved cards"),
        UseNewCard => ("Neue Karte verwenden", "Use a new card"),
        Expired => ("abgelaufen", "expired"),
        Inactive => ("inaktiv", "inactive"),
        Ending => ("mit Endziffern", "ending"),
        Expires => ("gültig bis", "expires"),
        Card => ("Karte", "Card"),
        SecurityCode => ("Kartenprüfnummer (CVC)", "Security code (CVC)"),
        SecurityCodeHint => (
            "Die 3 oder 4 Ziffern auf Ihrer Karte",
            "The 3 or 4 digits on your card",
        ),
        ManageCards => ("Gespeicherte Karten verwalten", "Manage saved cards"),
        Remove => ("Entfernen:", "Remove"),
        ConfirmRemove => ("Diese Karte wirklich entfernen?", "Remove this card?"),
        ConfirmYes => ("Ja, entfernen", "Yes, remove"),
        ConfirmNo => ("Karte behalten", "Keep card"),
        Removed => ("Karte entfernt.", "Card removed."),
        RemoveFailed => (
            "Die Karte konnte nicht entfernt werden.",
            "The card could not be removed.",
        ),
        RemoveUnreachable => (
            "Der Server ist nicht erreichbar. Bitte später erneut versuchen.",
            "The server cannot be reached. Please try again later.",
        ),
        CardNumber => ("Kartennummer", "Card number"),
        ExpiryDate => ("Gültig bis (MM/JJ)", "Expiry date (MM/YY)"),
        ExpiryFormatHint => ("MM/JJ", "MM/YY"),
        Holder => ("Name des Karteninhabers", "Cardholder name"),
        SaveCard => (
            "Karte für künftige Einkäufe speichern",
            "Save this card for future purchases",
        ),
        Detected => ("Kartentyp:", "Card type:"),
        NewCardTitle => ("Neue Karte", "New card"),
    };
    locale.pick(de, en)
}

/// The inline message for a card problem.
pub(crate) fn problem(locale: Locale, p: CardProblem) -> &'static str {
    use CardProblem::*;
    let (de, en) = match p {
        NumberNotDigits => ("Die Kartennummer darf nur Ziffern enthalten.", "The card number may contain digits only."),
        NumberLength => ("Die Kartennummer ist unvollständig.", "The card number is incomplete."),
        Luhn => ("Die Kartennummer ist ungültig. Bitte prüfen Sie die Eingabe.", "The card number is not valid. Please check it."),
        UnknownBrand => ("Dieser Kartentyp ist unbekannt.", "This card type is not recognised."),
        BrandNotAccepted => ("Dieser Kartentyp wird hier nicht akzeptiert.", "This card type is not accepted here."),
        SecurityCodeLength => ("Bitte die Kartenprüfnummer vollständig eingeben.", "Please enter the complete security code."),
        ExpiryFormat => ("Bitte das Ablaufdatum als MM/JJ eingeben.", "Please enter the expiry date as MM/YY."),
        Expired => ("Die Karte ist abgelaufen.", "The card has expired."),
        HolderLength => ("Der Name muss 2 bis 45 Zeichen lang sein.", "The name must be 2 to 45 characters long."),
        HolderCharacters => ("Der Name darf nur Buchstaben, Leerzeichen, Bindestriche, Punkte und Apostrophe enthalten.", "The name may contain letters, spaces, hyphens, dots and apostrophes only."),
        NotSelectable => ("Diese Karte kann nicht verwendet werden.", "This card cannot be used."),
    };
    locale.pick(de, en)
}
