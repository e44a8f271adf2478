//! A JSON value, for what goes back to JavaScript and for easyCredit's readers.

use serde::{Deserialize, Deserializer};

use super::slot::{deserialize_slot, Items, Keys, Slot};
use super::Scalar;

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
