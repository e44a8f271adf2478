//! `POST /paygate/payments`: validates the request, claims its idempotency key, records the
//! payment durably, calls direct.aspx with the key as `ReqID` and stores the first answer.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::faults::Fault;
use super::idempotency::{self, Start};
use super::session::{self, Session};
use super::state::{Facts, Lifetimes};
use super::{client, methods};
use crate::error::{codes, AppError, ErrorCode};
use crate::state::{log, Shared};
use crate::{cards, checks, clock, wire};
use paygate_wasm::protocol::kv::KeyValues;

pub(super) fn body_json(body: Result<Bytes, BytesRejection>) -> Result<Value, AppError> {
    let b = body.map_err(|e| {
        AppError::api(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::InvalidRequest,
            e.body_text(),
        )
    })?;
    let v: Value = serde_json::from_slice(&b)
        .map_err(|_| AppError::bad_request(ErrorCode::InvalidRequest, "body must be JSON"))?;
    if v.is_object() {
        Ok(v)
    } else {
        Err(AppError::bad_request(
            ErrorCode::InvalidRequest,
            "body must be a JSON object",
        ))
    }
}

pub(super) fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or("")
}

fn amount_of(payment: &Value) -> Result<String, AppError> {
    let a = match payment.get("amount") {
        Some(Value::Number(n)) => n.as_u64().map(|n| n.to_string()),
        Some(Value::String(s))
            if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(s.clone())
        }
        _ => None,
    };
    match a {
        Some(a) if a.len() <= 9 && a != "0" => Ok(a),
        _ => Err(AppError::bad_request(
            ErrorCode::InvalidAmount,
            "payment.amount must be a positive integer in minor units",
        )),
    }
}

fn holder_ok(name: &str) -> bool {
    let n = name.chars().count();
    (2..=45).contains(&n)
        && name
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
}

/// The `card` JSON for a card from the session customer's vault, paid with its pseudo card
/// number in place of the PAN (prefill; no credentialOnFile). `None` is another customer's card.
fn stored_card_json(card: Option<Value>, cvc: &str) -> Result<(Value, bool), AppError> {
    let card = card.ok_or_else(|| AppError::not_found("saved card not found"))?;
    let expiry = text(&card, "expiryDate");
    if cards::expiry_ok(expiry, clock::year_month()).is_err() {
        return Err(AppError::bad_request(
            ErrorCode::CardExpired,
            "the saved card has expired",
        ));
    }
    let brand = text(&card, "brand");
    if !cards::cvc_ok(brand, cvc) {
        return Err(AppError::bad_request(
            ErrorCode::InvalidCard,
            "invalid security code",
        ));
    }
    let card = json!({"number": text(&card, "pseudoCardNumber"), "expiryDate": expiry, "securityCode": cvc,
                      "cardholderName": text(&card, "cardHolderName"), "brand": brand});
    Ok((card, true))
}

/// Builds the `card` JSON for the Paygate from a new card or a saved one. A stored card comes
/// as `savedCard: {id}`, or as a prefilled `card` whose number is its pseudo card number; either
/// way it must be the session customer's.
async fn card_json(app: &Shared, customer: &str, req: &Value) -> Result<(Value, bool), AppError> {
    let now = clock::year_month();
    if let Some(saved) = req.get("savedCard").filter(|v| v.is_object()) {
        let card = methods::customer_card(app, customer, text(saved, "id")).await?;
        return stored_card_json(card, text(saved, "securityCode"));
    }
    let c = req.get("card").filter(|v| v.is_object()).ok_or_else(|| {
        AppError::bad_request(ErrorCode::InvalidCard, "card or savedCard required")
    })?;
    let number: String = text(c, "number").chars().filter(|ch| *ch != ' ').collect();
    if cards::is_pseudo_card_number(&number) {
        let card = methods::customer_card_by_pseudo_number(app, customer, &number).await?;
        return stored_card_json(card, text(c, "securityCode"));
    }
    let (expiry, cvc, holder) = (
        text(c, "expiryDate"),
        text(c, "securityCode"),
        text(c, "cardholderName"),
    );
    let brand = cards::validate_card(&number, expiry, cvc, now)
        .map_err(|f| AppError::bad_request(ErrorCode::InvalidCard, f.message()))?;
    if !holder_ok(holder) {
        return Err(AppError::bad_request(
            ErrorCode::InvalidCard,
            "cardholderName must be 2-45 letters",
        ));
    }
    Ok((
        json!({"number": number, "expiryDate": expiry, "securityCode": cvc, "cardholderName": holder, "brand": brand}),
        false,
    ))
}

fn browser_info(req: &Value, headers: &HeaderMap, peer: SocketAddr) -> Result<Value, AppError> {
    let mut info = match req.get("browserInfo") {
        Some(Value::Object(m)) => m.clone(),
        None | Some(Value::Null) => Map::new(),
        Some(_) => {
            return Err(AppError::bad_request(
                ErrorCode::InvalidBrowserInfo,
                "browserInfo must be an object",
            ))
        }
    };
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("*/*");
    info.insert(
        "acceptHeaders".into(),
        json!(accept.chars().take(2048).collect::<String>()),
    );
    info.insert("ipAddress".into(), json!(peer.ip().to_string()));
    if let Some(size) = info.get("challengeWindowSize") {
        if !size.as_str().is_some_and(checks::is_window_size) {
            return Err(AppError::bad_request(
                ErrorCode::InvalidBrowserInfo,
                "challengeWindowSize must be 01-05",
            ));
        }
    }
    Ok(Value::Object(info))
}

/// `POST /paygate/payments`.
pub async fn create(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let fault = app.backend.faults.take();
    if let Some(Fault::FailWith(status)) = fault {
        log(
            "shop",
            format!("sandbox fault: payment answered {status} without processing"),
        );
        return AppError::api(
            status,
            ErrorCode::SandboxFault,
            "failNextPaymentWith (sandbox fault injection)",
        )
        .into_response();
    }
    let (s, answer) = match create_answer(&app, &headers, peer, body).await {
        Ok((s, status, v)) => (Some(s), (status, Json(v)).into_response()),
        Err((s, e)) => (s, e.into_response()),
    };
    if fault == Some(Fault::DropAnswer) {
        log(
            "shop",
            "sandbox fault: payment processed, answer dropped (503)",
        );
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    match s {
        Some(s) => s.apply(answer),
        None => answer,
    }
}

type Failed = (Option<Session>, AppError);

/// The session of a payment-creating request: its own; else the one that first used its key
/// (a retry whose first answer, and so its cookie, was lost); else a new one.
fn payment_session(app: &Shared, headers: &HeaderMap, key: &str) -> Result<Session, AppError> {
    if let Some(customer) = session::current(app, headers)? {
        return Ok(Session {
            customer,
            set_cookie: None,
        });
    }
    if let Some(owner) = app.backend.store.key_owner(key)? {
        if let Some(s) = session::adopt(app, &owner)? {
            return Ok(s);
        }
    }
    session::new_session(app, session::Demo::Max)
}

async fn create_answer(
    app: &Shared,
    headers: &HeaderMap,
    peer: SocketAddr,
    body: Result<Bytes, BytesRejection>,
) -> Result<(Session, StatusCode, Value), Failed> {
    let key = idempotency::key(headers).map_err(|e| (None, e))?;
    let req = body_json(body).map_err(|e| (None, e))?;
    let checked = check(&req, headers, peer).map_err(|e| (None, e))?;
    let s = payment_session(app, headers, &key).map_err(|e| (None, e))?;
    let fingerprint = format!("{} {}", checked.amount, checked.currency);
    let (trans_id, _in_flight) =
        match idempotency::start(app, &key, &s.customer, &fingerprint).await {
            Ok(Start::Answer(status, v)) => return Ok((s, status, v)),
            Ok(Start::Process(t, guard)) => (t, guard),
            Err(e) => return Err((Some(s), e)),
        };
    let outcome = process(app, &s.customer, &key, &trans_id, &req, checked).await;
    let expires_at = Lifetimes::from_now(app.backend.lifetimes.payment);
    let store = &app.backend.store;
    let answered = match outcome {
        Ok(created) => store.answer_with(&key, &trans_id, expires_at, |row| {
            (200, created.record(row))
        }),
        // A refused request is refused again; a 5xx (Paygate unreachable) is worth a retry.
        Err(e) => match e.api_parts() {
            Some((status, v)) if status.is_client_error() => {
                store.answer_with(&key, &trans_id, expires_at, |_| (status.as_u16(), v))
            }
            _ => return Err((Some(s), e)),
        },
    };
    app.backend.waiters.wake(&trans_id);
    match answered {
        Ok((status, v)) => Ok((s, StatusCode::from_u16(status).unwrap_or(StatusCode::OK), v)),
        Err(e) => Err((Some(s), e.into())),
    }
}

/// What direct.aspx answered for a new payment.
struct Created {
    trans_id: String,
    pay_id: String,
    /// The final result when the answer was final (a refusal, or a `ReqID` repeat of a final one).
    facts: Option<Facts>,
    /// `next` for an open payment.
    next: Value,
}

impl Created {
    /// Records the answer in the payment and makes the answer to the browser. A `ReqID` repeat
    /// of a final transaction answers its original status: the notified facts, if any, win.
    fn record(self, p: &mut super::store::PaymentRow) -> Value {
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

/// The request's checked amount, currency and browserInfo.
struct Checked {
    amount: String,
    currency: String,
    info: Value,
}

fn check(req: &Value, headers: &HeaderMap, peer: SocketAddr) -> Result<Checked, AppError> {
    let payment = req
        .get("payment")
        .filter(|v| v.is_object())
        .ok_or_else(|| AppError::bad_request(ErrorCode::InvalidPayment, "payment required"))?;
    let amount = amount_of(payment)?;
    let currency = text(payment, "currency").to_ascii_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(AppError::bad_request(
            ErrorCode::InvalidCurrency,
            "payment.currency must be ISO 4217",
        ));
    }
    let info = browser_info(req, headers, peer)?;
    Ok(Checked {
        amount,
        currency,
        info,
    })
}

async fn process(
    app: &Shared,
    customer: &str,
    key: &str,
    trans_id: &str,
    req: &Value,
    c: Checked,
) -> Result<Created, AppError> {
    let Checked {
        amount,
        currency,
        info,
    } = c;
    let payment = &req["payment"];
    let (card, saved) = card_json(app, customer, req).await?;
    let save_card = !saved
        && req
            .get("saveCard")
            .and_then(Value::as_bool)
            .unwrap_or(false);
    let profile = app.backend.store.customer(customer)?.map(|c| c.profile);
    let customer_info = json!({
        "merchantCustomerId": customer,
        "firstName": profile.as_ref().map(|p| p.first_name.as_str()).unwrap_or(""),
        "lastName": profile.as_ref().map(|p| p.last_name.as_str()).unwrap_or(""),
        "email": profile.as_ref().map(|p| p.email.as_str()).unwrap_or(""),
    });
    let mut kv = KeyValues::new();
    kv.push("MerchantID", app.cfg.merchant_id.clone())
        .push("TransID", trans_id)
        .push("ReqID", key)
        .push("Amount", amount.clone())
        .push("Currency", currency.clone())
        .push(
            "MAC",
            client::request_mac(app, "", trans_id, &amount, &currency),
        )
        .push("MsgVer", "2.0")
        .push("URLNotify", format!("{}/paygate/notify", app.cfg.shop))
        .push("card", wire::b64(card.to_string().as_bytes()))
        .push("browserInfo", wire::b64(info.to_string().as_bytes()))
        .push(
            "customerInfo",
            wire::b64(customer_info.to_string().as_bytes()),
        );
    if save_card {
        kv.push("saveCard", "yes");
    }
    if let Some(desc) = payment.get("description").and_then(Value::as_str) {
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
            "payment {trans_id}: {amount} {currency} card={}",
            cards::mask(text(&card, "number"))
        ),
    );
    let answer = client::call(app, "/direct.aspx", &kv).await?;
    if answer.get("MAC").is_some() && !client::response_mac_ok(app, &answer) {
        return Err(AppError::upstream("Paygate answer MAC invalid"));
    }
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
    Ok(Created {
        trans_id: trans_id.to_string(),
        pay_id,
        facts,
        next,
    })
}
