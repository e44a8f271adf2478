//! `PaygateError`: the one error the JavaScript API rejects with, with a stable `code` and `kind`.

mod message;

pub use message::Message;

use wasm_bindgen::prelude::*;

use crate::protocol;

use crate::protocol::{Error, Subject};

/// An error of the library: a code, a finer `detail`, and which English message for logs
/// `js/error.js` builds, with its arguments. Messages never contain card numbers or security
/// codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaygateError {
    /// The stable code.
    pub code: ErrorCode,
    /// A finer stable code (`luhn`, `base64`, `scheme`, the backend's code …), or empty.
    pub detail: String,
    /// The HTTP status of a refusal without a code of the backend's own: JavaScript's `detail`.
    pub status: Option<u16>,
    /// What happened, for the developer's console.
    pub message: Message,
    /// The variable parts of the message, in its order.
    pub args: Vec<String>,
}

impl PaygateError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: Message) -> Self {
        PaygateError {
            code,
            detail: String::new(),
            status: None,
            message,
            args: Vec::new(),
        }
    }

    /// The same error with a finer detail code.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    /// The same error with the next argument of its message.
    pub fn with_arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// The same error with the HTTP status that stands for its detail.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Who has to act on it.
    pub fn kind(&self) -> ErrorKind {
        self.code.kind()
    }

    /// An instance of the package's exported `PaygateError` class (an `Error` with `code`,
    /// `kind` and `detail`, its message from `js/error.js`), so `err instanceof PaygateError`
    /// holds in JavaScript.
    pub fn to_js(&self) -> JsValue {
        let arg = |i: usize| self.args.get(i).map_or("", String::as_str);
        paygate_error(
            self.code.as_str(),
            self.kind().as_str(),
            &self.detail,
            self.status,
            self.message as u8,
            arg(0),
            arg(1),
            arg(2),
        )
    }
}

/// The English text of `message` with its arguments, as a JavaScript string.
pub fn message_text(message: Message, args: [&str; 3]) -> JsValue {
    js_message_text(message as u8, args[0], args[1], args[2])
}

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// `js/error.js`'s `paygateError`: the `PaygateError` with its message filled in.
    #[wasm_bindgen(js_name = paygateError)]
    #[allow(clippy::too_many_arguments)]
    fn paygate_error(
        code: &str,
        kind: &str,
        detail: &str,
        status: Option<u16>,
        message: u8,
        a: &str,
        b: &str,
        c: &str,
    ) -> JsValue;

    /// `js/error.js`'s `messageText`.
    #[wasm_bindgen(js_name = messageText)]
    fn js_message_text(message: u8, a: &str, b: &str, c: &str) -> JsValue;
}

impl From<protocol::Error> for PaygateError {
    fn from(e: protocol::Error) -> Self {
        let (message, args) = e.message();
        let mut error = PaygateError::new(e.error_code(), message).with_detail(e.detail());
        error.args = args.iter().map(|a| String::from(*a)).collect();
        error
    }
}

impl From<PaygateError> for JsValue {
    fn from(e: PaygateError) -> Self {
        e.to_js()
    }
}

/// Who has to act on an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The integration is wrong (options, backend answers, Paygate configuration).
    Merchant,
    /// The customer can fix it (card data) or chose it (cancel).
    Customer,
    /// The network or the merchant backend could not be reached.
    Network,
    /// The issuer's side (ACS) did not complete.
    Issuer,
}

impl ErrorKind {
    /// The stable name: `merchant`, `customer`, `network`, `issuer`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Merchant => "merchant",
            ErrorKind::Customer => "customer",
            ErrorKind::Network => "network",
            ErrorKind::Issuer => "issuer",
        }
    }
}

/// The stable error codes of the JavaScript API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// Card data that cannot be paid with.
    InvalidCard,
    /// A URL refused by the URL policy.
    InsecureUrl,
    /// A Paygate message that does not have the documented shape.
    InvalidPaygateMessage,
    /// Vault data that does not have a documented shape.
    InvalidVaultData,
    /// Options or arguments a merchant passed that cannot work.
    InvalidOptions,
    /// The ACS did not finish the challenge in time.
    ChallengeTimeout,
    /// The customer (or the shop, through `cancel()`) cancelled the challenge.
    ChallengeCancelled,
    /// The merchant backend could not be reached or answered garbage.
    BackendUnreachable,
    /// The merchant backend refused the request.
    BackendRejected,
    /// A payment is already running.
    Busy,
    /// The `AbortSignal` fired.
    Aborted,
    /// The component was destroyed.
    Destroyed,
    /// The page's Content-Security-Policy blocked a frame or form post of the payment.
    CspBlocked,
}

impl ErrorCode {
    /// Every code, for tables and the check that the TypeScript types list them all.
    pub const ALL: [ErrorCode; 13] = [
        ErrorCode::InvalidCard,
        ErrorCode::InsecureUrl,
        ErrorCode::InvalidPaygateMessage,
        ErrorCode::InvalidVaultData,
        ErrorCode::InvalidOptions,
        ErrorCode::ChallengeTimeout,
        ErrorCode::ChallengeCancelled,
        ErrorCode::BackendUnreachable,
        ErrorCode::BackendRejected,
        ErrorCode::Busy,
        ErrorCode::Aborted,
        ErrorCode::Destroyed,
        ErrorCode::CspBlocked,
    ];

    /// The stable string code.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidCard => "invalid_card",
            ErrorCode::InsecureUrl => "insecure_url",
            ErrorCode::InvalidPaygateMessage => "invalid_paygate_message",
            ErrorCode::InvalidVaultData => "invalid_vault_data",
            ErrorCode::InvalidOptions => "invalid_options",
            ErrorCode::ChallengeTimeout => "challenge_timeout",
            ErrorCode::ChallengeCancelled => "challenge_cancelled",
            ErrorCode::BackendUnreachable => "backend_unreachable",
            ErrorCode::BackendRejected => "backend_rejected",
            ErrorCode::Busy => "busy",
            ErrorCode::Aborted => "aborted",
            ErrorCode::Destroyed => "destroyed",
            ErrorCode::CspBlocked => "csp_blocked",
        }
    }

    /// Who has to act on it.
    pub const fn kind(self) -> ErrorKind {
        match self {
            ErrorCode::InvalidCard | ErrorCode::ChallengeCancelled => ErrorKind::Customer,
            ErrorCode::BackendUnreachable => ErrorKind::Network,
            ErrorCode::ChallengeTimeout => ErrorKind::Issuer,
            ErrorCode::InsecureUrl
            | ErrorCode::InvalidPaygateMessage
            | ErrorCode::InvalidVaultData
            | ErrorCode::InvalidOptions
            | ErrorCode::BackendRejected
            | ErrorCode::Busy
            | ErrorCode::Aborted
            | ErrorCode::Destroyed
            | ErrorCode::CspBlocked => ErrorKind::Merchant,
        }
    }
}

/// How the JavaScript API reports what the protocol core refused.
impl protocol::Error {
    /// The public error code, as the JavaScript API reports it.
    pub const fn error_code(&self) -> ErrorCode {
        match self {
            Error::Malformed {
                subject: Subject::Vault,
                ..
            } => ErrorCode::InvalidVaultData,
            Error::Malformed {
                subject: Subject::Card,
                ..
            }
            | Error::InvalidCard(_) => ErrorCode::InvalidCard,
            Error::Malformed {
                subject: Subject::CredentialOnFile,
                ..
            }
            | Error::CredentialOnFileWithPrefill
            | Error::WindowSize => ErrorCode::InvalidOptions,
            Error::Malformed { .. } => ErrorCode::InvalidPaygateMessage,
            Error::InsecureUrl { .. } => ErrorCode::InsecureUrl,
        }
    }

    /// The public error code as a string (`invalid_paygate_message`, `insecure_url`, …).
    pub const fn code(&self) -> &'static str {
        self.error_code().as_str()
    }
}
