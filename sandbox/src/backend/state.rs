//! The merchant backend's state: the store (SQLite, or PostgreSQL shared by several
//! instances), wake-ups, lifetimes and the sandbox's fault switches.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::faults::Faults;
use super::store::{PgStore, SqliteStore, Store, StoreResult};
use super::waiters::Waiters;
use crate::ids;

/// A customer of the shop (the merchant's own record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail.
    pub email: String,
}

/// What the URLNotify (or a final direct.aspx answer) told the backend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// PayID.
    pub pay_id: String,
    /// Status.
    pub status: String,
    /// Code.
    pub code: String,
    /// Description.
    pub description: String,
    /// threeDSCompInd.
    pub comp_ind: String,
}

impl Facts {
    /// The `result` object of the backend contract for these facts.
    pub fn result_json(&self, trans_id: &str) -> Value {
        let ok = self.code == crate::error::codes::OK;
        json!({
            "status": if ok { "AUTHORIZED" } else { "FAILED" }, "code": self.code, "description": self.description,
            "payId": self.pay_id, "transId": trans_id, "threeDSCompInd": self.comp_ind,
        })
    }
}

/// How long records live.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    /// A session (and its demo customer) from its creation.
    pub session: Duration,
    /// A payment from its creation, a finished one from its end; also the idempotency answers.
    pub payment: Duration,
}

impl Lifetimes {
    /// Unix time `d` from now.
    pub fn from_now(d: Duration) -> i64 {
        super::store::now().saturating_add(d.as_secs().min(i64::MAX as u64 / 2) as i64)
    }
}

/// Where the backend keeps its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file (one instance; the default, under `--data-dir`).
    Sqlite(PathBuf),
    /// SQLite in memory (a process that serves no backend).
    Memory,
    /// A PostgreSQL URL (`--database-url`), shared by any number of instances.
    Postgres(String),
}

/// All backend state.
#[derive(Debug)]
pub struct BackendState {
    /// Durable records.
    pub store: Store,
    /// Wake-ups for long polls (by TransID) and for repeats of in-flight keys (`key:…`).
    pub waiters: Waiters,
    /// This instance's id: the owner of the idempotency leases it holds.
    pub instance: String,
    /// Sandbox fault injection switches.
    pub faults: Faults,
    /// Lifetimes of sessions and payments.
    pub lifetimes: Lifetimes,
    /// Vault webhooks received by this instance (latest last, at most 1000), for inspection.
    pub webhooks: Mutex<Vec<Value>>,
}

impl BackendState {
    /// State over a store whose wake-ups from other instances (if any) reach `waiters`.
    pub fn new(store: Store, waiters: Waiters, lifetimes: Lifetimes) -> BackendState {
        BackendState {
            store,
            waiters,
            instance: ids::hex(16),
            faults: Faults::default(),
            lifetimes,
            webhooks: Mutex::new(Vec::new()),
        }
    }

    /// Opens (and migrates) the database and builds the state over it.
    pub async fn open(db: Database, lifetimes: Lifetimes) -> StoreResult<BackendState> {
        let waiters = Waiters::default();
        let store = match db {
            Database::Sqlite(path) => Store::Sqlite(SqliteStore::open(&path)?),
            Database::Memory => Store::Sqlite(SqliteStore::in_memory()?),
            Database::Postgres(url) => {
                Store::Postgres(PgStore::connect(&url, waiters.clone()).await?)
            }
        };
        Ok(BackendState::new(store, waiters, lifetimes))
    }
}
