//! Telling apart what the Paygate posts to the parent window.

#[cfg(target_arch = "wasm32")]
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::challenge::{BrowserChallengeResponse, RawChallengeResponse};
use super::codec::from_json;
use super::error::{Error, Subject};
use super::payment_response::{BrowserPaymentResponse, Len, RawPaymentResponse};

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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMessage {
    acs_challenge_mandated: Option<bool>,
    base64_encoded_challenge_request: Option<String>,
    #[serde(rename = "acsURL", alias = "acsUrl")]
    acs_url: Option<String>,
    #[serde(rename = "MID", alias = "mid", alias = "Mid")]
    mid: Option<String>,
    #[serde(rename = "Len", alias = "len", alias = "LEN")]
    len: Option<Len>,
    #[serde(rename = "Data", alias = "data", alias = "DATA")]
    data: Option<String>,
}

impl PaygateMessage {
    /// Classifies message text. Text that is not a JSON object is [`PaygateMessage::Other`];
    /// an object with challenge or payment keys must be valid, or it is an error.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        if !text.trim_start().starts_with('{') {
            return Ok(PaygateMessage::Other);
        }
        Self::from_raw(from_json(text, Subject::ChallengeResponse)?)
    }

    /// Classifies a message that arrived as a JavaScript object (or a JSON string).
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: wasm_bindgen::JsValue) -> Result<Self, Error> {
        if let Some(text) = value.as_string() {
            return Self::from_json(&text);
        }
        if !value.is_object() || js_sys::Array::is_array(&value) {
            return Ok(PaygateMessage::Other);
        }
        Self::from_raw(from_js(value, Subject::ChallengeResponse)?)
    }

    fn from_raw(raw: RawMessage) -> Result<Self, Error> {
        if raw.base64_encoded_challenge_request.is_some() || raw.acs_url.is_some() {
            return BrowserChallengeResponse::from_raw(RawChallengeResponse {
                acs_challenge_mandated: raw.acs_challenge_mandated,
                base64_encoded_challenge_request: raw.base64_encoded_challenge_request,
                acs_url: raw.acs_url,
            })
            .map(PaygateMessage::Challenge);
        }
        if raw.mid.is_some() || raw.len.is_some() || raw.data.is_some() {
            return BrowserPaymentResponse::from_raw(RawPaymentResponse {
                mid: raw.mid,
                len: raw.len,
                data: raw.data,
            })
            .map(PaygateMessage::Payment);
        }
        Ok(PaygateMessage::Other)
    }
}

/// Deserialises a JavaScript value into `T`, with the protocol's error.
#[cfg(target_arch = "wasm32")]
pub(crate) fn from_js<T: DeserializeOwned>(
    value: wasm_bindgen::JsValue,
    subject: Subject,
) -> Result<T, Error> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| Error::malformed(subject, super::error::Problem::Json(e.to_string())))
}
