//! The PostgreSQL schema, its migrations (run at start, one instance at a time under an
//! advisory lock, each recorded in `schema_migrations`), and how the driver's errors count.

use deadpool_postgres::{Pool, PoolError};
use tokio_postgres::error::SqlState;

use super::super::{now, StoreError, StoreResult};

/// The channel of the wake-ups (`pg_notify`): the payload is a waiter's key, a TransID or
/// `key:<Idempotency-Key>`.
pub const CHANNEL: &str = "paygate_backend";

/// The advisory lock that keeps two starting instances from migrating at once.
const MIGRATION_LOCK: i64 = 0x0070_6179_6761_7465;

/// The migrations, in order; `schema_migrations` records the versions applied.
const MIGRATIONS: [&str; 1] = ["
CREATE TABLE customers (
  id TEXT PRIMARY KEY, demo TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
  email TEXT NOT NULL, seeded BOOLEAN NOT NULL DEFAULT FALSE, expires_at BIGINT NOT NULL);
CREATE TABLE sessions (
  token TEXT PRIMARY KEY, customer TEXT NOT NULL, expires_at BIGINT NOT NULL);
CREATE INDEX sessions_customer ON sessions(customer);
CREATE TABLE payments (
  trans_id TEXT PRIMARY KEY, pay_id TEXT UNIQUE, customer TEXT NOT NULL, poll TEXT NOT NULL,
  facts TEXT, version BIGINT NOT NULL DEFAULT 0, expires_at BIGINT NOT NULL);
CREATE TABLE idempotency (
  key TEXT PRIMARY KEY, customer TEXT NOT NULL, fingerprint TEXT NOT NULL, trans_id TEXT NOT NULL,
  status INTEGER, answer TEXT, lease_owner TEXT, lease_until BIGINT NOT NULL DEFAULT 0,
  expires_at BIGINT NOT NULL);
CREATE INDEX customers_exp ON customers(expires_at);
CREATE INDEX sessions_exp ON sessions(expires_at);
CREATE INDEX payments_exp ON payments(expires_at);
CREATE INDEX idempotency_exp ON idempotency(expires_at);
"];

/// Applies the migrations not yet applied; returns how many it applied.
pub async fn migrate(pool: &Pool) -> StoreResult<usize> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )
    .await?;
    let applied: i32 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            &[],
        )
        .await?
        .try_get(0)?;
    let mut count = 0;
    for (i, m) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(applied).unwrap_or(0))
    {
        tx.batch_execute(m).await?;
        let version = i32::try_from(i + 1).unwrap_or(i32::MAX);
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
            &[&version, &now()],
        )
        .await?;
        count += 1;
    }
    tx.commit().await?;
    Ok(count)
}

impl From<tokio_postgres::Error> for StoreError {
    fn from(e: tokio_postgres::Error) -> Self {
        let io = std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>());
        let transient = e.code().is_some_and(|c| {
            let class = c.code();
            // 08 connection exception, 53 insufficient resources, 57P shutdown / cannot connect
            // now, and the conflicts a retry resolves.
            class.starts_with("08")
                || class.starts_with("53")
                || class.starts_with("57P")
                || *c == SqlState::T_R_SERIALIZATION_FAILURE
                || *c == SqlState::T_R_DEADLOCK_DETECTED
        });
        if e.is_closed() || io || transient {
            StoreError::Unavailable(e.to_string())
        } else {
            StoreError::Failed(e.to_string())
        }
    }
}

impl From<PoolError> for StoreError {
    fn from(e: PoolError) -> Self {
        match e {
            PoolError::Backend(e) => e.into(),
            PoolError::Timeout(_) | PoolError::Closed => StoreError::Unavailable(e.to_string()),
            other => StoreError::Failed(other.to_string()),
        }
    }
}
