//! The reference backend's durable records in SQLite (rusqlite, bundled): sessions, customers,
//! payments and the first answers of idempotent payment creation. Every call is one committed
//! transaction, so whatever a handler wrote is on disk before its answer goes out.

use std::path::Path;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::Value;

use super::state::{Facts, Profile};
use crate::state::lock;

/// A storage failure (the database could not be read or written).
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "storage failed: {}", self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(e.to_string())
    }
}

impl From<StoreError> for crate::error::AppError {
    fn from(e: StoreError) -> Self {
        crate::error::AppError::api(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            crate::error::ErrorCode::StorageFailed,
            e.to_string(),
        )
    }
}

/// Result of a store call.
pub type StoreResult<T> = Result<T, StoreError>;

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE IF NOT EXISTS customers (
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
CREATE INDEX IF NOT EXISTS idempotency_exp ON idempotency(expires_at);
";

/// A customer row: the profile and which demo customer it copies.
#[derive(Debug, Clone)]
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

/// What a payment-creating request with an idempotency key finds.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// The key is new: it is now recorded with this TransID.
    New,
    /// The key was seen, but no answer was stored (in flight, or the Paygate failed): its TransID.
    Unanswered(String),
    /// The key's first answer.
    Answered(u16, Value),
    /// The key belongs to another customer or to another amount/currency.
    Conflict,
}

/// The SQLite database.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the database file.
    pub fn open(path: &Path) -> StoreResult<Store> {
        Self::init(Connection::open(path)?)
    }

    /// An in-memory database (for a process that serves no backend).
    pub fn in_memory() -> StoreResult<Store> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> StoreResult<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    /// Runs `f` in one transaction and commits it.
    pub fn tx<R>(&self, f: impl FnOnce(&Transaction<'_>) -> StoreResult<R>) -> StoreResult<R> {
        let mut c = lock(&self.conn);
        let tx = c.transaction()?;
        let r = f(&tx)?;
        tx.commit()?;
        Ok(r)
    }

    /// Creates a customer and its session.
    pub fn create_session(
        &self,
        token: &str,
        customer: &CustomerRow,
        expires_at: i64,
    ) -> StoreResult<()> {
        self.tx(|tx| {
            let p = &customer.profile;
            tx.execute(
                "INSERT INTO customers (id, demo, first_name, last_name, email, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![customer.id, customer.demo, p.first_name, p.last_name, p.email, expires_at],
            )?;
            tx.execute("INSERT INTO sessions (token, customer, expires_at) VALUES (?1, ?2, ?3)", params![token, customer.id, expires_at])?;
            Ok(())
        })
    }

    /// The customer of an unexpired session.
    pub fn session_customer(&self, token: &str) -> StoreResult<Option<String>> {
        let c = lock(&self.conn);
        let q = "SELECT customer FROM sessions WHERE token = ?1 AND expires_at > ?2";
        Ok(c.query_row(q, params![token, now()], |r| r.get(0))
            .optional()?)
    }

    /// The unexpired session token of a customer.
    pub fn session_of(&self, customer: &str) -> StoreResult<Option<String>> {
        let c = lock(&self.conn);
        let q = "SELECT token FROM sessions WHERE customer = ?1 AND expires_at > ?2";
        Ok(c.query_row(q, params![customer, now()], |r| r.get(0))
            .optional()?)
    }

    /// A customer's row.
    pub fn customer(&self, id: &str) -> StoreResult<Option<CustomerRow>> {
        let c = lock(&self.conn);
        let q = "SELECT id, demo, first_name, last_name, email FROM customers WHERE id = ?1";
        Ok(c.query_row(q, params![id], |r| {
            Ok(CustomerRow {
                id: r.get(0)?,
                demo: r.get(1)?,
                profile: Profile {
                    first_name: r.get(2)?,
                    last_name: r.get(3)?,
                    email: r.get(4)?,
                },
            })
        })
        .optional()?)
    }

    /// Marks the customer's demo cards as being put into the vault; false when that already happened.
    pub fn claim_seeding(&self, id: &str, claim: bool) -> StoreResult<bool> {
        let c = lock(&self.conn);
        let (to, from) = if claim { (1, 0) } else { (0, 1) };
        Ok(c.execute(
            "UPDATE customers SET seeded = ?1 WHERE id = ?2 AND seeded = ?3",
            params![to, id, from],
        )? == 1)
    }

    /// Looks up, and on `New` records, an idempotency key and its (pending) payment.
    pub fn claim(
        &self,
        key: &str,
        customer: &str,
        fingerprint: &str,
        trans_id: &str,
        expires_at: i64,
    ) -> StoreResult<Claim> {
        self.tx(|tx| {
            let q = "SELECT customer, fingerprint, trans_id, status, answer FROM idempotency WHERE key = ?1 AND expires_at > ?2";
            let row = tx
                .query_row(q, params![key, now()], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<u16>>(3)?, r.get::<_, Option<String>>(4)?))
                })
                .optional()?;
            Ok(match row {
                None => {
                    tx.execute(
                        "INSERT OR REPLACE INTO idempotency (key, customer, fingerprint, trans_id, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![key, customer, fingerprint, trans_id, expires_at],
                    )?;
                    tx.execute(
                        "INSERT OR IGNORE INTO payments (trans_id, customer, poll, expires_at) VALUES (?1, ?2, '{\"state\":\"pending\"}', ?3)",
                        params![trans_id, customer, expires_at],
                    )?;
                    Claim::New
                }
                Some((c, f, _, _, _)) if c != customer || f != fingerprint => Claim::Conflict,
                Some((_, _, _, Some(status), Some(answer))) => Claim::Answered(status, serde_json::from_str(&answer).unwrap_or(Value::Null)),
                Some((_, _, t, _, _)) => Claim::Unanswered(t),
            })
        })
    }

    /// The customer who first used an idempotency key.
    pub fn key_owner(&self, key: &str) -> StoreResult<Option<String>> {
        let c = lock(&self.conn);
        let q = "SELECT customer FROM idempotency WHERE key = ?1 AND expires_at > ?2";
        Ok(c.query_row(q, params![key, now()], |r| r.get(0))
            .optional()?)
    }

    /// A payment by TransID.
    pub fn payment(&self, trans_id: &str) -> StoreResult<Option<PaymentRow>> {
        read_payment(&lock(&self.conn), "trans_id", trans_id)
    }

    /// A payment by PayID.
    pub fn payment_by_pay_id(&self, pay_id: &str) -> StoreResult<Option<PaymentRow>> {
        read_payment(&lock(&self.conn), "pay_id", pay_id)
    }

    /// Runs `f` on a payment inside one transaction and writes back what it changed (the
    /// version goes up only when something did). `None` for an unknown TransID.
    pub fn update_payment<R>(
        &self,
        trans_id: &str,
        f: impl FnOnce(&mut PaymentRow) -> R,
    ) -> StoreResult<Option<R>> {
        self.tx(|tx| {
            let Some(mut row) = read_payment(tx, "trans_id", trans_id)? else {
                return Ok(None);
            };
            let before = row.clone();
            let r = f(&mut row);
            if row != before {
                write_payment(tx, &row, before.version + 1)?;
            }
            Ok(Some(r))
        })
    }

    /// Stores the first answer of an idempotency key together with what `f` changes in its
    /// payment, in one transaction; `f` makes the answer from the payment as stored.
    pub fn answer_with(
        &self,
        key: &str,
        trans_id: &str,
        expires_at: i64,
        f: impl FnOnce(&mut PaymentRow) -> (u16, Value),
    ) -> StoreResult<(u16, Value)> {
        self.tx(|tx| {
            let Some(mut row) = read_payment(tx, "trans_id", trans_id)? else {
                return Err(StoreError(format!("payment {trans_id} missing")));
            };
            let before = row.clone();
            let (status, answer) = f(&mut row);
            if row != before {
                write_payment(tx, &row, before.version + 1)?;
            }
            tx.execute(
                "UPDATE idempotency SET status = ?1, answer = ?2, expires_at = ?3 WHERE key = ?4",
                params![status, answer.to_string(), expires_at, key],
            )?;
            Ok((status, answer))
        })
    }

    /// Deletes everything expired; returns the customers removed whose demo cards are in the vault.
    pub fn sweep(&self) -> StoreResult<Vec<String>> {
        let t = now();
        self.tx(|tx| {
            let mut seeded = Vec::new();
            {
                let mut st =
                    tx.prepare("SELECT id FROM customers WHERE expires_at <= ?1 AND seeded = 1")?;
                for id in st.query_map(params![t], |r| r.get::<_, String>(0))? {
                    seeded.push(id?);
                }
            }
            for table in ["customers", "sessions", "payments", "idempotency"] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE expires_at <= ?1"),
                    params![t],
                )?;
            }
            Ok(seeded)
        })
    }

    /// How many payments have a final result.
    pub fn final_count(&self) -> StoreResult<i64> {
        Ok(lock(&self.conn).query_row(
            "SELECT COUNT(*) FROM payments WHERE facts IS NOT NULL",
            [],
            |r| r.get(0),
        )?)
    }

    /// Row counts of (sessions, customers, payments, idempotency), for tests and logs.
    pub fn counts(&self) -> StoreResult<[i64; 4]> {
        let c = lock(&self.conn);
        let mut out = [0; 4];
        for (i, t) in ["sessions", "customers", "payments", "idempotency"]
            .iter()
            .enumerate()
        {
            out[i] = c.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?;
        }
        Ok(out)
    }
}

fn read_payment(c: &Connection, column: &str, value: &str) -> StoreResult<Option<PaymentRow>> {
    let q = format!("SELECT trans_id, pay_id, customer, poll, facts, version, expires_at FROM payments WHERE {column} = ?1");
    Ok(c.query_row(&q, params![value], |r| {
        Ok(PaymentRow {
            trans_id: r.get(0)?,
            pay_id: r.get(1)?,
            customer: r.get(2)?,
            poll: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or(Value::Null),
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
