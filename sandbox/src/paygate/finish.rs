//! The end of a Paygate transaction: the authorisation (or the authentication failure), the
//! vault, URLNotify, and the browser payment response.

use paygate_wasm::protocol::kv::KeyValues;
use serde_json::{json, Value};

use super::flow::BrowserResponse;
use super::payments::{Outcome, Payment, Stage};
use crate::cards::Scenario;
use crate::error::codes;
use crate::state::{log, Shared};
use crate::vault::NewCard;
use crate::{ids, wire};

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
