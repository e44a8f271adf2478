//! Small helpers for JavaScript objects and elements, shared by the checkout and the card components.

use wasm_bindgen::{JsCast, JsValue};

/// `obj[key]`, or `undefined`.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `obj[key]` as a string, when it is one.
pub fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

/// `obj[key]` as a function, when it is one.
pub fn get_fn(obj: &JsValue, key: &str) -> Option<js_sys::Function> {
    get(obj, key).dyn_into().ok()
}

/// Sets `obj[key] = value` (on plain objects this cannot fail).
pub fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// Sets `obj[key]` to a string, or `null` when absent.
pub fn set_opt(obj: &JsValue, key: &str, value: Option<&str>) {
    set(obj, key, &value.map_or(JsValue::NULL, JsValue::from_str));
}

/// Shows or hides an element through the `hidden` attribute (no inline style).
pub fn show(el: &web_sys::Element, visible: bool) {
    let _ = if visible {
        el.remove_attribute("hidden")
    } else {
        el.set_attribute("hidden", "")
    };
}

/// Moves the focus to `el`.
pub fn focus(el: &web_sys::Element) {
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

/// Appends `child` to `parent` and returns it.
pub fn append(
    parent: &web_sys::Element,
    child: web_sys::Element,
) -> Result<web_sys::Element, JsValue> {
    parent.append_child(&child)?;
    Ok(child)
}
