//! A labelled input with its inline error: `aria-invalid`, `aria-describedby` pointing at the
//! message, and the message in a polite live region so it is announced when it appears.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, HtmlInputElement};

use crate::dom::element::{create, with_text};

/// An input, its wrapper and its error message element.
pub struct Field {
    /// The wrapping `div`.
    pub wrap: Element,
    /// The input.
    pub input: HtmlInputElement,
    /// The (initially empty) error message.
    pub error: Element,
}

/// Builds `<div class="pgw-field pgw-field-{name}"><label/><input/><p class="pgw-error"/></div>`.
/// `attrs` are fixed attributes of the input; `describedby` adds ids (hints) before the error's.
pub fn field(
    doc: &Document,
    prefix: &str,
    name: &str,
    label: &str,
    attrs: &[(&str, &str)],
    describedby: &str,
) -> Result<Field, JsValue> {
    let id = format!("{prefix}{name}");
    let error_id = format!("{id}-error");
    let wrap = with_text(
        doc,
        "div",
        &[("class", &format!("pgw-field pgw-field-{name}"))],
        "",
    )?;
    let label_el = with_text(doc, "label", &[("for", &id), ("class", "pgw-label")], label)?;
    let input: HtmlInputElement = create(doc, "input")?;
    input.set_id(&id);
    input.set_class_name("pgw-input");
    for (k, v) in attrs {
        input.set_attribute(k, v)?;
    }
    let described = if describedby.is_empty() {
        error_id.clone()
    } else {
        format!("{describedby} {error_id}")
    };
    input.set_attribute("aria-describedby", &described)?;
    let error = with_text(
        doc,
        "p",
        &[
            ("id", &error_id),
            ("class", "pgw-error"),
            ("aria-live", "polite"),
        ],
        "",
    )?;
    wrap.append_child(&label_el)?;
    wrap.append_child(&input)?;
    wrap.append_child(&error)?;
    Ok(Field { wrap, input, error })
}

impl Field {
    /// Shows `message` and marks the input invalid; `None` clears both.
    pub fn show(&self, message: Option<&str>) {
        self.error.set_text_content(message);
        let _ = match message {
            Some(_) => self.input.set_attribute("aria-invalid", "true"),
            None => self.input.remove_attribute("aria-invalid"),
        };
    }

    /// Whether an error is shown.
    pub fn has_error(&self) -> bool {
        self.input.has_attribute("aria-invalid")
    }

    /// Empties the input's value and any `value` attribute.
    pub fn clear(&self) {
        self.input.set_value("");
        let _ = self.input.remove_attribute("value");
    }
}
