//! The arguments of `pay()`: payment, a card (plain object or a `CardForm`) or a saved card
//! (`{id, securityCode}` or a `SavedCards`), `saveCard` and `signal`.
//!
//! Card numbers and security codes only ever go into the JSON body of the payment request:
//! never into a URL, an attribute, an error message or the console.

use js_sys::Object;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use super::options::Options;
use crate::dom::cards::this_month;
use crate::dom::js::{get, get_fn, get_string, set};
use crate::error::{ErrorCode, PaygateError};
use crate::protocol::card::{check_security_code, CardInput};
use crate::protocol::credential_on_file::check_prefill_payment;
use crate::protocol::json;

/// What `pay()` was asked to do, ready to send (browserInfo is added later).
pub struct PayInput {
    /// `{payment, card | savedCard, saveCard}`.
    pub body: Object,
    /// The `CardForm` or `SavedCards` whose `clearSensitive()` is called once the request is sent.
    pub component: Option<JsValue>,
    /// The `AbortSignal`, if one was given.
    pub signal: Option<AbortSignal>,
}

fn invalid(message: &str, detail: &str) -> JsValue {
    PaygateError::new(ErrorCode::InvalidOptions, message)
        .with_detail(detail)
        .into()
}

/// Checks card fields as a plain object and returns the `card` JSON object of the documents.
pub fn card_json(data: JsValue, options: &Options) -> Result<JsValue, JsValue> {
    if !data.is_object() {
        return Err(
            PaygateError::new(ErrorCode::InvalidCard, "card must be an object")
                .with_detail("shape")
                .into(),
        );
    }
    let input = CardInput::from_value(&json::from_js(&data)).map_err(PaygateError::from)?;
    let card = input
        .validate(&options.pay_types, this_month())
        .map_err(PaygateError::from)?;
    Ok(json::to_js(&card.to_value()))
}

/// Reads `pay()`'s argument.
pub fn read(args: &JsValue, options: &Options) -> Result<PayInput, JsValue> {
    if !args.is_object() {
        return Err(invalid("pay() needs an object argument", "args"));
    }
    let payment = get(args, "payment");
    if !payment.is_object() || js_sys::Array::is_array(&payment) {
        return Err(invalid("payment must be an object", "payment"));
    }
    let signal = match get(args, "signal") {
        v if v.is_null_or_undefined() => None,
        v => Some(
            v.dyn_into::<AbortSignal>()
                .map_err(|_| invalid("signal must be an AbortSignal", "signal"))?,
        ),
    };
    let body = Object::new();
    set(&body, "payment", &payment);
    let card = get(args, "card");
    let saved = get(args, "savedCard");
    let has = |v: &JsValue| !v.is_null_or_undefined();
    let mut save_card = get(args, "saveCard").as_bool();
    let mut component = None;
    match (has(&card), has(&saved)) {
        (true, true) => return Err(invalid("pass either card or savedCard, not both", "card")),
        (false, false) => return Err(invalid("pay() needs card or savedCard", "card")),
        (true, false) => {
            let data = match get_fn(&card, "cardData") {
                Some(card_data) => {
                    component = Some(card.clone());
                    if save_card.is_none() {
                        save_card = get(&card, "saveCard").as_bool();
                    }
                    card_data.call0(&card)?
                }
                None => card,
            };
            set(&body, "card", &card_json(data, options)?);
        }
        (false, true) => {
            let selection = match get_fn(&saved, "selection") {
                Some(selection) => {
                    component = Some(saved.clone());
                    selection.call0(&saved)?
                }
                None => saved,
            };
            if !selection.is_object() {
                return Err(invalid("no saved card is selected", "savedCard"));
            }
            let security_code = get_string(&selection, "securityCode").unwrap_or_default();
            if get_string(&selection, "source").as_deref() == Some("prefill") {
                let has_cof = has(&get(&payment, "credentialOnFile"));
                check_prefill_payment(true, has_cof).map_err(PaygateError::from)?;
                let data = Object::new();
                set(&data, "number", &get(&selection, "pseudoCardNumber"));
                for key in ["expiryDate", "cardholderName", "brand"] {
                    set(&data, key, &get(&selection, key));
                }
                set(&data, "securityCode", &JsValue::from_str(&security_code));
                set(&body, "card", &card_json(data.into(), options)?);
            } else {
                let id = get(&selection, "id");
                let id_ok =
                    id.as_string().is_some_and(|s| !s.trim().is_empty()) || id.as_f64().is_some();
                if !id_ok {
                    return Err(invalid("savedCard needs an id", "savedCard"));
                }
                check_security_code(&security_code, None)
                    .map_err(|p| PaygateError::from(crate::protocol::Error::InvalidCard(p)))?;
                let out = Object::new();
                set(&out, "id", &id);
                set(&out, "securityCode", &JsValue::from_str(&security_code));
                set(&body, "savedCard", &out);
            }
        }
    }
    set(
        &body,
        "saveCard",
        &JsValue::from_bool(save_card.unwrap_or(false)),
    );
    Ok(PayInput {
        body,
        component,
        signal,
    })
}

/// Calls the component's `clearSensitive()`, if it has one: the PAN and CVC leave the DOM.
pub fn clear_sensitive(component: &Option<JsValue>) {
    if let Some(form) = component {
        if let Some(clear) = get_fn(form, "clearSensitive") {
            let _ = clear.call0(form);
        }
    }
}
