//! `POST /paygate/payments`: validates the request (`request`), claims its idempotency key,
//! records the payment durably, calls direct.aspx with the key as `ReqID` (`direct`) and
//! stores the first answer.

mod direct;
mod request;

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::body_json;
use super::faults::Fault;
use super::idempotency::{self, Start};
use super::session::{self, Session};
use super::state::Lifetimes;
use super::store::Records;
use crate::error::{AppError, ErrorCode};
use crate::state::{log, Shared};
use request::check;

/// `POST /paygate/payments`.
pub async fn create(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let fault = app.backend.faults.take();
    if let Some(Fault::FailWith(status)) = fault {
        log(
            "shop",
            format!("sandbox fault: payment answered {status} without processing"),
        );
        return AppError::api(
            status,
            ErrorCode::SandboxFault,
            "failNextPaymentWith (sandbox fault injection)",
        )
        .into_response();
    }
    let (s, answer) = match create_answer(&app, &headers, peer, body).await {
        Ok((s, status, v)) => (Some(s), (status, Json(v)).into_response()),
        Err((s, e)) => (s, e.into_response()),
    };
    if fault == Some(Fault::DropAnswer) {
        log(
            "shop",
            "sandbox fault: payment processed, answer dropped (503)",
        );
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    match s {
        Some(s) => s.apply(answer),
        None => answer,
    }
}

/// A refused request, with the session when one was found or started (its cookie goes out too).
type Failed = (Option<Session>, AppError);

/// The session of a payment-creating request: its own; else the one that first used its key
/// (a retry whose first answer, and so its cookie, was lost); else a new one.
async fn payment_session(
    app: &Shared,
    headers: &HeaderMap,
    key: &str,
) -> Result<Session, AppError> {
    if let Some(customer) = session::current(app, headers).await? {
        return Ok(Session {
            customer,
            set_cookie: None,
        });
    }
    if let Some(owner) = app.backend.store.key_owner(key).await? {
        if let Some(s) = session::adopt(app, &owner, headers).await? {
            return Ok(s);
        }
    }
    session::new_session(app, session::Demo::Max, headers).await
}

/// Checks the request, claims its idempotency key and answers it: the key's first answer, or
/// the new payment's (stored, and woken up for whoever waits on it).
async fn create_answer(
    app: &Shared,
    headers: &HeaderMap,
    peer: SocketAddr,
    body: Result<Bytes, BytesRejection>,
) -> Result<(Session, StatusCode, Value), Failed> {
    let key = idempotency::key(headers).map_err(|e| (None, e))?;
    let req = body_json(body).map_err(|e| (None, e))?;
    let checked = check(&req, headers, peer).map_err(|e| (None, e))?;
    let s = payment_session(app, headers, &key)
        .await
        .map_err(|e| (None, e))?;
    let fingerprint = format!("{} {}", checked.amount, checked.currency);
    let (trans_id, in_flight) = match idempotency::start(app, &key, &s.customer, &fingerprint).await
    {
        Ok(Start::Answer(status, v)) => return Ok((s, status, v)),
        Ok(Start::Process(t, guard)) => (t, guard),
        Err(e) => return Err((Some(s), e)),
    };
    let outcome = direct::process(app, &s.customer, (&key, &trans_id), &req, checked).await;
    let expires_at = Lifetimes::from_now(app.backend.lifetimes.payment);
    let store = &app.backend.store;
    let answered = match outcome {
        Ok(created) => {
            store
                .answer_with(&key, &trans_id, expires_at, move |row| {
                    (200, created.record(row))
                })
                .await
        }
        // A refused request is refused again; a 5xx (Paygate unreachable) is worth a retry.
        Err(e) => match e.api_parts() {
            Some((status, v)) if status.is_client_error() => {
                let status = status.as_u16();
                store
                    .answer_with(&key, &trans_id, expires_at, move |_| (status, v))
                    .await
            }
            _ => {
                in_flight.release().await;
                return Err((Some(s), e));
            }
        },
    };
    in_flight.release().await;
    app.backend.waiters.wake(&trans_id);
    match answered {
        Ok((status, v)) => Ok((s, StatusCode::from_u16(status).unwrap_or(StatusCode::OK), v)),
        Err(e) => Err((Some(s), e.into())),
    }
}
