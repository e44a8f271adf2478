//! The Paygate's easyCredit endpoints (v3) and their transactions. `easyCredit.aspx`
//! (`EventToken=INT`) enforces the v3 order rules with the protocol core's own check and answers
//! every problem at once; `easyCreditDirect.aspx` answers `GET` with `Financing` only and
//! confirms with `CON`. The plan page is in [`super::plan_page`], capture and credit in
//! [`super::bookings`].

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use paygate_wasm::protocol::easycredit::{check_request, NotifyUrlRule, OrderProblem, ProblemCode};
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::json;

use super::plan::{self, Parties, Plan};
use super::EasyCredit;
use crate::checks::{is_http_url, valid_id};
use crate::error::{codes, AppError};
use crate::paygate::{check_request_mac, open_request, push_response_mac, sealed_answer};
use crate::state::{lock, log};
use crate::{ids, wire};

/// easyCredit's codes in the sandbox (first digit = severity, as for cards).
pub mod ec_codes {
    /// A v3 name rule: the names of invoice address, delivery address and customer differ.
    pub const NAME_MISMATCH: &str = "21100001";
    /// The delivery address differs from the invoice address and is no packing station.
    pub const ADDRESS_MISMATCH: &str = "21100002";
    /// `Employment` is not one of the v3 English values.
    pub const EMPLOYMENT: &str = "21100003";
    /// `ArticleList` is not base64 of the documented JSON.
    pub const ARTICLE_LIST: &str = "21100004";
    /// `URLNotify` is not a complete https URL on port 443 without parameters.
    pub const URL_NOTIFY: &str = "21100005";
    /// `version` is not `v3`.
    pub const VERSION: &str = "21100006";
    /// easyCredit declined the hire purchase.
    pub const DECLINED: &str = "22100001";
    /// The operation does not fit the transaction's state (not decided, not approved, amount).
    pub const STATE: &str = "21100007";
}

/// The Paygate code of a problem of the v3 check.
pub fn code_of(code: ProblemCode) -> &'static str {
    match code {
        ProblemCode::Missing => codes::MISSING,
        ProblemCode::TooLong => codes::TOO_LARGE,
        ProblemCode::Invalid => codes::FORMAT,
        ProblemCode::NameMismatch => ec_codes::NAME_MISMATCH,
        ProblemCode::AddressMismatch => ec_codes::ADDRESS_MISMATCH,
        ProblemCode::EmploymentV2 | ProblemCode::EmploymentUnknown => ec_codes::EMPLOYMENT,
        ProblemCode::ArticleListNotBase64 | ProblemCode::ArticleListShape => ec_codes::ARTICLE_LIST,
        ProblemCode::UrlInvalid
        | ProblemCode::UrlNotHttps
        | ProblemCode::UrlPort
        | ProblemCode::UrlParameters => ec_codes::URL_NOTIFY,
        ProblemCode::Version => ec_codes::VERSION,
    }
}

/// What the customer decided on the plan page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Not yet on the plan page, or not yet decided.
    Pending,
    /// Approved with this plan.
    Approved(Plan),
    /// Declined.
    Declined,
}

/// One easyCredit transaction at the Paygate.
#[derive(Debug, Clone)]
pub struct Transaction {
    /// PayID.
    pub pay_id: String,
    /// The merchant's TransID.
    pub trans_id: String,
    /// `RefNr`.
    pub ref_nr: String,
    /// `XID`.
    pub xid: String,
    /// Amount in cents.
    pub amount: u64,
    /// Currency (EUR).
    pub currency: String,
    /// Where the browser goes after an approval / a decline.
    pub url_success: String,
    /// See `url_success`.
    pub url_failure: String,
    /// Where the Paygate notifies the shop.
    pub url_notify: String,
    /// Customer and addresses as easyCredit sees them.
    pub parties: Parties,
    /// The decision.
    pub decision: Decision,
    /// Whether the shop confirmed (`EventToken=CON`).
    pub confirmed: bool,
    /// Captured so far, in cents (counted when the capture's notification is sent).
    pub captured: u64,
    /// Credited so far, in cents.
    pub credited: u64,
}

pub(super) fn sealed(ec: &EasyCredit, kv: &KeyValues) -> Response {
    sealed_answer(&ec.app, kv)
}

fn failure(
    ec: &EasyCredit,
    trans_id: &str,
    pay_id: &str,
    code: &str,
    description: &str,
    problems: &[OrderProblem],
) -> Response {
    let mut kv = KeyValues::new();
    kv.push("mid", ec.app.cfg.merchant_id.clone())
        .push("PayID", pay_id)
        .push("TransID", trans_id)
        .push("Status", "FAILED")
        .push("Code", code)
        .push("Description", description);
    if !problems.is_empty() {
        let list: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{}", p.field.parameter(), p.code.as_str()))
            .collect();
        kv.push("Problems", list.join(","));
    }
    push_response_mac(&ec.app, &mut kv, pay_id, trans_id, "FAILED", code);
    sealed(ec, &kv)
}

fn parse_amount(kv: &KeyValues) -> Result<(u64, &str), AppError> {
    let amount = kv
        .get_nonempty("Amount")
        .ok_or_else(|| AppError::pg(codes::MISSING, "Amount missing"))?;
    let cents = amount
        .parse::<u64>()
        .ok()
        .filter(|a| *a > 0 && amount.len() <= 10 && amount.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| AppError::pg(codes::FORMAT, "Amount must be a positive integer in cents"))?;
    let currency = kv
        .get_nonempty("Currency")
        .ok_or_else(|| AppError::pg(codes::MISSING, "Currency missing"))?;
    if currency != "EUR" {
        return Err(AppError::pg(codes::FORMAT, "easyCredit takes EUR only"));
    }
    Ok((cents, currency))
}

fn address_json(kv: &KeyValues, p: &str) -> serde_json::Value {
    let g = |k: &str| kv.get(&format!("{p}{k}")).unwrap_or("").to_owned();
    json!({
        "address": format!("{} {}", g("Street"), g("StreetNr")).trim(),
        "additionalAddressInformation": g("AddressAddition"),
        "zip": g("Zip"), "city": g("City"), "country": g("CountryCode"),
        "firstName": g("FirstName"), "lastName": g("LastName"),
    })
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
    let refuse = |e: AppError| match e {
        AppError::Paygate { code, description } => {
            log(
                "paygate",
                format!("easyCredit.aspx refused TransID={trans_id}: {code} {description}"),
            );
            failure(&ec, &trans_id, "", code, &description, &[])
        }
        other => other.into_response(),
    };
    if !valid_id(&trans_id) {
        return refuse(AppError::pg(codes::MISSING, "TransID missing or invalid"));
    }
    let (amount, currency) = match parse_amount(&kv) {
        Ok(a) => a,
        Err(e) => return refuse(e),
    };
    if let Err(e) = check_request_mac(&ec.app, &kv, "", &amount.to_string(), currency) {
        return refuse(e);
    }
    if kv.get("EventToken") != Some("INT") {
        return refuse(AppError::pg(codes::FORMAT, "EventToken must be INT"));
    }
    let (url_success, url_failure) = (
        kv.get("URLSuccess").unwrap_or(""),
        kv.get("URLFailure").unwrap_or(""),
    );
    if !is_http_url(url_success) || !is_http_url(url_failure) {
        return refuse(AppError::pg(
            codes::FORMAT,
            "URLSuccess and URLFailure must be http(s) URLs",
        ));
    }
    let problems = check_request(&kv, NotifyUrlRule::AllowLoopbackHttp);
    if let Some(first) = problems.first() {
        let description = format!("{} problem(s) with the v3 order rules", problems.len());
        log(
            "paygate",
            format!(
                "easyCredit.aspx refused TransID={trans_id}: {}",
                problems.len()
            ),
        );
        return failure(
            &ec,
            &trans_id,
            "",
            code_of(first.code),
            &description,
            &problems,
        );
    }
    let g = |k: &str| kv.get(k).unwrap_or("").to_owned();
    let t = Transaction {
        pay_id: ids::id32(),
        trans_id: trans_id.clone(),
        ref_nr: g("RefNr"),
        xid: ids::id32(),
        amount,
        currency: currency.to_owned(),
        url_success: url_success.to_owned(),
        url_failure: url_failure.to_owned(),
        url_notify: g("URLNotify"),
        parties: Parties {
            order_id: g("RefNr"),
            customer: (g("FirstName"), g("LastName")),
            invoice: address_json(&kv, "bd"),
            shipping: {
                let mut s = address_json(&kv, "sd");
                s["packageStation"] = json!(kv
                    .get("PackingStation")
                    .is_some_and(|v| v.eq_ignore_ascii_case("YES")));
                s
            },
        },
        decision: Decision::Pending,
        confirmed: false,
        captured: 0,
        credited: 0,
    };
    let mut answer = KeyValues::new();
    answer
        .push("mid", ec.app.cfg.merchant_id.clone())
        .push("PayID", t.pay_id.clone())
        .push("TransID", trans_id.clone())
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
        &trans_id,
        "AUTHORIZE_REQUEST",
        codes::OK,
    );
    log(
        "paygate",
        format!(
            "easyCredit.aspx INT {} TransID={trans_id} amount={amount}",
            t.pay_id
        ),
    );
    lock(&ec.state.paygate).insert(t.pay_id.clone(), t);
    sealed(&ec, &answer)
}

/// The key=value pairs of a result for the shop: `mid, PayID, TransID, Status, Code,
/// Description`, `extra`, and the `MAC`.
pub(super) fn outcome(
    ec: &EasyCredit,
    t: &Transaction,
    status: &str,
    code: &str,
    description: &str,
    extra: &[(&str, String)],
) -> KeyValues {
    let mut kv = KeyValues::new();
    kv.push("mid", ec.app.cfg.merchant_id.clone())
        .push("PayID", t.pay_id.clone())
        .push("TransID", t.trans_id.clone())
        .push("XID", t.xid.clone())
        .push("refnr", t.ref_nr.clone())
        .push("Status", status)
        .push("Code", code)
        .push("Description", description);
    for (k, v) in extra {
        kv.push(k, v.clone());
    }
    push_response_mac(&ec.app, &mut kv, &t.pay_id, &t.trans_id, status, code);
    kv
}

/// POSTs `MerchantID, Len, Data` of `data` to `url` after `delay`, retrying twice.
pub(super) async fn notify(ec: EasyCredit, url: String, data: KeyValues, delay: Duration) {
    tokio::time::sleep(delay).await;
    let Ok(body) = wire::seal_form(&ec.app.cfg.blowfish_key, &ec.app.cfg.merchant_id, &data) else {
        return;
    };
    for attempt in 0..3u64 {
        match ec
            .app
            .http
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.clone())
            .send()
            .await
        {
            Ok(r) if r.status().is_success() => return,
            Ok(r) => log(
                "paygate",
                format!("easyCredit URLNotify answered {}", r.status()),
            ),
            Err(e) => log("paygate", format!("easyCredit URLNotify failed: {e}")),
        }
        tokio::time::sleep(Duration::from_millis(200 * (attempt + 1))).await;
    }
}

/// A server-to-server request on an existing transaction: decrypted, MAC-checked over
/// `PayID*TransID*MerchantID*Amount*Currency`, and the transaction it names.
pub(super) fn existing(
    ec: &EasyCredit,
    body: Result<Bytes, BytesRejection>,
) -> Result<(KeyValues, Transaction), AppError> {
    let kv = open_request(&ec.app, body)?;
    let pay_id = kv
        .get_nonempty("PayID")
        .ok_or_else(|| AppError::pg(codes::MISSING, "PayID missing"))?;
    let t = lock(&ec.state.paygate)
        .get(pay_id)
        .cloned()
        .ok_or_else(|| AppError::pg(codes::UNKNOWN_TX, "unknown PayID"))?;
    if kv.get("TransID") != Some(t.trans_id.as_str()) {
        return Err(AppError::pg(
            codes::UNKNOWN_TX,
            "TransID does not match PayID",
        ));
    }
    let (amount, currency) = parse_amount(&kv)?;
    check_request_mac(&ec.app, &kv, pay_id, &amount.to_string(), currency)?;
    Ok((kv, t))
}

pub(super) fn refused(ec: &EasyCredit, e: AppError) -> Response {
    match e {
        AppError::Paygate { code, description } => failure(ec, "", "", code, &description, &[]),
        other => other.into_response(),
    }
}

/// `POST /easyCreditDirect.aspx`: `EventToken=GET` answers `Financing` (base64 JSON, v3, no
/// `Decision` or `Process`); `EventToken=CON` confirms an approved hire purchase.
pub async fn direct(State(ec): State<EasyCredit>, body: Result<Bytes, BytesRejection>) -> Response {
    let (kv, t) = match existing(&ec, body) {
        Ok(x) => x,
        Err(e) => return refused(&ec, e),
    };
    let precontractual = format!(
        "{}/easycredit/precontractual/{}",
        ec.app.cfg.paygate, t.pay_id
    );
    match (kv.get("EventToken"), t.decision) {
        (Some("GET"), Decision::Pending) => sealed(
            &ec,
            &outcome(&ec, &t, "PENDING", "60000000", "no decision yet", &[]),
        ),
        (Some("GET"), decision) => {
            let approved = match decision {
                Decision::Approved(p) => Some(p),
                _ => None,
            };
            let financing = plan::financing(
                &t.xid[..6],
                approved.as_ref(),
                t.amount,
                &t.parties,
                &precontractual,
            );
            let b64 = wire::b64(financing.to_string().as_bytes());
            let (status, code) = if approved.is_some() {
                ("AUTHORIZE_REQUEST", codes::OK)
            } else {
                ("FAILED", ec_codes::DECLINED)
            };
            sealed(
                &ec,
                &outcome(&ec, &t, status, code, "REQUEST", &[("Financing", b64)]),
            )
        }
        (Some("CON"), Decision::Approved(_)) => {
            if let Some(stored) = lock(&ec.state.paygate).get_mut(&t.pay_id) {
                stored.confirmed = true;
            }
            log("paygate", format!("easyCredit CON {}", t.pay_id));
            sealed(&ec, &outcome(&ec, &t, "OK", codes::OK, "confirmed", &[]))
        }
        (Some("CON"), _) => sealed(
            &ec,
            &outcome(&ec, &t, "FAILED", ec_codes::STATE, "not approved", &[]),
        ),
        _ => refused(
            &ec,
            AppError::pg(codes::FORMAT, "EventToken must be GET or CON"),
        ),
    }
}
