//! `credentialOnFile`, and the rule that it never travels with a prefilled pseudo card number.

use super::error::{Error, Subject};
use super::json::{self, Obj, Scalar};

/// Who initiates an unscheduled credential-on-file payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Initiator {
    /// Customer initiated.
    Cit,
    /// Merchant initiated.
    Mit,
}

/// A recurring schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurring {
    /// Days between payments.
    pub recurring_frequency: u32,
    /// `YYYY-MM-DD`.
    pub recurring_start_date: String,
    /// `YYYY-MM-DD`.
    pub recurring_expiry_date: String,
}

/// `credentialOnFile.type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialOnFileType {
    /// `{"recurring": {…}}`.
    Recurring(Recurring),
    /// `{"unscheduled": "CIT" | "MIT"}`.
    Unscheduled(Initiator),
}

/// A `credentialOnFile` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialOnFile {
    /// Recurring or unscheduled.
    pub kind: CredentialOnFileType,
    /// The first payment of the series.
    pub initial_payment: bool,
}

crate::record! {
    /// `credentialOnFile` as sent, before checking.
    pub struct CredentialOnFileFields {
        /// `type`.
        kind: Obj<TypeFields> = ["type"],
        /// `initialPayment`.
        initial_payment: Scalar = ["initialPayment"],
    }
}

crate::record! {
    /// `credentialOnFile.type` as sent.
    pub struct TypeFields {
        /// `recurring`.
        recurring: Obj<RecurringFields> = ["recurring"],
        /// `unscheduled`.
        unscheduled: Scalar = ["unscheduled"],
    }
}

crate::record! {
    /// `credentialOnFile.type.recurring` as sent.
    pub struct RecurringFields {
        /// `recurringFrequency`.
        frequency: Scalar = ["recurringFrequency"],
        /// `recurringStartDate`.
        start_date: Scalar = ["recurringStartDate"],
        /// `recurringExpiryDate`.
        expiry_date: Scalar = ["recurringExpiryDate"],
    }
}

impl CredentialOnFile {
    /// Reads `credentialOnFile` JSON text.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        const S: Subject = Subject::CredentialOnFile;
        let f: CredentialOnFileFields = json::parse_object(text, S)?;
        let kind = f.kind.get(S, "type")?.ok_or(Error::missing(S, "type"))?;
        let kind = if let Some(r) = kind.recurring.get(S, "recurring")? {
            CredentialOnFileType::Recurring(Recurring {
                recurring_frequency: r
                    .frequency
                    .integer(S, "recurringFrequency")?
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or(Error::missing(S, "recurringFrequency"))?,
                recurring_start_date: r.start_date.required(S, "recurringStartDate")?,
                recurring_expiry_date: r.expiry_date.required(S, "recurringExpiryDate")?,
            })
        } else {
            match kind.unscheduled.required_str(S, "unscheduled")? {
                "CIT" => CredentialOnFileType::Unscheduled(Initiator::Cit),
                "MIT" => CredentialOnFileType::Unscheduled(Initiator::Mit),
                _ => return Err(Error::format(S, "unscheduled", "CIT or MIT")),
            }
        };
        let initial_payment = f
            .initial_payment
            .boolean(S, "initialPayment")?
            .ok_or(Error::missing(S, "initialPayment"))?;
        Ok(CredentialOnFile {
            kind,
            initial_payment,
        })
    }
}

/// Computop flags credential-on-file itself for prefill payments: sending `credentialOnFile`
/// with a pseudo card number from prefill is refused.
pub fn check_prefill_payment(
    paying_with_prefill: bool,
    has_credential_on_file: bool,
) -> Result<(), Error> {
    if paying_with_prefill && has_credential_on_file {
        Err(Error::CredentialOnFileWithPrefill)
    } else {
        Ok(())
    }
}
