//! Work on a placed order's Paygate transaction: its `Financing` for the summary
//! (`EventToken=GET`), the confirmation (`EventToken=CON`), captures and credits, and its status.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::{Extension, Json};
use paygate_wasm::protocol::kv::KeyValues;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{order_of, EasyCredit, Order};
use crate::backend::client::{call, request_mac, response_mac_ok};
use crate::backend::session::Session;
use crate::error::{codes, AppError, ErrorCode};
use crate::state::lock;

/// A server-to-server call on the order's transaction, with `extra` parameters; the answer's
/// MAC and PayID are checked.
async fn on_transaction(
    ec: &EasyCredit,
    o: &Order,
    path: &str,
    amount: u64,
    extra: &[(&str, &str)],
) -> Result<KeyValues, AppError> {
    let app = &ec.app;
    let mut plain = KeyValues::new();
    plain
        .push("MerchantID", app.cfg.merchant_id.clone())
        .push("PayID", o.pay_id.clone())
        .push("TransID", o.trans_id.clone())
        .push("Amount", amount.to_string())
        .push("Currency", "EUR");
    for (k, v) in extra {
        plain.push(k, *v);
    }
    plain.push(
        "MAC",
        request_mac(app, &o.pay_id, &o.trans_id, &amount.to_string(), "EUR"),
    );
    let answer = call(app, path, &plain).await?;
    if !response_mac_ok(app, &answer) || answer.get("PayID") != Some(o.pay_id.as_str()) {
        return Err(AppError::upstream(format!(
            "{path} answer has a wrong MAC or PayID"
        )));
    }
    Ok(answer)
}

/// `GET /paygate/easycredit/orders/{payId}/financing`: `easyCreditDirect.aspx` `EventToken=GET`.
pub(super) async fn financing(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let o = order_of(&ec, &s, &pay_id)?;
    let answer = on_transaction(
        &ec,
        &o,
        "/easyCreditDirect.aspx",
        o.amount,
        &[("EventToken", "GET")],
    )
    .await?;
    let financing = answer.get_nonempty("Financing").ok_or_else(|| {
        AppError::api(
            StatusCode::CONFLICT,
            ErrorCode::Pending,
            "easyCredit has not decided yet",
        )
    })?;
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "financing": financing })),
    ))
}

/// The confirmation's result for the browser.
fn result_of(kv: &KeyValues) -> Value {
    let g = |k: &str| kv.get(k).unwrap_or("").to_owned();
    json!({"status": g("Status"), "code": g("Code"), "description": g("Description"), "payId": g("PayID")})
}

/// `POST /paygate/easycredit/orders/{payId}/confirm`: `EventToken=CON`, once.
pub(super) async fn confirm(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let o = order_of(&ec, &s, &pay_id)?;
    if let Some(done) = o.confirmed {
        return Ok(Json(json!({ "result": done })));
    }
    if o.decision != "approved" {
        return Err(AppError::api(
            StatusCode::CONFLICT,
            ErrorCode::NotApproved,
            "easyCredit did not approve this hire purchase",
        ));
    }
    let answer = on_transaction(
        &ec,
        &o,
        "/easyCreditDirect.aspx",
        o.amount,
        &[("EventToken", "CON")],
    )
    .await?;
    let result = result_of(&answer);
    if answer.get("Code") == Some(codes::OK) {
        if let Some(stored) = lock(&ec.state.backend).get_mut(&pay_id) {
            stored.confirmed = Some(result.clone());
        }
    }
    Ok(Json(json!({ "result": result })))
}

/// The body of capture and credit.
#[derive(Debug, Deserialize)]
struct Booking {
    amount: Option<u64>,
}

/// A capture or credit (`path`) of `{amount?}` (default: the whole order); the final status
/// comes by URLNotify.
async fn book(
    ec: EasyCredit,
    s: Session,
    pay_id: String,
    body: Bytes,
    path: &str,
) -> Result<Json<Value>, AppError> {
    let o = order_of(&ec, &s, &pay_id)?;
    let amount = serde_json::from_slice::<Booking>(&body)
        .ok()
        .and_then(|b| b.amount)
        .unwrap_or(o.amount);
    let answer = on_transaction(&ec, &o, path, amount, &[]).await?;
    let status = answer.get("Status").unwrap_or("").to_owned();
    if answer.get("Code") == Some(codes::OK) {
        if let Some(stored) = lock(&ec.state.backend).get_mut(&pay_id) {
            let slot = if path == "/capture.aspx" {
                &mut stored.capture
            } else {
                &mut stored.credit
            };
            *slot = Some(status.clone());
        }
    }
    Ok(Json(
        json!({"status": status, "code": answer.get("Code").unwrap_or("")}),
    ))
}

/// `POST /paygate/easycredit/orders/{payId}/capture` `{amount?}` (default: the whole order).
pub(super) async fn capture(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, AppError> {
    book(ec, s, pay_id, body, "/capture.aspx").await
}

/// `POST /paygate/easycredit/orders/{payId}/credit` `{amount?}`.
pub(super) async fn credit(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, AppError> {
    book(ec, s, pay_id, body, "/credit.aspx").await
}

/// `GET /paygate/easycredit/orders/{payId}`.
pub(super) async fn status(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let o = order_of(&ec, &s, &pay_id)?;
    Ok(Json(
        json!({"payId": o.pay_id, "decision": o.decision, "confirmed": o.confirmed.is_some(), "capture": o.capture, "credit": o.credit}),
    ))
}
