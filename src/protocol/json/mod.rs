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
//! through `to_js` (wasm) and to the host's serde_json through `From`. (serde-wasm-bindgen as
//! published links float formatting through its type errors; the vendored copy does not, see
//! vendor/serde-wasm-bindgen/PAYGATE.md.)
//!
//! `value` holds [`Value`], `slot` the one visitor, `scalar` the leaf type, `record` objects
//! and arrays.

mod record;
mod scalar;
mod slot;
mod value;

pub use record::{List, Obj, Record};
pub use scalar::Scalar;
pub use slot::{Items, Keys, Slot, SlotSeed};
pub use value::Value;
#[cfg(target_arch = "wasm32")]
pub use value::{from_js, to_js};

use serde::de::DeserializeSeed;

use super::error::{Error, Problem, Subject};

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
    let value = js_sys::JSON::parse(text).map_err(|e| json_error(subject, thrown_words(e)))?;
    read_js(value, subject)
}

/// The words of what JavaScript threw: an `Error`'s message, a thrown string, or nothing.
#[cfg(target_arch = "wasm32")]
fn thrown_words(thrown: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match thrown.dyn_into::<js_sys::Error>() {
        Ok(e) => e.message().into(),
        Err(other) => other.as_string().unwrap_or_default(),
    }
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
        .map_err(|e| json_error(subject, thrown_words(e.into())))
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
