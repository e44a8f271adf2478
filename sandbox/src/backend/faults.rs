//! Sandbox-only fault injection on the shop origin: `POST /__sandbox/faults` arms a fault for the
//! next `POST /paygate/payments` (see README "Fault injection"). Not part of a merchant backend.

use std::sync::Mutex;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::error::{AppError, ErrorCode};
use crate::state::{lock, Shared};

/// The fault armed for the next payment-creating request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Process the request, then answer 503 with no body (the answer is "lost").
    DropAnswer,
    /// Answer this status without processing anything.
    FailWith(StatusCode),
}

/// The armed faults, taken one per request.
#[derive(Debug, Default)]
pub struct Faults {
    queue: Mutex<Vec<Fault>>,
}

impl Faults {
    /// Arms a fault (after those already armed).
    pub fn arm(&self, f: Fault) {
        lock(&self.queue).push(f);
    }

    /// Takes the next armed fault.
    pub fn take(&self) -> Option<Fault> {
        let mut q = lock(&self.queue);
        (!q.is_empty()).then(|| q.remove(0))
    }
}

/// `POST /__sandbox/faults` with `{"dropNextPaymentAnswer": true}` or `{"failNextPaymentWith": 502}`.
pub async fn arm(State(app): State<Shared>, body: Bytes) -> Response {
    let bad =
        |m: &str| AppError::bad_request(ErrorCode::InvalidFault, m.to_string()).into_response();
    let Ok(Value::Object(v)) = serde_json::from_slice::<Value>(&body) else {
        return bad("body must be a JSON object");
    };
    let mut armed = Vec::new();
    for (k, val) in &v {
        match (k.as_str(), val) {
            ("dropNextPaymentAnswer", Value::Bool(true)) => armed.push(Fault::DropAnswer),
            ("dropNextPaymentAnswer", Value::Bool(false)) => {}
            ("failNextPaymentWith", n) => match n
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())
                .and_then(|n| StatusCode::from_u16(n).ok())
            {
                Some(s) if s.is_client_error() || s.is_server_error() => {
                    armed.push(Fault::FailWith(s))
                }
                _ => return bad("failNextPaymentWith must be a 4xx or 5xx status"),
            },
            _ => {
                return bad(
                    "known faults: dropNextPaymentAnswer (true), failNextPaymentWith (status)",
                )
            }
        }
    }
    for f in &armed {
        app.backend.faults.arm(*f);
    }
    (StatusCode::OK, Json(json!({"armed": armed.len()}))).into_response()
}
