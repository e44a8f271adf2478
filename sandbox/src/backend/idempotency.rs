//! Idempotent payment creation: the `Idempotency-Key` of `POST /paygate/payments` (also sent as
//! `ReqID`). A repeated key gets its first stored answer; a repeat while the first request is
//! still being processed, by this instance or another, waits for that answer; a key whose first
//! request stopped before an answer was stored (the Paygate failed, or its instance died and
//! its lease ran out) is processed again with the same TransID and ReqID, which the Paygate
//! answers with the original status if it is final. The rule lives in the database: the claim
//! and its lease are a row of the store ([`Claim`]), and the first answer is written once.

use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;

use super::state::Lifetimes;
use super::store::{now_ms, Claim, ClaimRequest, Records};
use crate::error::{AppError, ErrorCode};
use crate::ids;
use crate::state::{log, Shared};

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

/// How long a claim on a key lasts unless its holder renews it: when an instance dies while
/// processing, a repeat elsewhere takes the key over at most this long after.
pub const LEASE: Duration = Duration::from_secs(10);

/// How often the holder renews its lease while it processes the request.
const RENEW_EVERY: Duration = Duration::from_secs(3);

/// A key's lease, held by this instance while it processes the key's request: renewed in the
/// background, released by [`InFlight::release`] (or, when the request is dropped, by a task),
/// which wakes the repeats that wait, here and on the other instances.
#[derive(Debug)]
pub struct InFlight {
    app: Shared,
    key: String,
    renewal: tokio::task::AbortHandle,
    released: bool,
}

impl InFlight {
    /// Holds the lease on `key` that the claim just took, renewing it every few seconds.
    fn hold(app: &Shared, key: &str) -> InFlight {
        let (a, k) = (app.clone(), key.to_string());
        let renewal = tokio::spawn(async move {
            loop {
                tokio::time::sleep(RENEW_EVERY).await;
                let until = now_ms().saturating_add(lease_ms());
                let store = &a.backend.store;
                if let Ok(false) = store.renew_lease(&k, &a.backend.instance, until).await {
                    return;
                }
            }
        });
        InFlight {
            app: app.clone(),
            key: key.to_string(),
            renewal: renewal.abort_handle(),
            released: false,
        }
    }

    /// Ends the lease (the answer is stored, or none will be) and wakes the repeats that wait.
    pub async fn release(mut self) {
        self.released = true;
        release(&self.app, &self.key).await;
    }
}

/// Ends `key`'s lease and wakes the local waiters (the store wakes the other instances').
async fn release(app: &Shared, key: &str) {
    if let Err(e) = app
        .backend
        .store
        .release_lease(key, &app.backend.instance)
        .await
    {
        log(
            "shop",
            format!("idempotency key {key}: lease not released ({e}); it runs out"),
        );
    }
    app.backend.waiters.wake(&format!("key:{key}"));
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.renewal.abort();
        if !self.released {
            if let Ok(rt) = tokio::runtime::Handle::try_current() {
                let (app, key) = (self.app.clone(), std::mem::take(&mut self.key));
                rt.spawn(async move { release(&app, &key).await });
            }
        }
    }
}

fn lease_ms() -> i64 {
    i64::try_from(LEASE.as_millis()).unwrap_or(i64::MAX)
}

/// What to do with a payment-creating request.
#[derive(Debug)]
pub enum Start {
    /// Process it under this TransID (new, or taken over from an unanswered first request).
    Process(String, InFlight),
    /// Answer the key's first answer.
    Answer(StatusCode, Value),
}

/// Claims `key` for `customer` and a payment of `fingerprint` (amount and currency). A repeat
/// while another request (on any instance) holds the key waits for its answer, or for its
/// lease to run out, at most [`WAIT_FOR_FIRST`].
pub async fn start(
    app: &Shared,
    key: &str,
    customer: &str,
    fingerprint: &str,
) -> Result<Start, AppError> {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_FIRST;
    loop {
        // Subscribed before the claim, so that no release between the two is missed.
        let mut waiter = app.backend.waiters.subscribe(&format!("key:{key}"));
        let now = now_ms();
        let req = ClaimRequest {
            key: key.to_string(),
            customer: customer.to_string(),
            fingerprint: fingerprint.to_string(),
            fresh_trans_id: format!("T{}", ids::hex(20)),
            owner: app.backend.instance.clone(),
            now_ms: now,
            lease_until_ms: now.saturating_add(lease_ms()),
            expires_at: Lifetimes::from_now(app.backend.lifetimes.payment),
        };
        let until_ms = match app.backend.store.claim(&req).await? {
            Claim::New(t) | Claim::TakenOver(t) => {
                return Ok(Start::Process(t, InFlight::hold(app, key)))
            }
            Claim::Answered(status, body) => {
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
                return Ok(Start::Answer(status, body));
            }
            Claim::Conflict => {
                return Err(AppError::api(
                    StatusCode::CONFLICT,
                    ErrorCode::IdempotencyKeyReused,
                    "this Idempotency-Key was used for another payment",
                ))
            }
            Claim::Busy { until_ms } => until_ms,
        };
        // Look again when woken, or when the lease would run out (its holder may have died).
        let runs_out = u64::try_from(until_ms.saturating_sub(now)).unwrap_or(0) + 20;
        let recheck = tokio::time::Instant::now() + Duration::from_millis(runs_out);
        let _ = tokio::time::timeout_at(recheck.min(deadline), waiter.changed()).await;
        if tokio::time::Instant::now() >= deadline {
            return Err(AppError::api(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::PaymentInProgress,
                "the first request with this key is still being processed",
            ));
        }
    }
}
