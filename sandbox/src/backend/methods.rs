//! Saved cards of the session customer, read and removed through the Paygate vault REST API,
//! and the vault webhook receiver.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use paygate_wasm::protocol::vault::{vault_event_from_json, VaultEvent};
use serde_json::{json, Value};

use super::{client, session};
use crate::checks::valid_id;
use crate::clock;
use crate::error::{AppError, ErrorCode};
use crate::state::{lock, log, Shared};

/// Fetches one of the customer's cards from the vault; `None` when it is not theirs.
pub async fn customer_card(
    app: &Shared,
    customer: &str,
    id: &str,
) -> Result<Option<Value>, AppError> {
    if !valid_id(id) {
        return Ok(None);
    }
    session::ensure_seeded(app, customer).await?;
    let (status, body) = client::rest(
        app,
        reqwest::Method::GET,
        &format!("/customers/{customer}/paymentMethods/{id}"),
    )
    .await?;
    Ok((status == 200).then_some(body))
}

/// The session customer's card whose pseudo card number is `pcn` (prefill), if there is one.
pub async fn customer_card_by_pseudo_number(
    app: &Shared,
    customer: &str,
    pcn: &str,
) -> Result<Option<Value>, AppError> {
    session::ensure_seeded(app, customer).await?;
    let (status, body) = client::rest(
        app,
        reqwest::Method::GET,
        &format!("/customers/{customer}/paymentMethods"),
    )
    .await?;
    if status != 200 {
        return Ok(None);
    }
    let methods = body
        .get("paymentMethods")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Ok(methods
        .into_iter()
        .find(|m| m.get("pseudoCardNumber").and_then(Value::as_str) == Some(pcn)))
}

/// `GET /paygate/payment-methods`: `{paymentMethods:[…]}`, most recently used first. Starts a
/// session (demo customer) when there is none.
pub async fn list(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let s = match session::ensure(&app, &headers).await {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let answer = match list_of(&app, &s.customer).await {
        Ok(v) => v.into_response(),
        Err(e) => e.into_response(),
    };
    s.apply(answer)
}

async fn list_of(app: &Shared, customer: &str) -> Result<Json<Value>, AppError> {
    session::ensure_seeded(app, customer).await?;
    let (status, body) = client::rest(
        app,
        reqwest::Method::GET,
        &format!("/customers/{customer}/paymentMethods"),
    )
    .await?;
    let mut methods = match status {
        200 => body
            .get("paymentMethods")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        404 => Vec::new(),
        other => return Err(AppError::upstream(format!("vault answered {other}"))),
    };
    let used = |v: &Value| {
        v.get("lastUsedAt")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    methods.sort_by_key(|m| std::cmp::Reverse(used(m)));
    Ok(Json(json!({"paymentMethods": methods})))
}

/// `DELETE /paygate/payment-methods/{id}`: 204, or 404 when the card is not the customer's.
pub async fn remove(
    State(app): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let customer = session::required(&app, &headers).await?;
    if !valid_id(&id) {
        return Err(AppError::not_found("payment method not found"));
    }
    session::ensure_seeded(&app, &customer).await?;
    let path = format!("/customers/{customer}/paymentMethods/{id}");
    match client::rest(&app, reqwest::Method::DELETE, &path).await?.0 {
        204 | 200 => Ok(StatusCode::NO_CONTENT),
        404 => Err(AppError::not_found("payment method not found")),
        other => Err(AppError::upstream(format!("vault answered {other}"))),
    }
}

/// `POST /paygate/vault-webhook`: reads the vault's create/delete notification with the
/// protocol core's reader and records it; 400 `invalid_webhook` for one it refuses.
pub async fn webhook(
    State(app): State<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, AppError> {
    let refuse = |m: String| AppError::bad_request(ErrorCode::InvalidWebhook, m);
    let not_json = || refuse("body is not JSON".into());
    let body = body.map_err(|_| not_json())?;
    let text = std::str::from_utf8(&body).map_err(|_| not_json())?;
    let raw: Value = serde_json::from_str(text).map_err(|_| not_json())?;
    let event =
        vault_event_from_json(text, clock::this_month()).map_err(|e| refuse(e.to_string()))?;
    let (action, id) = match &event {
        VaultEvent::Created(card) => ("create", card.id.as_str()),
        VaultEvent::Deleted { id } => ("delete", id.as_str()),
    };
    log("shop", format!("vault webhook {action} {id}"));
    let mut g = lock(&app.backend.webhooks);
    if g.len() > 1000 {
        g.remove(0);
    }
    g.push(raw);
    Ok(StatusCode::NO_CONTENT)
}
