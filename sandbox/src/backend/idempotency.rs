//! Idempotent payment creation: the `Idempotency-Key` of `POST /paygate/payments` (also sent as
//! `ReqID`). A repeated key gets its first stored answer; a repeat while the first request is
//! still being processed here waits for that answer; a key whose first request stopped before
//! an answer was stored (the Paygate failed, or the process died) is processed again with the
//! same TransID and ReqID, which the Paygate answers with the original status if it is final.

use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;

use super::state::Lifetimes;
use super::store::Claim;
use crate::error::{AppError, ErrorCode};
use crate::ids;
use crate::state::{lock, Shared};

/// Longest time a repeat waits for the first request's answer before answering 503.
pub const WAIT_FOR_FIRST: Duration = Duration::from_secs(30);

/// The request's key: its `Idempotency-Key` header (1–32 ASCII letters and digits, so it fits
/// `ReqID` ans..32), or a fresh one when there is none (older clients).
pub fn key(headers: &HeaderMap) -> Result<String, AppError> {
    let bad = || {
        AppError::bad_request(
            ErrorCode::InvalidIdempotencyKey,
            "Idempotency-Key must be 1-32 ASCII letters and digits",
        )
    };
    match headers.get("idempotency-key") {
        None => Ok(ids::alnum(32)),
        Some(v) => {
            let k = v.to_str().map_err(|_| bad())?;
            if (1..=32).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_alphanumeric()) {
                Ok(k.to_string())
            } else {
                Err(bad())
            }
        }
    }
}

/// Marks a key as being processed by this process; dropping it wakes the repeats that wait.
#[derive(Debug)]
pub struct InFlight {
    app: Shared,
    key: String,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        lock(&self.app.backend.in_flight).remove(&self.key);
        self.app.backend.waiters.wake(&format!("key:{}", self.key));
    }
}

/// What to do with a payment-creating request.
#[derive(Debug)]
pub enum Start {
    /// Process it under this TransID (new, or taken over from an unanswered first request).
    Process(String, InFlight),
    /// Answer the key's first answer.
    Answer(StatusCode, Value),
}

/// Claims `key` for `customer` and a payment of `fingerprint` (amount and currency).
pub async fn start(
    app: &Shared,
    key: &str,
    customer: &str,
    fingerprint: &str,
) -> Result<Start, AppError> {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_FIRST;
    loop {
        let mut waiter = {
            let mut in_flight = lock(&app.backend.in_flight);
            let fresh = format!("T{}", ids::hex(20));
            let expires_at = Lifetimes::from_now(app.backend.lifetimes.payment);
            let take = |trans_id: String, in_flight: &mut std::collections::HashSet<String>| {
                in_flight.insert(key.to_string());
                Ok(Start::Process(
                    trans_id,
                    InFlight {
                        app: app.clone(),
                        key: key.to_string(),
                    },
                ))
            };
            match app
                .backend
                .store
                .claim(key, customer, fingerprint, &fresh, expires_at)?
            {
                Claim::New => return take(fresh, &mut in_flight),
                Claim::Answered(status, body) => {
                    return Ok(Start::Answer(
                        StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                        body,
                    ))
                }
                Claim::Conflict => {
                    return Err(AppError::api(
                        StatusCode::CONFLICT,
                        ErrorCode::IdempotencyKeyReused,
                        "this Idempotency-Key was used for another payment",
                    ))
                }
                Claim::Unanswered(trans_id) if !in_flight.contains(key) => {
                    return take(trans_id, &mut in_flight)
                }
                Claim::Unanswered(_) => app.backend.waiters.subscribe(&format!("key:{key}")),
            }
        };
        if tokio::time::timeout_at(deadline, waiter.changed())
            .await
            .is_err()
        {
            return Err(AppError::api(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::PaymentInProgress,
                "the first request with this key is still being processed",
            ));
        }
    }
}
