//! How the Paygate's browser documents post their message to the parent window: as JSON text
//! (the sandbox's default) or as base64 of the JSON text, as the real Paygate's integrations read
//! it (`JSON.parse(atob(event.data))`). Chosen with `--message-encoding` and switched at run time
//! with `POST {paygate}/__sandbox/message-encoding` `{"encoding":"base64"}` (for tests).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::error::{AppError, ErrorCode};
use crate::state::Shared;

/// The encoding of a posted browser response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageEncoding {
    /// `postMessage(JSON.stringify(obj))`.
    Json,
    /// `postMessage(btoa(JSON.stringify(obj)))`, with a top-level `challengeWindowSize` in the
    /// challenge message as the real Paygate sends it.
    Base64,
}

impl MessageEncoding {
    /// Reads `json` or `base64`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "json" => Some(MessageEncoding::Json),
            "base64" => Some(MessageEncoding::Base64),
            _ => None,
        }
    }

    /// `json` or `base64`.
    pub const fn as_str(self) -> &'static str {
        match self {
            MessageEncoding::Json => "json",
            MessageEncoding::Base64 => "base64",
        }
    }
}

/// The current encoding, shared by every clone of the configuration.
#[derive(Debug, Clone)]
pub struct EncodingSwitch(Arc<AtomicBool>);

impl EncodingSwitch {
    /// A switch set to `encoding`.
    pub fn new(encoding: MessageEncoding) -> Self {
        EncodingSwitch(Arc::new(AtomicBool::new(
            encoding == MessageEncoding::Base64,
        )))
    }

    /// The encoding now.
    pub fn get(&self) -> MessageEncoding {
        if self.0.load(Ordering::Relaxed) {
            MessageEncoding::Base64
        } else {
            MessageEncoding::Json
        }
    }

    /// Switches to `encoding`.
    pub fn set(&self, encoding: MessageEncoding) {
        self.0
            .store(encoding == MessageEncoding::Base64, Ordering::Relaxed);
    }
}

impl Default for EncodingSwitch {
    fn default() -> Self {
        EncodingSwitch::new(MessageEncoding::Json)
    }
}

/// `POST /__sandbox/message-encoding` with `{"encoding":"json"|"base64"}`: answers the encoding
/// now in force; `400` for anything else.
pub async fn switch(State(app): State<Shared>, body: Option<Json<Value>>) -> Response {
    let wanted = body
        .as_ref()
        .and_then(|Json(v)| v.get("encoding"))
        .and_then(Value::as_str)
        .and_then(MessageEncoding::parse);
    match wanted {
        Some(encoding) => {
            app.cfg.message_encoding.set(encoding);
            Json(json!({"encoding": encoding.as_str()})).into_response()
        }
        None => AppError::bad_request(
            ErrorCode::InvalidEncoding,
            "encoding must be \"json\" or \"base64\"",
        )
        .into_response(),
    }
}
