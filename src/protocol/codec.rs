//! base64 in both alphabets, and base64 that carries JSON.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;

use super::ascii;
use super::error::{Error, Problem, Subject};
use super::json::{self, Slot};

/// Decodes base64 in the standard or the URL-safe alphabet, padded or not.
///
/// The documents use all four forms, and one of their examples (`threeDSMethodDataForm` of
/// `versioningData`) mixes them: a `_` from the URL-safe alphabet with `==` padding.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let trimmed = ascii::trim_end(text.trim(), b'=');
    if trimmed.is_empty() {
        return None;
    }
    let mut normalised = trimmed.as_bytes().to_vec();
    for b in &mut normalised {
        match b {
            b'-' => *b = b'+',
            b'_' => *b = b'/',
            _ => {}
        }
    }
    STANDARD_NO_PAD.decode(normalised).ok()
}

/// Decodes a base64 field to UTF-8 text.
pub fn decode_base64_text(
    text: &str,
    subject: Subject,
    field: &'static str,
) -> Result<String, Error> {
    decode_base64(text)
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or(Error::malformed(subject, Problem::Base64(field)))
}

/// Decodes a base64 field holding UTF-8 JSON, as the Paygate sends `card`, `versioningdata`, ….
pub fn base64_json<T: Slot + Default>(
    text: &str,
    subject: Subject,
    field: &'static str,
) -> Result<T, Error> {
    json::parse(&decode_base64_text(text, subject, field)?, subject)
}
