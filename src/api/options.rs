//! Reading the JavaScript options objects: `new PaygateCheckout(options)`,
//! `new SavedCards(element, options)`, `new CardForm(element, options)`.
//!
//! The data options are read with serde-wasm-bindgen into serde types (keys exactly as
//! documented); elements and callbacks are not data and are taken from the object as they are.

use serde::Deserialize;
use wasm_bindgen::JsValue;

use crate::checkout::options::{invalid, pay_types, Options, OptionsFields};
use crate::dom::cards::card_form::CardFormOptions;
use crate::dom::cards::saved_cards::SavedCardsOptions;
use crate::dom::js::{get, get_fn};
use crate::error::{Message, PaygateError};
use crate::i18n::Texts;
use crate::protocol::json::{Obj, Record, Scalar};

/// Reads the data of an options object; `None` when it is not an object.
fn read<T: Record>(options: &JsValue) -> Result<Option<T>, PaygateError> {
    match Obj::<T>::deserialize(serde_wasm_bindgen::Deserializer::from(options.clone())) {
        Ok(Obj::Object(fields)) => Ok(Some(fields)),
        Ok(_) => Ok(None),
        Err(_) => Err(invalid(Message::OptionsNotPlain, "options")),
    }
}

/// `value` as JavaScript's `!!value`, `default` when absent or `null`.
fn truthy(value: &Scalar, default: bool) -> bool {
    match value {
        Scalar::Absent | Scalar::Null => default,
        Scalar::Bool(b) => *b,
        Scalar::Number(n) => *n != 0.0 && !n.is_nan(),
        Scalar::Text(s) => !s.is_empty(),
        Scalar::Compound => true,
    }
}

/// The texts that the JavaScript wrapper resolved from `locale` and `translations`
/// (`js/texts.js`); `invalid_options` when they are not a complete list.
pub fn texts(joined: &JsValue) -> Result<Texts, PaygateError> {
    let joined = joined.as_string().unwrap_or_default();
    Texts::read(&joined).ok_or_else(|| invalid(Message::TextsMissing, "locale"))
}

/// `new PaygateCheckout(options)` with the resolved `texts` ([`texts`]): reads and checks;
/// every problem is `invalid_options`.
pub fn checkout_options(options: &JsValue, texts: Texts) -> Result<Options, PaygateError> {
    if !options.is_object() {
        return Err(invalid(Message::OptionsNotObject, "options"));
    }
    let fields: OptionsFields = read(options)?.unwrap_or_default();
    Options::check(
        &fields,
        get(options, "container"),
        get(options, "onStateChange"),
        texts,
    )
}

crate::record! {
    /// The data options of `SavedCards` and `CardForm` (`vaultData` is read on its own).
    struct ComponentFields: exact {
        pay_types: Scalar = ["payTypes"],
        backend_url: Scalar = ["backendUrl"],
        allow_remove: Scalar = ["allowRemove"],
        offer_save: Scalar = ["offerSave"],
    }
}

fn component_fields(options: &JsValue) -> ComponentFields {
    read(options).ok().flatten().unwrap_or_default()
}

/// `new SavedCards(element, { backendUrl, allowRemove, onChange })`, without `vaultData`
/// ([`vault_data`]), with the resolved `texts`.
pub fn saved_cards_options(options: &JsValue, texts: Texts) -> SavedCardsOptions {
    let f = component_fields(options);
    SavedCardsOptions {
        texts,
        backend_url: f
            .backend_url
            .as_text()
            .map_or_else(|| "/paygate".to_owned(), str::to_owned),
        allow_remove: truthy(&f.allow_remove, false),
        on_change: get_fn(options, "onChange"),
    }
}

/// `options.vaultData`, as it is (read by the vault reader).
pub fn vault_data(options: &JsValue) -> JsValue {
    get(options, "vaultData")
}

/// `options.onSkipped`.
pub fn on_skipped(options: &JsValue) -> Option<js_sys::Function> {
    get_fn(options, "onSkipped")
}

/// `new CardForm(element, { payTypes, offerSave })`, with the resolved `texts`.
pub fn card_form_options(options: &JsValue, texts: Texts) -> CardFormOptions {
    let f = component_fields(options);
    CardFormOptions {
        texts,
        pay_types: pay_types(&f.pay_types),
        offer_save: truthy(&f.offer_save, false),
    }
}
