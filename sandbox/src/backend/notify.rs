//! `POST /paygate/notify`: the Paygate's URLNotify (encrypted, with MAC), the source of a card
//! payment's result. Answered 200 once the notification is stored; a repeat or a stale one (a
//! challenge after the final result) changes nothing and is answered 200 too, so the Paygate
//! stops sending it.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::{json, Value};

use super::client;
use super::state::{Facts, Lifetimes};
use super::store::{PaymentRow, Records};
use crate::error::{AppError, ErrorCode};
use crate::state::{log, Shared};
use crate::wire;

/// 400 `invalid_notify`.
fn refuse(message: &str) -> AppError {
    AppError::bad_request(ErrorCode::InvalidNotify, message.to_string())
}

/// The decrypted pairs of a URLNotify body, when it is the merchant's and its MAC is right.
fn open_notification(app: &Shared, body: &[u8]) -> Result<KeyValues, AppError> {
    let form = crate::form::parse(body);
    if form.get("MerchantID") != Some(app.cfg.merchant_id.as_str()) {
        return Err(refuse("unknown MerchantID"));
    }
    let kv = client::decrypt_kv(
        app,
        form.get("Len").unwrap_or(""),
        form.get("Data").unwrap_or(""),
    )
    .ok_or_else(|| refuse("cannot decrypt"))?;
    if !client::response_mac_ok(app, &kv) {
        return Err(refuse("MAC invalid"));
    }
    Ok(kv)
}

/// What a notification says about the payment: the final facts, or an open challenge.
struct Notified {
    pay_id: String,
    facts: Option<Facts>,
    challenge: Option<Value>,
}

impl Notified {
    /// Applies the notification to the stored payment: the PayID must match, a final result is
    /// kept once (a different one is refused), a challenge only while nothing is final.
    /// `expires_at` is the payment's new end of life once final.
    fn apply(&self, expires_at: i64, p: &mut PaymentRow) -> Result<(), AppError> {
        let pay_id = &self.pay_id;
        match &p.pay_id {
            Some(known) if known != pay_id => return Err(refuse("PayID does not match TransID")),
            Some(_) => {}
            None => p.pay_id = Some(pay_id.clone()),
        }
        match (&self.facts, &p.facts) {
            (None, Some(_)) => log(
                "shop",
                format!("URLNotify {pay_id}: stale challenge after the final result, ignored"),
            ),
            (None, None) => {
                if let Some(ch) = &self.challenge {
                    p.poll = json!({"state": "challenge", "challenge": ch});
                }
            }
            (Some(f), Some(known)) if f != known => {
                return Err(refuse("a different final result was already notified"))
            }
            (Some(_), Some(_)) => {}
            (Some(f), None) => {
                p.poll = json!({"state": "done", "result": f.result_json(&p.trans_id)});
                p.facts = Some(f.clone());
                p.expires_at = expires_at;
            }
        }
        Ok(())
    }
}

/// Reads, checks and stores a URLNotify.
async fn receive(app: &Shared, body: &[u8]) -> Result<(), AppError> {
    let kv = open_notification(app, body)?;
    let g = |k: &str| kv.get(k).unwrap_or("").to_string();
    let (status, trans_id) = (g("Status"), g("TransID"));
    log(
        "shop",
        format!(
            "URLNotify {} {status} {} threeDSCompInd={}",
            g("PayID"),
            g("Code"),
            g("threeDSCompInd")
        ),
    );
    let notified = Notified {
        pay_id: g("PayID"),
        facts: (status != "AUTHENTICATION_REQUEST").then(|| Facts {
            pay_id: g("PayID"),
            status: status.clone(),
            code: g("Code"),
            description: g("Description"),
            comp_ind: g("threeDSCompInd"),
        }),
        challenge: kv.get("challenge").and_then(wire::b64_json),
    };
    let expires_at = Lifetimes::from_now(app.backend.lifetimes.payment);
    let outcome = app
        .backend
        .store
        .update_payment(&trans_id, move |p| notified.apply(expires_at, p))
        .await?;
    outcome.ok_or_else(|| refuse("unknown TransID"))??;
    if kv.get("prefill") == Some("on") {
        let pcn = g("PCNr");
        log(
            "shop",
            format!(
                "card saved: PCNr ending {}",
                pcn.get(pcn.len().saturating_sub(3)..).unwrap_or("")
            ),
        );
    }
    app.backend.waiters.wake(&trans_id);
    Ok(())
}

/// `POST /paygate/notify`: the Paygate's URLNotify; see the module documentation.
pub async fn notify(State(app): State<Shared>, body: Result<Bytes, BytesRejection>) -> Response {
    let received = match body {
        Ok(b) => receive(&app, &b).await,
        Err(_) => Err(refuse("body too large")),
    };
    match received {
        Ok(()) => (StatusCode::OK, "OK").into_response(),
        Err(e) => {
            log("shop", format!("URLNotify refused: {e}"));
            e.into_response()
        }
    }
}
