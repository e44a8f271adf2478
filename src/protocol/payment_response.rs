//! The browser payment response `{MID, Len, Data}`, forwarded unchanged to the merchant backend.

use super::error::{Error, Problem, Subject};
use super::json::{self, Obj, Scalar, Value};
use super::message::MessageFields;

/// `Len` as the Paygate sent it. The documents' schema says integer; their text says the values
/// are base64 strings. Both are accepted and forwarded in the form they came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Len {
    /// A JSON number.
    Number(u64),
    /// A string (decimal or base64).
    Text(String),
}

/// A checked browser payment response; the documents spell the merchant id `mid` in the table
/// and `MID` in the schema, and keys are read case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserPaymentResponse {
    /// `MID`, unchanged.
    pub mid: String,
    /// `Len`, unchanged.
    pub len: Len,
    /// `Data`, unchanged (hex or base64 ciphertext; never opened here).
    pub data: String,
}

const SUBJECT: Subject = Subject::PaymentResponse;
const MAX_DATA: usize = 64 * 1024;

/// Whether `text` is all ciphertext characters (base64 of either alphabet, hex), and `.` where
/// `dot` allows it.
fn is_cipher_text(text: &str, dot: bool) -> bool {
    text.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')
            || (dot && b == b'.')
    })
}

impl BrowserPaymentResponse {
    /// Reads the JSON text the Paygate posts.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::from_fields(json::parse(text, SUBJECT)?)
    }

    /// Reads an already parsed value.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        Self::from_fields(json::read_value(value, SUBJECT)?)
    }

    /// Checks what was read.
    pub fn from_fields(fields: Obj<MessageFields>) -> Result<Self, Error> {
        Self::from_message(&json::object(fields, SUBJECT)?)
    }

    /// Checks the fields of a message. `Len` is a number or text ([`Scalar`] reads either).
    pub fn from_message(f: &MessageFields) -> Result<Self, Error> {
        let mid = f.mid.required(SUBJECT, "MID")?;
        if mid.len() > 128 || !is_cipher_text(&mid, true) {
            return Err(Error::format(SUBJECT, "MID", "a merchant id or its base64"));
        }
        let len = match &f.len {
            Scalar::Absent | Scalar::Null => return Err(Error::missing(SUBJECT, "Len")),
            number @ Scalar::Number(_) => match number.integer(SUBJECT, "Len")? {
                Some(n) if n <= MAX_DATA as u64 => Len::Number(n),
                _ => return Err(Error::malformed(SUBJECT, Problem::TooLong("Len"))),
            },
            Scalar::Text(t)
                if !t.trim().is_empty() && t.len() <= 16 && is_cipher_text(t, false) =>
            {
                Len::Text(t.clone())
            }
            _ => return Err(Error::format(SUBJECT, "Len", "an integer or its base64")),
        };
        let data = f.data.required(SUBJECT, "Data")?;
        if data.len() > MAX_DATA {
            return Err(Error::malformed(SUBJECT, Problem::TooLong("Data")));
        }
        if !is_cipher_text(&data, false) {
            return Err(Error::format(SUBJECT, "Data", "hex or base64 ciphertext"));
        }
        Ok(BrowserPaymentResponse { mid, len, data })
    }

    /// `{"MID", "Len", "Data"}` exactly as received, for the merchant backend.
    pub fn to_value(&self) -> Value {
        let len = match &self.len {
            Len::Number(n) => Value::Number(*n as f64),
            Len::Text(t) => Value::string(t.as_str()),
        };
        Value::object([
            ("MID", Value::string(self.mid.as_str())),
            ("Len", len),
            ("Data", Value::string(self.data.as_str())),
        ])
    }
}
