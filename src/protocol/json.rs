//! What crosses the JavaScript boundary, read into serde types; and [`Value`], a JSON value for
//! what goes back (and for easyCredit, which still reads it).
//!
//! Messages, versioning data, vault data and the checkout's options are read with serde: in the
//! browser by serde-wasm-bindgen straight from the JavaScript value (text first goes through the
//! browser's own `JSON.parse`), on the host and in the fuzzers by serde_json from the text. The
//! serde types are built for a small wasm:
//!
//! - one visitor, [`SlotSeed`], reads every type: it hands each value to a [`Slot`] (a `dyn`
//!   trait object), so the deserializer's code is in the wasm once, not once per type;
//! - a record ([`Record`], written with [`record!`](crate::record)) takes an object's keys; keys are compared case-insensitively (`MID`/`mid`, `acsURL`/`acsUrl`,
//!   `PaReq`/`PAReq`) and a field may have several names (`paymentMethods` or `data`): the
//!   first name present wins, and of one name in several spellings the last in the object (as
//!   `JSON.parse` keeps the last of duplicate keys, so host and browser agree); unknown keys
//!   are skipped without being looked at;
//! - the value of a field is a [`Scalar`], an [`Obj`] or a [`List`], each read by one visitor
//!   that accepts every JSON type (no untagged enums, no buffering), so reading never fails on
//!   a field's type; the readers then check types and give the crate's own errors
//!   ([`Scalar::string`], [`Scalar::text`] for "string or number", …), with the same subject,
//!   field, code and detail as before;
//! - serde's own errors only come from text that is not JSON (and from values JSON cannot hold,
//!   such as functions, where a known key holds one): `invalid_paygate_message`/`json`.
//!
//! No JSON text is written here and nothing here formats a float: [`Value`] goes to JavaScript
//! through `to_js` (wasm) and to the host's serde_json through `From`. (serde-wasm-bindgen 0.6 does
//! link float formatting: its type errors describe a JavaScript number as
//! `serde::de::Unexpected::Float`, whose `Display` formats it; none of these types asks it for
//! a type error, but the code is reachable.)

use core::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::error::{Error, Problem, Subject};

/// A JSON value. Object keys keep their order and spelling.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Value {
    /// `null` (and JavaScript `undefined`).
    #[default]
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, in key order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value under the first of `names` present, keys compared case-insensitively
    /// (`MID`/`mid`, `acsURL`/`acsUrl`, `PaReq`/`PAReq`).
    pub fn get(&self, names: &[&str]) -> Option<&Value> {
        let Value::Object(entries) = self else {
            return None;
        };
        names.iter().find_map(|name| {
            entries
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })
    }

    /// An object from key/value pairs.
    pub fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
        Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    /// A string value.
    pub fn string(text: impl Into<String>) -> Value {
        Value::String(text.into())
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(o) => {
                Value::Object(o.into_iter().map(|(k, v)| (k, Value::from(v))).collect())
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl From<&Value> for serde_json::Value {
    fn from(v: &Value) -> Self {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Number::from_f64(*n)
                .map(
                    |num| match (n.fract() == 0.0 && n.abs() < 9.0e15, *n as i64) {
                        (true, i) => serde_json::Value::from(i),
                        _ => serde_json::Value::Number(num),
                    },
                )
                .unwrap_or(serde_json::Value::Null),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(a) => serde_json::Value::Array(a.iter().map(Into::into).collect()),
            Value::Object(o) => {
                serde_json::Value::Object(o.iter().map(|(k, v)| (k.clone(), v.into())).collect())
            }
        }
    }
}

/// Reads a JavaScript value; functions and symbols read as `null`.
#[cfg(target_arch = "wasm32")]
pub fn from_js(v: &wasm_bindgen::JsValue) -> Value {
    use wasm_bindgen::JsCast;
    if let Some(s) = v.as_string() {
        Value::String(s)
    } else if let Some(n) = v.as_f64() {
        Value::Number(n)
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(a) = v.dyn_ref::<js_sys::Array>() {
        Value::Array(a.iter().map(|item| from_js(&item)).collect())
    } else if v.is_object() && !v.is_function() {
        let obj: &js_sys::Object = v.unchecked_ref();
        let entries = js_sys::Object::entries(obj)
            .iter()
            .filter_map(|pair| {
                let pair: js_sys::Array = pair.unchecked_into();
                Some((pair.get(0).as_string()?, from_js(&pair.get(1))))
            })
            .collect();
        Value::Object(entries)
    } else {
        Value::Null
    }
}

/// A JavaScript value for `v` (objects are plain objects).
#[cfg(target_arch = "wasm32")]
pub fn to_js(v: &Value) -> wasm_bindgen::JsValue {
    use wasm_bindgen::JsValue;
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(*n),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(a) => a.iter().map(to_js).collect::<js_sys::Array>().into(),
        Value::Object(o) => {
            let obj = js_sys::Object::new();
            for (k, v) in o {
                let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), &to_js(v));
            }
            obj.into()
        }
    }
}

// ---- reading a Value (card.rs's `CardInput::from_value`, easyCredit; the rest: serde) ----

/// Typed access to the fields of one object, with errors that name the message and the field.
#[derive(Clone, Copy)]
pub struct Fields<'a> {
    value: &'a Value,
    subject: Subject,
}

impl<'a> Fields<'a> {
    /// Reads `value`, which must be an object.
    pub fn of(value: &'a Value, subject: Subject) -> Result<Self, Error> {
        match value {
            Value::Object(_) => Ok(Fields { value, subject }),
            _ => Err(Error::malformed(
                subject,
                Problem::Json("expected a JSON object".into()),
            )),
        }
    }

    fn present(&self, names: &[&'static str]) -> Option<&'a Value> {
        self.value.get(names).filter(|v| !matches!(v, Value::Null))
    }

    fn wrong(&self, names: &[&'static str], expected: &'static str) -> Error {
        Error::format(self.subject, names[0], expected)
    }

    fn str_of(
        &self,
        value: Option<&'a Value>,
        names: &[&'static str],
    ) -> Result<Option<&'a str>, Error> {
        match value {
            None => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.wrong(names, "a string")),
        }
    }

    /// A string field, borrowed; blank or absent is `None`, another type an error.
    pub fn str(&self, names: &[&'static str]) -> Result<Option<&'a str>, Error> {
        self.str_of(self.present(names), names)
    }

    /// A string field; blank or absent is `None`, another type an error.
    pub fn string(&self, names: &[&'static str]) -> Result<Option<String>, Error> {
        self.str(names).map(|s| s.map(str::to_owned))
    }

    /// A string field that must be present and not blank, borrowed.
    pub fn required_str(&self, names: &[&'static str]) -> Result<&'a str, Error> {
        self.str(names)?
            .ok_or(Error::missing(self.subject, names[0]))
    }

    /// A string field that must be present and not blank.
    pub fn required(&self, names: &[&'static str]) -> Result<String, Error> {
        self.required_str(names).map(str::to_owned)
    }

    /// A string, or an integer or boolean written as text (`expiryDate` is documented as a
    /// number and sent as a string; `Active` comes as `true` or `"true"`).
    pub fn text(&self, names: &[&'static str]) -> Result<Option<String>, Error> {
        match self.present(names) {
            Some(Value::Number(n)) => whole(*n)
                .map(|i| Some(i.to_string()))
                .ok_or(self.wrong(names, "an integer")),
            Some(Value::Bool(b)) => Ok(Some(if *b { "true" } else { "false" }.to_owned())),
            other => self.str_of(other, names).map(|s| s.map(str::to_owned)),
        }
    }

    /// A boolean field.
    pub fn boolean(&self, names: &[&'static str]) -> Result<Option<bool>, Error> {
        match self.present(names) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong(names, "true or false")),
        }
    }

    /// A non-negative integer field.
    pub fn integer(&self, names: &[&'static str]) -> Result<Option<u64>, Error> {
        match self.present(names) {
            None => Ok(None),
            Some(Value::Number(n)) => self.integer_of(*n, names).map(Some),
            Some(_) => Err(self.wrong(names, "a non-negative integer")),
        }
    }

    /// A number already read from the field `names` (through [`Fields::raw`]) as a
    /// non-negative integer.
    pub fn integer_of(&self, n: f64, names: &[&'static str]) -> Result<u64, Error> {
        whole(n).ok_or(self.wrong(names, "a non-negative integer"))
    }

    /// An array field.
    pub fn array(&self, names: &[&'static str]) -> Result<Option<&'a [Value]>, Error> {
        match self.present(names) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => Err(self.wrong(names, "an array")),
        }
    }

    /// An object field.
    pub fn object(&self, names: &[&'static str]) -> Result<Option<Fields<'a>>, Error> {
        match self.present(names) {
            None => Ok(None),
            Some(v @ Value::Object(_)) => Ok(Some(Fields {
                value: v,
                subject: self.subject,
            })),
            Some(_) => Err(self.wrong(names, "an object")),
        }
    }

    /// Whether any of `names` is present and not null.
    pub fn has(&self, names: &[&'static str]) -> bool {
        self.present(names).is_some()
    }

    /// The raw value of a field.
    pub fn raw(&self, names: &[&'static str]) -> Option<&'a Value> {
        self.present(names)
    }
}

// ---- reading with serde ---------------------------------------------------------------------
//
// Every serde type here is read by one visitor, [`SlotSeed`], that hands each JSON value to a
// [`Slot`] (a `dyn` trait object): the deserializer's code (`deserialize_any`, its map and
// sequence access) is then in the wasm once, not once per type.

fn json_error(subject: Subject, why: String) -> Error {
    Error::malformed(subject, Problem::Json(why))
}

/// The error for a value that should be an object and is not.
pub fn not_object(subject: Subject) -> Error {
    json_error(subject, "expected a JSON object".into())
}

/// Reads `T` from JSON text: serde_json on the host; in wasm the browser's `JSON.parse`, then
/// serde-wasm-bindgen.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse<T: Slot + Default>(text: &str, subject: Subject) -> Result<T, Error> {
    let mut value = T::default();
    let mut de = serde_json::Deserializer::from_str(text);
    SlotSeed(&mut value)
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| json_error(subject, e.to_string()))?;
    Ok(value)
}

/// Reads `T` from JSON text: serde_json on the host; in wasm the browser's `JSON.parse`, then
/// serde-wasm-bindgen.
#[cfg(target_arch = "wasm32")]
pub fn parse<T: Slot + Default>(text: &str, subject: Subject) -> Result<T, Error> {
    let value = js_sys::JSON::parse(text)
        .map_err(|e| json_error(subject, js_sys::Error::from(e).message().into()))?;
    read_js(value, subject)
}

/// Reads `value` into `slot` with serde-wasm-bindgen.
#[cfg(target_arch = "wasm32")]
fn read_js_into(
    value: wasm_bindgen::JsValue,
    slot: &mut dyn Slot,
    subject: Subject,
) -> Result<(), Error> {
    SlotSeed(slot)
        .deserialize(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| json_error(subject, e.to_string()))
}

/// Reads `T` from a JavaScript value with serde-wasm-bindgen.
#[cfg(target_arch = "wasm32")]
pub fn read_js<T: Slot + Default>(
    value: wasm_bindgen::JsValue,
    subject: Subject,
) -> Result<T, Error> {
    let mut read = T::default();
    read_js_into(value, &mut read, subject).map(|()| read)
}

/// Reads `T` from a [`Value`] (through serde_json's value on the host, through the JavaScript
/// value in wasm, so the wasm keeps one deserializer).
pub fn read_value<T: Slot + Default>(value: &Value, subject: Subject) -> Result<T, Error> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut read = T::default();
        SlotSeed(&mut read)
            .deserialize(serde_json::Value::from(value))
            .map_err(|e| json_error(subject, e.to_string()))?;
        Ok(read)
    }
    #[cfg(target_arch = "wasm32")]
    read_js(to_js(value), subject)
}

/// The record of an object, or `expected a JSON object` for anything else.
pub fn object<T>(value: Obj<T>, subject: Subject) -> Result<T, Error> {
    match value {
        Obj::Object(record) => Ok(record),
        _ => Err(not_object(subject)),
    }
}

/// Reads JSON text that must hold an object.
pub fn parse_object<T: Record>(text: &str, subject: Subject) -> Result<T, Error> {
    object(parse(text, subject)?, subject)
}

/// Where one JSON value goes. Scalars are handed over; for an object or an array the slot
/// says where the keys or items go, or `None` to skip it (it is then given
/// [`Scalar::Compound`]).
pub trait Slot {
    /// A null, boolean, number or string (or a skipped object or array).
    fn scalar(&mut self, value: Scalar);
    /// The value is an object: where its keys go.
    fn object(&mut self) -> Option<&mut dyn Keys> {
        None
    }
    /// The value is an array: where its items go.
    fn array(&mut self) -> Option<&mut dyn Items> {
        None
    }
}

/// Where the keys of an object go.
pub trait Keys {
    /// The slot for the value under `key`, or `None` to skip it unread.
    fn key(&mut self, key: &str) -> Option<&mut dyn Slot>;
}

/// Where the items of an array go.
pub trait Items {
    /// A slot for one more item.
    fn push(&mut self) -> &mut dyn Slot;
    /// Takes back the last [`Items::push`] (there was no item for it).
    fn pop(&mut self);
}

impl<T: Slot + Default> Items for Vec<T> {
    fn push(&mut self) -> &mut dyn Slot {
        self.push(T::default());
        let last = self.len() - 1;
        &mut self[last]
    }
    fn pop(&mut self) {
        let _ = Vec::pop(self);
    }
}

/// The one visitor: reads a value of any JSON type into a [`Slot`].
pub struct SlotSeed<'s>(pub &'s mut dyn Slot);

impl<'de> DeserializeSeed<'de> for SlotSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SlotSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.0.scalar(Scalar::Null);
        Ok(())
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<(), E> {
        self.0.scalar(Scalar::Bool(b));
        Ok(())
    }
    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<(), E> {
        self.visit_f64(n as f64)
    }
    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<(), E> {
        self.visit_f64(n as f64)
    }
    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<(), E> {
        self.0.scalar(Scalar::Number(n));
        Ok(())
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<(), E> {
        self.visit_string(s.to_owned())
    }
    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<(), E> {
        self.0.scalar(Scalar::Text(s));
        Ok(())
    }
    fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<(), E> {
        self.0.scalar(Scalar::Compound);
        Ok(())
    }
    fn visit_byte_buf<E: serde::de::Error>(self, _: Vec<u8>) -> Result<(), E> {
        self.visit_bytes(&[])
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        match self.0.array() {
            Some(items) => loop {
                if seq.next_element_seed(SlotSeed(items.push()))?.is_none() {
                    items.pop();
                    return Ok(());
                }
            },
            None => {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                self.0.scalar(Scalar::Compound);
                Ok(())
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match self.0.object() {
            Some(keys) => {
                while let Some(Key(key)) = map.next_key()? {
                    match keys.key(&key) {
                        Some(slot) => map.next_value_seed(SlotSeed(slot))?,
                        None => map.next_value::<IgnoredAny>().map(|_| ())?,
                    }
                }
                Ok(())
            }
            None => {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                self.0.scalar(Scalar::Compound);
                Ok(())
            }
        }
    }
}

/// An object key.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_string(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(Key(key.to_owned()))
    }
    fn visit_string<E>(self, key: String) -> Result<Key, E> {
        Ok(Key(key))
    }
}

/// Reads any slot type with serde, for `Deserialize` impls.
fn deserialize_slot<'de, T: Slot + Default, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let mut value = T::default();
    SlotSeed(&mut value).deserialize(d)?;
    Ok(value)
}

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
            Scalar::Number(n) => whole(*n).map(|i| Some(i.to_string())).ok_or(Error::format(
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

/// A JSON value where the documents put an object of record `T`.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Obj<T> {
    /// The key is not there.
    #[default]
    Absent,
    /// `null`.
    Null,
    /// An object.
    Object(T),
    /// Anything else.
    Other,
}

impl<T> Obj<T> {
    /// The record; `None` when absent or `null`, another type a `format` error.
    pub fn get(self, subject: Subject, field: &'static str) -> Result<Option<T>, Error> {
        match self {
            Obj::Absent | Obj::Null => Ok(None),
            Obj::Object(t) => Ok(Some(t)),
            Obj::Other => Err(Error::format(subject, field, "an object")),
        }
    }

    /// Whether the key is there and not `null`.
    pub fn is_present(&self) -> bool {
        !matches!(self, Obj::Absent | Obj::Null)
    }
}

impl<T: Record> Slot for Obj<T> {
    fn scalar(&mut self, value: Scalar) {
        *self = match value {
            Scalar::Null => Obj::Null,
            _ => Obj::Other,
        };
    }
    fn object(&mut self) -> Option<&mut dyn Keys> {
        *self = Obj::Object(T::default());
        match self {
            Obj::Object(record) => Some(record),
            _ => None,
        }
    }
}

impl<'de, T: Record> Deserialize<'de> for Obj<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_slot(d)
    }
}

/// A JSON value where the documents put an array of `T`.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum List<T> {
    /// The key is not there.
    #[default]
    Absent,
    /// `null`.
    Null,
    /// An array.
    Items(Vec<T>),
    /// Anything else.
    Other,
}

impl<T> List<T> {
    /// The items; `None` when absent or `null`, another type a `format` error.
    pub fn get(self, subject: Subject, field: &'static str) -> Result<Option<Vec<T>>, Error> {
        match self {
            List::Absent | List::Null => Ok(None),
            List::Items(items) => Ok(Some(items)),
            List::Other => Err(Error::format(subject, field, "an array")),
        }
    }
}

impl<T: Slot + Default> Slot for List<T> {
    fn scalar(&mut self, value: Scalar) {
        *self = match value {
            Scalar::Null => List::Null,
            _ => List::Other,
        };
    }
    fn array(&mut self) -> Option<&mut dyn Items> {
        *self = List::Items(Vec::new());
        match self {
            List::Items(items) => Some(items),
            _ => None,
        }
    }
}

impl<'de, T: Slot + Default> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_slot(d)
    }
}

/// An object read field by field, written with [`record!`](crate::record): `FIELDS` names each field (the
/// first name is the one errors use); keys are compared case-insensitively unless `EXACT`.
/// For each field the first of its names present wins (`paymentMethods` before `data`), and of
/// one name given twice or in two spellings the last key in the object; other keys are skipped
/// unread.
pub trait Record: Default {
    /// The names of each field, in priority order.
    const FIELDS: &'static [&'static [&'static str]];
    /// Keys compared exactly (JavaScript options), not case-insensitively (the documents).
    const EXACT: bool = false;
    /// The slot of field `index`.
    fn field(&mut self, index: usize) -> &mut dyn Slot;
    /// Per field: 0 when not read yet, else 1 + the rank of the name it was read under.
    fn ranks(&mut self) -> &mut [u8];
}

/// The field `key` names, unless the field was read under a name of higher priority. Of one
/// name given twice (or in two spellings) the last wins, as `JSON.parse` keeps the last of
/// duplicate keys: the host and the browser read the same text alike.
fn claim(fields: &[&[&str]], exact: bool, ranks: &mut [u8], key: &str) -> Option<usize> {
    let (index, rank) = fields.iter().enumerate().find_map(|(index, names)| {
        names
            .iter()
            .position(|name| {
                if exact {
                    key == *name
                } else {
                    key.eq_ignore_ascii_case(name)
                }
            })
            .map(|rank| (index, rank as u8 + 1))
    })?;
    let seen = ranks.get_mut(index)?;
    if *seen != 0 && *seen < rank {
        return None;
    }
    *seen = rank;
    Some(index)
}

impl<T: Record> Keys for T {
    fn key(&mut self, key: &str) -> Option<&mut dyn Slot> {
        let index = claim(T::FIELDS, T::EXACT, self.ranks(), key)?;
        Some(self.field(index))
    }
}

/// Declares a [`Record`]: a struct whose fields (each a [`Slot`]: [`Scalar`], [`Obj`],
/// [`List`], …) are read from the keys named after `=`; `: exact` compares keys exactly.
///
/// ```ignore
/// record! {
///     /// `threeDSLegacy`.
///     pub struct LegacyFields {
///         acs_url: Scalar = ["acsURL"],
///         pa_req: Scalar = ["PaReq"],
///     }
/// }
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! record {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident $(: $exact:ident)? {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = [$($key:literal),+] ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        $vis struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
            #[doc(hidden)]
            pub ranks: [u8; $crate::record!(@count $($field)*)],
        }

        impl $crate::protocol::json::Record for $name {
            const FIELDS: &'static [&'static [&'static str]] = &[$(&[$($key),+]),*];
            $(const EXACT: bool = $crate::record!(@exact $exact);)?

            #[allow(unused_assignments)]
            fn field(&mut self, index: usize) -> &mut dyn $crate::protocol::json::Slot {
                let mut i = 0;
                $(
                    if index == i {
                        return &mut self.$field;
                    }
                    i += 1;
                )*
                unreachable!()
            }

            fn ranks(&mut self) -> &mut [u8] {
                &mut self.ranks
            }
        }
    };
    (@exact exact) => { true };
    (@count) => { 0 };
    (@count $head:ident $($rest:ident)*) => { 1 + $crate::record!(@count $($rest)*) };
}

impl Slot for Value {
    fn scalar(&mut self, value: Scalar) {
        *self = match value {
            Scalar::Absent | Scalar::Null | Scalar::Compound => Value::Null,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Number(n) => Value::Number(n),
            Scalar::Text(s) => Value::String(s),
        };
    }
    fn object(&mut self) -> Option<&mut dyn Keys> {
        *self = Value::Object(Vec::new());
        match self {
            Value::Object(entries) => Some(entries),
            _ => None,
        }
    }
    fn array(&mut self) -> Option<&mut dyn Items> {
        *self = Value::Array(Vec::new());
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
}

impl Keys for Vec<(String, Value)> {
    fn key(&mut self, key: &str) -> Option<&mut dyn Slot> {
        self.push((key.to_owned(), Value::Null));
        self.last_mut().map(|(_, v)| v as &mut dyn Slot)
    }
}

/// A [`Value`] from any serde deserializer.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_slot(d)
    }
}
