//! Every visible string of easyCredit, in German and English: the labels of the confirmation
//! block and the message for each problem of the order check.

use crate::i18n::Locale;
use crate::protocol::easycredit::AddressPart;
use crate::protocol::easycredit::{Employment, Field, OrderProblem, ProblemCode};

/// A fixed text of the confirmation block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// The block's heading.
    Title,
    /// Label: the number of installments chosen.
    Installments,
    /// Label: the monthly installment.
    Installment,
    /// Label: the last installment.
    LastInstallment,
    /// Label: the first installment's date.
    FirstDate,
    /// Label: the last installment's date.
    LastDate,
    /// Label: the order value.
    OrderValue,
    /// Label: the interest amount.
    Interest,
    /// Label: the total amount.
    Total,
    /// Label: the effective annual rate.
    EffectiveRate,
    /// Label: the nominal rate.
    NominalRate,
    /// Heading of the repayment plan text.
    Plan,
    /// The pre-contractual information link.
    PreContractual,
    /// The message of a decision that is not positive.
    NotApproved,
}

/// The text in `locale`.
pub fn text(locale: Locale, t: Text) -> &'static str {
    use Text::*;
    let (de, en) = match t {
        Title => ("Ihre Finanzierung mit easyCredit-Ratenkauf", "Your easyCredit hire purchase"),
        Installments => ("Anzahl der Raten", "Number of installments"),
        Installment => ("Monatliche Rate", "Monthly installment"),
        LastInstallment => ("Letzte Rate", "Last installment"),
        FirstDate => ("Erste Rate am", "First installment on"),
        LastDate => ("Letzte Rate am", "Last installment on"),
        OrderValue => ("Bestellwert", "Order value"),
        Interest => ("Zinsen", "Interest"),
        Total => ("Gesamtbetrag", "Total amount"),
        EffectiveRate => ("Effektiver Jahreszins", "Effective annual interest rate"),
        NominalRate => ("Gebundener Sollzinssatz", "Fixed borrowing rate"),
        Plan => ("Tilgungsplan", "Repayment plan"),
        PreContractual => ("Vorvertragliche Informationen (öffnet in neuem Fenster)", "Pre-contractual information (opens in a new window)"),
        NotApproved => (
            "Der Ratenkauf wurde von easyCredit nicht genehmigt. Bitte wählen Sie eine andere Zahlungsart.",
            "easyCredit did not approve the hire purchase. Please choose another payment method.",
        ),
    };
    locale.pick(de, en)
}

/// The message for a problem of the order check, to be shown at its field.
pub fn problem(locale: Locale, p: OrderProblem) -> String {
    use ProblemCode::*;
    let max = p.field.max_len();
    let v3 = Employment::ALL.map(Employment::as_str).join(", ");
    match (locale, p.code) {
        (Locale::De, Missing) => "Bitte ausfüllen.".into(),
        (Locale::En, Missing) => "Please fill in this field.".into(),
        (Locale::De, TooLong) => format!("Zu lang: höchstens {max} Zeichen."),
        (Locale::En, TooLong) => format!("Too long: at most {max} characters."),
        (Locale::De, Invalid) if is_country(p.field) => {
            "Bitte den Ländercode mit zwei Buchstaben angeben (z. B. DE).".into()
        }
        (Locale::En, Invalid) if is_country(p.field) => {
            "Please enter the two-letter country code (e.g. DE).".into()
        }
        (Locale::De, Invalid) => "Dieser Wert ist ungültig.".into(),
        (Locale::En, Invalid) => "This value is not valid.".into(),
        (Locale::De, NameMismatch) => {
            "Der Name muss mit dem Namen des Kunden übereinstimmen.".into()
        }
        (Locale::En, NameMismatch) => "The name must match the customer's name.".into(),
        (Locale::De, AddressMismatch) => {
            "Die Lieferadresse muss der Rechnungsadresse entsprechen oder eine Packstation sein."
                .into()
        }
        (Locale::En, AddressMismatch) => {
            "The delivery address must match the billing address or be a packing station.".into()
        }
        (Locale::De, EmploymentV2) => {
            format!("Veralteter Wert der API v2; in v3 bitte einen von: {v3}.")
        }
        (Locale::En, EmploymentV2) => format!("Outdated value of API v2; v3 takes one of: {v3}."),
        (Locale::De, EmploymentUnknown) => format!("Unbekannte Beschäftigung; erlaubt: {v3}."),
        (Locale::En, EmploymentUnknown) => format!("Unknown employment; allowed: {v3}."),
        (Locale::De, ArticleListNotBase64) => "Die Artikelliste ist nicht Base64-kodiert.".into(),
        (Locale::En, ArticleListNotBase64) => "The article list is not base64 encoded.".into(),
        (Locale::De, ArticleListShape) => {
            "Die Artikelliste hat nicht das dokumentierte JSON-Format.".into()
        }
        (Locale::En, ArticleListShape) => "The article list is not the documented JSON.".into(),
        (Locale::De, UrlInvalid) => "Die Benachrichtigungs-URL ist keine vollständige URL.".into(),
        (Locale::En, UrlInvalid) => "The notification URL is not a complete URL.".into(),
        (Locale::De, UrlNotHttps) => "Die Benachrichtigungs-URL muss https verwenden.".into(),
        (Locale::En, UrlNotHttps) => "The notification URL must use https.".into(),
        (Locale::De, UrlPort) => "Die Benachrichtigungs-URL muss Port 443 verwenden.".into(),
        (Locale::En, UrlPort) => "The notification URL must use port 443.".into(),
        (Locale::De, UrlParameters) => {
            "Die Benachrichtigungs-URL darf keine Parameter enthalten (UserData verwenden).".into()
        }
        (Locale::En, UrlParameters) => {
            "The notification URL must not contain parameters (use UserData).".into()
        }
        (Locale::De, Version) => "Die Version muss v3 sein.".into(),
        (Locale::En, Version) => "The version must be v3.".into(),
    }
}

fn is_country(field: Field) -> bool {
    matches!(
        field,
        Field::Billing(AddressPart::CountryCode) | Field::Shipping(AddressPart::CountryCode)
    )
}
