//! Sandbox-only test aids on the Paygate origin, under `/__sandbox/` (no real Paygate has them):
//! the authorisation count tests read, and the demo-card shortcut of the reference backend.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::rest::MerchantAuth;
use crate::error::{AppError, ErrorCode};
use crate::state::Shared;
use crate::vault::{CustomerInfo, NewCard};

/// Query of `GET /__sandbox/authorizations`.
#[derive(Debug, Deserialize)]
pub struct AuthorizationsQuery {
    #[serde(rename = "transId")]
    trans_id: Option<String>,
}

/// `GET /__sandbox/authorizations[?transId=…]`: how many authorisations the Paygate carried out
/// for the merchant, per TransID, and how many transactions (direct.aspx payments) it started.
pub async fn authorizations(
    State(app): State<Shared>,
    _: MerchantAuth,
    Query(q): Query<AuthorizationsQuery>,
) -> Json<Value> {
    let mut by_trans: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for (trans_id, authorized) in app.paygate.authorization_counts() {
        if q.trans_id.as_deref().is_some_and(|t| t != trans_id) {
            continue;
        }
        let e = by_trans.entry(trans_id).or_default();
        e.0 += authorized;
        e.1 += 1;
    }
    let total: u32 = by_trans.values().map(|(a, _)| a).sum();
    let transactions: u32 = by_trans.values().map(|(_, t)| t).sum();
    let by_trans_id: serde_json::Map<String, Value> = by_trans
        .into_iter()
        .map(|(t, (a, n))| (t, json!({"authorizations": a, "transactions": n})))
        .collect();
    Json(
        json!({"merchantId": app.cfg.merchant_id, "authorizations": total, "transactions": transactions, "byTransId": by_trans_id}),
    )
}

fn s(v: &Value, k: &str) -> String {
    v.get(k).and_then(Value::as_str).unwrap_or("").to_string()
}

/// `POST /__sandbox/vault/cards` `{customerInfo:{merchantCustomerId, firstName, lastName, email},
/// cards:[{number, expiryDate, cardholderName, lastUsedOffsetS}]}`: stores the cards as if the
/// customer had saved them in earlier purchases (no webhook). 204.
pub async fn seed_cards(
    State(app): State<Shared>,
    _: MerchantAuth,
    body: Bytes,
) -> Result<StatusCode, AppError> {
    let v: Value = serde_json::from_slice(&body)
        .map_err(|_| AppError::bad_request(ErrorCode::InvalidJson, "the body is not JSON"))?;
    let ci = v.get("customerInfo").cloned().unwrap_or(Value::Null);
    let info = CustomerInfo {
        merchant_customer_id: s(&ci, "merchantCustomerId"),
        first_name: s(&ci, "firstName"),
        last_name: s(&ci, "lastName"),
        email: s(&ci, "email"),
    };
    if !crate::checks::valid_id(&info.merchant_customer_id) {
        return Err(AppError::bad_request(
            ErrorCode::InvalidCustomer,
            "customerInfo.merchantCustomerId invalid",
        ));
    }
    let cards = v
        .get("cards")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if cards.len() > 10 {
        return Err(AppError::bad_request(
            ErrorCode::InvalidCards,
            "at most 10 cards",
        ));
    }
    for c in &cards {
        let (pan, expiry) = (s(c, "number"), s(c, "expiryDate"));
        if !(12..=19).contains(&pan.len()) || !crate::cards::luhn_valid(&pan) || expiry.len() != 6 {
            return Err(AppError::bad_request(
                ErrorCode::InvalidCards,
                "each card needs a valid number and expiryDate YYYYMM",
            ));
        }
        let offset = c
            .get("lastUsedOffsetS")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let card = NewCard {
            pan,
            holder: s(c, "cardholderName"),
            expiry,
            last_used_offset_s: offset,
        };
        app.vault.store(&app.cfg.merchant_id, &info, &card);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /__sandbox/faults` on the Paygate: `{"delayNextNotifyMs": N}` (the next final URLNotify
/// goes out N ms after the browser response), `{"duplicateNextNotify": true}` (sent twice),
/// `{"staleNotifyAfterNextFinal": true}` (the challenge notification is sent again after it).
pub async fn arm_faults(
    State(app): State<Shared>,
    _: MerchantAuth,
    body: Bytes,
) -> Result<Json<Value>, AppError> {
    use super::notify::NotifyFault;
    let bad = || {
        AppError::bad_request(ErrorCode::InvalidFault, "known faults: delayNextNotifyMs (ms), duplicateNextNotify, staleNotifyAfterNextFinal (true)")
    };
    let Ok(Value::Object(v)) = serde_json::from_slice::<Value>(&body) else {
        return Err(bad());
    };
    let mut armed = Vec::new();
    for (k, val) in &v {
        armed.push(match (k.as_str(), val) {
            ("delayNextNotifyMs", n) => NotifyFault::Delay(std::time::Duration::from_millis(
                n.as_u64().filter(|n| *n <= 60_000).ok_or_else(bad)?,
            )),
            ("duplicateNextNotify", Value::Bool(true)) => NotifyFault::Duplicate,
            ("staleNotifyAfterNextFinal", Value::Bool(true)) => NotifyFault::StaleAfterFinal,
            _ => return Err(bad()),
        });
    }
    for f in &armed {
        app.paygate.arm_notify_fault(*f);
    }
    Ok(Json(json!({"armed": armed.len()})))
}
