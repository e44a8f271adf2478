//! The reference merchant backend (shop origin, under `/paygate`): the merchant backend
//! contract of docs/backend-contract.md, as merchants copy it.

pub mod client;
pub mod create;
pub mod faults;
pub mod guard;
pub mod idempotency;
pub mod methods;
pub mod notify;
pub mod payments;
pub mod session;
pub mod state;
pub mod store;
pub mod waiters;

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::{delete, get, post};
use axum::Router;

use serde_json::Value;

use crate::error::{AppError, ErrorCode};
use crate::state::{log, Shared};
use store::Records;

/// Routes under `/paygate` (the backend contract) plus `/demo/login`; the browser's calls are
/// behind the [`guard`] against other sites.
pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/paygate/payments", post(create::create))
        .route("/paygate/payments/{pay_id}", get(payments::poll))
        .route("/paygate/payments/{pay_id}/result", post(payments::result))
        .route("/paygate/payment-methods", get(methods::list))
        .route("/paygate/payment-methods/{id}", delete(methods::remove))
        .route_layer(middleware::from_fn(guard::same_origin_json))
        .route("/paygate/notify", post(notify::notify))
        .route("/paygate/vault-webhook", post(methods::webhook))
        .route("/demo/login", get(session::demo_login))
        .layer(DefaultBodyLimit::max(64 * 1024))
        .with_state(app)
}

/// Deletes expired sessions, customers, payments and idempotency answers every half of the
/// shorter lifetime (1–60 s); the demo cards of an expired customer leave the vault too.
pub fn spawn_sweep(app: &Shared) {
    let app = app.clone();
    let l = app.backend.lifetimes;
    let every =
        (l.session.min(l.payment) / 2).clamp(Duration::from_secs(1), Duration::from_secs(60));
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(every).await;
            match app.backend.store.sweep().await {
                Ok(customers) => {
                    for c in customers {
                        let _ =
                            client::rest(&app, reqwest::Method::DELETE, &format!("/customers/{c}"))
                                .await;
                    }
                }
                Err(e) => log("shop", format!("sweep: {e}")),
            }
        }
    });
}

/// The request body as a JSON object (400 `invalid_request` otherwise, 413 when too large).
fn body_json(body: Result<Bytes, BytesRejection>) -> Result<Value, AppError> {
    let b = body.map_err(|e| {
        AppError::api(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::InvalidRequest,
            e.body_text(),
        )
    })?;
    let v: Value = serde_json::from_slice(&b)
        .map_err(|_| AppError::bad_request(ErrorCode::InvalidRequest, "body must be JSON"))?;
    if v.is_object() {
        Ok(v)
    } else {
        Err(AppError::bad_request(
            ErrorCode::InvalidRequest,
            "body must be a JSON object",
        ))
    }
}

/// The trimmed text under `key` (empty when missing or not text).
fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or("")
}
