//! `POST /paygate/payments/{payId}/result`, `GET …/{payId}?wait=N` and the URLNotify receiver:
//! the merchant backend's side of a 3-D Secure card payment after its creation.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use paygate_wasm::protocol::codec::decode_base64;
use serde::Deserialize;
use serde_json::{json, Value};

use super::state::{Facts, Lifetimes};
use super::store::PaymentRow;
use super::{body_json, text};
use super::{client, session};
use crate::error::{AppError, ErrorCode};
use crate::state::{log, Shared};
use crate::wire;

/// The session customer's payment with this PayID (404 otherwise, and without a session).
fn customer_payment(
    app: &Shared,
    headers: &HeaderMap,
    pay_id: &str,
) -> Result<PaymentRow, AppError> {
    let customer = session::required(app, headers)?;
    match app.backend.store.payment_by_pay_id(pay_id)? {
        Some(p) if p.customer == customer => Ok(p),
        _ => Err(AppError::not_found("payment not found")),
    }
}

/// `POST /paygate/payments/{payId}/result` with `{MID, Len, Data}` from the browser.
pub async fn result(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(pay_id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, AppError> {
    let req = body_json(body)?;
    let refuse = |m: &str| AppError::bad_request(ErrorCode::InvalidPaymentResponse, m.to_string());
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
    let kv = client::decrypt_kv(&app, &len, text(&req, "Data"))
        .ok_or_else(|| refuse("Data cannot be decrypted"))?;
    if !client::response_mac_ok(&app, &kv) {
        return Err(refuse("MAC invalid"));
    }
    if kv.get("mid").or_else(|| kv.get("MerchantID")) != Some(app.cfg.merchant_id.as_str()) {
        return Err(refuse("MerchantID does not match"));
    }
    if kv.get("PayID") != Some(pay_id.as_str()) {
        return Err(refuse("PayID does not match this payment"));
    }
    let (status, code) = (kv.get("Status").unwrap_or(""), kv.get("Code").unwrap_or(""));
    let p = customer_payment(&app, &headers, &pay_id)?;
    if kv.get("TransID") != Some(p.trans_id.as_str()) {
        return Err(refuse("TransID does not match this payment"));
    }
    match &p.facts {
        None => Ok(Json(json!({"final": false}))),
        Some(f) if f.status == status && f.code == code => Ok(Json(
            json!({"final": true, "result": f.result_json(&p.trans_id)}),
        )),
        Some(_) => Err(refuse("Data contradicts the Paygate notification")),
    }
}

/// Query of the long poll.
#[derive(Debug, Deserialize)]
pub struct PollQuery {
    wait: Option<f64>,
}

fn pending(v: &Value) -> bool {
    v.get("state").and_then(Value::as_str) == Some("pending")
}

/// `GET /paygate/payments/{payId}?wait=N`: long poll, at most 30 s. A dropped connection just
/// ends the wait; the next poll reads the stored state.
pub async fn poll(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(pay_id): Path<String>,
    q: Result<Query<PollQuery>, QueryRejection>,
) -> Result<impl IntoResponse, AppError> {
    let wait = q
        .ok()
        .and_then(|q| q.wait)
        .filter(|w| w.is_finite() && *w > 0.0)
        .unwrap_or(0.0)
        .min(30.0);
    let deadline = tokio::time::Instant::now() + Duration::from_secs_f64(wait);
    let mut p = customer_payment(&app, &headers, &pay_id)?;
    if pending(&p.poll) && wait > 0.0 {
        let mut waiter = app.backend.waiters.subscribe(&p.trans_id);
        loop {
            p = app.backend.store.payment(&p.trans_id)?.unwrap_or(p);
            if !pending(&p.poll)
                || tokio::time::timeout_at(deadline, waiter.changed())
                    .await
                    .is_err()
            {
                break;
            }
        }
        p = app.backend.store.payment(&p.trans_id)?.unwrap_or(p);
    }
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(p.poll)))
}

/// `POST /paygate/notify`: the Paygate's URLNotify (encrypted, with MAC). Answered 200 once the
/// notification is stored; a repeat or a stale one (a challenge after the final result) changes
/// nothing and is answered 200 too, so the Paygate stops sending it.
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
    let b = body.map_err(|_| AppError::bad_request(ErrorCode::InvalidNotify, "body too large"))?;
    let form = crate::form::parse(&b);
    let bad = |m: &str| AppError::bad_request(ErrorCode::InvalidNotify, m.to_string());
    if form.get("MerchantID") != Some(app.cfg.merchant_id.as_str()) {
        return Err(bad("unknown MerchantID"));
    }
    let kv = client::decrypt_kv(
        app,
        form.get("Len").unwrap_or(""),
        form.get("Data").unwrap_or(""),
    )
    .ok_or_else(|| bad("cannot decrypt"))?;
    if !client::response_mac_ok(app, &kv) {
        return Err(bad("MAC invalid"));
    }
    let g = |k: &str| kv.get(k).unwrap_or("").to_string();
    let (pay_id, trans_id, status, code) = (g("PayID"), g("TransID"), g("Status"), g("Code"));
    log(
        "shop",
        format!(
            "URLNotify {pay_id} {status} {code} threeDSCompInd={}",
            g("threeDSCompInd")
        ),
    );
    let facts = (status != "AUTHENTICATION_REQUEST").then(|| Facts {
        pay_id: pay_id.clone(),
        status: status.clone(),
        code,
        description: g("Description"),
        comp_ind: g("threeDSCompInd"),
    });
    let challenge = kv.get("challenge").and_then(wire::b64_json);
    let outcome = app.backend.store.update_payment(&trans_id, |p| {
        match &p.pay_id {
            Some(known) if *known != pay_id => return Err(bad("PayID does not match TransID")),
            Some(_) => {}
            None => p.pay_id = Some(pay_id.clone()),
        }
        match (&facts, &p.facts) {
            (None, Some(_)) => log(
                "shop",
                format!("URLNotify {pay_id}: stale challenge after the final result, ignored"),
            ),
            (None, None) => {
                if let Some(ch) = &challenge {
                    p.poll = json!({"state": "challenge", "challenge": ch});
                }
            }
            (Some(f), Some(known)) if f != known => {
                return Err(bad("a different final result was already notified"))
            }
            (Some(_), Some(_)) => {}
            (Some(f), None) => {
                p.poll = json!({"state": "done", "result": f.result_json(&p.trans_id)});
                p.facts = Some(f.clone());
                p.expires_at = Lifetimes::from_now(app.backend.lifetimes.payment);
            }
        }
        Ok(())
    })?;
    outcome.ok_or_else(|| bad("unknown TransID"))??;
    if kv.get("prefill") == Some("on") {
        let pcn = g("PCNr");
        log(
            "shop",
            format!(
                "card saved: PCNr ending {}",
                pcn.get(pcn.len().saturating_sub(3)..).unwrap_or("")
            ),
        );
    }
    app.backend.waiters.wake(&trans_id);
    Ok(())
}
