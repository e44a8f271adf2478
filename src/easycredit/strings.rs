//! Every visible string of easyCredit, in German and English: the labels of the confirmation
//! block and the message for each problem of the order check.

use crate::i18n::Locale;
use crate::protocol::decimal::decimal;
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
    let employments = || Employment::ALL.map(Employment::as_str).join(", ");
    let (before, value, after) = match p.code {
        TooLong => (
            locale.pick("Zu lang: höchstens ", "Too long: at most "),
            decimal(p.field.max_len() as u64),
            locale.pick(" Zeichen.", " characters."),
        ),
        EmploymentV2 => (
            locale.pick(
                "Veralteter Wert der API v2; in v3 bitte einen von: ",
                "Outdated value of API v2; v3 takes one of: ",
            ),
            employments(),
            ".",
        ),
        EmploymentUnknown => (
            locale.pick(
                "Unbekannte Beschäftigung; erlaubt: ",
                "Unknown employment; allowed: ",
            ),
            employments(),
            ".",
        ),
        code => return fixed_problem(locale, code, p.field).into(),
    };
    [before, &value, after].concat()
}

/// The message for a problem whose text holds no value.
fn fixed_problem(locale: Locale, code: ProblemCode, field: Field) -> &'static str {
    use ProblemCode::*;
    let (de, en) = match code {
        Missing => ("Bitte ausfüllen.", "Please fill in this field."),
        Invalid if is_country(field) => (
            "Bitte den Ländercode mit zwei Buchstaben angeben (z. B. DE).",
            "Please enter the two-letter country code (e.g. DE).",
        ),
        // The three with a value are written by `problem`; this is their plain form.
        Invalid | TooLong | EmploymentV2 | EmploymentUnknown => {
            ("Dieser Wert ist ungültig.", "This value is not valid.")
        }
        NameMismatch => (
            "Der Name muss mit dem Namen des Kunden übereinstimmen.",
            "The name must match the customer's name.",
        ),
        AddressMismatch => (
            "Die Lieferadresse muss der Rechnungsadresse entsprechen oder eine Packstation sein.",
            "The delivery address must match the billing address or be a packing station.",
        ),
        ArticleListNotBase64 => (
            "Die Artikelliste ist nicht Base64-kodiert.",
            "The article list is not base64 encoded.",
        ),
        ArticleListShape => (
            "Die Artikelliste hat nicht das dokumentierte JSON-Format.",
            "The article list is not the documented JSON.",
        ),
        UrlInvalid => (
            "Die Benachrichtigungs-URL ist keine vollständige URL.",
            "The notification URL is not a complete URL.",
        ),
        UrlNotHttps => (
            "Die Benachrichtigungs-URL muss https verwenden.",
            "The notification URL must use https.",
        ),
        UrlPort => (
            "Die Benachrichtigungs-URL muss Port 443 verwenden.",
            "The notification URL must use port 443.",
        ),
        UrlParameters => (
            "Die Benachrichtigungs-URL darf keine Parameter enthalten (UserData verwenden).",
            "The notification URL must not contain parameters (use UserData).",
        ),
        Version => ("Die Version muss v3 sein.", "The version must be v3."),
    };
    locale.pick(de, en)
}

fn is_country(field: Field) -> bool {
    matches!(
        field,
        Field::Billing(AddressPart::CountryCode) | Field::Shipping(AddressPart::CountryCode)
    )
}
