//! `credentialOnFile`, and the rule that it never travels with a prefilled pseudo card number.

use super::error::{Error, Subject};
use super::json::{self, Fields};

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

impl CredentialOnFile {
    /// Reads `credentialOnFile` JSON text.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        const S: Subject = Subject::CredentialOnFile;
        let value = json::parse(text, S)?;
        let f = Fields::of(&value, S)?;
        let kind = f.object(&["type"])?.ok_or(Error::missing(S, "type"))?;
        let kind = if let Some(r) = kind.object(&["recurring"])? {
            CredentialOnFileType::Recurring(Recurring {
                recurring_frequency: r
                    .integer(&["recurringFrequency"])?
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or(Error::missing(S, "recurringFrequency"))?,
                recurring_start_date: r.required(&["recurringStartDate"])?,
                recurring_expiry_date: r.required(&["recurringExpiryDate"])?,
            })
        } else {
            match kind.required_str(&["unscheduled"])? {
                "CIT" => CredentialOnFileType::Unscheduled(Initiator::Cit),
                "MIT" => CredentialOnFileType::Unscheduled(Initiator::Mit),
                _ => return Err(Error::format(S, "unscheduled", "CIT or MIT")),
            }
        };
        let initial_payment = f
            .boolean(&["initialPayment"])?
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
