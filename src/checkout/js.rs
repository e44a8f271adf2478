//! Small helpers for reading JavaScript objects.

use wasm_bindgen::JsValue;

/// `obj[key]`, or `undefined`.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `obj[key]` when it is a string.
pub fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

/// Sets `obj[key] = value` (on plain objects this cannot fail).
pub fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// Whether `obj[key]` is a function.
pub fn has_method(obj: &JsValue, key: &str) -> bool {
    get(obj, key).is_function()
}

/// Calls `obj[key]()`; a thrown value is returned as the error.
pub fn call_method(obj: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = get(obj, key).into();
    f.call0(obj)
}
