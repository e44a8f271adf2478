//! The browser payment response `{MID, Len, Data}`, forwarded unchanged to the merchant backend.

use serde::{Deserialize, Serialize};

use super::codec::{from_json, required};
use super::error::{Error, Problem, Subject};

/// `Len` as the Paygate sent it. The documents' schema says integer; their text says the values
/// are base64 strings. Both are accepted and forwarded in the form they came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Len {
    /// A JSON number.
    Number(u64),
    /// A string (decimal or base64).
    Text(String),
}

/// Raw fields; the documents spell the merchant id `mid` in the table and `MID` in the schema.
#[derive(Deserialize)]
pub(crate) struct RawPaymentResponse {
    #[serde(rename = "MID", alias = "mid", alias = "Mid")]
    pub(crate) mid: Option<String>,
    #[serde(rename = "Len", alias = "len", alias = "LEN")]
    pub(crate) len: Option<Len>,
    #[serde(rename = "Data", alias = "data", alias = "DATA")]
    pub(crate) data: Option<String>,
}

/// A checked browser payment response, serialised back as `{"MID","Len","Data"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrowserPaymentResponse {
    /// `MID`, unchanged.
    #[serde(rename = "MID")]
    pub mid: String,
    /// `Len`, unchanged.
    #[serde(rename = "Len")]
    pub len: Len,
    /// `Data`, unchanged (hex or base64 ciphertext; never opened here).
    #[serde(rename = "Data")]
    pub data: String,
}

const SUBJECT: Subject = Subject::PaymentResponse;
const MAX_DATA: usize = 64 * 1024;

fn is_cipher_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '-' | '_')
}

impl BrowserPaymentResponse {
    /// Reads the JSON text the Paygate posts.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::from_raw(from_json(text, SUBJECT)?)
    }

    pub(crate) fn from_raw(raw: RawPaymentResponse) -> Result<Self, Error> {
        let mid = required(raw.mid, SUBJECT, "MID")?;
        if mid.len() > 128 || !mid.chars().all(|c| is_cipher_char(c) || c == '.') {
            return Err(Error::format(SUBJECT, "MID", "a merchant id or its base64"));
        }
        let len = raw.len.ok_or(Error::missing(SUBJECT, "Len"))?;
        match &len {
            Len::Number(n) if *n as usize > MAX_DATA => {
                return Err(Error::malformed(SUBJECT, Problem::TooLong("Len")))
            }
            Len::Text(t)
                if t.trim().is_empty() || t.len() > 16 || !t.chars().all(is_cipher_char) =>
            {
                return Err(Error::format(SUBJECT, "Len", "an integer or its base64"))
            }
            _ => {}
        }
        let data = required(raw.data, SUBJECT, "Data")?;
        if data.len() > MAX_DATA {
            return Err(Error::malformed(SUBJECT, Problem::TooLong("Data")));
        }
        if !data.chars().all(is_cipher_char) {
            return Err(Error::format(SUBJECT, "Data", "hex or base64 ciphertext"));
        }
        Ok(BrowserPaymentResponse { mid, len, data })
    }
}
