//! The merchant backend's own records: sessions, customers and payments (with long-poll state).

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{json, Value};
use tokio::sync::watch;

/// A customer of the shop (the merchant's own record).
#[derive(Debug, Clone)]
pub struct Profile {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail.
    pub email: String,
}

/// What the URLNotify told the backend.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// One payment as the backend tracks it.
#[derive(Debug)]
pub struct BackendPayment {
    /// TransID (made by the backend).
    pub trans_id: String,
    /// PayID once the Paygate answered (or notified).
    pub pay_id: Option<String>,
    /// Owning customer (merchantCustomerId).
    pub customer: String,
    /// Final facts from URLNotify.
    pub facts: Option<Facts>,
    /// Long-poll answer (`{state: …}`), watched by waiting requests.
    pub poll: watch::Sender<Value>,
}

impl BackendPayment {
    /// Records the final facts and answers the waiting long polls; returns the result object.
    pub fn set_facts(&mut self, facts: Facts) -> Value {
        let result = facts.result_json(&self.trans_id);
        self.facts = Some(facts);
        self.poll.send_replace(json!({"state": "done", "result": result.clone()}));
        result
    }
}

/// The backend's payments, found by TransID or by PayID.
#[derive(Debug, Default)]
pub struct Payments {
    /// TransID → payment.
    pub by_trans_id: HashMap<String, BackendPayment>,
    /// PayID → TransID.
    pub by_pay_id: HashMap<String, String>,
}

/// All backend records.
#[derive(Debug, Default)]
pub struct BackendState {
    /// Session token → merchantCustomerId.
    pub sessions: Mutex<HashMap<String, String>>,
    /// merchantCustomerId → profile.
    pub customers: Mutex<HashMap<String, Profile>>,
    /// The payments, both maps under one lock.
    pub payments: Mutex<Payments>,
    /// Vault webhooks received (latest last), for inspection.
    pub webhooks: Mutex<Vec<Value>>,
}
