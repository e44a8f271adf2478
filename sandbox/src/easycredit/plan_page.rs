//! The page standing in for easyCredit's own: the customer picks 6, 9 or 12 installments and
//! approves or declines; the Paygate then notifies the shop and sends the browser back.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::paygate::{ec_codes, notify, outcome, Decision, Transaction};
use super::plan::{euro_text, Plan, TERMS};
use super::EasyCredit;
use crate::error::{codes, AppError};
use crate::html::esc;
use crate::state::{lock, log};
use crate::{clock, wire};

/// The query of the plan page.
#[derive(Debug, Deserialize)]
pub struct PlanQuery {
    #[serde(rename = "PayID")]
    pay_id: String,
}

fn page(title: &str, body: &str) -> Response {
    let doc = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"UTF-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title></head>\n<body><main>{body}</main></body>\n</html>\n",
        t = esc(title)
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(doc)).into_response()
}

/// `GET /easycredit/plan?PayID=…`: the customer picks 6, 9 or 12 installments and approves
/// or declines (standing in for easyCredit's own pages and credit check).
pub async fn plan_page(State(ec): State<EasyCredit>, Query(q): Query<PlanQuery>) -> Response {
    let amount = match lock(&ec.state.paygate).get(&q.pay_id) {
        Some(t) if t.decision == Decision::Pending => t.amount,
        Some(_) => {
            return AppError::text(
                StatusCode::CONFLICT,
                "this hire purchase is already decided",
            )
            .into_response()
        }
        None => return AppError::text(StatusCode::NOT_FOUND, "unknown PayID").into_response(),
    };
    let options: String = TERMS
        .iter()
        .map(|&n| {
            let p = Plan::new(amount, n, clock::year_month());
            let checked = if n == 9 { " checked" } else { "" };
            format!(
                "<p><label><input type=\"radio\" name=\"installments\" value=\"{n}\"{checked}> {n} installments of {} (total {})</label></p>",
                esc(&euro_text(p.installment)),
                esc(&euro_text(p.total()))
            )
        })
        .collect();
    page(
        "easyCredit hire purchase (sandbox)",
        &format!(
            "<h1>easyCredit hire purchase (sandbox)</h1><p>Order value {}</p>\
             <form method=\"POST\" action=\"/easycredit/plan\"><input type=\"hidden\" name=\"PayID\" value=\"{}\">\
             <fieldset><legend>Number of installments</legend>{options}</fieldset>\
             <p><button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button> \
             <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></p></form>",
            esc(&euro_text(amount)),
            esc(&q.pay_id)
        ),
    )
}

/// Records the customer's decision on the transaction `pay_id` (still pending): approved with
/// `installments` (6, 9 or 12), or declined. Answers the decided transaction.
fn decide(
    ec: &EasyCredit,
    pay_id: &str,
    approve: bool,
    installments: u32,
) -> Result<Transaction, AppError> {
    let mut store = lock(&ec.state.paygate);
    let t = store
        .get_mut(pay_id)
        .ok_or(AppError::text(StatusCode::NOT_FOUND, "unknown PayID"))?;
    if t.decision != Decision::Pending {
        return Err(AppError::text(
            StatusCode::CONFLICT,
            "this hire purchase is already decided",
        ));
    }
    if approve && !TERMS.contains(&installments) {
        return Err(AppError::text(
            StatusCode::BAD_REQUEST,
            "installments must be 6, 9 or 12",
        ));
    }
    t.decision = if approve {
        Decision::Approved(Plan::new(t.amount, installments, clock::year_month()))
    } else {
        Decision::Declined
    };
    Ok(t.clone())
}

/// `POST /easycredit/plan`: records the decision, notifies the shop and sends the browser to
/// `URLSuccess` (approved) or `URLFailure` (declined) with `MerchantID`, `Len`, `Data`.
pub async fn plan_chosen(State(ec): State<EasyCredit>, body: Bytes) -> Result<Redirect, AppError> {
    let form = crate::form::parse(&body);
    let approve = form.get("decision") == Some("approve");
    let n = form
        .get("installments")
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(9);
    let t = decide(&ec, form.get("PayID").unwrap_or(""), approve, n)?;
    let (status, code, description, base) = if approve {
        ("AUTHORIZE_REQUEST", codes::OK, "REQUEST", &t.url_success)
    } else {
        (
            "FAILED",
            ec_codes::DECLINED,
            "easyCredit declined",
            &t.url_failure,
        )
    };
    let data = outcome(&ec, &t, status, code, description, &[]);
    log(
        "paygate",
        format!("easyCredit plan {} {status} installments={n}", t.pay_id),
    );
    tokio::spawn(notify(
        ec.clone(),
        t.url_notify.clone(),
        data.clone(),
        Duration::ZERO,
    ));
    let e = wire::encrypt(&ec.app.cfg.blowfish_key, &data.encode())
        .map_err(|_| AppError::text(StatusCode::INTERNAL_SERVER_ERROR, "cannot encrypt"))?;
    let sep = if base.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!(
        "{base}{sep}MerchantID={}&Len={}&Data={}",
        ec.app.cfg.merchant_id, e.len, e.data
    )))
}

/// `GET /easycredit/precontractual/{PayID}`: the pre-contractual information the summary links to.
pub async fn precontractual(State(ec): State<EasyCredit>, Path(pay_id): Path<String>) -> Response {
    match lock(&ec.state.paygate).get(&pay_id).map(|t| t.decision) {
        Some(Decision::Approved(p)) => page(
            "Pre-contractual information (sandbox)",
            &format!(
                "<h1>Pre-contractual information (sandbox)</h1><p>Standard European Consumer Credit Information for \
                 {} installments, total {}.</p>",
                p.installments,
                esc(&euro_text(p.total()))
            ),
        ),
        _ => AppError::text(StatusCode::NOT_FOUND, "no approved hire purchase").into_response(),
    }
}
