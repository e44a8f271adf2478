//! The browser's `POST /paygate/payments` body, checked: amount, currency, browser data, and the
//! card (new, or one of the session customer's saved cards).

use std::net::SocketAddr;

use axum::http::{header, HeaderMap};
use serde_json::{json, Map, Value};

use super::super::methods;
use super::super::text;
use crate::error::{AppError, ErrorCode};
use crate::state::Shared;
use crate::{cards, checks, clock};

/// The request's checked amount, currency and browserInfo.
pub(super) struct Checked {
    /// Minor units.
    pub amount: String,
    /// ISO 4217, upper case.
    pub currency: String,
    /// `browserInfo` with the request's `acceptHeaders` and `ipAddress`.
    pub info: Value,
}

/// Checks `payment` (amount, currency) and `browserInfo`.
pub(super) fn check(
    req: &Value,
    headers: &HeaderMap,
    peer: SocketAddr,
) -> Result<Checked, AppError> {
    let payment = req
        .get("payment")
        .filter(|v| v.is_object())
        .ok_or_else(|| AppError::bad_request(ErrorCode::InvalidPayment, "payment required"))?;
    let amount = amount_of(payment)?;
    let currency = text(payment, "currency").to_ascii_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(AppError::bad_request(
            ErrorCode::InvalidCurrency,
            "payment.currency must be ISO 4217",
        ));
    }
    let info = browser_info(req, headers, peer)?;
    Ok(Checked {
        amount,
        currency,
        info,
    })
}

/// `payment.amount`: a positive integer (number or digits) of at most 9 digits.
fn amount_of(payment: &Value) -> Result<String, AppError> {
    let a = match payment.get("amount") {
        Some(Value::Number(n)) => n.as_u64().map(|n| n.to_string()),
        Some(Value::String(s))
            if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(s.clone())
        }
        _ => None,
    };
    match a {
        Some(a) if a.len() <= 9 && a != "0" => Ok(a),
        _ => Err(AppError::bad_request(
            ErrorCode::InvalidAmount,
            "payment.amount must be a positive integer in minor units",
        )),
    }
}

/// 2–45 letters, spaces, hyphens, apostrophes and dots.
fn holder_ok(name: &str) -> bool {
    let n = name.chars().count();
    (2..=45).contains(&n)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
}

/// The `card` JSON for a card from the session customer's vault, paid with its pseudo card
/// number in place of the PAN (prefill; no credentialOnFile). `None` is another customer's card.
fn stored_card_json(card: Option<Value>, cvc: &str) -> Result<(Value, bool), AppError> {
    let card = card.ok_or_else(|| AppError::not_found("saved card not found"))?;
    let expiry = text(&card, "expiryDate");
    if cards::expiry_ok(expiry, clock::year_month()).is_err() {
        return Err(AppError::bad_request(
            ErrorCode::CardExpired,
            "the saved card has expired",
        ));
    }
    let brand = text(&card, "brand");
    if !cards::cvc_ok(brand, cvc) {
        return Err(AppError::bad_request(
            ErrorCode::InvalidCard,
            "invalid security code",
        ));
    }
    let card = json!({"number": text(&card, "pseudoCardNumber"), "expiryDate": expiry, "securityCode": cvc,
                      "cardholderName": text(&card, "cardHolderName"), "brand": brand});
    Ok((card, true))
}

/// Builds the `card` JSON for the Paygate from a new card or a saved one. A stored card comes
/// as `savedCard: {id}`, or as a prefilled `card` whose number is its pseudo card number; either
/// way it must be the session customer's.
pub(super) async fn card_json(
    app: &Shared,
    customer: &str,
    req: &Value,
) -> Result<(Value, bool), AppError> {
    let now = clock::year_month();
    if let Some(saved) = req.get("savedCard").filter(|v| v.is_object()) {
        let card = methods::customer_card(app, customer, text(saved, "id")).await?;
        return stored_card_json(card, text(saved, "securityCode"));
    }
    let c = req.get("card").filter(|v| v.is_object()).ok_or_else(|| {
        AppError::bad_request(ErrorCode::InvalidCard, "card or savedCard required")
    })?;
    let number: String = text(c, "number").chars().filter(|ch| *ch != ' ').collect();
    if cards::is_pseudo_card_number(&number) {
        let card = methods::customer_card_by_pseudo_number(app, customer, &number).await?;
        return stored_card_json(card, text(c, "securityCode"));
    }
    let (expiry, cvc, holder) = (
        text(c, "expiryDate"),
        text(c, "securityCode"),
        text(c, "cardholderName"),
    );
    let brand = cards::validate_card(&number, expiry, cvc, now)
        .map_err(|f| AppError::bad_request(ErrorCode::InvalidCard, f.message()))?;
    if !holder_ok(holder) {
        return Err(AppError::bad_request(
            ErrorCode::InvalidCard,
            "cardholderName must be 2-45 letters",
        ));
    }
    Ok((
        json!({"number": number, "expiryDate": expiry, "securityCode": cvc, "cardholderName": holder, "brand": brand}),
        false,
    ))
}

/// `browserInfo` (an object, or none) completed with `acceptHeaders` and `ipAddress`.
fn browser_info(req: &Value, headers: &HeaderMap, peer: SocketAddr) -> Result<Value, AppError> {
    let mut info = match req.get("browserInfo") {
        Some(Value::Object(m)) => m.clone(),
        None | Some(Value::Null) => Map::new(),
        Some(_) => {
            return Err(AppError::bad_request(
                ErrorCode::InvalidBrowserInfo,
                "browserInfo must be an object",
            ))
        }
    };
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("*/*");
    info.insert(
        "acceptHeaders".into(),
        json!(accept.chars().take(2048).collect::<String>()),
    );
    info.insert("ipAddress".into(), json!(peer.ip().to_string()));
    if let Some(size) = info.get("challengeWindowSize") {
        if !size.as_str().is_some_and(checks::is_window_size) {
            return Err(AppError::bad_request(
                ErrorCode::InvalidBrowserInfo,
                "challengeWindowSize must be 01-05",
            ));
        }
    }
    Ok(Value::Object(info))
}
