//! The store in SQLite (rusqlite, bundled; WAL, `synchronous=FULL`): the default, one file under
//! `--data-dir`. Every call runs on tokio's blocking threads (`spawn_blocking`), never on the
//! async workers, over one connection; writing transactions start `IMMEDIATE`, so a second
//! process on the same file waits (`busy_timeout`) instead of failing half-way.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{
    params, Connection, ErrorCode, OptionalExtension, Transaction, TransactionBehavior,
};
use serde_json::Value;

use super::{
    now, stored_json, Claim, ClaimRequest, CustomerRow, KeyRow, PaymentRow, Records, StoreError,
    StoreResult, COUNTED, PENDING,
};
use crate::backend::state::Profile;
use crate::state::lock;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                StoreError::Unavailable(e.to_string())
            }
            _ => StoreError::Failed(e.to_string()),
        }
    }
}

/// The migrations, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: [&str; 2] = [
    "CREATE TABLE IF NOT EXISTS customers (
       id TEXT PRIMARY KEY, demo TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
       email TEXT NOT NULL, seeded INTEGER NOT NULL DEFAULT 0, expires_at INTEGER NOT NULL);
     CREATE TABLE IF NOT EXISTS sessions (
       token TEXT PRIMARY KEY, customer TEXT NOT NULL, expires_at INTEGER NOT NULL);
     CREATE INDEX IF NOT EXISTS sessions_customer ON sessions(customer);
     CREATE TABLE IF NOT EXISTS payments (
       trans_id TEXT PRIMARY KEY, pay_id TEXT UNIQUE, customer TEXT NOT NULL, poll TEXT NOT NULL,
       facts TEXT, version INTEGER NOT NULL DEFAULT 0, expires_at INTEGER NOT NULL);
     CREATE TABLE IF NOT EXISTS idempotency (
       key TEXT PRIMARY KEY, customer TEXT NOT NULL, fingerprint TEXT NOT NULL, trans_id TEXT NOT NULL,
       status INTEGER, answer TEXT, expires_at INTEGER NOT NULL);
     CREATE INDEX IF NOT EXISTS customers_exp ON customers(expires_at);
     CREATE INDEX IF NOT EXISTS sessions_exp ON sessions(expires_at);
     CREATE INDEX IF NOT EXISTS payments_exp ON payments(expires_at);
     CREATE INDEX IF NOT EXISTS idempotency_exp ON idempotency(expires_at);",
    "ALTER TABLE idempotency ADD COLUMN lease_owner TEXT;
     ALTER TABLE idempotency ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;",
];

/// The SQLite database.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
}

impl SqliteStore {
    /// Opens (creating and migrating if needed) the database file.
    pub fn open(path: &Path) -> StoreResult<SqliteStore> {
        Self::init(Connection::open(path)?)
    }

    /// An in-memory database (for a process that serves no backend, and for tests).
    pub fn in_memory() -> StoreResult<SqliteStore> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> StoreResult<SqliteStore> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        let applied: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let applied = usize::try_from(applied).unwrap_or(0);
        for (i, m) in MIGRATIONS.iter().enumerate().skip(applied) {
            tx.execute_batch(m)?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        }
        tx.commit()?;
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` with the connection on a blocking thread.
    async fn with<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> StoreResult<R> + Send + 'static,
    ) -> StoreResult<R> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || f(&mut lock(&conn)))
            .await
            .map_err(|e| StoreError::Failed(format!("store task: {e}")))?
    }

    /// Runs `f` in one `IMMEDIATE` transaction on a blocking thread and commits it.
    async fn tx<R: Send + 'static>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> StoreResult<R> + Send + 'static,
    ) -> StoreResult<R> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let r = f(&tx)?;
            tx.commit()?;
            Ok(r)
        })
        .await
    }

    /// One optional text column of the first row of `sql` with one text parameter and now.
    async fn text_by(&self, sql: &'static str, value: &str) -> StoreResult<Option<String>> {
        let value = value.to_string();
        self.with(move |c| {
            Ok(c.query_row(sql, params![value, now()], |r| r.get(0))
                .optional()?)
        })
        .await
    }
}

fn read_payment(c: &Connection, column: &str, value: &str) -> StoreResult<Option<PaymentRow>> {
    let q = format!("SELECT trans_id, pay_id, customer, poll, facts, version, expires_at FROM payments WHERE {column} = ?1");
    Ok(c.query_row(&q, params![value], |r| {
        Ok(PaymentRow {
            trans_id: r.get(0)?,
            pay_id: r.get(1)?,
            customer: r.get(2)?,
            poll: stored_json(&r.get::<_, String>(3)?),
            facts: r
                .get::<_, Option<String>>(4)?
                .and_then(|f| serde_json::from_str(&f).ok()),
            version: r.get(5)?,
            expires_at: r.get(6)?,
        })
    })
    .optional()?)
}

fn write_payment(c: &Connection, row: &PaymentRow, version: i64) -> StoreResult<()> {
    let facts = row
        .facts
        .as_ref()
        .map(|f| serde_json::to_string(f).unwrap_or_default());
    c.execute(
        "UPDATE payments SET pay_id = ?1, poll = ?2, facts = ?3, version = ?4, expires_at = ?5 WHERE trans_id = ?6",
        params![row.pay_id, row.poll.to_string(), facts, version, row.expires_at, row.trans_id],
    )?;
    Ok(())
}

/// Runs `f` on the payment `trans_id` and writes back what it changed; `None` when unknown.
fn change_payment<R>(
    tx: &Transaction<'_>,
    trans_id: &str,
    f: impl FnOnce(&mut PaymentRow) -> R,
) -> StoreResult<Option<R>> {
    let Some(mut row) = read_payment(tx, "trans_id", trans_id)? else {
        return Ok(None);
    };
    let before = row.clone();
    let r = f(&mut row);
    if row != before {
        write_payment(tx, &row, before.version + 1)?;
    }
    Ok(Some(r))
}

/// The claim inside its transaction (see [`Records::claim`]).
fn claim_in(tx: &Transaction<'_>, req: &ClaimRequest) -> StoreResult<Claim> {
    let q = "SELECT customer, fingerprint, trans_id, status, answer, lease_until FROM idempotency WHERE key = ?1 AND expires_at > ?2";
    let row = tx
        .query_row(q, params![req.key, now()], |r| {
            Ok(KeyRow {
                customer: r.get(0)?,
                fingerprint: r.get(1)?,
                trans_id: r.get(2)?,
                status: r.get(3)?,
                answer: r.get(4)?,
                lease_until: r.get(5)?,
            })
        })
        .optional()?;
    let lease = "UPDATE idempotency SET lease_owner = ?1, lease_until = ?2 WHERE key = ?3";
    match row.map(|r| r.judge(req)) {
        None => {
            tx.execute(
                "INSERT OR REPLACE INTO idempotency (key, customer, fingerprint, trans_id, lease_owner, lease_until, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![req.key, req.customer, req.fingerprint, req.fresh_trans_id, req.owner, req.lease_until_ms, req.expires_at],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO payments (trans_id, customer, poll, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![req.fresh_trans_id, req.customer, PENDING, req.expires_at],
            )?;
            Ok(Claim::New(req.fresh_trans_id.clone()))
        }
        Some(Ok(claim)) => Ok(claim),
        Some(Err(trans_id)) => {
            tx.execute(lease, params![req.owner, req.lease_until_ms, req.key])?;
            Ok(Claim::TakenOver(trans_id))
        }
    }
}

/// The answer stored for `key`, if any.
fn stored_answer(tx: &Transaction<'_>, key: &str) -> StoreResult<Option<(u16, Value)>> {
    let q = "SELECT status, answer FROM idempotency WHERE key = ?1 AND status IS NOT NULL AND answer IS NOT NULL";
    let row = tx
        .query_row(q, params![key], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?;
    Ok(row.map(|(s, a)| (u16::try_from(s).unwrap_or(500), stored_json(&a))))
}

impl Records for SqliteStore {
    async fn create_session(
        &self,
        token: &str,
        c: &CustomerRow,
        expires_at: i64,
    ) -> StoreResult<()> {
        let (token, c) = (token.to_string(), c.clone());
        self.tx(move |tx| {
            let p = &c.profile;
            tx.execute(
                "INSERT INTO customers (id, demo, first_name, last_name, email, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![c.id, c.demo, p.first_name, p.last_name, p.email, expires_at],
            )?;
            tx.execute("INSERT INTO sessions (token, customer, expires_at) VALUES (?1, ?2, ?3)", params![token, c.id, expires_at])?;
            Ok(())
        })
        .await
    }

    async fn session_customer(&self, token: &str) -> StoreResult<Option<String>> {
        let q = "SELECT customer FROM sessions WHERE token = ?1 AND expires_at > ?2";
        self.text_by(q, token).await
    }

    async fn session_of(&self, customer: &str) -> StoreResult<Option<String>> {
        let q = "SELECT token FROM sessions WHERE customer = ?1 AND expires_at > ?2";
        self.text_by(q, customer).await
    }

    async fn customer(&self, id: &str) -> StoreResult<Option<CustomerRow>> {
        let id = id.to_string();
        self.with(move |c| {
            let q = "SELECT id, demo, first_name, last_name, email FROM customers WHERE id = ?1";
            Ok(c.query_row(q, params![id], |r| {
                let profile = Profile {
                    first_name: r.get(2)?,
                    last_name: r.get(3)?,
                    email: r.get(4)?,
                };
                Ok(CustomerRow {
                    id: r.get(0)?,
                    demo: r.get(1)?,
                    profile,
                })
            })
            .optional()?)
        })
        .await
    }

    async fn claim_seeding(&self, id: &str, claim: bool) -> StoreResult<bool> {
        let id = id.to_string();
        let (to, from) = if claim { (1, 0) } else { (0, 1) };
        let q = "UPDATE customers SET seeded = ?1 WHERE id = ?2 AND seeded = ?3";
        self.with(move |c| Ok(c.execute(q, params![to, id, from])? == 1))
            .await
    }

    async fn claim(&self, req: &ClaimRequest) -> StoreResult<Claim> {
        let req = req.clone();
        self.tx(move |tx| claim_in(tx, &req)).await
    }

    async fn renew_lease(&self, key: &str, owner: &str, until_ms: i64) -> StoreResult<bool> {
        let (key, owner) = (key.to_string(), owner.to_string());
        let q = "UPDATE idempotency SET lease_until = ?1 WHERE key = ?2 AND lease_owner = ?3 AND answer IS NULL";
        self.with(move |c| Ok(c.execute(q, params![until_ms, key, owner])? == 1))
            .await
    }

    async fn release_lease(&self, key: &str, owner: &str) -> StoreResult<()> {
        let (key, owner) = (key.to_string(), owner.to_string());
        let q = "UPDATE idempotency SET lease_until = 0 WHERE key = ?1 AND lease_owner = ?2";
        self.with(move |c| Ok(c.execute(q, params![key, owner]).map(|_| ())?))
            .await
    }

    async fn key_owner(&self, key: &str) -> StoreResult<Option<String>> {
        let q = "SELECT customer FROM idempotency WHERE key = ?1 AND expires_at > ?2";
        self.text_by(q, key).await
    }

    async fn payment(&self, trans_id: &str) -> StoreResult<Option<PaymentRow>> {
        let t = trans_id.to_string();
        self.with(move |c| read_payment(c, "trans_id", &t)).await
    }

    async fn payment_by_pay_id(&self, pay_id: &str) -> StoreResult<Option<PaymentRow>> {
        let p = pay_id.to_string();
        self.with(move |c| read_payment(c, "pay_id", &p)).await
    }

    async fn update_payment<R: Send + 'static>(
        &self,
        trans_id: &str,
        f: impl FnOnce(&mut PaymentRow) -> R + Send + 'static,
    ) -> StoreResult<Option<R>> {
        let t = trans_id.to_string();
        self.tx(move |tx| change_payment(tx, &t, f)).await
    }

    async fn answer_with(
        &self,
        key: &str,
        trans_id: &str,
        expires_at: i64,
        f: impl FnOnce(&mut PaymentRow) -> (u16, Value) + Send + 'static,
    ) -> StoreResult<(u16, Value)> {
        let (key, t) = (key.to_string(), trans_id.to_string());
        self.tx(move |tx| {
            if let Some(first) = stored_answer(tx, &key)? {
                return Ok(first);
            }
            let (status, answer) = change_payment(tx, &t, f)?
                .ok_or_else(|| StoreError::Failed(format!("payment {t} missing")))?;
            tx.execute(
                "UPDATE idempotency SET status = ?1, answer = ?2, expires_at = ?3, lease_until = 0 WHERE key = ?4",
                params![status, answer.to_string(), expires_at, key],
            )?;
            Ok((status, answer))
        })
        .await
    }

    async fn sweep(&self) -> StoreResult<Vec<String>> {
        let t = now();
        self.tx(move |tx| {
            let mut seeded = Vec::new();
            {
                let mut st =
                    tx.prepare("SELECT id FROM customers WHERE expires_at <= ?1 AND seeded = 1")?;
                for id in st.query_map(params![t], |r| r.get::<_, String>(0))? {
                    seeded.push(id?);
                }
            }
            for table in COUNTED {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE expires_at <= ?1"),
                    params![t],
                )?;
            }
            Ok(seeded)
        })
        .await
    }

    async fn final_count(&self) -> StoreResult<i64> {
        let q = "SELECT COUNT(*) FROM payments WHERE facts IS NOT NULL";
        self.with(move |c| Ok(c.query_row(q, [], |r| r.get(0))?))
            .await
    }

    async fn counts(&self) -> StoreResult<[i64; 4]> {
        self.with(|c| {
            let mut out = [0; 4];
            for (i, t) in COUNTED.iter().enumerate() {
                out[i] = c.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?;
            }
            Ok(out)
        })
        .await
    }
}
