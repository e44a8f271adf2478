//! The merchant backend's direct.aspx call for a new payment: the encrypted request with the
//! idempotency key as `ReqID`, and what its answer means for the browser.

use paygate_wasm::protocol::kv::KeyValues;
use serde_json::{json, Value};

use super::super::client;
use super::super::state::Facts;
use super::super::store::{PaymentRow, Records};
use super::super::text;
use super::request::{card_json, Checked};
use crate::error::{codes, AppError};
use crate::state::{log, Shared};
use crate::{cards, wire};

/// What direct.aspx answered for a new payment.
pub(super) struct Created {
    /// The backend's TransID.
    pub trans_id: String,
    /// The Paygate's PayID (empty when the answer has none).
    pub pay_id: String,
    /// The final result when the answer was final (a refusal, or a `ReqID` repeat of a final one).
    pub facts: Option<Facts>,
    /// `next` for an open payment.
    pub next: Value,
}

impl Created {
    /// Records the answer in the payment and makes the answer to the browser. A `ReqID` repeat
    /// of a final transaction answers its original status: the notified facts, if any, win.
    pub(super) fn record(self, p: &mut PaymentRow) -> Value {
        let Created {
            trans_id,
            pay_id,
            facts,
            next,
        } = self;
        // An open answer is a new Paygate transaction (also after a ReqID repeat of an open one).
        if !pay_id.is_empty() && (facts.is_none() || p.pay_id.is_none()) {
            p.pay_id = Some(pay_id.clone());
        }
        let next = match facts {
            None => next,
            Some(f) => {
                if p.facts.is_none() {
                    p.poll = json!({"state": "done", "result": f.result_json(&trans_id)});
                    p.facts = Some(f);
                }
                json!({"type": "done", "result": p.facts.as_ref().map(|f| f.result_json(&trans_id))})
            }
        };
        json!({"payId": pay_id, "transId": trans_id, "next": next})
    }
}

/// The session customer as `customerInfo` (`merchantCustomerId` and the stored profile).
async fn customer_info(app: &Shared, customer: &str) -> Result<Value, AppError> {
    let profile = app
        .backend
        .store
        .customer(customer)
        .await?
        .map(|c| c.profile);
    Ok(json!({
        "merchantCustomerId": customer,
        "firstName": profile.as_ref().map(|p| p.first_name.as_str()).unwrap_or(""),
        "lastName": profile.as_ref().map(|p| p.last_name.as_str()).unwrap_or(""),
        "email": profile.as_ref().map(|p| p.email.as_str()).unwrap_or(""),
    }))
}

/// The plaintext of direct.aspx: the payment under `trans_id` with `key` as `ReqID`, its MAC,
/// URLNotify, and `card`, `browserInfo` and `customerInfo` as base64 JSON.
fn direct_request(
    app: &Shared,
    (trans_id, key): (&str, &str),
    c: &Checked,
    card: &Value,
    customer_info: &Value,
) -> KeyValues {
    let mut kv = KeyValues::new();
    kv.push("MerchantID", app.cfg.merchant_id.clone())
        .push("TransID", trans_id)
        .push("ReqID", key)
        .push("Amount", c.amount.clone())
        .push("Currency", c.currency.clone())
        .push(
            "MAC",
            client::request_mac(app, "", trans_id, &c.amount, &c.currency),
        )
        .push("MsgVer", "2.0")
        .push(
            "URLNotify",
            format!("{}/paygate/notify", app.cfg.public_shop),
        )
        .push("card", wire::b64(card.to_string().as_bytes()))
        .push("browserInfo", wire::b64(c.info.to_string().as_bytes()))
        .push(
            "customerInfo",
            wire::b64(customer_info.to_string().as_bytes()),
        );
    kv
}

/// What direct.aspx's answer means: final (a refusal, or a `ReqID` repeat of a final
/// transaction) with its facts, or open with the `next` step for the browser (3-D Secure 2
/// method, or the 3-D Secure 1.0 fallback).
fn created(trans_id: &str, answer: &KeyValues) -> Created {
    let code = answer.get("Code").unwrap_or("").to_string();
    let pay_id = answer.get("PayID").unwrap_or("").to_string();
    let facts = (code != codes::AUTH_REQUEST).then(|| Facts {
        pay_id: pay_id.clone(),
        status: answer.get("Status").unwrap_or("FAILED").to_string(),
        code: if code.is_empty() {
            codes::FORMAT.to_string()
        } else {
            code.clone()
        },
        description: answer.get("Description").unwrap_or("").to_string(),
        comp_ind: String::new(),
    });
    let next = if facts.is_some() {
        Value::Null
    } else {
        let versioning = answer
            .get("versioningdata")
            .and_then(wire::b64_json)
            .unwrap_or(Value::Null);
        match answer.get("threeDSLegacy").and_then(wire::b64_json) {
            Some(l) => {
                json!({"type": "legacy", "acsURL": l["acsURL"], "paReq": l["paReq"], "termURL": l["termURL"], "md": l["md"]})
            }
            None => json!({"type": "method", "versioningData": versioning}),
        }
    };
    Created {
        trans_id: trans_id.to_string(),
        pay_id,
        facts,
        next,
    }
}

/// Calls direct.aspx for the checked request `req` under `trans_id`, with `key` as `ReqID`.
pub(super) async fn process(
    app: &Shared,
    customer: &str,
    (key, trans_id): (&str, &str),
    req: &Value,
    c: Checked,
) -> Result<Created, AppError> {
    let (card, saved) = card_json(app, customer, req).await?;
    let save_card = !saved
        && req
            .get("saveCard")
            .and_then(Value::as_bool)
            .unwrap_or(false);
    let info = customer_info(app, customer).await?;
    let mut kv = direct_request(app, (trans_id, key), &c, &card, &info);
    if save_card {
        kv.push("saveCard", "yes");
    }
    if let Some(desc) = req["payment"].get("description").and_then(Value::as_str) {
        kv.push(
            "OrderDesc",
            desc.chars()
                .filter(|c| *c != '&' && *c != '=')
                .take(200)
                .collect::<String>(),
        );
    }
    log(
        "shop",
        format!(
            "payment {trans_id}: {} {} card={}",
            c.amount,
            c.currency,
            cards::mask(text(&card, "number"))
        ),
    );
    let answer = client::call(app, "/direct.aspx", &kv).await?;
    if answer.get("MAC").is_some() && !client::response_mac_ok(app, &answer) {
        return Err(AppError::upstream("Paygate answer MAC invalid"));
    }
    Ok(created(trans_id, &answer))
}
