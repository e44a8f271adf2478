//! `POST /direct.aspx`: the server-to-server card payment with 3-D Secure 2 (and 1.0 fallback).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::payments::{self, Payment, Stage};
use super::{json_param, optional};
use crate::cards::{self, CardFault, Scenario};
use crate::checks::{is_http_url, is_window_size, valid_id};
use crate::error::{codes, AppError};
use crate::state::{log, Shared};
use crate::vault::CustomerInfo;
use crate::{clock, ids, wire};
use paygate_wasm::protocol::kv::KeyValues;

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

fn field<'a>(kv: &'a KeyValues, key: &str, max: usize) -> Result<&'a str, AppError> {
    let v = kv
        .get_nonempty(key)
        .ok_or_else(|| AppError::pg(codes::MISSING, format!("{key} missing")))?;
    if v.len() > max {
        return Err(AppError::pg(codes::TOO_LARGE, format!("{key} too long")));
    }
    Ok(v)
}

/// The card as checked and resolved (pseudo card numbers resolved to the stored PAN).
struct ResolvedCard {
    pan: String,
    holder: String,
    expiry: String,
    used_method: Option<(String, String)>,
}

fn resolve_card(app: &Shared, card: &Value) -> Result<ResolvedCard, AppError> {
    let s = |k: &str| {
        card.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or("")
    };
    let (number, expiry, cvc, holder) = (
        s("number"),
        s("expiryDate"),
        s("securityCode"),
        s("cardholderName"),
    );
    if number.is_empty() || expiry.is_empty() || cvc.is_empty() {
        return Err(AppError::pg(
            codes::CARD_FORMAT,
            "card needs number, expiryDate and securityCode",
        ));
    }
    if number.len() > 19 || expiry.len() > 6 || cvc.len() > 4 || holder.chars().count() > 45 {
        return Err(AppError::pg(codes::TOO_LARGE, "card field too long"));
    }
    let now = clock::year_month();
    let (pan, used_method, holder) = if cards::is_pseudo_card_number(number) {
        let (customer, m) = app
            .vault
            .resolve_pcn(&app.cfg.merchant_id, number)
            .ok_or_else(|| AppError::pg(codes::PSEUDO, "unknown pseudo card number"))?;
        let holder = if holder.is_empty() {
            m.holder.clone()
        } else {
            holder.to_string()
        };
        (m.pan.clone(), Some((customer, m.id.clone())), holder)
    } else {
        (number.to_string(), None, holder.to_string())
    };
    cards::validate_card(&pan, expiry, cvc, now).map_err(|f| {
        let code = match f {
            CardFault::Number => codes::CARD_NUMBER,
            CardFault::Expiry(_) => codes::CARD_EXPIRY,
            CardFault::Cvc => codes::CARD_CVC,
        };
        AppError::pg(code, f.message())
    })?;
    Ok(ResolvedCard {
        pan,
        holder,
        expiry: expiry.to_string(),
        used_method,
    })
}

fn window_size(browser_info: &Option<Value>) -> Result<String, AppError> {
    let Some(size) = browser_info
        .as_ref()
        .and_then(|b| b.get("challengeWindowSize"))
    else {
        return Ok("02".into());
    };
    match size.as_str() {
        Some(s) if is_window_size(s) => Ok(s.to_string()),
        _ => Err(AppError::pg(
            codes::FORMAT,
            "browserInfo.challengeWindowSize must be 01-05",
        )),
    }
}

fn customer_info(kv: &KeyValues) -> Result<Option<CustomerInfo>, AppError> {
    let Some(v) = json_param(kv, "customerInfo", codes::FORMAT)? else {
        return Ok(None);
    };
    let v = v.get("customerInfo").cloned().unwrap_or(v);
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let id = s("merchantCustomerId");
    if !valid_id(&id) {
        return Err(AppError::pg(
            codes::FORMAT,
            "customerInfo.merchantCustomerId invalid",
        ));
    }
    Ok(Some(CustomerInfo {
        merchant_customer_id: id,
        first_name: s("firstName"),
        last_name: s("lastName"),
        email: s("email"),
    }))
}

/// `ReqID` (the key column of the document spells it `ReqId`; keys are case-insensitive, so
/// both are read): `ans..32`, printable ASCII without spaces.
fn req_id(kv: &KeyValues) -> Result<Option<&str>, AppError> {
    match optional(kv, "ReqID", 32)? {
        Some(r) if !r.bytes().all(|b| b.is_ascii_graphic()) => Err(AppError::pg(
            codes::FORMAT,
            "ReqID must be up to 32 printable characters",
        )),
        other => Ok(other),
    }
}

fn create(app: &Shared, kv: &KeyValues) -> Result<KeyValues, AppError> {
    let trans_id = field(kv, "TransID", 64)?;
    let amount = field(kv, "Amount", 10)?;
    let currency = field(kv, "Currency", 3)?;
    if !amount.bytes().all(|b| b.is_ascii_digit())
        || currency.len() != 3
        || !currency.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return Err(AppError::pg(
            codes::FORMAT,
            "Amount must be digits, Currency ISO 4217",
        ));
    }
    super::check_request_mac(app, kv, "", amount, currency)?;
    let url_notify = field(kv, "URLNotify", 1024)?;
    if !is_http_url(url_notify) {
        return Err(AppError::pg(
            codes::FORMAT,
            "URLNotify must be an http(s) URL",
        ));
    }
    if let Some(term) = optional(kv, "TermURL", 1024)? {
        if !is_http_url(term) {
            return Err(AppError::pg(
                codes::FORMAT,
                "TermURL must be an http(s) URL",
            ));
        }
    }
    optional(kv, "MsgVer", 10)?;
    let req_id = req_id(kv)?;
    if let Some(original) = req_id.and_then(|r| app.paygate.by_req_id(r)) {
        if let Some(o) = original.final_for_req_id() {
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
            return Ok(answer);
        }
    }
    let card = json_param(kv, "card", codes::CARD_FORMAT)?
        .ok_or_else(|| AppError::pg(codes::MISSING, "card missing"))?;
    let browser_info = json_param(kv, "browserInfo", codes::FORMAT)?;
    for key in [
        "billingAddress",
        "shippingAddress",
        "credentialOnFile",
        "threeDSPolicy",
        "accountInfo",
    ] {
        json_param(kv, key, codes::FORMAT)?;
    }
    let window_size = window_size(&browser_info)?;
    let customer = customer_info(kv)?;
    let save_card = kv.get("saveCard").is_some_and(|v| {
        v.eq_ignore_ascii_case("yes") || v == "1" || v.eq_ignore_ascii_case("true")
    });
    let card = resolve_card(app, &card)?;
    let scenario = Scenario::for_pan(&card.pan);
    let pay_id = ids::id32();
    let tds_id = ids::uuid();
    let legacy = (scenario == Scenario::NotEnrolled).then(|| (ids::id32(), ids::id32()));
    let save = if save_card && card.used_method.is_none() {
        customer
    } else {
        None
    };
    log(
        "paygate",
        format!(
            "direct.aspx PayID={pay_id} TransID={trans_id} card={} amount={amount} {currency}",
            cards::mask(&card.pan)
        ),
    );
    let payment = Payment {
        pay_id: pay_id.clone(),
        trans_id: trans_id.to_string(),
        pan: card.pan,
        holder: card.holder,
        expiry: card.expiry,
        scenario,
        tds_id: tds_id.clone(),
        acs_trans_id: None,
        window_size,
        url_notify: url_notify.to_string(),
        save,
        used_method: card.used_method,
        comp_ind: None,
        legacy: legacy.clone(),
        stage: if legacy.is_some() {
            Stage::Legacy
        } else {
            Stage::Method
        },
        req_id: req_id.map(str::to_string),
        challenge: None,
        authorized: 0,
        created: std::time::Instant::now(),
    };
    app.paygate.insert(payment);

    let mut answer = KeyValues::new();
    answer
        .push("mid", app.cfg.merchant_id.clone())
        .push("PayID", pay_id.clone())
        .push("TransID", trans_id)
        .push("Status", "AUTHENTICATION_REQUEST")
        .push("Code", codes::AUTH_REQUEST)
        .push("Description", "3-D Secure authentication requested");
    let (method_data, form) = payments::method_data_form(app, &tds_id);
    if let Some((md, pareq_id)) = legacy {
        app.acs.register_pareq(&pareq_id);
        let versioning = json!({
            "threeDSServerTransID": tds_id, "acsStartProtocolVersion": null, "acsEndProtocolVersion": null,
            "dsStartProtocolVersion": null, "dsEndProtocolVersion": null, "threeDSMethodURL": null,
            "errorDetails": {"errorDescription": "card range not enrolled for EMV 3-D Secure"},
        });
        let pareq = json!({"messageType": "PaReq", "id": pareq_id, "merchantID": app.cfg.merchant_id, "amount": amount, "currency": currency});
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
    } else {
        let method_url = if scenario == Scenario::NoMethodUrl {
            format!("{}/cbThreeDS.aspx?action=render", app.cfg.paygate)
        } else {
            app.acs
                .register_method(&tds_id, scenario == Scenario::MethodTimeout);
            format!("{}/method", app.cfg.acs)
        };
        let versioning = json!({
            "threeDSServerTransID": tds_id, "acsStartProtocolVersion": "2.1.0", "acsEndProtocolVersion": "2.2.0",
            "dsStartProtocolVersion": "2.1.0", "dsEndProtocolVersion": "2.2.0", "threeDSMethodURL": method_url,
            "threeDSMethodDataForm": form, "threeDSMethodData": method_data,
        });
        answer.push(
            "versioningdata",
            wire::b64(versioning.to_string().as_bytes()),
        );
        payments::spawn_method_timeout(app, pay_id.clone());
    }
    super::push_response_mac(
        app,
        &mut answer,
        &pay_id,
        trans_id,
        "AUTHENTICATION_REQUEST",
        codes::AUTH_REQUEST,
    );
    Ok(answer)
}
