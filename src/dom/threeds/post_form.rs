//! The auto-posting forms of the 3DS method, the challenge and the 3-D Secure 1.0 fallback.

use wasm_bindgen::JsValue;
use web_sys::{Document, HtmlFormElement, HtmlInputElement};

use crate::dom::element::create;
use crate::protocol::url_policy::SafeUrl;

/// A hidden `POST` form to `action` (checked by the URL policy) targeted at the frame named
/// `target`, with hidden `fields`. Values are set as properties, never as markup.
pub fn build(
    doc: &Document,
    action: &SafeUrl,
    target: &str,
    fields: &[(&str, &str)],
) -> Result<HtmlFormElement, JsValue> {
    let form: HtmlFormElement = create(doc, "form")?;
    form.set_method("post");
    form.set_action(action.as_str());
    form.set_target(target);
    form.set_accept_charset("UTF-8");
    form.set_hidden(true);
    for (name, value) in fields {
        let input: HtmlInputElement = create(doc, "input")?;
        input.set_type("hidden");
        input.set_name(name);
        input.set_value(value);
        form.append_child(&input)?;
    }
    Ok(form)
}
