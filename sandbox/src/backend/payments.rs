//! `POST /paygate/payments/{payId}/result` and `GET …/{payId}?wait=N`: the merchant backend's
//! side of a 3-D Secure card payment after its creation, as the browser sees it. The Paygate's
//! URLNotify is received in [`super::notify`].

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::IntoResponse;
use axum::Json;
use paygate_wasm::protocol::codec::decode_base64;
use serde::Deserialize;
use serde_json::{json, Value};

use super::store::{PaymentRow, Records};
use super::{body_json, text};
use super::{client, session};
use crate::error::{AppError, ErrorCode};
use crate::state::Shared;

/// The session customer's payment with this PayID (404 otherwise, and without a session).
async fn customer_payment(
    app: &Shared,
    headers: &HeaderMap,
    pay_id: &str,
) -> Result<PaymentRow, AppError> {
    let customer = session::required(app, headers).await?;
    match app.backend.store.payment_by_pay_id(pay_id).await? {
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
    let p = customer_payment(&app, &headers, &pay_id).await?;
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
    let mut p = customer_payment(&app, &headers, &pay_id).await?;
    if pending(&p.poll) && wait > 0.0 {
        let mut waiter = app.backend.waiters.subscribe(&p.trans_id);
        loop {
            p = app.backend.store.payment(&p.trans_id).await?.unwrap_or(p);
            if !pending(&p.poll)
                || tokio::time::timeout_at(deadline, waiter.changed())
                    .await
                    .is_err()
            {
                break;
            }
        }
        p = app.backend.store.payment(&p.trans_id).await?.unwrap_or(p);
    }
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(p.poll)))
}
