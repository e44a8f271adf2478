//! Paygate codes used by the sandbox (first digit = severity, see README).

/// Success.
pub const OK: &str = "00000000";
/// 3-D Secure 2 intermediate step: method / authentication pending.
pub const AUTH_REQUEST: &str = "70000000";
/// 3-D Secure 2 intermediate step: a challenge is required.
pub const CHALLENGE: &str = "70000001";
/// Format error in a parameter.
pub const FORMAT: &str = "21000001";
/// MAC missing or wrong.
pub const MAC: &str = "21000002";
/// Unknown MerchantID.
pub const MERCHANT: &str = "21000003";
/// `Len` invalid.
pub const LEN: &str = "21000004";
/// `Data` not hex or not decryptable.
pub const DATA: &str = "21000005";
/// Mandatory parameter missing.
pub const MISSING: &str = "21000006";
/// Parameter or body too large.
pub const TOO_LARGE: &str = "21000007";
/// `card` is not base64 JSON of the documented shape.
pub const CARD_FORMAT: &str = "21000008";
/// Card number invalid (Luhn/length).
pub const CARD_NUMBER: &str = "21000009";
/// Card expired or expiry malformed.
pub const CARD_EXPIRY: &str = "21000010";
/// Security code length wrong for the brand.
pub const CARD_CVC: &str = "21000011";
/// Unknown pseudo card number.
pub const PSEUDO: &str = "21000012";
/// Unknown transaction (3DS callbacks).
pub const UNKNOWN_TX: &str = "21000013";
/// Cardholder authentication failed.
pub const AUTH_FAILED: &str = "22000001";
/// Cardholder cancelled the challenge.
pub const AUTH_CANCELLED: &str = "22000002";
/// 3-D Secure timeout: the challenge was not completed in time (not final for `ReqID`).
pub const TDS_TIMEOUT: &str = "22000003";
/// Declined by the issuer at authorisation.
pub const DECLINED: &str = "25000001";
/// Unknown customer (Customer Data Storage).
pub const UNKNOWN_CUSTOMER: &str = "23341536";
