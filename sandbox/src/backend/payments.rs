//! `POST /paygate/payments`, `…/{payId}/result`, `GET …/{payId}?wait=N` and the URLNotify
//! receiver: the merchant backend's side of a 3-D Secure card payment.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use paygate_wasm::protocol::codec::decode_base64;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use tokio::sync::watch;

use super::state::{BackendPayment, Facts, Payments};
use super::session::Session;
use super::{client, methods};
use crate::error::{codes, AppError};
use crate::kv::Kv;
use crate::state::{lock, log, Shared};
use crate::{cards, checks, clock, ids, wire};

fn body_json(body: Result<Bytes, BytesRejection>) -> Result<Value, AppError> {
    let b = body.map_err(|e| AppError::api(StatusCode::PAYLOAD_TOO_LARGE, "invalid_request", e.body_text()))?;
    let v: Value = serde_json::from_slice(&b).map_err(|_| AppError::bad_request("invalid_request", "body must be JSON"))?;
    if v.is_object() { Ok(v) } else { Err(AppError::bad_request("invalid_request", "body must be a JSON object")) }
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).map(str::trim).unwrap_or("")
}

fn amount_of(payment: &Value) -> Result<String, AppError> {
    let a = match payment.get("amount") {
        Some(Value::Number(n)) => n.as_u64().map(|n| n.to_string()),
        Some(Value::String(s)) if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) => Some(s.clone()),
        _ => None,
    };
    match a {
        Some(a) if a.len() <= 9 && a != "0" => Ok(a),
        _ => Err(AppError::bad_request("invalid_amount", "payment.amount must be a positive integer in minor units")),
    }
}

fn holder_ok(name: &str) -> bool {
    let n = name.chars().count();
    (2..=45).contains(&n) && name.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
}

/// The `card` JSON for a card from the session customer's vault, paid with its pseudo card
/// number in place of the PAN (prefill; no credentialOnFile). `None` is another customer's card.
fn stored_card_json(card: Option<Value>, cvc: &str) -> Result<(Value, bool), AppError> {
    let card = card.ok_or_else(|| AppError::not_found("saved card not found"))?;
    let expiry = text(&card, "expiryDate");
    if cards::expiry_ok(expiry, clock::year_month()).is_err() {
        return Err(AppError::bad_request("card_expired", "the saved card has expired"));
    }
    let brand = text(&card, "brand");
    if !cards::cvc_ok(brand, cvc) {
        return Err(AppError::bad_request("invalid_card", "invalid security code"));
    }
    let card = json!({"number": text(&card, "pseudoCardNumber"), "expiryDate": expiry, "securityCode": cvc,
                      "cardholderName": text(&card, "cardHolderName"), "brand": brand});
    Ok((card, true))
}

/// Builds the `card` JSON for the Paygate from a new card or a saved one. A stored card comes
/// as `savedCard: {id}`, or as a prefilled `card` whose number is its pseudo card number; either
/// way it must be the session customer's.
async fn card_json(app: &Shared, customer: &str, req: &Value) -> Result<(Value, bool), AppError> {
    let now = clock::year_month();
    if let Some(saved) = req.get("savedCard").filter(|v| v.is_object()) {
        let card = methods::customer_card(app, customer, text(saved, "id")).await?;
        return stored_card_json(card, text(saved, "securityCode"));
    }
    let c = req.get("card").filter(|v| v.is_object()).ok_or_else(|| AppError::bad_request("invalid_card", "card or savedCard required"))?;
    let number: String = text(c, "number").chars().filter(|ch| *ch != ' ').collect();
    if cards::is_pseudo_card_number(&number) {
        let card = methods::customer_card_by_pseudo_number(app, customer, &number).await?;
        return stored_card_json(card, text(c, "securityCode"));
    }
    let (expiry, cvc, holder) = (text(c, "expiryDate"), text(c, "securityCode"), text(c, "cardholderName"));
    let brand = cards::validate_card(&number, expiry, cvc, now).map_err(|f| AppError::bad_request("invalid_card", f.message()))?;
    if !holder_ok(holder) {
        return Err(AppError::bad_request("invalid_card", "cardholderName must be 2-45 letters"));
    }
    Ok((json!({"number": number, "expiryDate": expiry, "securityCode": cvc, "cardholderName": holder, "brand": brand}), false))
}

fn browser_info(req: &Value, headers: &HeaderMap, peer: SocketAddr) -> Result<Value, AppError> {
    let mut info = match req.get("browserInfo") {
        Some(Value::Object(m)) => m.clone(),
        None | Some(Value::Null) => Map::new(),
        Some(_) => return Err(AppError::bad_request("invalid_browser_info", "browserInfo must be an object")),
    };
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("*/*");
    info.insert("acceptHeaders".into(), json!(accept.chars().take(2048).collect::<String>()));
    info.insert("ipAddress".into(), json!(peer.ip().to_string()));
    if let Some(size) = info.get("challengeWindowSize") {
        if !size.as_str().is_some_and(checks::is_window_size) {
            return Err(AppError::bad_request("invalid_browser_info", "challengeWindowSize must be 01-05"));
        }
    }
    Ok(Value::Object(info))
}

/// `POST /paygate/payments`.
pub async fn create(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, AppError> {
    create_inner(&app, &s.customer, &headers, peer, body).await
}

async fn create_inner(app: &Shared, customer: &str, headers: &HeaderMap, peer: SocketAddr, body: Result<Bytes, BytesRejection>) -> Result<Json<Value>, AppError> {
    let req = body_json(body)?;
    let payment = req.get("payment").filter(|v| v.is_object()).ok_or_else(|| AppError::bad_request("invalid_payment", "payment required"))?;
    let amount = amount_of(payment)?;
    let currency = text(payment, "currency").to_ascii_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(AppError::bad_request("invalid_currency", "payment.currency must be ISO 4217"));
    }
    let info = browser_info(&req, headers, peer)?;
    let (card, saved) = card_json(app, customer, &req).await?;
    let save_card = !saved && req.get("saveCard").and_then(Value::as_bool).unwrap_or(false);
    let trans_id = format!("T{}", ids::hex(20));
    let profile = lock(&app.backend.customers).get(customer).cloned();
    let customer_info = json!({
        "merchantCustomerId": customer,
        "firstName": profile.as_ref().map(|p| p.first_name.as_str()).unwrap_or(""),
        "lastName": profile.as_ref().map(|p| p.last_name.as_str()).unwrap_or(""),
        "email": profile.as_ref().map(|p| p.email.as_str()).unwrap_or(""),
    });
    let (tx, _) = watch::channel(json!({"state": "pending"}));
    lock(&app.backend.payments).by_trans_id.insert(
        trans_id.clone(),
        BackendPayment { trans_id: trans_id.clone(), pay_id: None, customer: customer.to_string(), facts: None, poll: tx },
    );
    let mut kv = Kv::new();
    kv.push("MerchantID", app.cfg.merchant_id.clone())
        .push("TransID", trans_id.clone())
        .push("Amount", amount.clone())
        .push("Currency", currency.clone())
        .push("MAC", client::request_mac(app, "", &trans_id, &amount, &currency))
        .push("MsgVer", "2.0")
        .push("URLNotify", format!("{}/paygate/notify", app.cfg.shop))
        .push("card", wire::b64(card.to_string().as_bytes()))
        .push("browserInfo", wire::b64(info.to_string().as_bytes()))
        .push("customerInfo", wire::b64(customer_info.to_string().as_bytes()));
    if save_card {
        kv.push("saveCard", "yes");
    }
    if let Some(desc) = payment.get("description").and_then(Value::as_str) {
        kv.push("OrderDesc", desc.chars().filter(|c| *c != '&' && *c != '=').take(200).collect::<String>());
    }
    log("shop", format!("payment {trans_id}: {amount} {currency} card={}", cards::mask(text(&card, "number"))));
    let answer = client::call(app, "/direct.aspx", &kv).await?;
    let code = answer.get("Code").unwrap_or("").to_string();
    let pay_id = answer.get("PayID").unwrap_or("").to_string();
    if answer.get("MAC").is_some() && !client::response_mac_ok(app, &answer) {
        return Err(AppError::upstream("Paygate answer MAC invalid"));
    }
    if !pay_id.is_empty() {
        let mut g = lock(&app.backend.payments);
        g.by_pay_id.insert(pay_id.clone(), trans_id.clone());
        if let Some(p) = g.by_trans_id.get_mut(&trans_id) {
            p.pay_id = Some(pay_id.clone());
        }
    }
    let next = if code == codes::AUTH_REQUEST {
        let versioning = answer.get("versioningdata").and_then(wire::b64_json).unwrap_or(Value::Null);
        match answer.get("threeDSLegacy").and_then(wire::b64_json) {
            Some(l) => json!({"type": "legacy", "acsURL": l["acsURL"], "paReq": l["paReq"], "termURL": l["termURL"], "md": l["md"]}),
            None => json!({"type": "method", "versioningData": versioning}),
        }
    } else {
        let facts = Facts {
            pay_id: pay_id.clone(),
            status: answer.get("Status").unwrap_or("FAILED").to_string(),
            code: if code.is_empty() { codes::FORMAT.to_string() } else { code },
            description: answer.get("Description").unwrap_or("").to_string(),
            comp_ind: String::new(),
        };
        let result = match lock(&app.backend.payments).by_trans_id.get_mut(&trans_id) {
            Some(p) => p.set_facts(facts),
            None => facts.result_json(&trans_id),
        };
        json!({"type": "done", "result": result})
    };
    Ok(Json(json!({"payId": pay_id, "transId": trans_id, "next": next})))
}

/// Finds a payment of the session customer by PayID and runs `f` on it.
fn with_payment<R>(app: &Shared, customer: &str, pay_id: &str, f: impl FnOnce(&mut BackendPayment) -> R) -> Result<R, AppError> {
    let mut g = lock(&app.backend.payments);
    let Payments { by_trans_id, by_pay_id } = &mut *g;
    match by_pay_id.get(pay_id).and_then(|t| by_trans_id.get_mut(t)) {
        Some(p) if p.customer == customer => Ok(f(p)),
        _ => Err(AppError::not_found("payment not found")),
    }
}

/// `POST /paygate/payments/{payId}/result` with `{MID, Len, Data}` from the browser.
pub async fn result(
    State(app): State<Shared>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, AppError> {
    result_inner(&app, &s.customer, &pay_id, body)
}

fn result_inner(app: &Shared, customer: &str, pay_id: &str, body: Result<Bytes, BytesRejection>) -> Result<Json<Value>, AppError> {
    let req = body_json(body)?;
    let refuse = |m: &str| AppError::bad_request("invalid_payment_response", m.to_string());
    let mid = text(&req, "MID");
    let mid_plain = decode_base64(mid).and_then(|b| String::from_utf8(b).ok());
    if mid_plain.as_deref() != Some(app.cfg.merchant_id.as_str()) && mid != app.cfg.merchant_id {
        return Err(refuse("MID does not match"));
    }
    let len = match req.get("Len") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => return Err(refuse("Len missing")),
    };
    let kv = client::decrypt_kv(app, &len, text(&req, "Data")).ok_or_else(|| refuse("Data cannot be decrypted"))?;
    if !client::response_mac_ok(app, &kv) {
        return Err(refuse("MAC invalid"));
    }
    if kv.get("mid").or_else(|| kv.get("MerchantID")) != Some(app.cfg.merchant_id.as_str()) {
        return Err(refuse("MerchantID does not match"));
    }
    if kv.get("PayID") != Some(pay_id) {
        return Err(refuse("PayID does not match this payment"));
    }
    let (status, code) = (kv.get("Status").unwrap_or(""), kv.get("Code").unwrap_or(""));
    with_payment(app, customer, pay_id, |p| {
        if kv.get("TransID") != Some(p.trans_id.as_str()) {
            return Err(refuse("TransID does not match this payment"));
        }
        match &p.facts {
            None => Ok(Json(json!({"final": false}))),
            Some(f) if f.status == status && f.code == code => Ok(Json(json!({"final": true, "result": f.result_json(&p.trans_id)}))),
            Some(_) => Err(refuse("Data contradicts the Paygate notification")),
        }
    })?
}

/// Query of the long poll.
#[derive(Debug, Deserialize)]
pub struct PollQuery {
    wait: Option<f64>,
}

/// `GET /paygate/payments/{payId}?wait=N`: long poll, at most 30 s.
pub async fn poll(
    State(app): State<Shared>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
    q: Result<Query<PollQuery>, QueryRejection>,
) -> Result<impl IntoResponse, AppError> {
    let wait = q.ok().and_then(|q| q.wait).filter(|w| w.is_finite() && *w > 0.0).unwrap_or(0.0).min(30.0);
    let rx = with_payment(&app, &s.customer, &pay_id, |p| p.poll.subscribe())?;
    let answer = wait_for_state(rx, Duration::from_secs_f64(wait)).await;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(answer)))
}

async fn wait_for_state(mut rx: watch::Receiver<Value>, wait: Duration) -> Value {
    let pending = |v: &Value| v.get("state").and_then(Value::as_str) == Some("pending");
    let current = rx.borrow_and_update().clone();
    if !pending(&current) || wait.is_zero() {
        return current;
    }
    let _ = tokio::time::timeout(wait, rx.wait_for(|v| !pending(v))).await;
    let v = rx.borrow().clone();
    v
}

/// `POST /paygate/notify`: the Paygate's URLNotify (encrypted, with MAC).
pub async fn notify(State(app): State<Shared>, body: Result<Bytes, BytesRejection>) -> Response {
    match notify_inner(&app, body) {
        Ok(()) => (StatusCode::OK, "OK").into_response(),
        Err(e) => {
            log("shop", format!("URLNotify refused: {e}"));
            e.into_response()
        }
    }
}

fn notify_inner(app: &Shared, body: Result<Bytes, BytesRejection>) -> Result<(), AppError> {
    let b = body.map_err(|_| AppError::bad_request("invalid_notify", "body too large"))?;
    let form = Kv::parse_form(&b);
    let bad = |m: &str| AppError::bad_request("invalid_notify", m.to_string());
    if form.get("MerchantID") != Some(app.cfg.merchant_id.as_str()) {
        return Err(bad("unknown MerchantID"));
    }
    let kv = client::decrypt_kv(app, form.get("Len").unwrap_or(""), form.get("Data").unwrap_or("")).ok_or_else(|| bad("cannot decrypt"))?;
    if !client::response_mac_ok(app, &kv) {
        return Err(bad("MAC invalid"));
    }
    let g = |k: &str| kv.get(k).unwrap_or("").to_string();
    let (pay_id, trans_id, status, code) = (g("PayID"), g("TransID"), g("Status"), g("Code"));
    let mut payments = lock(&app.backend.payments);
    let Payments { by_trans_id, by_pay_id } = &mut *payments;
    let p = by_trans_id.get_mut(&trans_id).ok_or_else(|| bad("unknown TransID"))?;
    match &p.pay_id {
        Some(known) if *known != pay_id => return Err(bad("PayID does not match TransID")),
        Some(_) => {}
        None => {
            p.pay_id = Some(pay_id.clone());
            by_pay_id.insert(pay_id.clone(), trans_id.clone());
        }
    }
    log("shop", format!("URLNotify {pay_id} {status} {code} threeDSCompInd={}", g("threeDSCompInd")));
    if status == "AUTHENTICATION_REQUEST" {
        if let Some(ch) = kv.get("challenge").and_then(wire::b64_json) {
            if p.facts.is_none() {
                p.poll.send_replace(json!({"state": "challenge", "challenge": ch}));
            }
        }
        return Ok(());
    }
    if kv.get("prefill") == Some("on") {
        log("shop", format!("card saved for {}: PCNr ending {}", p.customer, g("PCNr").chars().rev().take(3).collect::<String>().chars().rev().collect::<String>()));
    }
    let facts = Facts { pay_id, status, code, description: g("Description"), comp_ind: g("threeDSCompInd") };
    if p.facts.as_ref().is_some_and(|f| *f != facts) {
        return Err(bad("a different final result was already notified"));
    }
    p.set_facts(facts);
    Ok(())
}
