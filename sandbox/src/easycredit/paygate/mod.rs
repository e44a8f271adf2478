//! The Paygate's easyCredit endpoints (v3) and their transactions. `easyCredit.aspx`
//! (`EventToken=INT`, [`init`]) enforces the v3 order rules with the protocol core's own check
//! and answers every problem at once; `easyCreditDirect.aspx` ([`direct`]) answers `GET` with
//! `Financing` only and confirms with `CON`. `answer` makes what the shop gets back. The plan
//! page is in [`super::plan_page`], capture and credit in [`super::bookings`].

mod answer;
mod direct;
mod init;

use paygate_wasm::protocol::easycredit::ProblemCode;
use paygate_wasm::protocol::kv::KeyValues;

use super::plan::{Parties, Plan};
use crate::error::{codes, AppError};

pub(super) use answer::{failure, notify, outcome, sealed};
pub use direct::direct;
pub(super) use direct::{existing, refused};
pub use init::init;

/// easyCredit's codes in the sandbox (first digit = severity, as for cards).
pub mod ec_codes {
    /// A v3 name rule: the names of invoice address, delivery address and customer differ.
    pub const NAME_MISMATCH: &str = "21100001";
    /// The delivery address differs from the invoice address and is no packing station.
    pub const ADDRESS_MISMATCH: &str = "21100002";
    /// `Employment` is not one of the v3 English values.
    pub const EMPLOYMENT: &str = "21100003";
    /// `ArticleList` is not base64 of the documented JSON.
    pub const ARTICLE_LIST: &str = "21100004";
    /// `URLNotify` is not a complete https URL on port 443 without parameters.
    pub const URL_NOTIFY: &str = "21100005";
    /// `version` is not `v3`.
    pub const VERSION: &str = "21100006";
    /// easyCredit declined the hire purchase.
    pub const DECLINED: &str = "22100001";
    /// The operation does not fit the transaction's state (not decided, not approved, amount).
    pub const STATE: &str = "21100007";
}

/// The Paygate code of a problem of the v3 check.
pub fn code_of(code: ProblemCode) -> &'static str {
    match code {
        ProblemCode::Missing => codes::MISSING,
        ProblemCode::TooLong => codes::TOO_LARGE,
        ProblemCode::Invalid => codes::FORMAT,
        ProblemCode::NameMismatch => ec_codes::NAME_MISMATCH,
        ProblemCode::AddressMismatch => ec_codes::ADDRESS_MISMATCH,
        ProblemCode::EmploymentV2 | ProblemCode::EmploymentUnknown => ec_codes::EMPLOYMENT,
        ProblemCode::ArticleListNotBase64 | ProblemCode::ArticleListShape => ec_codes::ARTICLE_LIST,
        ProblemCode::UrlInvalid
        | ProblemCode::UrlNotHttps
        | ProblemCode::UrlPort
        | ProblemCode::UrlParameters => ec_codes::URL_NOTIFY,
        ProblemCode::Version => ec_codes::VERSION,
    }
}

/// What the customer decided on the plan page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Not yet on the plan page, or not yet decided.
    Pending,
    /// Approved with this plan.
    Approved(Plan),
    /// Declined.
    Declined,
}

/// One easyCredit transaction at the Paygate.
#[derive(Debug, Clone)]
pub struct Transaction {
    /// PayID.
    pub pay_id: String,
    /// The merchant's TransID.
    pub trans_id: String,
    /// `RefNr`.
    pub ref_nr: String,
    /// `XID`.
    pub xid: String,
    /// Amount in cents.
    pub amount: u64,
    /// Currency (EUR).
    pub currency: String,
    /// Where the browser goes after an approval / a decline.
    pub url_success: String,
    /// See `url_success`.
    pub url_failure: String,
    /// Where the Paygate notifies the shop.
    pub url_notify: String,
    /// Customer and addresses as easyCredit sees them.
    pub parties: Parties,
    /// The decision.
    pub decision: Decision,
    /// Whether the shop confirmed (`EventToken=CON`).
    pub confirmed: bool,
    /// Captured so far, in cents (counted when the capture's notification is sent).
    pub captured: u64,
    /// Credited so far, in cents.
    pub credited: u64,
}

/// `Amount` (positive cents, at most 10 digits) and `Currency` (EUR only) of a request.
pub(super) fn parse_amount(kv: &KeyValues) -> Result<(u64, &str), AppError> {
    let amount = kv
        .get_nonempty("Amount")
        .ok_or_else(|| AppError::pg(codes::MISSING, "Amount missing"))?;
    let cents = amount
        .parse::<u64>()
        .ok()
        .filter(|a| *a > 0 && amount.len() <= 10 && amount.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| AppError::pg(codes::FORMAT, "Amount must be a positive integer in cents"))?;
    let currency = kv
        .get_nonempty("Currency")
        .ok_or_else(|| AppError::pg(codes::MISSING, "Currency missing"))?;
    if currency != "EUR" {
        return Err(AppError::pg(codes::FORMAT, "easyCredit takes EUR only"));
    }
    Ok((cents, currency))
}
