//! The stable codes of the JSON errors (`{"error":{"code":…,"message":…}}`), which the
//! JavaScript package and merchants' code read.

/// A JSON error's machine-readable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// The body is missing, too large, not JSON or not a JSON object, or lacks what the call needs.
    InvalidRequest,
    /// A vault or sandbox body is not JSON (or not a JSON object).
    InvalidJson,
    /// `payment` is missing or not an object.
    InvalidPayment,
    /// `payment.amount` is not a positive integer in minor units.
    InvalidAmount,
    /// `payment.currency` is not ISO 4217.
    InvalidCurrency,
    /// The card (or saved card's security code) does not pass the checks.
    InvalidCard,
    /// The saved card has expired.
    CardExpired,
    /// `browserInfo` is not an object or its window size is wrong.
    InvalidBrowserInfo,
    /// The `Idempotency-Key` header is not 1–32 ASCII letters and digits.
    InvalidIdempotencyKey,
    /// The `Idempotency-Key` was used for another payment.
    IdempotencyKeyReused,
    /// The first request with this `Idempotency-Key` is still being processed.
    PaymentInProgress,
    /// The browser's payment response does not belong to the payment or contradicts it.
    InvalidPaymentResponse,
    /// A URLNotify that cannot be read, is not the merchant's, or contradicts what is known.
    InvalidNotify,
    /// A vault webhook that cannot be read.
    InvalidWebhook,
    /// The easyCredit return (URLSuccess / URLFailure) cannot be decrypted or verified.
    InvalidReturn,
    /// The Paygate refused the easyCredit order (with `paygateCode` and `problems`).
    EasyCreditRefused,
    /// easyCredit has not decided yet.
    Pending,
    /// easyCredit did not approve the hire purchase.
    NotApproved,
    /// A `PATCH` of the vault names a field that cannot be changed.
    ReadOnly,
    /// A `PATCH` of the vault names a field the API does not know.
    UnknownField,
    /// A `PATCH` of the vault gives a field in the wrong format.
    InvalidField,
    /// The vault REST API needs HTTP Basic `MerchantID:password`.
    Unauthorized,
    /// The resource (session, payment, card, customer, order) does not exist for the caller.
    NotFound,
    /// A state-changing call that did not come from the shop's own pages (403).
    CrossSiteRequest,
    /// A body that is not sent as `application/json` (415).
    UnsupportedMediaType,
    /// The Paygate could not be reached or answered nonsense.
    PaygateUnreachable,
    /// The backend's database refused a read or write.
    StorageFailed,
    /// The backend's database cannot be reached right now (down, restarting, overloaded): 503,
    /// and the same request may succeed later.
    DatabaseUnavailable,
    /// Sandbox only: an unknown or malformed fault.
    InvalidFault,
    /// Sandbox only: the answer of an armed `failNextPaymentWith` fault.
    SandboxFault,
    /// Sandbox only: the demo customer of a vault seed is invalid.
    InvalidCustomer,
    /// Sandbox only: the cards of a vault seed are invalid.
    InvalidCards,
    /// Sandbox only: the message encoding is neither `json` nor `base64`.
    InvalidEncoding,
}

impl ErrorCode {
    /// The code as it travels.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidPayment => "invalid_payment",
            ErrorCode::InvalidAmount => "invalid_amount",
            ErrorCode::InvalidCurrency => "invalid_currency",
            ErrorCode::InvalidCard => "invalid_card",
            ErrorCode::CardExpired => "card_expired",
            ErrorCode::InvalidBrowserInfo => "invalid_browser_info",
            ErrorCode::InvalidIdempotencyKey => "invalid_idempotency_key",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::PaymentInProgress => "payment_in_progress",
            ErrorCode::InvalidPaymentResponse => "invalid_payment_response",
            ErrorCode::InvalidNotify => "invalid_notify",
            ErrorCode::InvalidWebhook => "invalid_webhook",
            ErrorCode::InvalidReturn => "invalid_return",
            ErrorCode::EasyCreditRefused => "easycredit_refused",
            ErrorCode::Pending => "pending",
            ErrorCode::NotApproved => "not_approved",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::UnknownField => "unknown_field",
            ErrorCode::InvalidField => "invalid_field",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::NotFound => "not_found",
            ErrorCode::CrossSiteRequest => "cross_site_request",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::PaygateUnreachable => "paygate_unreachable",
            ErrorCode::StorageFailed => "storage_failed",
            ErrorCode::DatabaseUnavailable => "database_unavailable",
            ErrorCode::InvalidFault => "invalid_fault",
            ErrorCode::SandboxFault => "sandbox_fault",
            ErrorCode::InvalidCustomer => "invalid_customer",
            ErrorCode::InvalidCards => "invalid_cards",
            ErrorCode::InvalidEncoding => "invalid_encoding",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
