//! A labelled input with its inline error: `aria-invalid`, `aria-describedby` pointing at the
//! message, and the message in a polite live region so it is announced when it appears.

use std::cell::Cell;

use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlInputElement};

use super::template::{self, Parts};

/// Where a field's elements are in its component's template: `<div class="pgw-field
/// pgw-field-{name}"><label class="pgw-label"/><input/>…<p class="pgw-error"/></div>`.
pub(crate) struct FieldAt {
    /// The field's name in its element ids (`pgw3-cvc`, `pgw3-cvc-error`).
    pub name: &'static str,
    /// The indices of the wrapping `div`, the label, the input and the error message.
    pub at: [u32; 4],
}

/// An input, its wrapper and its error message element.
pub(crate) struct Field {
    /// The wrapping `div`.
    pub wrap: Element,
    /// The input.
    pub input: HtmlInputElement,
    /// The (initially empty) error message.
    pub error: Element,
    shown: Cell<bool>,
}

impl Field {
    /// Takes the field's elements out of a rendered template and gives them the instance's
    /// ids; `describedby` adds ids (hints) before the error's.
    pub(crate) fn wire(
        parts: &Parts,
        at: &FieldAt,
        prefix: &str,
        describedby: &str,
    ) -> Result<Field, JsValue> {
        let [wrap, label_at, input, error] = at.at;
        let id = template::id(prefix, at.name);
        let error_id = template::id(&id, "-error");
        parts.get(label_at)?.set_attribute("for", &id)?;
        let input: HtmlInputElement = parts.get_as(input)?;
        input.set_id(&id);
        let described = if describedby.is_empty() {
            error_id.clone()
        } else {
            template::id(&template::id(describedby, " "), &error_id)
        };
        input.set_attribute("aria-describedby", &described)?;
        let error = parts.get(error)?;
        error.set_id(&error_id);
        Ok(Field {
            wrap: parts.get(wrap)?,
            input,
            error,
            shown: Cell::new(false),
        })
    }

    /// Shows `message` and marks the input invalid; `None` clears both.
    pub(crate) fn show(&self, message: Option<&str>) {
        if message.is_none() && !self.shown.get() {
            return;
        }
        self.error.set_text_content(message);
        let _ = match message {
            Some(_) => self.input.set_attribute("aria-invalid", "true"),
            None => self.input.remove_attribute("aria-invalid"),
        };
        self.shown.set(message.is_some());
    }

    /// Whether an error is shown.
    pub(crate) fn has_error(&self) -> bool {
        self.shown.get()
    }

    /// Empties the input's value and any `value` attribute.
    pub(crate) fn clear(&self) {
        self.input.set_value("");
        let _ = self.input.remove_attribute("value");
    }
}
