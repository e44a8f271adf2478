//! The one error type of the protocol core, and the stable codes the JavaScript API reports.

use core::fmt;

/// Which message or input a [`Error::Malformed`] refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// `versioningData` returned by the Paygate.
    VersioningData,
    /// `threeDSMethodDataForm`, the base64 JSON posted to the method URL.
    MethodData,
    /// The browser challenge response posted by the Paygate.
    ChallengeResponse,
    /// The CReq inside `base64EncodedChallengeRequest`.
    ChallengeRequest,
    /// The 3-D Secure 1.0 data (`threeDSLegacy`).
    Legacy,
    /// The browser payment response `{MID, Len, Data}`.
    PaymentResponse,
    /// Customer vault data in any of its shapes.
    Vault,
    /// The `card` JSON.
    Card,
    /// A `credentialOnFile` object.
    CredentialOnFile,
}

impl Subject {
    /// Stable name of the subject, as used in error messages.
    pub const fn name(self) -> &'static str {
        match self {
            Subject::VersioningData => "versioningData",
            Subject::MethodData => "threeDSMethodData",
            Subject::ChallengeResponse => "browser challenge response",
            Subject::ChallengeRequest => "challenge request (CReq)",
            Subject::Legacy => "threeDSLegacy",
            Subject::PaymentResponse => "browser payment response",
            Subject::Vault => "vault data",
            Subject::Card => "card",
            Subject::CredentialOnFile => "credentialOnFile",
        }
    }
}

/// What is wrong with a malformed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not JSON, or JSON of the wrong structure; carries the parser's words.
    Json(String),
    /// A required field is absent, null or empty.
    MissingField(&'static str),
    /// A field is not standard or URL-safe base64 of UTF-8 text.
    Base64(&'static str),
    /// A field has the wrong format; `expected` says what was expected.
    Format {
        /// The field, in the documents' spelling.
        field: &'static str,
        /// What the documents allow.
        expected: &'static str,
    },
    /// A field is longer than the documents allow.
    TooLong(&'static str),
}

/// Why a URL may not become a form action or a frame source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlRefusal {
    /// Not an absolute URL.
    NotAbsolute,
    /// A scheme other than `https:`, or `http:` to a loopback host.
    Scheme,
    /// `http:` to a host that is not loopback.
    PlainHttp,
    /// White space, control characters or user info in the URL.
    Suspicious,
    /// No host, or a host that is not a host name.
    Host,
}

/// What is wrong with card data entered by a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardProblem {
    /// The card number contains something other than digits and spaces.
    NumberNotDigits,
    /// The card number has a length no brand uses.
    NumberLength,
    /// The card number fails the Luhn check.
    Luhn,
    /// No known brand starts with these digits.
    UnknownBrand,
    /// The brand is not among the merchant's `PayTypes`.
    BrandNotAccepted,
    /// The security code has the wrong length for the brand.
    SecurityCodeLength,
    /// The expiry date is not `YYYYMM`.
    ExpiryFormat,
    /// The card expired before the current month.
    Expired,
    /// The holder's name is shorter than 2 or longer than 45 characters.
    HolderLength,
    /// The holder's name has digits or special characters.
    HolderCharacters,
    /// A stored card that is expired or inactive.
    NotSelectable,
}

impl CardProblem {
    /// Stable code of the problem, for forms and tests.
    pub const fn code(self) -> &'static str {
        match self {
            CardProblem::NumberNotDigits => "number_not_digits",
            CardProblem::NumberLength => "number_length",
            CardProblem::Luhn => "luhn",
            CardProblem::UnknownBrand => "unknown_brand",
            CardProblem::BrandNotAccepted => "brand_not_accepted",
            CardProblem::SecurityCodeLength => "security_code_length",
            CardProblem::ExpiryFormat => "expiry_format",
            CardProblem::Expired => "expired",
            CardProblem::HolderLength => "holder_length",
            CardProblem::HolderCharacters => "holder_characters",
            CardProblem::NotSelectable => "not_selectable",
        }
    }

    /// The form field the problem belongs to.
    pub const fn field(self) -> &'static str {
        match self {
            CardProblem::NumberNotDigits
            | CardProblem::NumberLength
            | CardProblem::Luhn
            | CardProblem::UnknownBrand
            | CardProblem::BrandNotAccepted
            | CardProblem::NotSelectable => "number",
            CardProblem::SecurityCodeLength => "securityCode",
            CardProblem::ExpiryFormat | CardProblem::Expired => "expiryDate",
            CardProblem::HolderLength | CardProblem::HolderCharacters => "cardholderName",
        }
    }
}

/// Everything the protocol core refuses. Never a panic on input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A message or input that does not have the documented shape.
    Malformed {
        /// Which message.
        subject: Subject,
        /// What is wrong with it.
        problem: Problem,
    },
    /// A URL refused by the URL policy.
    InsecureUrl {
        /// The field that held the URL.
        field: &'static str,
        /// Why it was refused.
        reason: UrlRefusal,
    },
    /// Card data a customer entered that cannot be paid with.
    InvalidCard(CardProblem),
    /// A challenge window size that is not one of `01`–`05` (or `auto` where allowed).
    WindowSize,
    /// `credentialOnFile` sent together with a pseudo card number from prefill.
    CredentialOnFileWithPrefill,
}

impl Error {
    pub(crate) fn malformed(subject: Subject, problem: Problem) -> Self {
        Error::Malformed { subject, problem }
    }

    pub(crate) fn missing(subject: Subject, field: &'static str) -> Self {
        Error::malformed(subject, Problem::MissingField(field))
    }

    pub(crate) fn format(subject: Subject, field: &'static str, expected: &'static str) -> Self {
        Error::malformed(subject, Problem::Format { field, expected })
    }

    /// A finer stable code: what exactly is wrong (`json`, `base64`, `luhn`, `scheme`, …).
    pub fn detail(&self) -> &'static str {
        match self {
            Error::Malformed { problem, .. } => match problem {
                Problem::Json(_) => "json",
                Problem::MissingField(_) => "missing_field",
                Problem::Base64(_) => "base64",
                Problem::Format { .. } => "format",
                Problem::TooLong(_) => "too_long",
            },
            Error::InsecureUrl { reason, .. } => match reason {
                UrlRefusal::NotAbsolute => "not_absolute",
                UrlRefusal::Scheme => "scheme",
                UrlRefusal::PlainHttp => "plain_http",
                UrlRefusal::Suspicious => "suspicious",
                UrlRefusal::Host => "host",
            },
            Error::InvalidCard(p) => p.code(),
            Error::WindowSize => "window_size",
            Error::CredentialOnFileWithPrefill => "credential_on_file_with_prefill",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Malformed { subject, problem } => {
                let s = subject.name();
                match problem {
                    Problem::Json(why) => {
                        write!(f, "{s}: not valid JSON of the documented shape: {why}")
                    }
                    Problem::MissingField(k) => write!(f, "{s}: `{k}` is missing or empty"),
                    Problem::Base64(k) => write!(f, "{s}: `{k}` is not base64 of UTF-8 text"),
                    Problem::Format { field, expected } => {
                        write!(f, "{s}: `{field}` is not {expected}")
                    }
                    Problem::TooLong(k) => write!(f, "{s}: `{k}` is too long"),
                }
            }
            Error::InsecureUrl { field, reason } => {
                let why = match reason {
                    UrlRefusal::NotAbsolute => "is not an absolute URL",
                    UrlRefusal::Scheme => "has a scheme other than https",
                    UrlRefusal::PlainHttp => "uses plain http to a host that is not loopback",
                    UrlRefusal::Suspicious => {
                        "contains white space, control characters or user info"
                    }
                    UrlRefusal::Host => "has no valid host",
                };
                write!(f, "`{field}` {why}")
            }
            Error::InvalidCard(p) => write!(f, "card refused: {}", p.code()),
            Error::WindowSize => f.write_str("challenge window size must be 01-05 or auto"),
            Error::CredentialOnFileWithPrefill => {
                f.write_str("credentialOnFile must not be sent with a prefilled pseudo card number")
            }
        }
    }
}

impl std::error::Error for Error {}
