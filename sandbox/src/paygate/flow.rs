//! The 3-D Secure steps of a Paygate transaction: method → (challenge | 3DS 1.0) → [`finish`],
//! with the method and challenge timeouts, and the browser response document of each step.

use serde_json::{json, Value};

use super::finish::{finish, payment_response};
use super::notify::send_notify;
use super::payments::{Outcome, Payment, Stage};
use crate::cards::Scenario;
use crate::error::codes;
use crate::state::{log, Shared};
use crate::{ids, wire};
use paygate_wasm::protocol::kv::KeyValues;

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
