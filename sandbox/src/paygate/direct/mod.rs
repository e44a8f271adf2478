//! `POST /direct.aspx`: the server-to-server card payment with 3-D Secure 2 (and 1.0 fallback).
//! `params` checks the request; here the payment is made and answered.

mod params;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::json;

use super::flow;
use super::payments::{Outcome, Payment, Stage};
use crate::cards::{self, Scenario};
use crate::error::{codes, AppError};
use crate::state::{log, Shared};
use crate::{ids, wire};
use params::{basics, card_params, req_id, Basics};

/// Handles `direct.aspx`.
pub async fn handle(State(app): State<Shared>, body: Result<Bytes, BytesRejection>) -> Response {
    let kv = match super::open_request(&app, body) {
        Ok(kv) => kv,
        Err(e) => return e.into_response(),
    };
    let trans_id = kv
        .get("TransID")
        .unwrap_or("")
        .chars()
        .take(64)
        .collect::<String>();
    match create(&app, &kv) {
        Ok(answer) => super::sealed_answer(&app, &answer),
        Err(AppError::Paygate { code, description }) => {
            log(
                "paygate",
                format!("direct.aspx rejected TransID={trans_id}: {code} {description}"),
            );
            super::sealed_failure(&app, &trans_id, code, &description)
        }
        Err(e) => e.into_response(),
    }
}

/// The answer to a `ReqID` repeat of a final transaction: its original status, nothing carried out.
fn repeat_answer(app: &Shared, original: &Payment, o: &Outcome) -> KeyValues {
    log(
        "paygate",
        format!(
            "direct.aspx ReqID repeat of PayID={}: {} {}, nothing carried out",
            original.pay_id, o.status, o.code
        ),
    );
    let mut answer = KeyValues::new();
    answer
        .push("mid", app.cfg.merchant_id.clone())
        .push("PayID", original.pay_id.clone())
        .push("TransID", original.trans_id.clone())
        .push("Status", o.status)
        .push("Code", o.code)
        .push("Description", o.description);
    super::push_response_mac(
        app,
        &mut answer,
        &original.pay_id,
        &original.trans_id,
        o.status,
        o.code,
    );
    answer
}

/// The new transaction of a checked request.
fn new_payment(app: &Shared, kv: &KeyValues, b: &Basics) -> Result<Payment, AppError> {
    let req_id = req_id(kv)?;
    let params = card_params(app, kv)?;
    let card = params.card;
    let scenario = Scenario::for_pan(&card.pan);
    let legacy = (scenario == Scenario::NotEnrolled).then(|| (ids::id32(), ids::id32()));
    Ok(Payment {
        pay_id: ids::id32(),
        trans_id: b.trans_id.to_string(),
        pan: card.pan,
        holder: card.holder,
        expiry: card.expiry,
        scenario,
        tds_id: ids::uuid(),
        acs_trans_id: None,
        window_size: params.window_size,
        url_notify: b.url_notify.to_string(),
        save: params.save,
        used_method: card.used_method,
        comp_ind: None,
        stage: if legacy.is_some() {
            Stage::Legacy
        } else {
            Stage::Method
        },
        legacy,
        req_id: req_id.map(str::to_string),
        challenge: None,
        authorized: 0,
        created: std::time::Instant::now(),
    })
}

/// `versioningdata` and `threeDSLegacy` of a card not enrolled for 3-D Secure 2: the 3-D Secure
/// 1.0 fallback with its PaReq.
fn legacy_fields(app: &Shared, p: &Payment, b: &Basics, answer: &mut KeyValues) {
    let Some((md, pareq_id)) = &p.legacy else {
        return;
    };
    app.acs.register_pareq(pareq_id);
    let versioning = json!({
        "threeDSServerTransID": p.tds_id, "acsStartProtocolVersion": null, "acsEndProtocolVersion": null,
        "dsStartProtocolVersion": null, "dsEndProtocolVersion": null, "threeDSMethodURL": null,
        "errorDetails": {"errorDescription": "card range not enrolled for EMV 3-D Secure"},
    });
    let pareq = json!({"messageType": "PaReq", "id": pareq_id, "merchantID": app.cfg.merchant_id, "amount": b.amount, "currency": b.currency});
    let legacy = json!({
        "acsURL": format!("{}/3ds1", app.cfg.acs), "paReq": wire::b64(pareq.to_string().as_bytes()),
        "termURL": format!("{}/cbThreeDS.aspx?action=term", app.cfg.paygate), "md": md,
    });
    answer
        .push(
            "versioningdata",
            wire::b64(versioning.to_string().as_bytes()),
        )
        .push("threeDSLegacy", wire::b64(legacy.to_string().as_bytes()));
}

/// `versioningdata` of a 3-D Secure 2 card: the method URL (the ACS's, or the Paygate's own for
/// an issuer without one) and its data; starts the method timeout.
fn method_fields(app: &Shared, p: &Payment, answer: &mut KeyValues) {
    let (method_data, form) = flow::method_data_form(app, &p.tds_id);
    let method_url = if p.scenario == Scenario::NoMethodUrl {
        format!("{}/cbThreeDS.aspx?action=render", app.cfg.paygate)
    } else {
        app.acs
            .register_method(&p.tds_id, p.scenario == Scenario::MethodTimeout);
        format!("{}/method", app.cfg.acs)
    };
    let versioning = json!({
        "threeDSServerTransID": p.tds_id, "acsStartProtocolVersion": "2.1.0", "acsEndProtocolVersion": "2.2.0",
        "dsStartProtocolVersion": "2.1.0", "dsEndProtocolVersion": "2.2.0", "threeDSMethodURL": method_url,
        "threeDSMethodDataForm": form, "threeDSMethodData": method_data,
    });
    answer.push(
        "versioningdata",
        wire::b64(versioning.to_string().as_bytes()),
    );
    flow::spawn_method_timeout(app, p.pay_id.clone());
}

/// Checks a request and starts its transaction; a `ReqID` repeat of a final one answers its
/// status instead. Answers `AUTHENTICATION_REQUEST` with the versioning data.
fn create(app: &Shared, kv: &KeyValues) -> Result<KeyValues, AppError> {
    let b = basics(app, kv)?;
    let repeat = req_id(kv)?.and_then(|r| app.paygate.by_req_id(r));
    if let Some((original, o)) = repeat
        .as_ref()
        .and_then(|p| p.final_for_req_id().map(|o| (p, o)))
    {
        return Ok(repeat_answer(app, original, o));
    }
    let p = new_payment(app, kv, &b)?;
    log(
        "paygate",
        format!(
            "direct.aspx PayID={} TransID={} card={} amount={} {}",
            p.pay_id,
            b.trans_id,
            cards::mask(&p.pan),
            b.amount,
            b.currency
        ),
    );
    app.paygate.insert(p.clone());
    let mut answer = KeyValues::new();
    answer
        .push("mid", app.cfg.merchant_id.clone())
        .push("PayID", p.pay_id.clone())
        .push("TransID", b.trans_id)
        .push("Status", "AUTHENTICATION_REQUEST")
        .push("Code", codes::AUTH_REQUEST)
        .push("Description", "3-D Secure authentication requested");
    if p.legacy.is_some() {
        legacy_fields(app, &p, &b, &mut answer);
    } else {
        method_fields(app, &p, &mut answer);
    }
    super::push_response_mac(
        app,
        &mut answer,
        &p.pay_id,
        b.trans_id,
        "AUTHENTICATION_REQUEST",
        codes::AUTH_REQUEST,
    );
    Ok(answer)
}
