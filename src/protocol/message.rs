//! Telling apart what the Paygate posts to the parent window, in every encoding it arrives in.

use super::challenge::BrowserChallengeResponse;
use super::codec::decode_base64;
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

/// How the text of a message carried its JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageEncoding {
    /// JSON text (`postMessage(JSON.stringify(obj))`).
    Json,
    /// base64 of the JSON text, standard or URL-safe, padded or not (a public integration with
    /// the real Paygate reads `JSON.parse(atob(event.data))`).
    Base64Json,
}

/// The JSON object text inside `text`, and how it was carried; `None` when `text` is neither
/// JSON object text nor base64 of it.
pub fn unwrap_text(text: &str) -> Option<(String, MessageEncoding)> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        return Some((trimmed.to_owned(), MessageEncoding::Json));
    }
    let decoded = String::from_utf8(decode_base64(trimmed)?).ok()?;
    let json_text = decoded.trim();
    json_text
        .starts_with('{')
        .then(|| (json_text.to_owned(), MessageEncoding::Base64Json))
}

impl PaygateMessage {
    /// Classifies message text: JSON text or base64 of it. Text that is neither is
    /// [`PaygateMessage::Other`]; an object with challenge or payment keys must be valid, or it
    /// is an error.
    pub fn from_text(text: &str) -> Result<Self, Error> {
        match unwrap_text(text) {
            Some((json_text, _)) => {
                Self::from_value(&json::parse(&json_text, Subject::ChallengeResponse)?)
            }
            None => Ok(PaygateMessage::Other),
        }
    }

    /// Classifies a message that arrived as a JavaScript object or as text.
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Result<Self, Error> {
        match value.as_string() {
            Some(text) => Self::from_text(&text),
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
