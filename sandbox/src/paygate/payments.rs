//! The Paygate's transactions and their 3-D Secure state machine: method → (challenge | 3DS 1.0)
//! → authorisation → URLNotify and the browser response documents.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::notify::{send_notify, NotifyFault};
use crate::cards::Scenario;
use crate::error::codes;
use crate::state::{lock, log, Shared};
use crate::vault::{CustomerInfo, NewCard};
use crate::{ids, wire};
use paygate_wasm::protocol::kv::KeyValues;

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

    fn with<R>(&self, pay_id: &str, f: impl FnOnce(&mut Payment) -> R) -> Option<R> {
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

/// What the browser gets as the response document of a step.
#[derive(Debug, Clone)]
pub enum BrowserResponse {
    /// Browser challenge response object.
    Challenge(Value),
    /// Browser payment response object `{MID, Len, Data}`.
    Payment(Value),
}

impl BrowserResponse {
    /// The object posted to the parent window.
    pub fn object(&self) -> &Value {
        match self {
            BrowserResponse::Challenge(v) | BrowserResponse::Payment(v) => v,
        }
    }
}

/// The 3DS method data form value (base64url JSON).
pub fn method_data_form(app: &Shared, tds_id: &str) -> (Value, String) {
    let data = json!({
        "threeDSMethodNotificationURL": format!("{}/cbThreeDS.aspx?action=mthdNtfn", app.cfg.paygate),
        "threeDSServerTransID": tds_id,
    });
    let form = wire::b64url(data.to_string().as_bytes());
    (data, form)
}

/// Starts the method timeout for a payment: after `--method-timeout-ms` without notification the
/// Paygate continues with `threeDSCompInd=N`.
pub fn spawn_method_timeout(app: &Shared, pay_id: String) {
    let app = app.clone();
    tokio::spawn(async move {
        tokio::time::sleep(app.cfg.method_timeout).await;
        if app
            .paygate
            .with(&pay_id, |p| matches!(p.stage, Stage::Method))
            == Some(true)
        {
            log(
                "paygate",
                format!("method timeout for {pay_id}: continuing with threeDSCompInd=N"),
            );
            continue_after_method(&app, &pay_id, false).await;
        }
    });
}

/// Continues after the method step: `notified` when the method notification came
/// (`threeDSCompInd` `Y`, or `U` for an issuer without method URL), false on timeout (`N`).
/// `None` for an unknown payment and for a 3-D Secure 1.0 one, which has no method step.
pub async fn continue_after_method(
    app: &Shared,
    pay_id: &str,
    notified: bool,
) -> Option<BrowserResponse> {
    enum Step {
        Show(BrowserResponse),
        Challenge(Box<Payment>, Value),
        Finish,
    }
    let step = app.paygate.with(pay_id, |p| match &p.stage {
        Stage::Method => {
            p.comp_ind = Some(match (notified, p.scenario) {
                (false, _) => "N",
                (true, Scenario::NoMethodUrl) => "U",
                (true, _) => "Y",
            });
            if p.scenario.challenges() {
                let acs_trans_id = ids::uuid();
                p.acs_trans_id = Some(acs_trans_id.clone());
                let obj = challenge_object(app, p, &acs_trans_id);
                p.stage = Stage::Challenge(obj.clone());
                p.challenge = Some(obj.clone());
                app.acs
                    .register_challenge(&acs_trans_id, &p.tds_id, p.scenario);
                Some(Step::Challenge(Box::new(p.clone()), obj))
            } else {
                Some(Step::Finish)
            }
        }
        Stage::Challenge(obj) => Some(Step::Show(BrowserResponse::Challenge(obj.clone()))),
        Stage::Legacy => None,
        Stage::Done(o) => Some(Step::Show(BrowserResponse::Payment(payment_response(
            app, p, o,
        )))),
    })??;
    match step {
        Step::Show(r) => Some(r),
        Step::Finish => Some(finish(app, pay_id, Ok(())).await),
        Step::Challenge(p, obj) => {
            let mut extra = KeyValues::new();
            extra.push("challenge", wire::b64(obj.to_string().as_bytes()));
            let pending = Outcome {
                status: "AUTHENTICATION_REQUEST",
                code: codes::CHALLENGE,
                description: "challenge required",
            };
            send_notify(app, &p, &pending, extra).await;
            spawn_challenge_timeout(app, p.pay_id.clone());
            Some(BrowserResponse::Challenge(obj))
        }
    }
}

/// After `--challenge-timeout-ms` without a challenge result the payment ends in a 3-D Secure
/// timeout (`22000003`).
fn spawn_challenge_timeout(app: &Shared, pay_id: String) {
    let app = app.clone();
    tokio::spawn(async move {
        tokio::time::sleep(app.cfg.challenge_timeout).await;
        if app
            .paygate
            .with(&pay_id, |p| matches!(p.stage, Stage::Challenge(_)))
            == Some(true)
        {
            log("paygate", format!("challenge timeout for {pay_id}"));
            finish(
                &app,
                &pay_id,
                Err((codes::TDS_TIMEOUT, "3-D Secure timeout")),
            )
            .await;
        }
    });
}

/// Builds the browser challenge response object for a payment.
fn challenge_object(app: &Shared, p: &Payment, acs_trans_id: &str) -> Value {
    let creq = json!({
        "threeDSServerTransID": p.tds_id, "acsTransID": acs_trans_id, "messageType": "CReq",
        "messageVersion": "2.2.0", "challengeWindowSize": p.window_size,
    });
    let mut full = creq.clone();
    full["notificationURL"] = json!(format!(
        "{}/cbThreeDS.aspx?action=chlgNtfn",
        app.cfg.paygate
    ));
    json!({
        "acsChallengeMandated": p.scenario == Scenario::ChallengeMandated,
        "challengeRequest": creq,
        "base64EncodedChallengeRequest": wire::b64(full.to_string().as_bytes()),
        "acsURL": format!("{}/challenge", app.cfg.acs),
    })
}

/// Finishes a payment: authorisation (or the authentication failure), vault, URLNotify.
/// Returns the browser payment response. Idempotent: a finished payment just answers again.
pub async fn finish(
    app: &Shared,
    pay_id: &str,
    auth: Result<(), (&'static str, &'static str)>,
) -> BrowserResponse {
    let decided = app.paygate.with(pay_id, |p| {
        if let Stage::Done(o) = &p.stage {
            return Err(payment_response(app, p, o));
        }
        let outcome = match auth {
            Err((code, description)) => Outcome {
                status: "FAILED",
                code,
                description,
            },
            Ok(()) if p.scenario == Scenario::Declined => Outcome {
                status: "FAILED",
                code: codes::DECLINED,
                description: "declined by issuer",
            },
            Ok(()) => Outcome {
                status: "AUTHORIZED",
                code: codes::OK,
                description: "success",
            },
        };
        if p.comp_ind.is_none() {
            p.comp_ind = Some("U");
        }
        if outcome.code == codes::OK {
            p.authorized += 1;
        }
        p.stage = Stage::Done(outcome.clone());
        Ok((p.clone(), outcome))
    });
    let (p, outcome) = match decided {
        Some(Ok(x)) => x,
        Some(Err(resp)) => return BrowserResponse::Payment(resp),
        None => return BrowserResponse::Payment(json!({})),
    };
    let extra = if outcome.code == codes::OK {
        vault_fields(app, &p)
    } else {
        KeyValues::new()
    };
    log(
        "paygate",
        format!(
            "payment {} {} {} threeDSCompInd={}",
            p.pay_id,
            outcome.status,
            outcome.code,
            p.comp_ind.unwrap_or("U")
        ),
    );
    super::notify::deliver_final(app, &p, &outcome, extra).await;
    BrowserResponse::Payment(payment_response(app, &p, &outcome))
}

/// Stores or touches the card in the vault and returns the notify fields for it.
fn vault_fields(app: &Shared, p: &Payment) -> KeyValues {
    let mut kv = KeyValues::new();
    if let Some((customer, method)) = &p.used_method {
        app.vault.touch(customer, method);
        kv.push("vaultInteraction", "PAYMENT_METHOD_USED")
            .push("paymentMethodId", method.clone());
        return kv;
    }
    let Some(info) = &p.save else {
        kv.push("vaultInteraction", "NONE");
        return kv;
    };
    let card = NewCard {
        pan: p.pan.clone(),
        holder: p.holder.clone(),
        expiry: p.expiry.clone(),
        last_used_offset_s: 0,
    };
    let (customer, method, created) = app.vault.store(&app.cfg.merchant_id, info, &card);
    kv.push("vaultInteraction", "PAYMENT_METHOD_ADDED")
        .push("paymentMethodId", method.id.clone())
        .push("gatewayCustomerId", customer.id.clone())
        .push("PCNr", method.pcn.clone())
        .push(
            "card",
            wire::b64(method.prefill_json().to_string().as_bytes()),
        )
        .push("prefill", "on")
        .push("schemeReferenceID", ids::digits(15));
    if created {
        crate::paygate::rest::spawn_webhook(app, &customer, &method, "create");
    }
    kv
}

/// The outcome's answer fields (`mid`, `PayID`, `TransID`, `Status`, `Code`, `Description`, then
/// `extra`) with the response MAC.
pub(super) fn outcome_kv(app: &Shared, p: &Payment, o: &Outcome, extra: KeyValues) -> KeyValues {
    let mut kv = KeyValues::new();
    kv.push("mid", app.cfg.merchant_id.clone())
        .push("PayID", p.pay_id.clone())
        .push("TransID", p.trans_id.clone())
        .push("Status", o.status)
        .push("Code", o.code)
        .push("Description", o.description);
    for (k, v) in extra.iter() {
        kv.push(k, v);
    }
    crate::paygate::push_response_mac(app, &mut kv, &p.pay_id, &p.trans_id, o.status, o.code);
    kv
}

/// The browser payment response object `{MID, Len, Data}`.
pub fn payment_response(app: &Shared, p: &Payment, o: &Outcome) -> Value {
    let (len, data) = crate::paygate::seal(app, &outcome_kv(app, p, o, KeyValues::new()));
    json!({"MID": wire::b64(app.cfg.merchant_id.as_bytes()), "Len": len, "Data": data})
}
