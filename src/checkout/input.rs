//! What `pay()` was asked to do, as `api::pay_input` read it, and clearing the component's
//! card number and security code once the payment request is sent.

use js_sys::Object;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

use crate::dom::js::get_fn;

/// What `pay()` was asked to do, ready to send (browserInfo is added later).
#[derive(Debug)]
pub struct PayInput {
    /// `{payment, card | savedCard, saveCard}`.
    pub body: Object,
    /// The `CardForm` or `SavedCards` whose `clearSensitive()` is called once the request is sent.
    pub component: Option<JsValue>,
    /// The `AbortSignal`, if one was given.
    pub signal: Option<AbortSignal>,
}

/// Calls the component's `clearSensitive()`, if it has one: the PAN and CVC leave the DOM.
pub fn clear_sensitive(component: &Option<JsValue>) {
    if let Some(form) = component {
        if let Some(clear) = get_fn(form, "clearSensitive") {
            let _ = clear.call0(form);
        }
    }
}
