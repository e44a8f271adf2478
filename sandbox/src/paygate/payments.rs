//! The Paygate's transactions and where each stands. The steps that move them on are in
//! [`super::flow`] (method, challenge, timeouts) and [`super::finish`] (authorisation).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::notify::NotifyFault;
use crate::cards::Scenario;
use crate::error::codes;
use crate::state::lock;
use crate::vault::CustomerInfo;

/// Final outcome of a payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// AUTHORIZED or FAILED.
    pub status: &'static str,
    /// Paygate code.
    pub code: &'static str,
    /// Description.
    pub description: &'static str,
}

/// Where a payment stands.
#[derive(Debug, Clone)]
pub enum Stage {
    /// Waiting for the 3DS method notification (or its timeout).
    Method,
    /// Waiting for the challenge result; holds the browser challenge response object.
    Challenge(Value),
    /// Waiting for the 3-D Secure 1.0 PaRes.
    Legacy,
    /// Finished.
    Done(Outcome),
}

/// One Paygate transaction.
#[derive(Debug, Clone)]
pub struct Payment {
    /// PayID (32 hex).
    pub pay_id: String,
    /// Merchant's TransID.
    pub trans_id: String,
    /// Real PAN (kept only here).
    pub pan: String,
    /// Cardholder name.
    pub holder: String,
    /// `YYYYMM`.
    pub expiry: String,
    /// Issuer behaviour.
    pub scenario: Scenario,
    /// 3DS server transaction id.
    pub tds_id: String,
    /// ACS transaction id once a challenge exists.
    pub acs_trans_id: Option<String>,
    /// Challenge window size for the CReq.
    pub window_size: String,
    /// URLNotify of the request.
    pub url_notify: String,
    /// Customer who consented to storing the card.
    pub save: Option<CustomerInfo>,
    /// The stored card used for this payment (customer id, method id).
    pub used_method: Option<(String, String)>,
    /// threeDSCompInd once known.
    pub comp_ind: Option<&'static str>,
    /// 3DS 1.0 MD and PaReq id.
    pub legacy: Option<(String, String)>,
    /// State.
    pub stage: Stage,
    /// The merchant's `ReqID`, if the request had one.
    pub req_id: Option<String>,
    /// The browser challenge response object once a challenge was asked for.
    pub challenge: Option<Value>,
    /// How many authorisations this transaction carried out (0 or 1; tests read it).
    pub authorized: u32,
    /// When direct.aspx created it.
    pub created: Instant,
}

impl Payment {
    /// True when a repeat of its `ReqID` must answer its status: it is final and did not end
    /// in a 3-D Secure timeout (documented: such a status is not final for `ReqID`).
    pub fn final_for_req_id(&self) -> Option<&Outcome> {
        match &self.stage {
            Stage::Done(o) if o.code != codes::TDS_TIMEOUT => Some(o),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
struct Inner {
    payments: HashMap<String, Payment>,
    by_tds: HashMap<String, String>,
    by_md: HashMap<String, String>,
    by_req: HashMap<String, String>,
}

/// All Paygate transactions.
#[derive(Debug, Default)]
pub struct PaygateState {
    inner: Mutex<Inner>,
    notify_faults: Mutex<Vec<NotifyFault>>,
}

impl PaygateState {
    /// Registers a new payment (the latest one of its `ReqID`).
    pub fn insert(&self, p: Payment) {
        let mut g = lock(&self.inner);
        if let Some(r) = &p.req_id {
            g.by_req.insert(r.clone(), p.pay_id.clone());
        }
        g.by_tds.insert(p.tds_id.clone(), p.pay_id.clone());
        if let Some((md, _)) = &p.legacy {
            g.by_md.insert(md.clone(), p.pay_id.clone());
        }
        g.payments.insert(p.pay_id.clone(), p);
    }

    /// Runs `f` on the payment of a 3DS server transaction id, under one lock.
    pub fn with_tds<R>(&self, tds: &str, f: impl FnOnce(&mut Payment) -> R) -> Option<R> {
        let mut g = lock(&self.inner);
        let Inner {
            payments, by_tds, ..
        } = &mut *g;
        by_tds.get(tds).and_then(|id| payments.get_mut(id)).map(f)
    }

    /// Runs `f` on the payment of a 3-D Secure 1.0 MD, under one lock.
    pub fn with_md<R>(&self, md: &str, f: impl FnOnce(&mut Payment) -> R) -> Option<R> {
        let mut g = lock(&self.inner);
        let Inner {
            payments, by_md, ..
        } = &mut *g;
        by_md.get(md).and_then(|id| payments.get_mut(id)).map(f)
    }

    /// A copy of a payment.
    pub fn get(&self, pay_id: &str) -> Option<Payment> {
        lock(&self.inner).payments.get(pay_id).cloned()
    }

    /// Runs `f` on a payment, under one lock.
    pub(super) fn with<R>(&self, pay_id: &str, f: impl FnOnce(&mut Payment) -> R) -> Option<R> {
        lock(&self.inner).payments.get_mut(pay_id).map(f)
    }

    /// The latest transaction of a `ReqID`.
    pub fn by_req_id(&self, req_id: &str) -> Option<Payment> {
        let g = lock(&self.inner);
        g.by_req
            .get(req_id)
            .and_then(|id| g.payments.get(id))
            .cloned()
    }

    /// (TransID, authorisations) of every transaction.
    pub fn authorization_counts(&self) -> Vec<(String, u32)> {
        lock(&self.inner)
            .payments
            .values()
            .map(|p| (p.trans_id.clone(), p.authorized))
            .collect()
    }

    /// Arms a fault for the next final URLNotify.
    pub fn arm_notify_fault(&self, f: NotifyFault) {
        lock(&self.notify_faults).push(f);
    }

    /// Takes the next armed URLNotify fault.
    pub(super) fn take_notify_fault(&self) -> Option<NotifyFault> {
        let mut q = lock(&self.notify_faults);
        (!q.is_empty()).then(|| q.remove(0))
    }

    /// Forgets transactions created more than `ttl` ago (open ones after `2 × ttl`), with their
    /// ACS records; returns how many went.
    pub fn sweep(&self, ttl: Duration, acs: &crate::acs::AcsState) -> usize {
        let mut g = lock(&self.inner);
        let old: Vec<Payment> = g
            .payments
            .values()
            .filter(|p| {
                let age = p.created.elapsed();
                age > ttl && (matches!(p.stage, Stage::Done(_)) || age > ttl * 2)
            })
            .cloned()
            .collect();
        for p in &old {
            g.payments.remove(&p.pay_id);
            g.by_tds.remove(&p.tds_id);
            if let Some((md, pareq)) = &p.legacy {
                g.by_md.remove(md);
                acs.forget(&p.tds_id, None, Some(pareq));
            }
            if p.req_id
                .as_ref()
                .is_some_and(|r| g.by_req.get(r) == Some(&p.pay_id))
            {
                g.by_req.remove(p.req_id.as_deref().unwrap_or(""));
            }
            acs.forget(&p.tds_id, p.acs_trans_id.as_deref(), None);
        }
        old.len()
    }
}
