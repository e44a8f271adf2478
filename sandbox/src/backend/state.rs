//! The merchant backend's own records: sessions, customers and payments (with long-poll state).

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::Value;
use tokio::sync::watch;

/// A customer of the shop (the merchant's own record).
#[derive(Debug, Clone)]
pub struct Profile {
    /// merchantCustomerId.
    pub id: String,
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

/// All backend records.
#[derive(Debug, Default)]
pub struct BackendState {
    /// Session token → merchantCustomerId.
    pub sessions: Mutex<HashMap<String, String>>,
    /// merchantCustomerId → profile.
    pub customers: Mutex<HashMap<String, Profile>>,
    /// TransID → payment.
    pub payments: Mutex<HashMap<String, BackendPayment>>,
    /// PayID → TransID.
    pub by_pay_id: Mutex<HashMap<String, String>>,
    /// Vault webhooks received (latest last), for inspection.
    pub webhooks: Mutex<Vec<Value>>,
}
