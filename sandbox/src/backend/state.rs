//! The merchant backend's state: the SQLite store, wake-ups, lifetimes and the sandbox's
//! fault switches.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::faults::Faults;
use super::store::Store;
use super::waiters::Waiters;

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

/// All backend state.
#[derive(Debug)]
pub struct BackendState {
    /// Durable records.
    pub store: Store,
    /// Wake-ups for long polls (by TransID) and for repeats of in-flight keys (`key:…`).
    pub waiters: Waiters,
    /// Idempotency keys being processed by this process right now.
    pub in_flight: Mutex<HashSet<String>>,
    /// Sandbox fault injection switches.
    pub faults: Faults,
    /// Lifetimes of sessions and payments.
    pub lifetimes: Lifetimes,
    /// Vault webhooks received (latest last, at most 1000), for inspection.
    pub webhooks: Mutex<Vec<Value>>,
}

impl BackendState {
    /// State over a store.
    pub fn new(store: Store, lifetimes: Lifetimes) -> BackendState {
        BackendState {
            store,
            waiters: Waiters::default(),
            in_flight: Mutex::new(HashSet::new()),
            faults: Faults::default(),
            lifetimes,
            webhooks: Mutex::new(Vec::new()),
        }
    }
}
