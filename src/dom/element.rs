//! Creating elements whose content is always text: data never reaches `innerHTML`.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

/// The window's document.
pub fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// A new element of `tag`, cast to the web-sys type `T`.
pub fn create<T: JsCast>(doc: &Document, tag: &str) -> Result<T, JsValue> {
    doc.create_element(tag)?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str("unexpected element type"))
}

/// A new element with attributes and text content (set as text, never parsed as markup).
pub fn with_text(
    doc: &Document,
    tag: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> Result<Element, JsValue> {
    let el = doc.create_element(tag)?;
    for (k, v) in attrs {
        el.set_attribute(k, v)?;
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    Ok(el)
}

/// `el` as an `HtmlElement` with inline `css`, set through the CSSOM (allowed under a strict
/// `style-src` CSP, unlike a `style` attribute).
pub fn styled(el: Element, css: &str) -> HtmlElement {
    let el: HtmlElement = el.unchecked_into();
    el.style().set_css_text(css);
    el
}
