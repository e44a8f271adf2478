//! Telling apart what the Paygate posts to the parent window.

use super::challenge::BrowserChallengeResponse;
use super::error::{Error, Subject};
use super::json::{self, Value};
use super::payment_response::BrowserPaymentResponse;

/// A message from a Paygate frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaygateMessage {
    /// Start the challenge.
    Challenge(BrowserChallengeResponse),
    /// Forward to the merchant backend.
    Payment(BrowserPaymentResponse),
    /// Not a Paygate browser response; ignored.
    Other,
}

impl PaygateMessage {
    /// Classifies message text. Text that is not a JSON object is [`PaygateMessage::Other`];
    /// an object with challenge or payment keys must be valid, or it is an error.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        if !text.trim_start().starts_with('{') {
            return Ok(PaygateMessage::Other);
        }
        Self::from_value(&json::parse(text, Subject::ChallengeResponse)?)
    }

    /// Classifies a message that arrived as a JavaScript object (or a JSON string).
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Result<Self, Error> {
        match value.as_string() {
            Some(text) => Self::from_json(&text),
            None => Self::from_value(&json::from_js(value)),
        }
    }

    /// Classifies an already parsed value.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        if !matches!(value, Value::Object(_)) {
            return Ok(PaygateMessage::Other);
        }
        let has = |names: &[&str]| value.get(names).is_some();
        if has(&["base64EncodedChallengeRequest", "acsURL"]) {
            BrowserChallengeResponse::from_value(value).map(PaygateMessage::Challenge)
        } else if has(&["MID", "Len", "Data"]) {
            BrowserPaymentResponse::from_value(value).map(PaygateMessage::Payment)
        } else {
            Ok(PaygateMessage::Other)
        }
    }
}
