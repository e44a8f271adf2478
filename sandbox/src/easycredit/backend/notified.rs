//! How the backend hears easyCredit's decision: the browser's return from the plan page
//! (URLSuccess / URLFailure) and the Paygate's URLNotify, which also brings the final status of
//! captures and credits. Both are decrypted and MAC-checked.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use paygate_wasm::protocol::kv::KeyValues;
use serde::Deserialize;

use super::EasyCredit;
use crate::backend::client::{decrypt_kv, response_mac_ok};
use crate::backend::session::Session;
use crate::error::{codes, AppError, ErrorCode};
use crate::state::{lock, log};

/// The query of URLSuccess / URLFailure.
#[derive(Debug, Deserialize)]
pub(super) struct Back {
    #[serde(rename = "MerchantID")]
    merchant_id: Option<String>,
    #[serde(rename = "Len")]
    len: String,
    #[serde(rename = "Data")]
    data: String,
}

/// `approved`, `declined` or still `pending`, from `Status` and `Code`.
fn decision_of(kv: &KeyValues) -> &'static str {
    match (kv.get("Status"), kv.get("Code")) {
        (Some("AUTHORIZE_REQUEST"), Some(codes::OK)) => "approved",
        (Some("FAILED"), _) => "declined",
        _ => "pending",
    }
}

/// `GET /paygate/easycredit/return`: the browser back from the plan page.
pub(super) async fn back(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    q: Result<Query<Back>, QueryRejection>,
) -> Result<Redirect, AppError> {
    let app = &ec.app;
    let refuse = |m: &str| AppError::bad_request(ErrorCode::InvalidReturn, m.to_owned());
    let Query(q) = q.map_err(|_| refuse("needs Len and Data"))?;
    let kv = match (q.merchant_id.as_deref(), decrypt_kv(app, &q.len, &q.data)) {
        (Some(m), Some(kv)) if m == app.cfg.merchant_id && response_mac_ok(app, &kv) => kv,
        _ => return Err(refuse("Data could not be decrypted or its MAC is wrong")),
    };
    let pay_id = kv.get("PayID").unwrap_or("").to_owned();
    let mut orders = lock(&ec.state.backend);
    let o = orders
        .get_mut(&pay_id)
        .filter(|o| o.customer == s.customer && Some(o.trans_id.as_str()) == kv.get("TransID"))
        .ok_or_else(|| AppError::not_found("no such hire purchase"))?;
    if o.decision == "pending" {
        o.decision = decision_of(&kv);
    }
    Ok(Redirect::to(&format!(
        "/easycredit/confirm.html?payId={pay_id}&locale={}",
        o.locale
    )))
}

/// The decrypted pairs of a URLNotify body, when it is the merchant's and its MAC is right.
fn open_notification(ec: &EasyCredit, body: &[u8]) -> Result<KeyValues, AppError> {
    let app = &ec.app;
    let form = crate::form::parse(body);
    match decrypt_kv(
        app,
        form.get("Len").unwrap_or(""),
        form.get("Data").unwrap_or(""),
    ) {
        Some(kv)
            if form.get("MerchantID") == Some(app.cfg.merchant_id.as_str())
                && response_mac_ok(app, &kv) =>
        {
            Ok(kv)
        }
        _ => Err(AppError::bad_request(
            ErrorCode::InvalidNotify,
            "cannot decrypt or MAC invalid",
        )),
    }
}

/// `POST /paygate/easycredit/notify`: the decision, and the final status of captures and
/// credits (`Type=capture|credit`).
pub(super) async fn notify(
    State(ec): State<EasyCredit>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    let body =
        body.map_err(|_| AppError::bad_request(ErrorCode::InvalidNotify, "body rejected"))?;
    let kv = open_notification(&ec, &body)?;
    let mut orders = lock(&ec.state.backend);
    let o = kv
        .get("PayID")
        .and_then(|p| orders.get_mut(p))
        .filter(|o| Some(o.trans_id.as_str()) == kv.get("TransID"))
        .ok_or_else(|| AppError::bad_request(ErrorCode::InvalidNotify, "unknown PayID"))?;
    let status = kv.get("Status").unwrap_or("").to_owned();
    match kv.get("Type") {
        Some("capture") => o.capture = Some(status.clone()),
        Some("credit") => o.credit = Some(status.clone()),
        _ if o.decision == "pending" => o.decision = decision_of(&kv),
        _ => {}
    }
    log(
        "shop",
        format!(
            "easyCredit URLNotify {} {status} {}",
            o.pay_id,
            kv.get("Type").unwrap_or("decision")
        ),
    );
    Ok((StatusCode::OK, "OK").into_response())
}
