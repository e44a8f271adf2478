//! `PaygateError`: the one error the JavaScript API rejects with, with a stable `code` and `kind`.

use wasm_bindgen::prelude::*;

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
        PaygateError {
            code,
            detail: String::new(),
            message: message.into(),
        }
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

    /// An instance of the package's exported `PaygateError` class (an `Error` with `code`,
    /// `kind` and `detail`), so `err instanceof PaygateError` holds in JavaScript.
    pub fn to_js(&self) -> JsValue {
        JsPaygateError::new(
            self.code.as_str(),
            self.kind().as_str(),
            &self.message,
            &self.detail,
        )
        .into()
    }
}

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// `js/error.js`'s `PaygateError`, the class the package entry exports.
    #[wasm_bindgen(js_name = PaygateError)]
    type JsPaygateError;

    #[wasm_bindgen(constructor, js_class = "PaygateError")]
    fn new(code: &str, kind: &str, message: &str, detail: &str) -> JsPaygateError;
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
