//! Telling apart what the Paygate posts to the parent window, in every encoding it arrives in.

use super::ascii;
use super::challenge::BrowserChallengeResponse;
use super::codec::decode_base64;
use super::error::{Error, Subject};
use super::json::{self, Obj, Scalar, Value};
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
    if ascii::starts_with(trimmed, b'{') {
        return Some((trimmed.to_owned(), MessageEncoding::Json));
    }
    let decoded = String::from_utf8(decode_base64(trimmed)?).ok()?;
    let json_text = decoded.trim();
    ascii::starts_with(json_text, b'{').then(|| (json_text.to_owned(), MessageEncoding::Base64Json))
}

crate::record! {
    /// What a Paygate browser response may hold: the challenge response's keys and the
    /// payment response's (`MID`/`mid`, `Len` as a number or text, `Data`).
    pub struct MessageFields {
        /// `base64EncodedChallengeRequest`.
        creq: Scalar = ["base64EncodedChallengeRequest"],
        /// `acsURL` (`acsUrl`, …).
        acs_url: Scalar = ["acsURL"],
        /// `acsChallengeMandated`.
        acs_challenge_mandated: Scalar = ["acsChallengeMandated"],
        /// `challengeWindowSize` beside `acsURL`.
        challenge_window_size: Scalar = ["challengeWindowSize"],
        /// `MID`.
        mid: Scalar = ["MID"],
        /// `Len`.
        len: Scalar = ["Len"],
        /// `Data`.
        data: Scalar = ["Data"],
    }
}

impl PaygateMessage {
    /// Classifies message text: JSON text or base64 of it. Text that is neither is
    /// [`PaygateMessage::Other`]; an object with challenge or payment keys must be valid, or it
    /// is an error.
    pub fn from_text(text: &str) -> Result<Self, Error> {
        match unwrap_text(text) {
            Some((json_text, _)) => {
                Self::from_fields(json::parse(&json_text, Subject::ChallengeResponse)?)
            }
            None => Ok(PaygateMessage::Other),
        }
    }

    /// Classifies a message that arrived as a JavaScript object or as text. Only plain
    /// objects are read (`postMessage` also carries arrays, `Map`s, …: those are other messages).
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Result<Self, Error> {
        if let Some(text) = value.as_string() {
            return Self::from_text(&text);
        }
        let iterable = || js_sys::Reflect::has(value, &js_sys::Symbol::iterator()).unwrap_or(true);
        if !value.is_object() || iterable() {
            return Ok(PaygateMessage::Other);
        }
        Self::from_fields(json::read_js(value.clone(), Subject::ChallengeResponse)?)
    }

    /// Classifies an already parsed value.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        Self::from_fields(json::read_value(value, Subject::ChallengeResponse)?)
    }

    /// Classifies what was read.
    pub fn from_fields(fields: Obj<MessageFields>) -> Result<Self, Error> {
        let Obj::Object(f) = fields else {
            return Ok(PaygateMessage::Other);
        };
        if f.creq.is_given() || f.acs_url.is_given() {
            BrowserChallengeResponse::from_message(&f).map(PaygateMessage::Challenge)
        } else if f.mid.is_given() || f.len.is_given() || f.data.is_given() {
            BrowserPaymentResponse::from_message(&f).map(PaygateMessage::Payment)
        } else {
            Ok(PaygateMessage::Other)
        }
    }
}
