//! The parameters of a direct.aspx request, checked in the order the Paygate checks them
//! (the first problem decides the answer's code).

use paygate_wasm::protocol::kv::KeyValues;
use serde_json::Value;

use super::super::{check_request_mac, json_param, optional};
use crate::cards::{self, CardFault};
use crate::checks::{is_http_url, is_window_size, valid_id};
use crate::clock;
use crate::error::{codes, AppError};
use crate::state::Shared;
use crate::vault::CustomerInfo;

/// The non-empty value of `key`, refused when missing or longer than `max`.
fn field<'a>(kv: &'a KeyValues, key: &str, max: usize) -> Result<&'a str, AppError> {
    let v = kv
        .get_nonempty(key)
        .ok_or_else(|| AppError::pg(codes::MISSING, format!("{key} missing")))?;
    if v.len() > max {
        return Err(AppError::pg(codes::TOO_LARGE, format!("{key} too long")));
    }
    Ok(v)
}

/// The card as checked and resolved (pseudo card numbers resolved to the stored PAN).
pub(super) struct ResolvedCard {
    /// The real card number.
    pub pan: String,
    /// The holder's name (the stored one when the request has none).
    pub holder: String,
    /// `YYYYMM`.
    pub expiry: String,
    /// The stored card paid with (customer id, method id).
    pub used_method: Option<(String, String)>,
}

/// Checks the `card` object and resolves a pseudo card number to the stored card.
fn resolve_card(app: &Shared, card: &Value) -> Result<ResolvedCard, AppError> {
    let s = |k: &str| {
        card.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or("")
    };
    let (number, expiry, cvc, holder) = (
        s("number"),
        s("expiryDate"),
        s("securityCode"),
        s("cardholderName"),
    );
    if number.is_empty() || expiry.is_empty() || cvc.is_empty() {
        return Err(AppError::pg(
            codes::CARD_FORMAT,
            "card needs number, expiryDate and securityCode",
        ));
    }
    if number.len() > 19 || expiry.len() > 6 || cvc.len() > 4 || holder.chars().count() > 45 {
        return Err(AppError::pg(codes::TOO_LARGE, "card field too long"));
    }
    let now = clock::year_month();
    let (pan, used_method, holder) = if cards::is_pseudo_card_number(number) {
        let (customer, m) = app
            .vault
            .resolve_pcn(&app.cfg.merchant_id, number)
            .ok_or_else(|| AppError::pg(codes::PSEUDO, "unknown pseudo card number"))?;
        let holder = if holder.is_empty() {
            m.holder.clone()
        } else {
            holder.to_string()
        };
        (m.pan.clone(), Some((customer, m.id.clone())), holder)
    } else {
        (number.to_string(), None, holder.to_string())
    };
    cards::validate_card(&pan, expiry, cvc, now).map_err(|f| {
        let code = match f {
            CardFault::Number => codes::CARD_NUMBER,
            CardFault::Expiry(_) => codes::CARD_EXPIRY,
            CardFault::Cvc => codes::CARD_CVC,
        };
        AppError::pg(code, f.message())
    })?;
    Ok(ResolvedCard {
        pan,
        holder,
        expiry: expiry.to_string(),
        used_method,
    })
}

/// `browserInfo.challengeWindowSize` (`01`–`05`; `02` when not given).
fn window_size(browser_info: &Option<Value>) -> Result<String, AppError> {
    let Some(size) = browser_info
        .as_ref()
        .and_then(|b| b.get("challengeWindowSize"))
    else {
        return Ok("02".into());
    };
    match size.as_str() {
        Some(s) if is_window_size(s) => Ok(s.to_string()),
        _ => Err(AppError::pg(
            codes::FORMAT,
            "browserInfo.challengeWindowSize must be 01-05",
        )),
    }
}

/// `customerInfo` (base64 JSON, or wrapping one) with a valid `merchantCustomerId`.
fn customer_info(kv: &KeyValues) -> Result<Option<CustomerInfo>, AppError> {
    let Some(v) = json_param(kv, "customerInfo", codes::FORMAT)? else {
        return Ok(None);
    };
    let v = v.get("customerInfo").cloned().unwrap_or(v);
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let id = s("merchantCustomerId");
    if !valid_id(&id) {
        return Err(AppError::pg(
            codes::FORMAT,
            "customerInfo.merchantCustomerId invalid",
        ));
    }
    Ok(Some(CustomerInfo {
        merchant_customer_id: id,
        first_name: s("firstName"),
        last_name: s("lastName"),
        email: s("email"),
    }))
}

/// `ReqID` (the key column of the document spells it `ReqId`; keys are case-insensitive, so
/// both are read): `ans..32`, printable ASCII without spaces.
pub(super) fn req_id(kv: &KeyValues) -> Result<Option<&str>, AppError> {
    match optional(kv, "ReqID", 32)? {
        Some(r) if !r.bytes().all(|b| b.is_ascii_graphic()) => Err(AppError::pg(
            codes::FORMAT,
            "ReqID must be up to 32 printable characters",
        )),
        other => Ok(other),
    }
}

/// What every request needs before its `ReqID`: `TransID`, `Amount`, `Currency`, the MAC and
/// the URLs.
pub(super) struct Basics<'k> {
    /// `TransID`.
    pub trans_id: &'k str,
    /// `Amount` in minor units.
    pub amount: &'k str,
    /// `Currency` (ISO 4217).
    pub currency: &'k str,
    /// `URLNotify`.
    pub url_notify: &'k str,
}

/// Checks `TransID`, `Amount`, `Currency`, the MAC, `URLNotify`, `TermURL` and `MsgVer`.
pub(super) fn basics<'k>(app: &Shared, kv: &'k KeyValues) -> Result<Basics<'k>, AppError> {
    let trans_id = field(kv, "TransID", 64)?;
    let amount = field(kv, "Amount", 10)?;
    let currency = field(kv, "Currency", 3)?;
    if !amount.bytes().all(|b| b.is_ascii_digit())
        || currency.len() != 3
        || !currency.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return Err(AppError::pg(
            codes::FORMAT,
            "Amount must be digits, Currency ISO 4217",
        ));
    }
    check_request_mac(app, kv, "", amount, currency)?;
    let url_notify = field(kv, "URLNotify", 1024)?;
    if !is_http_url(url_notify) {
        return Err(AppError::pg(
            codes::FORMAT,
            "URLNotify must be an http(s) URL",
        ));
    }
    if let Some(term) = optional(kv, "TermURL", 1024)? {
        if !is_http_url(term) {
            return Err(AppError::pg(
                codes::FORMAT,
                "TermURL must be an http(s) URL",
            ));
        }
    }
    optional(kv, "MsgVer", 10)?;
    Ok(Basics {
        trans_id,
        amount,
        currency,
        url_notify,
    })
}

/// The card and what comes with it: browser data, the customer and the consent to save.
pub(super) struct CardParams {
    /// The checked card.
    pub card: ResolvedCard,
    /// The challenge window size.
    pub window_size: String,
    /// The customer who consented to storing the card (none for a stored card).
    pub save: Option<CustomerInfo>,
}

/// Checks `card`, `browserInfo`, the other JSON parameters, `customerInfo` and `saveCard`.
pub(super) fn card_params(app: &Shared, kv: &KeyValues) -> Result<CardParams, AppError> {
    let card = json_param(kv, "card", codes::CARD_FORMAT)?
        .ok_or_else(|| AppError::pg(codes::MISSING, "card missing"))?;
    let browser_info = json_param(kv, "browserInfo", codes::FORMAT)?;
    for key in [
        "billingAddress",
        "shippingAddress",
        "credentialOnFile",
        "threeDSPolicy",
        "accountInfo",
    ] {
        json_param(kv, key, codes::FORMAT)?;
    }
    let window_size = window_size(&browser_info)?;
    let customer = customer_info(kv)?;
    let save_card = kv.get("saveCard").is_some_and(|v| {
        v.eq_ignore_ascii_case("yes") || v == "1" || v.eq_ignore_ascii_case("true")
    });
    let card = resolve_card(app, &card)?;
    let save = if save_card && card.used_method.is_none() {
        customer
    } else {
        None
    };
    Ok(CardParams {
        card,
        window_size,
        save,
    })
}
