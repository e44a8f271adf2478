//! `PaygateError`: the one error the JavaScript API rejects with, with a stable `code` and `kind`.

use wasm_bindgen::JsValue;

use crate::protocol;

pub use crate::protocol::error::{ErrorCode, ErrorKind};

/// An error of the library: a code, a finer `detail`, and an English message for logs.
/// Messages never contain card numbers or security codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaygateError {
    /// The stable code.
    pub code: ErrorCode,
    /// A finer stable code (`luhn`, `base64`, `scheme`, HTTP status …), or empty.
    pub detail: String,
    /// What happened, in English, for the developer's console.
    pub message: String,
}

impl PaygateError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        PaygateError { code, detail: String::new(), message: message.into() }
    }

    /// The same error with a finer detail code.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    /// Who has to act on it.
    pub fn kind(&self) -> ErrorKind {
        self.code.kind()
    }

    /// A JavaScript `Error` named `PaygateError` with `code`, `kind` and `detail` properties.
    pub fn to_js(&self) -> JsValue {
        let error = js_sys::Error::new(&self.message);
        error.set_name("PaygateError");
        let set = |key: &str, value: &str| {
            let _ = js_sys::Reflect::set(&error, &JsValue::from_str(key), &JsValue::from_str(value));
        };
        set("code", self.code.as_str());
        set("kind", self.kind().as_str());
        set("detail", &self.detail);
        error.into()
    }
}

impl From<protocol::Error> for PaygateError {
    fn from(e: protocol::Error) -> Self {
        PaygateError::new(e.error_code(), e.to_string()).with_detail(e.detail())
    }
}

impl From<PaygateError> for JsValue {
    fn from(e: PaygateError) -> Self {
        e.to_js()
    }
}
