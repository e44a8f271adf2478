//! The one error type of the sandbox and how each kind is answered over HTTP.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use paygate_wasm::protocol::kv::KeyValues;

/// Paygate codes used by the sandbox (first digit = severity, see README).
pub mod codes {
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
}

/// Everything that can go wrong while answering a request.
#[derive(Debug)]
pub enum AppError {
    /// A Paygate error answered as plain `Code=…&Description=…&Status=FAILED`.
    Paygate {
        /// 8-digit Paygate code.
        code: &'static str,
        /// Human description (no card data).
        description: String,
    },
    /// A JSON API error `{error:{code,message}}`.
    Api {
        /// HTTP status.
        status: StatusCode,
        /// Stable machine-readable code.
        code: &'static str,
        /// Human message.
        message: String,
    },
}

impl AppError {
    /// A Paygate error with a code and description.
    pub fn pg(code: &'static str, description: impl Into<String>) -> AppError {
        AppError::Paygate {
            code,
            description: description.into(),
        }
    }

    /// A JSON API error.
    pub fn api(status: StatusCode, code: &'static str, message: impl Into<String>) -> AppError {
        AppError::Api {
            status,
            code,
            message: message.into(),
        }
    }

    /// 400 with a code.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::api(StatusCode::BAD_REQUEST, code, message)
    }

    /// 404 `not_found`.
    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError::api(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 502 when the Paygate could not be reached or answered nonsense.
    pub fn upstream(message: impl Into<String>) -> AppError {
        AppError::api(StatusCode::BAD_GATEWAY, "paygate_unreachable", message)
    }
}

impl AppError {
    /// The HTTP status and JSON body of an API error (`None` for a Paygate error).
    pub fn api_parts(&self) -> Option<(StatusCode, serde_json::Value)> {
        match self {
            AppError::Api {
                status,
                code,
                message,
            } => Some((
                *status,
                serde_json::json!({"error": {"code": code, "message": message}}),
            )),
            AppError::Paygate { .. } => None,
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::Paygate { code, description } => write!(f, "{code} {description}"),
            AppError::Api {
                status,
                code,
                message,
            } => write!(f, "{status} {code} {message}"),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Paygate { code, description } => {
                let mut kv = KeyValues::new();
                kv.push("Status", "FAILED")
                    .push("Code", code)
                    .push("Description", description);
                (
                    [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                    kv.encode(),
                )
                    .into_response()
            }
            AppError::Api {
                status,
                code,
                message,
            } => (
                status,
                axum::Json(serde_json::json!({"error": {"code": code, "message": message}})),
            )
                .into_response(),
        }
    }
}
