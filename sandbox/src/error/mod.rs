//! The one error type of the sandbox and how each kind is answered over HTTP.

mod code;
pub mod codes;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::{json, Map, Value};

pub use code::ErrorCode;

/// Everything that can go wrong while answering a request.
#[derive(Debug)]
pub enum AppError {
    /// A Paygate error, answered as plain `Status=FAILED&Code=…&Description=…` (the Paygate's
    /// handlers answer it encrypted instead once the merchant's keys are known).
    Paygate {
        /// 8-digit Paygate code.
        code: &'static str,
        /// Human description (no card data).
        description: String,
    },
    /// A JSON error `{"error":{"code":…,"message":…}}`, with any `details` beside them.
    Api {
        /// HTTP status.
        status: StatusCode,
        /// Stable machine-readable code.
        code: ErrorCode,
        /// Human message.
        message: String,
        /// More fields of the `error` object (easyCredit's `paygateCode` and `problems`).
        details: Map<String, Value>,
    },
    /// A plain text error of a page (`text/plain`).
    Text {
        /// HTTP status.
        status: StatusCode,
        /// The body.
        message: &'static str,
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

    /// A JSON error.
    pub fn api(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError::Api {
            status,
            code,
            message: message.into(),
            details: Map::new(),
        }
    }

    /// 400 with a code.
    pub fn bad_request(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError::api(StatusCode::BAD_REQUEST, code, message)
    }

    /// 404 `not_found`.
    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError::api(StatusCode::NOT_FOUND, ErrorCode::NotFound, message)
    }

    /// 502 `paygate_unreachable`: the Paygate could not be reached or answered nonsense.
    pub fn upstream(message: impl Into<String>) -> AppError {
        AppError::api(
            StatusCode::BAD_GATEWAY,
            ErrorCode::PaygateUnreachable,
            message,
        )
    }

    /// A plain text error of a page.
    pub fn text(status: StatusCode, message: &'static str) -> AppError {
        AppError::Text { status, message }
    }

    /// Adds the fields of the object `details` to a JSON error's `error` object.
    pub fn with_details(mut self, details: Value) -> AppError {
        if let (AppError::Api { details: d, .. }, Value::Object(more)) = (&mut self, details) {
            d.extend(more);
        }
        self
    }

    /// The HTTP status and JSON body of a JSON error (`None` for the others).
    pub fn api_parts(&self) -> Option<(StatusCode, Value)> {
        match self {
            AppError::Api {
                status,
                code,
                message,
                details,
            } => Some((*status, json_body(*code, message, details))),
            _ => None,
        }
    }
}

/// `{"error":{"code":…,"message":…, …details}}`.
fn json_body(code: ErrorCode, message: &str, details: &Map<String, Value>) -> Value {
    let mut error = Map::new();
    error.insert("code".into(), json!(code.as_str()));
    error.insert("message".into(), json!(message));
    error.extend(details.clone());
    json!({ "error": error })
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::Paygate { code, description } => write!(f, "{code} {description}"),
            AppError::Api {
                status,
                code,
                message,
                ..
            } => write!(f, "{status} {code} {message}"),
            AppError::Text { status, message } => write!(f, "{status} {message}"),
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
                details,
            } => {
                let mut r = (status, Json(json_body(code, &message, &details))).into_response();
                if code == ErrorCode::Unauthorized {
                    r.headers_mut().insert(
                        header::WWW_AUTHENTICATE,
                        HeaderValue::from_static("Basic realm=\"paygate\""),
                    );
                }
                r
            }
            AppError::Text { status, message } => (status, message).into_response(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_carry_code_message_and_details() {
        let e = AppError::bad_request(ErrorCode::EasyCreditRefused, "refused")
            .with_details(json!({"paygateCode": "21100001", "problems": []}));
        let (status, body) = e.api_parts().unwrap();
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(
            body,
            json!({"error": {"code": "easycredit_refused", "message": "refused",
                             "paygateCode": "21100001", "problems": []}})
        );
        assert!(AppError::pg(codes::MAC, "MAC invalid")
            .api_parts()
            .is_none());
    }

    #[test]
    fn unauthorized_asks_for_basic_credentials() {
        let r =
            AppError::api(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, "x").into_response();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(
            r.headers()[header::WWW_AUTHENTICATE],
            "Basic realm=\"paygate\""
        );
    }
}
