//! The store in PostgreSQL (`--database-url postgres://…`), shared by any number of instances:
//! tokio-postgres through a deadpool pool, the schema migrated at start (`schema`), and the
//! wake-ups of other instances' changes through `LISTEN/NOTIFY` (`listen`). A payment is
//! changed under its row lock (`SELECT … FOR UPDATE`), an idempotency key is claimed by an
//! `INSERT … ON CONFLICT` and its lease, and each change's `pg_notify` is sent in its
//! transaction. A call that cannot reach the database within [`OP_TIMEOUT`] is
//! [`StoreError::Unavailable`].

mod listen;
mod schema;

use std::future::Future;
use std::str::FromStr;
use std::time::Duration;

use deadpool_postgres::{GenericClient, Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use serde_json::Value;
use tokio_postgres::{NoTls, Row};

use super::{
    now, stored_json, Claim, ClaimRequest, KeyRow, PaymentRow, StoreError, StoreResult, PENDING,
};
use crate::backend::waiters::Waiters;
pub use schema::CHANNEL;

/// Longest time one store call may take before it counts as the database being unavailable.
pub const OP_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections per instance.
const POOL_SIZE: usize = 16;

/// The PostgreSQL database.
#[derive(Debug)]
pub struct PgStore {
    pool: Pool,
    _listener: listen::Listener,
}

/// Runs one store call, within [`OP_TIMEOUT`].
async fn timed<R>(call: impl Future<Output = StoreResult<R>>) -> StoreResult<R> {
    tokio::time::timeout(OP_TIMEOUT, call)
        .await
        .unwrap_or_else(|_| {
            Err(StoreError::Unavailable(format!(
                "the database did not answer within {} s",
                OP_TIMEOUT.as_secs()
            )))
        })
}

impl PgStore {
    /// Connects to `url`, runs the migrations, and starts listening for the wake-ups of other
    /// instances, which wake `waiters`.
    pub async fn connect(url: &str, waiters: Waiters) -> StoreResult<PgStore> {
        let mut config = tokio_postgres::Config::from_str(url)
            .map_err(|e| StoreError::Failed(format!("invalid database URL: {e}")))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(5));
        }
        config.application_name("paygate-sandbox");
        let manager = Manager::from_config(
            config.clone(),
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let timeout = Some(Duration::from_secs(5));
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(Runtime::Tokio1)
            .wait_timeout(timeout)
            .create_timeout(timeout)
            .recycle_timeout(timeout)
            .build()
            .map_err(|e| StoreError::Failed(format!("database pool: {e}")))?;
        timed(schema::migrate(&pool)).await?;
        Ok(PgStore {
            pool,
            _listener: listen::spawn(config, waiters),
        })
    }

    /// A pooled connection.
    async fn client(&self) -> StoreResult<deadpool_postgres::Object> {
        Ok(self.pool.get().await?)
    }

    /// The first column of the first row of `sql` (text), if there is a row.
    async fn text_by(
        &self,
        sql: &str,
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> StoreResult<Option<String>> {
        timed(async {
            let c = self.client().await?;
            let st = c.prepare_cached(sql).await?;
            match c.query_opt(&st, params).await? {
                Some(r) => Ok(Some(r.try_get(0)?)),
                None => Ok(None),
            }
        })
        .await
    }

    /// The rows' count of `sql` changed (one statement, committed on its own).
    async fn execute(
        &self,
        sql: &str,
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> StoreResult<u64> {
        timed(async {
            let c = self.client().await?;
            let st = c.prepare_cached(sql).await?;
            Ok(c.execute(&st, params).await?)
        })
        .await
    }

    /// A payment by one of its unique columns.
    async fn payment_by(&self, column: &str, value: &str) -> StoreResult<Option<PaymentRow>> {
        timed(async {
            let c = self.client().await?;
            read_payment(&c, column, value, false).await
        })
        .await
    }
}

/// The columns of a payment, in [`payment_row`]'s order.
const PAYMENT_COLUMNS: &str = "trans_id, pay_id, customer, poll, facts, version, expires_at";

fn payment_row(r: &Row) -> StoreResult<PaymentRow> {
    Ok(PaymentRow {
        trans_id: r.try_get(0)?,
        pay_id: r.try_get(1)?,
        customer: r.try_get(2)?,
        poll: stored_json(r.try_get(3)?),
        facts: r
            .try_get::<_, Option<String>>(4)?
            .and_then(|f| serde_json::from_str(&f).ok()),
        version: r.try_get(5)?,
        expires_at: r.try_get(6)?,
    })
}

/// Reads a payment (`locked`: under its row lock, inside a transaction).
async fn read_payment(
    c: &impl GenericClient,
    column: &str,
    value: &str,
    locked: bool,
) -> StoreResult<Option<PaymentRow>> {
    let lock = if locked { " FOR UPDATE" } else { "" };
    let q = format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE {column} = $1{lock}");
    let st = c.prepare_cached(&q).await?;
    match c.query_opt(&st, &[&value]).await? {
        Some(r) => Ok(Some(payment_row(&r)?)),
        None => Ok(None),
    }
}

/// Runs `f` on the locked payment and writes back (with its wake-up) what it changed.
async fn change_payment<R>(
    tx: &deadpool_postgres::Transaction<'_>,
    trans_id: &str,
    f: impl FnOnce(&mut PaymentRow) -> R,
) -> StoreResult<Option<R>> {
    let Some(mut row) = read_payment(tx, "trans_id", trans_id, true).await? else {
        return Ok(None);
    };
    let before = row.clone();
    let r = f(&mut row);
    if row != before {
        let facts = row
            .facts
            .as_ref()
            .map(|f| serde_json::to_string(f).unwrap_or_default());
        let st = tx
            .prepare_cached("UPDATE payments SET pay_id = $1, poll = $2, facts = $3, version = $4, expires_at = $5 WHERE trans_id = $6")
            .await?;
        let poll = row.poll.to_string();
        let version = before.version + 1;
        tx.execute(
            &st,
            &[
                &row.pay_id,
                &poll,
                &facts,
                &version,
                &row.expires_at,
                &row.trans_id,
            ],
        )
        .await?;
        notify(tx, trans_id).await?;
    }
    Ok(Some(r))
}

/// Wakes the waiters on `key` in every instance once the transaction commits.
async fn notify(c: &impl GenericClient, key: &str) -> StoreResult<()> {
    let st = c.prepare_cached("SELECT pg_notify($1, $2)").await?;
    c.execute(&st, &[&CHANNEL, &key]).await?;
    Ok(())
}

/// The claim inside its transaction: `None` when the key vanished between the two statements
/// (swept), to try again.
async fn claim_in(
    tx: &deadpool_postgres::Transaction<'_>,
    req: &ClaimRequest,
) -> StoreResult<Option<Claim>> {
    let insert = tx.prepare_cached(
        "INSERT INTO idempotency (key, customer, fingerprint, trans_id, lease_owner, lease_until, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (key) DO UPDATE SET customer = EXCLUDED.customer, fingerprint = EXCLUDED.fingerprint,
           trans_id = EXCLUDED.trans_id, status = NULL, answer = NULL, lease_owner = EXCLUDED.lease_owner,
           lease_until = EXCLUDED.lease_until, expires_at = EXCLUDED.expires_at
         WHERE idempotency.expires_at <= $8
         RETURNING key").await?;
    let t = &req.fresh_trans_id;
    let fresh = tx
        .query_opt(
            &insert,
            &[
                &req.key,
                &req.customer,
                &req.fingerprint,
                t,
                &req.owner,
                &req.lease_until_ms,
                &req.expires_at,
                &now(),
            ],
        )
        .await?;
    if fresh.is_some() {
        let st = tx.prepare_cached("INSERT INTO payments (trans_id, customer, poll, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING").await?;
        tx.execute(&st, &[t, &req.customer, &PENDING, &req.expires_at])
            .await?;
        return Ok(Some(Claim::New(t.clone())));
    }
    let st = tx.prepare_cached("SELECT customer, fingerprint, trans_id, status, answer, lease_until FROM idempotency WHERE key = $1 FOR UPDATE").await?;
    let Some(r) = tx.query_opt(&st, &[&req.key]).await? else {
        return Ok(None);
    };
    let row = KeyRow {
        customer: r.try_get(0)?,
        fingerprint: r.try_get(1)?,
        trans_id: r.try_get(2)?,
        status: r.try_get::<_, Option<i32>>(3)?.map(i64::from),
        answer: r.try_get(4)?,
        lease_until: r.try_get(5)?,
    };
    match row.judge(req) {
        Ok(claim) => Ok(Some(claim)),
        Err(trans_id) => {
            let st = tx
                .prepare_cached(
                    "UPDATE idempotency SET lease_owner = $1, lease_until = $2 WHERE key = $3",
                )
                .await?;
            tx.execute(&st, &[&req.owner, &req.lease_until_ms, &req.key])
                .await?;
            Ok(Some(Claim::TakenOver(trans_id)))
        }
    }
}

/// The answer stored for `key`, under the key's row lock.
async fn stored_answer(
    tx: &deadpool_postgres::Transaction<'_>,
    key: &str,
) -> StoreResult<Option<(u16, Value)>> {
    let st = tx
        .prepare_cached("SELECT status, answer FROM idempotency WHERE key = $1 FOR UPDATE")
        .await?;
    let Some(r) = tx.query_opt(&st, &[&key]).await? else {
        return Ok(None);
    };
    let (status, answer): (Option<i32>, Option<String>) = (r.try_get(0)?, r.try_get(1)?);
    Ok(status
        .zip(answer)
        .map(|(s, a)| (u16::try_from(s).unwrap_or(500), stored_json(&a))))
}

mod records;
