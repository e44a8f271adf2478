//! What the selector hands to JavaScript: the chosen card with its CVC, and the vault entries it
//! left out.

use wasm_bindgen::JsValue;

use super::super::strings::problem;
use super::State;
use crate::dom::js::{focus, set, set_opt};
use crate::error::{message_text, ErrorCode, Message, PaygateError};
use crate::protocol::card::check_security_code;
use crate::protocol::vault::{SkippedEntry, VaultSource};
use crate::protocol::CardProblem;

/// The entries the selector left out, for JavaScript: `[{index, id, code, detail, message}]`
/// (`id` is `null` when the entry had none; `code` is `invalid_vault_data`).
pub fn skipped_entries(skipped: &[SkippedEntry]) -> js_sys::Array {
    skipped
        .iter()
        .map(|entry| {
            let obj: JsValue = js_sys::Object::new().into();
            set(&obj, "index", &JsValue::from_f64(entry.index as f64));
            set_opt(&obj, "id", entry.id.as_deref());
            set(&obj, "code", &JsValue::from_str(entry.error.code()));
            set(&obj, "detail", &JsValue::from_str(entry.error.detail()));
            let (message, args) = entry.error.message();
            set(&obj, "message", &message_text(message, args));
            obj
        })
        .collect()
}

/// The chosen stored card as `{id, securityCode, source, pseudoCardNumber, expiryDate, brand,
/// cardholderName}`, `null` for a new card; a CVC that does not fit is shown and refused.
pub(super) fn selection(st: &State) -> Result<JsValue, PaygateError> {
    let Some(card) = st.chosen_card() else {
        return Ok(JsValue::NULL);
    };
    let code = st.cvc.input.value();
    let checked = if card.selectable() {
        check_security_code(&code, card.brand)
    } else {
        Err(CardProblem::NotSelectable)
    };
    if let Err(p) = checked {
        if !st.in_change {
            st.cvc.show(Some(problem(&st.opts.texts, p)));
            focus(&st.cvc.input);
        }
        return Err(
            PaygateError::new(ErrorCode::InvalidCard, Message::SecurityCodeNeeded)
                .with_detail(p.code()),
        );
    }
    let out = js_sys::Object::new();
    set(&out, "id", &JsValue::from_str(&card.id));
    set(&out, "securityCode", &JsValue::from_str(&code));
    let source = match card.source {
        VaultSource::CustomerVault => "vault",
        VaultSource::CustomerDataStorage => "cds",
        VaultSource::Prefill => "prefill",
    };
    set(&out, "source", &JsValue::from_str(source));
    set_opt(&out, "pseudoCardNumber", card.pseudo_card_number.as_deref());
    set(
        &out,
        "expiryDate",
        &JsValue::from_str(&card.expiry.yyyymm()),
    );
    let brand = card
        .brand
        .map_or(card.brand_label.as_str(), |b| b.spelling());
    set_opt(&out, "brand", Some(brand).filter(|b| !b.is_empty()));
    set_opt(&out, "cardholderName", card.holder.as_deref());
    Ok(out.into())
}
