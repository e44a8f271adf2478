//! [`Scalar`]: a field the documents give as a string, number or boolean, checked when used.

use serde::{Deserialize, Deserializer};

use super::slot::{deserialize_slot, Slot};
use crate::protocol::decimal::decimal;
use crate::protocol::error::{Error, Subject};

/// A JSON value where the documents put a string, number or boolean. It reads every JSON type
/// (an object or array as [`Scalar::Compound`]); the methods check the type.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Scalar {
    /// The key is not there.
    #[default]
    Absent,
    /// `null` (or `undefined`).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// An object or an array.
    Compound,
}

impl Slot for Scalar {
    fn scalar(&mut self, value: Scalar) {
        *self = value;
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_slot(d)
    }
}

/// A non-negative integral number below 10^15, as JSON numbers from the documents are.
fn whole(n: f64) -> Option<u64> {
    (n.fract() == 0.0 && (0.0..1.0e15).contains(&n)).then_some(n as u64)
}

impl Scalar {
    /// Whether the key is there, even with `null`.
    pub fn is_given(&self) -> bool {
        !matches!(self, Scalar::Absent)
    }

    /// Whether the key is there and not `null`.
    pub fn is_present(&self) -> bool {
        !matches!(self, Scalar::Absent | Scalar::Null)
    }

    /// `self`, or `other` when `self`'s key is not there: a field read under two names, the
    /// first name winning when present (even with `null`).
    pub fn or<'a>(&'a self, other: &'a Scalar) -> &'a Scalar {
        if self.is_given() {
            self
        } else {
            other
        }
    }

    /// A string, borrowed; blank or absent is `None`, another type a `format` error.
    pub fn str(&self, subject: Subject, field: &'static str) -> Result<Option<&str>, Error> {
        match self {
            Scalar::Absent | Scalar::Null => Ok(None),
            Scalar::Text(s) if s.trim().is_empty() => Ok(None),
            Scalar::Text(s) => Ok(Some(s)),
            _ => Err(Error::format(subject, field, "a string")),
        }
    }

    /// A string; blank or absent is `None`, another type a `format` error.
    pub fn string(&self, subject: Subject, field: &'static str) -> Result<Option<String>, Error> {
        self.str(subject, field).map(|s| s.map(str::to_owned))
    }

    /// A string that must be there and not blank, borrowed.
    pub fn required_str(&self, subject: Subject, field: &'static str) -> Result<&str, Error> {
        self.str(subject, field)?
            .ok_or(Error::missing(subject, field))
    }

    /// A string that must be there and not blank.
    pub fn required(&self, subject: Subject, field: &'static str) -> Result<String, Error> {
        self.required_str(subject, field).map(str::to_owned)
    }

    /// A string, or an integer or boolean written as text: the "string or number" of the
    /// documents (`expiryDate` is documented as a number and sent as a string; `Active` comes
    /// as `true` or `"true"`).
    pub fn text(&self, subject: Subject, field: &'static str) -> Result<Option<String>, Error> {
        match self {
            Scalar::Number(n) => whole(*n).map(|i| Some(decimal(i))).ok_or(Error::format(
                subject,
                field,
                "an integer",
            )),
            Scalar::Bool(b) => Ok(Some(if *b { "true" } else { "false" }.to_owned())),
            other => other.string(subject, field),
        }
    }

    /// A boolean.
    pub fn boolean(&self, subject: Subject, field: &'static str) -> Result<Option<bool>, Error> {
        match self {
            Scalar::Absent | Scalar::Null => Ok(None),
            Scalar::Bool(b) => Ok(Some(*b)),
            _ => Err(Error::format(subject, field, "true or false")),
        }
    }

    /// A non-negative integer.
    pub fn integer(&self, subject: Subject, field: &'static str) -> Result<Option<u64>, Error> {
        match self {
            Scalar::Absent | Scalar::Null => Ok(None),
            Scalar::Number(n) => {
                whole(*n)
                    .map(Some)
                    .ok_or(Error::format(subject, field, "a non-negative integer"))
            }
            _ => Err(Error::format(subject, field, "a non-negative integer")),
        }
    }

    /// The string, whatever it is (JavaScript's `typeof v === 'string'`).
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Scalar::Text(s) => Some(s),
            _ => None,
        }
    }
}
