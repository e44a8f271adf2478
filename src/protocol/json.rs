//! A JSON value as the protocol reads it, and typed readers over it.
//!
//! In the browser the value comes from the browser's own `JSON.parse` (or is a JavaScript object
//! already) and goes back through `JSON.stringify`; on the host it comes from and goes to
//! serde_json. No JSON text is parsed or written here. Reading through this tree instead of
//! serde keeps serde's per-type deserializer code and its float formatting out of the wasm.

use super::error::{Error, Problem, Subject};

/// A JSON value. Object keys keep their order and spelling.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null` (and JavaScript `undefined`).
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

/// Parses JSON text: serde_json on the host, the browser's `JSON.parse` in wasm.
pub fn parse(text: &str, subject: Subject) -> Result<Value, Error> {
    parse_text(text).map_err(|why| Error::malformed(subject, Problem::Json(why)))
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_text(text: &str) -> Result<Value, String> {
    serde_json::from_str::<serde_json::Value>(text)
        .map(Value::from)
        .map_err(|e| e.to_string())
}

#[cfg(target_arch = "wasm32")]
fn parse_text(text: &str) -> Result<Value, String> {
    js_sys::JSON::parse(text)
        .map(|v| from_js(&v))
        .map_err(|e| js_sys::Error::from(e).message().into())
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

/// Typed access to the fields of one object, with errors that name the message and the field.
#[derive(Clone, Copy)]
pub struct Fields<'a> {
    value: &'a Value,
    subject: Subject,
}

/// A non-negative integral number below 10^15, as JSON numbers from the documents are.
fn whole(n: f64) -> Option<u64> {
    (n.fract() == 0.0 && (0.0..1.0e15).contains(&n)).then_some(n as u64)
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
