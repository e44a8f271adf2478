//! Reads the arguments of `pay()`: payment, a card (plain object or a `CardForm`) or a saved card
//! (`{id, securityCode}` or a `SavedCards`), `saveCard` and `signal`.
//!
//! Card numbers and security codes only ever go into the JSON body of the payment request:
//! never into a URL, an attribute, an error message or the console.

use js_sys::Object;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::checkout::input::PayInput;
use crate::checkout::options::Options;
use crate::dom::clock::this_month;
use crate::dom::js::{get, get_fn, set};
use crate::error::{ErrorCode, Message, PaygateError};
use crate::protocol::card::{check_security_code, CardFields, CardInput};
use crate::protocol::credential_on_file::check_prefill_payment;
use crate::protocol::json::{self, Obj, Scalar};
use crate::protocol::{Error, Subject};

fn invalid(message: Message, detail: &str) -> JsValue {
    PaygateError::new(ErrorCode::InvalidOptions, message)
        .with_detail(detail)
        .into()
}

crate::record! {
    /// A saved card's selection (`SavedCards.selection()` or `{id, securityCode}`).
    pub struct SelectionFields: exact {
        /// `id`.
        id: Scalar = ["id"],
        /// `securityCode`.
        security_code: Scalar = ["securityCode"],
        /// `source`: `prefill` pays with the pseudo card number as a card.
        source: Scalar = ["source"],
        /// `pseudoCardNumber`.
        pseudo_card_number: Scalar = ["pseudoCardNumber"],
        /// `expiryDate`.
        expiry_date: Scalar = ["expiryDate"],
        /// `cardholderName`.
        cardholder_name: Scalar = ["cardholderName"],
        /// `brand`.
        brand: Scalar = ["brand"],
    }
}

/// Reads a card object (errors as the card's: `Subject::Card`).
fn read_object<T: json::Record>(value: JsValue) -> Result<T, Error> {
    json::object(
        json::read_js::<Obj<T>>(value, Subject::Card)?,
        Subject::Card,
    )
}

/// Checks a card and returns the `card` JSON object of the documents.
fn checked_card(input: CardInput, options: &Options) -> Result<JsValue, JsValue> {
    let card = input
        .validate(&options.pay_types, this_month())
        .map_err(PaygateError::from)?;
    Ok(json::to_js(&card.to_value()))
}

/// Checks card fields as a plain object and returns the `card` JSON object of the documents.
pub fn card_json(data: JsValue, options: &Options) -> Result<JsValue, JsValue> {
    if !data.is_object() {
        return Err(
            PaygateError::new(ErrorCode::InvalidCard, Message::CardNotObject)
                .with_detail("shape")
                .into(),
        );
    }
    let f: CardFields = read_object(data).map_err(PaygateError::from)?;
    let input = CardInput::from_fields(&f).map_err(PaygateError::from)?;
    checked_card(input, options)
}

/// Reads `pay()`'s argument.
pub fn read(args: &JsValue, options: &Options) -> Result<PayInput, JsValue> {
    if !args.is_object() {
        return Err(invalid(Message::PayArguments, "args"));
    }
    let payment = get(args, "payment");
    if !payment.is_object() || js_sys::Array::is_array(&payment) {
        return Err(invalid(Message::Payment, "payment"));
    }
    let signal = match get(args, "signal") {
        v if v.is_null_or_undefined() => None,
        v => Some(
            v.dyn_into::<AbortSignal>()
                .map_err(|_| invalid(Message::Signal, "signal"))?,
        ),
    };
    let body = Object::new();
    set(&body, "payment", &payment);
    let card = get(args, "card");
    let saved = get(args, "savedCard");
    let mut save_card = get(args, "saveCard").as_bool();
    let component = match (given(&card), given(&saved)) {
        (true, true) => return Err(invalid(Message::CardAndSavedCard, "card")),
        (false, false) => return Err(invalid(Message::NoCard, "card")),
        (true, false) => new_card(&body, card, options, &mut save_card)?,
        (false, true) => saved_card(&body, saved, &payment, options)?,
    };
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

fn given(v: &JsValue) -> bool {
    !v.is_null_or_undefined()
}

/// `card`: a `CardForm` (its `cardData()`, and its `saveCard` unless `pay()` says) or a plain
/// card object; returns the component.
fn new_card(
    body: &Object,
    card: JsValue,
    options: &Options,
    save_card: &mut Option<bool>,
) -> Result<Option<JsValue>, JsValue> {
    let (data, component) = match get_fn(&card, "cardData") {
        Some(card_data) => {
            if save_card.is_none() {
                *save_card = get(&card, "saveCard").as_bool();
            }
            (card_data.call0(&card)?, Some(card))
        }
        None => (card, None),
    };
    set(body, "card", &card_json(data, options)?);
    Ok(component)
}

/// `savedCard`: a `SavedCards` (its `selection()`) or `{id, securityCode}`; a prefilled
/// pseudo card number pays as a card. Returns the component.
fn saved_card(
    body: &Object,
    saved: JsValue,
    payment: &JsValue,
    options: &Options,
) -> Result<Option<JsValue>, JsValue> {
    let (selection, component) = match get_fn(&saved, "selection") {
        Some(selection) => (selection.call0(&saved)?, Some(saved)),
        None => (saved, None),
    };
    if !selection.is_object() {
        return Err(invalid(Message::NoSelection, "savedCard"));
    }
    let sel: SelectionFields = read_object(selection).map_err(PaygateError::from)?;
    let security_code = Scalar::Text(sel.security_code.as_text().unwrap_or_default().into());
    if sel.source.as_text() == Some("prefill") {
        let has_cof = given(&get(payment, "credentialOnFile"));
        check_prefill_payment(true, has_cof).map_err(PaygateError::from)?;
        let input = CardInput::from_scalars(
            &sel.pseudo_card_number,
            &sel.expiry_date,
            &security_code,
            &sel.cardholder_name,
            &sel.brand,
        )
        .map_err(PaygateError::from)?;
        set(body, "card", &checked_card(input, options)?);
        return Ok(component);
    }
    let id = match &sel.id {
        Scalar::Text(s) if !s.trim().is_empty() => JsValue::from_str(s),
        Scalar::Number(n) => JsValue::from_f64(*n),
        _ => return Err(invalid(Message::SavedCardId, "savedCard")),
    };
    let security_code = security_code.as_text().unwrap_or_default();
    check_security_code(security_code, None)
        .map_err(|p| PaygateError::from(crate::protocol::Error::InvalidCard(p)))?;
    let out = Object::new();
    set(&out, "id", &id);
    set(&out, "securityCode", &JsValue::from_str(security_code));
    set(body, "savedCard", &out);
    Ok(component)
}
