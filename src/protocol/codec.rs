//! Encodings the documents use: base64 in both alphabets, and JSON text.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;

use super::error::{Error, Problem, Subject};

/// Decodes base64 in the standard or the URL-safe alphabet, padded or not.
///
/// The documents use all four forms, and one of their examples (`threeDSMethodDataForm` of
/// `versioningData`) mixes them: a `_` from the URL-safe alphabet with `==` padding.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let trimmed = text.trim().trim_end_matches('=');
    if trimmed.is_empty() {
        return None;
    }
    let mut normalised = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        normalised.push(match c {
            '-' => '+',
            '_' => '/',
            c => c,
        });
    }
    STANDARD_NO_PAD.decode(normalised.as_bytes()).ok()
}

/// Decodes a base64 field to UTF-8 text.
pub fn decode_base64_text(text: &str, subject: Subject, field: &'static str) -> Result<String, Error> {
    decode_base64(text)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or(Error::malformed(subject, Problem::Base64(field)))
}

/// Parses JSON text into `T`: serde_json on the host, the browser's `JSON.parse` in wasm.
pub fn from_json<T: DeserializeOwned>(text: &str, subject: Subject) -> Result<T, Error> {
    parse_json(text).map_err(|why| Error::malformed(subject, Problem::Json(why)))
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[cfg(target_arch = "wasm32")]
fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = js_sys::JSON::parse(text).map_err(|_| String::from("not valid JSON"))?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// Decodes a base64 field holding UTF-8 JSON, as the Paygate sends `card`, `versioningdata`, ….
pub fn from_base64_json<T: DeserializeOwned>(
    text: &str,
    subject: Subject,
    field: &'static str,
) -> Result<T, Error> {
    from_json(&decode_base64_text(text, subject, field)?, subject)
}

/// Keeps `Some` only for a value that is present and not blank.
pub(crate) fn non_blank(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Requires a present, non-blank value.
pub(crate) fn required(
    value: Option<String>,
    subject: Subject,
    field: &'static str,
) -> Result<String, Error> {
    non_blank(value).ok_or(Error::missing(subject, field))
}
