//! `POST /easyCredit.aspx` (`EventToken=INT`): a new hire purchase. The request is checked, then
//! the v3 order rules with the protocol core's own check; the answer sends the browser to the
//! plan page.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use paygate_wasm::protocol::easycredit::{check_request, NotifyUrlRule, OrderProblem};
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::json;

use super::super::plan::Parties;
use super::super::EasyCredit;
use super::{code_of, failure, parse_amount, sealed, Decision, Transaction};
use crate::checks::{is_http_url, valid_id};
use crate::error::{codes, AppError};
use crate::ids;
use crate::paygate::{check_request_mac, open_request, push_response_mac};
use crate::state::{lock, log};

/// Checks what every INT needs before the order rules: `TransID`, `Amount` and `Currency`, the
/// MAC, `EventToken=INT` and http(s) `URLSuccess` and `URLFailure`. Answers the amount in cents.
fn check_basics(ec: &EasyCredit, kv: &KeyValues, trans_id: &str) -> Result<u64, AppError> {
    if !valid_id(trans_id) {
        return Err(AppError::pg(codes::MISSING, "TransID missing or invalid"));
    }
    let (amount, currency) = parse_amount(kv)?;
    check_request_mac(&ec.app, kv, "", &amount.to_string(), currency)?;
    if kv.get("EventToken") != Some("INT") {
        return Err(AppError::pg(codes::FORMAT, "EventToken must be INT"));
    }
    let url = |k: &str| kv.get(k).unwrap_or("");
    if !is_http_url(url("URLSuccess")) || !is_http_url(url("URLFailure")) {
        return Err(AppError::pg(
            codes::FORMAT,
            "URLSuccess and URLFailure must be http(s) URLs",
        ));
    }
    Ok(amount)
}

/// The encrypted `FAILED` answer of a refused INT (a Paygate error; others as they are).
fn refuse(ec: &EasyCredit, trans_id: &str, e: AppError) -> Response {
    match e {
        AppError::Paygate { code, description } => {
            log(
                "paygate",
                format!("easyCredit.aspx refused TransID={trans_id}: {code} {description}"),
            );
            failure(ec, trans_id, "", code, &description, &[])
        }
        other => other.into_response(),
    }
}

/// The encrypted `FAILED` answer of an order that breaks v3 rules: the first problem's code,
/// every problem in `Problems`.
fn refuse_order(ec: &EasyCredit, trans_id: &str, problems: &[OrderProblem]) -> Response {
    let description = format!("{} problem(s) with the v3 order rules", problems.len());
    log(
        "paygate",
        format!(
            "easyCredit.aspx refused TransID={trans_id}: {}",
            problems.len()
        ),
    );
    let code = problems.first().map_or(codes::FORMAT, |p| code_of(p.code));
    failure(ec, trans_id, "", code, &description, problems)
}

/// An address as easyCredit's `Financing` shows it, from the parameters with prefix `p`.
fn address_json(kv: &KeyValues, p: &str) -> serde_json::Value {
    let g = |k: &str| kv.get(&format!("{p}{k}")).unwrap_or("").to_owned();
    json!({
        "address": format!("{} {}", g("Street"), g("StreetNr")).trim(),
        "additionalAddressInformation": g("AddressAddition"),
        "zip": g("Zip"), "city": g("City"), "country": g("CountryCode"),
        "firstName": g("FirstName"), "lastName": g("LastName"),
    })
}

/// The new transaction of an accepted INT.
fn transaction(kv: &KeyValues, trans_id: String, amount: u64) -> Transaction {
    let g = |k: &str| kv.get(k).unwrap_or("").to_owned();
    let mut shipping = address_json(kv, "sd");
    shipping["packageStation"] = json!(kv
        .get("PackingStation")
        .is_some_and(|v| v.eq_ignore_ascii_case("YES")));
    Transaction {
        pay_id: ids::id32(),
        trans_id,
        ref_nr: g("RefNr"),
        xid: ids::id32(),
        amount,
        currency: "EUR".to_owned(),
        url_success: g("URLSuccess"),
        url_failure: g("URLFailure"),
        url_notify: g("URLNotify"),
        parties: Parties {
            order_id: g("RefNr"),
            customer: (g("FirstName"), g("LastName")),
            invoice: address_json(kv, "bd"),
            shipping,
        },
        decision: Decision::Pending,
        confirmed: false,
        captured: 0,
        credited: 0,
    }
}

/// The answer to an accepted INT: `AUTHORIZE_REQUEST` with the plan page as `RedirectURL`.
fn accepted(ec: &EasyCredit, t: &Transaction) -> KeyValues {
    let mut answer = KeyValues::new();
    answer
        .push("mid", ec.app.cfg.merchant_id.clone())
        .push("PayID", t.pay_id.clone())
        .push("TransID", t.trans_id.clone())
        .push("XID", t.xid.clone())
        .push("refnr", t.ref_nr.clone())
        .push("Status", "AUTHORIZE_REQUEST")
        .push("Code", codes::OK)
        .push("Description", "REQUEST")
        .push(
            "RedirectURL",
            format!("{}/easycredit/plan?PayID={}", ec.app.cfg.paygate, t.pay_id),
        );
    push_response_mac(
        &ec.app,
        &mut answer,
        &t.pay_id,
        &t.trans_id,
        "AUTHORIZE_REQUEST",
        codes::OK,
    );
    answer
}

/// `POST /easyCredit.aspx` (`EventToken=INT`): checks the request and the v3 rules; answers
/// `Status=AUTHORIZE_REQUEST`, `Code=00000000` and the plan page as `RedirectURL`, or
/// `Status=FAILED` with the first problem's code and every problem in `Problems`
/// (`bdFirstName:missing,URLNotify:url_port`, a sandbox addition).
pub async fn init(State(ec): State<EasyCredit>, body: Result<Bytes, BytesRejection>) -> Response {
    let kv = match open_request(&ec.app, body) {
        Ok(kv) => kv,
        Err(e) => return e.into_response(),
    };
    let trans_id: String = kv.get("TransID").unwrap_or("").chars().take(64).collect();
    let amount = match check_basics(&ec, &kv, &trans_id) {
        Ok(amount) => amount,
        Err(e) => return refuse(&ec, &trans_id, e),
    };
    let problems = check_request(&kv, NotifyUrlRule::AllowLoopbackHttp);
    if !problems.is_empty() {
        return refuse_order(&ec, &trans_id, &problems);
    }
    let t = transaction(&kv, trans_id, amount);
    let answer = accepted(&ec, &t);
    log(
        "paygate",
        format!(
            "easyCredit.aspx INT {} TransID={} amount={amount}",
            t.pay_id, t.trans_id
        ),
    );
    lock(&ec.state.paygate).insert(t.pay_id.clone(), t);
    sealed(&ec, &answer)
}
