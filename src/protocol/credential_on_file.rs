//! `credentialOnFile`, and the rule that it never travels with a prefilled pseudo card number.

use serde::Deserialize;

use super::codec::from_json;
use super::error::{Error, Subject};

/// Who initiates an unscheduled credential-on-file payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Initiator {
    /// Customer initiated.
    #[serde(rename = "CIT")]
    Cit,
    /// Merchant initiated.
    #[serde(rename = "MIT")]
    Mit,
}

/// A recurring schedule.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recurring {
    /// Days between payments.
    pub recurring_frequency: u32,
    /// `YYYY-MM-DD`.
    pub recurring_start_date: String,
    /// `YYYY-MM-DD`.
    pub recurring_expiry_date: String,
}

/// `credentialOnFile.type`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CredentialOnFileType {
    /// `{"recurring": {…}}`.
    Recurring(Recurring),
    /// `{"unscheduled": "CIT" | "MIT"}`.
    Unscheduled(Initiator),
}

/// A `credentialOnFile` object.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialOnFile {
    /// Recurring or unscheduled.
    #[serde(rename = "type")]
    pub kind: CredentialOnFileType,
    /// The first payment of the series.
    pub initial_payment: bool,
}

impl CredentialOnFile {
    /// Reads `credentialOnFile` JSON text.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        from_json(text, Subject::CredentialOnFile)
    }
}

/// Computop flags credential-on-file itself for prefill payments: sending `credentialOnFile`
/// with a pseudo card number from prefill is refused.
pub fn check_prefill_payment(paying_with_prefill: bool, has_credential_on_file: bool) -> Result<(), Error> {
    if paying_with_prefill && has_credential_on_file {
        Err(Error::CredentialOnFileWithPrefill)
    } else {
        Ok(())
    }
}
