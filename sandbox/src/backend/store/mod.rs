//! The reference backend's durable records: sessions, customers (with the flag that their demo
//! cards are in the vault), payments and the first answers of idempotent payment creation.
//!
//! One interface, [`Records`], with two implementations behind [`Store`]: SQLite (`sqlite`, the
//! default: one file under `--data-dir`, one instance) and PostgreSQL (`postgres`,
//! `--database-url postgres://…`: any number of instances). Every call is one committed
//! transaction, so whatever a handler wrote is stored before its answer goes out. The rules that
//! must hold across instances are the database's, not a process's: an idempotency key is claimed
//! with a lease in its row ([`Claim`]), its first answer is written once, and a payment is
//! changed under its row lock. The same tests run against both (`tests/store.rs`).

pub mod postgres;
pub mod sqlite;

use std::future::Future;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

use super::state::{Facts, Profile};

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// A storage failure, by what the caller can do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The database cannot be reached right now (down, restarting, busy, timed out): answered
    /// 503 `database_unavailable`; the same request may succeed later.
    Unavailable(String),
    /// The database refused the operation: answered 500 `storage_failed`.
    Failed(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable(m) => write!(f, "database unavailable: {m}"),
            StoreError::Failed(m) => write!(f, "storage failed: {m}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<StoreError> for crate::error::AppError {
    fn from(e: StoreError) -> Self {
        use crate::error::{AppError, ErrorCode};
        use axum::http::StatusCode;
        match &e {
            StoreError::Unavailable(_) => AppError::api(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::DatabaseUnavailable,
                e.to_string(),
            ),
            StoreError::Failed(_) => AppError::api(
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::StorageFailed,
                e.to_string(),
            ),
        }
    }
}

/// Result of a store call.
pub type StoreResult<T> = Result<T, StoreError>;

/// Seconds since the Unix epoch (record lifetimes).
pub fn now() -> i64 {
    now_ms() / 1000
}

/// Milliseconds since the Unix epoch (idempotency leases).
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// A customer row: the profile and which demo customer it copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    /// merchantCustomerId.
    pub id: String,
    /// `max` or `erika`.
    pub demo: String,
    /// Name and e-mail.
    pub profile: Profile,
}

/// One payment as the backend tracks it.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentRow {
    /// TransID (made by the backend).
    pub trans_id: String,
    /// PayID once the Paygate answered (or notified).
    pub pay_id: Option<String>,
    /// Owning customer (merchantCustomerId).
    pub customer: String,
    /// Long-poll answer (`{state: …}`).
    pub poll: Value,
    /// Final facts from URLNotify (or a final direct.aspx answer).
    pub facts: Option<Facts>,
    /// How many times the row's state changed (a repeated notification changes nothing).
    pub version: i64,
    /// Unix time after which the sweep deletes it.
    pub expires_at: i64,
}

/// A payment-creating request's claim on its idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRequest {
    /// The `Idempotency-Key`.
    pub key: String,
    /// The session customer.
    pub customer: String,
    /// Amount and currency: a repeat for another payment is a conflict.
    pub fingerprint: String,
    /// The TransID a new key's payment gets.
    pub fresh_trans_id: String,
    /// Who claims (the instance's id): only the holder renews or releases the lease.
    pub owner: String,
    /// Now, in Unix milliseconds (a lease ending before is over).
    pub now_ms: i64,
    /// The end of the lease this claim takes, in Unix milliseconds.
    pub lease_until_ms: i64,
    /// When the key and its payment expire (Unix seconds).
    pub expires_at: i64,
}

/// What a payment-creating request with an idempotency key finds.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// The key is new: it is recorded, leased to the claimant, with its pending payment under
    /// the request's fresh TransID.
    New(String),
    /// The key's first request stopped before an answer was stored (the Paygate failed, or its
    /// instance died and its lease ran out): leased to the claimant now, to process again under
    /// this TransID.
    TakenOver(String),
    /// Another request holds the key's lease until this Unix millisecond: wait for its answer.
    Busy {
        /// The end of that lease (it may be renewed).
        until_ms: i64,
    },
    /// The key's first answer (status and body).
    Answered(u16, Value),
    /// The key belongs to another customer or to another amount/currency.
    Conflict,
}

/// A stored idempotency key, as both implementations read it.
#[derive(Debug, Clone)]
struct KeyRow {
    customer: String,
    fingerprint: String,
    trans_id: String,
    status: Option<i64>,
    answer: Option<String>,
    lease_until: i64,
}

impl KeyRow {
    /// The claim's outcome for an existing, unexpired key: `Err(trans_id)` when the claimant
    /// takes the key over (the caller then writes the new lease).
    fn judge(self, req: &ClaimRequest) -> Result<Claim, String> {
        if self.customer != req.customer || self.fingerprint != req.fingerprint {
            return Ok(Claim::Conflict);
        }
        if let (Some(status), Some(answer)) = (self.status, &self.answer) {
            let status = u16::try_from(status).unwrap_or(500);
            return Ok(Claim::Answered(status, stored_json(answer)));
        }
        if self.lease_until > req.now_ms {
            return Ok(Claim::Busy {
                until_ms: self.lease_until,
            });
        }
        Err(self.trans_id)
    }
}

/// Stored JSON text as a value (`null` for text that is not JSON, which the store never writes).
fn stored_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// The pending long-poll answer of a new payment.
const PENDING: &str = "{\"state\":\"pending\"}";

/// The tables counted by [`Records::counts`], in its order.
const COUNTED: [&str; 4] = ["sessions", "customers", "payments", "idempotency"];

/// The store interface: what the reference backend needs from its database. Both
/// implementations commit each call before it returns.
pub trait Records: Send + Sync {
    /// Creates a customer and its session.
    fn create_session(
        &self,
        token: &str,
        customer: &CustomerRow,
        expires_at: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// The customer of an unexpired session.
    fn session_customer(
        &self,
        token: &str,
    ) -> impl Future<Output = StoreResult<Option<String>>> + Send;

    /// The unexpired session token of a customer.
    fn session_of(
        &self,
        customer: &str,
    ) -> impl Future<Output = StoreResult<Option<String>>> + Send;

    /// A customer's row.
    fn customer(&self, id: &str) -> impl Future<Output = StoreResult<Option<CustomerRow>>> + Send;

    /// Marks the customer's demo cards as being put into the vault (`claim`), or as not there
    /// after a failure; false when the mark already was so (someone else does or did it).
    fn claim_seeding(
        &self,
        id: &str,
        claim: bool,
    ) -> impl Future<Output = StoreResult<bool>> + Send;

    /// Looks up an idempotency key and, when it is new or its first request stopped without
    /// an answer and without a live lease, records the lease (and a new key's payment).
    fn claim(&self, req: &ClaimRequest) -> impl Future<Output = StoreResult<Claim>> + Send;

    /// Extends the lease `owner` holds on an unanswered key; false when it no longer holds it.
    fn renew_lease(
        &self,
        key: &str,
        owner: &str,
        until_ms: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;

    /// Ends the lease `owner` holds on a key (a repeat may then take the key over at once).
    fn release_lease(&self, key: &str, owner: &str)
        -> impl Future<Output = StoreResult<()>> + Send;

    /// The customer who first used an idempotency key.
    fn key_owner(&self, key: &str) -> impl Future<Output = StoreResult<Option<String>>> + Send;

    /// A payment by TransID.
    fn payment(
        &self,
        trans_id: &str,
    ) -> impl Future<Output = StoreResult<Option<PaymentRow>>> + Send;

    /// A payment by PayID.
    fn payment_by_pay_id(
        &self,
        pay_id: &str,
    ) -> impl Future<Output = StoreResult<Option<PaymentRow>>> + Send;

    /// Runs `f` on a payment under its row lock and writes back what it changed (the version
    /// goes up only when something did). `None` for an unknown TransID.
    fn update_payment<R: Send + 'static>(
        &self,
        trans_id: &str,
        f: impl FnOnce(&mut PaymentRow) -> R + Send + 'static,
    ) -> impl Future<Output = StoreResult<Option<R>>> + Send;

    /// Stores the first answer of an idempotency key together with what `f` changes in its
    /// payment, in one transaction; `f` makes the answer from the payment as stored. When the
    /// key already has an answer, that first answer is returned and `f`'s changes are dropped.
    fn answer_with(
        &self,
        key: &str,
        trans_id: &str,
        expires_at: i64,
        f: impl FnOnce(&mut PaymentRow) -> (u16, Value) + Send + 'static,
    ) -> impl Future<Output = StoreResult<(u16, Value)>> + Send;

    /// Deletes everything expired; returns the customers removed whose demo cards are in the
    /// vault (each to exactly one caller, however many instances sweep).
    fn sweep(&self) -> impl Future<Output = StoreResult<Vec<String>>> + Send;

    /// How many payments have a final result.
    fn final_count(&self) -> impl Future<Output = StoreResult<i64>> + Send;

    /// Row counts of (sessions, customers, payments, idempotency), for tests and logs.
    fn counts(&self) -> impl Future<Output = StoreResult<[i64; 4]>> + Send;
}

/// The backend's store: SQLite by default, PostgreSQL with `--database-url`.
#[derive(Debug)]
pub enum Store {
    /// One SQLite file (or memory).
    Sqlite(SqliteStore),
    /// A PostgreSQL database shared by any number of instances.
    Postgres(PgStore),
}

impl Store {
    /// Which implementation this is: `sqlite` or `postgres`.
    pub fn kind(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }
}

/// Calls the same method on whichever implementation the store is.
macro_rules! each {
    ($self:ident . $method:ident ( $($arg:expr),* )) => {
        match $self {
            Store::Sqlite(s) => s.$method($($arg),*).await,
            Store::Postgres(s) => s.$method($($arg),*).await,
        }
    };
}

impl Records for Store {
    async fn create_session(
        &self,
        token: &str,
        c: &CustomerRow,
        expires_at: i64,
    ) -> StoreResult<()> {
        each!(self.create_session(token, c, expires_at))
    }
    async fn session_customer(&self, token: &str) -> StoreResult<Option<String>> {
        each!(self.session_customer(token))
    }
    async fn session_of(&self, customer: &str) -> StoreResult<Option<String>> {
        each!(self.session_of(customer))
    }
    async fn customer(&self, id: &str) -> StoreResult<Option<CustomerRow>> {
        each!(self.customer(id))
    }
    async fn claim_seeding(&self, id: &str, claim: bool) -> StoreResult<bool> {
        each!(self.claim_seeding(id, claim))
    }
    async fn claim(&self, req: &ClaimRequest) -> StoreResult<Claim> {
        each!(self.claim(req))
    }
    async fn renew_lease(&self, key: &str, owner: &str, until_ms: i64) -> StoreResult<bool> {
        each!(self.renew_lease(key, owner, until_ms))
    }
    async fn release_lease(&self, key: &str, owner: &str) -> StoreResult<()> {
        each!(self.release_lease(key, owner))
    }
    async fn key_owner(&self, key: &str) -> StoreResult<Option<String>> {
        each!(self.key_owner(key))
    }
    async fn payment(&self, trans_id: &str) -> StoreResult<Option<PaymentRow>> {
        each!(self.payment(trans_id))
    }
    async fn payment_by_pay_id(&self, pay_id: &str) -> StoreResult<Option<PaymentRow>> {
        each!(self.payment_by_pay_id(pay_id))
    }
    async fn update_payment<R: Send + 'static>(
        &self,
        trans_id: &str,
        f: impl FnOnce(&mut PaymentRow) -> R + Send + 'static,
    ) -> StoreResult<Option<R>> {
        each!(self.update_payment(trans_id, f))
    }
    async fn answer_with(
        &self,
        key: &str,
        trans_id: &str,
        expires_at: i64,
        f: impl FnOnce(&mut PaymentRow) -> (u16, Value) + Send + 'static,
    ) -> StoreResult<(u16, Value)> {
        each!(self.answer_with(key, trans_id, expires_at, f))
    }
    async fn sweep(&self) -> StoreResult<Vec<String>> {
        each!(self.sweep())
    }
    async fn final_count(&self) -> StoreResult<i64> {
        each!(self.final_count())
    }
    async fn counts(&self) -> StoreResult<[i64; 4]> {
        each!(self.counts())
    }
}
