//! `POST /cbThreeDS.aspx?action=…`: the Paygate's browser-facing 3-D Secure callbacks:
//! `render` (its own method URL), `mthdNtfn`, `chlgNtfn` and `term` (3-D Secure 1.0 TermUrl).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use serde_json::{json, Value};

use super::encoding::MessageEncoding;
use super::finish::finish;
use super::flow::{continue_after_method, BrowserResponse};
use crate::error::{codes, AppError};
use crate::html;
use crate::state::Shared;
use crate::wire;
use paygate_wasm::protocol::kv::KeyValues;

/// Dispatches on `action`.
pub async fn handle(
    State(app): State<Shared>,
    RawQuery(q): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let query = crate::form::parse(q.unwrap_or_default().as_bytes());
    let form = match body {
        Ok(b) => crate::form::parse(&b),
        Err(_) => return AppError::pg(codes::TOO_LARGE, "request body too large").into_response(),
    };
    let result = match query.get("action").unwrap_or("") {
        "render" => render(&app, &form),
        "mthdNtfn" => method_notification(&app, &form).await,
        "chlgNtfn" => challenge_notification(&app, &form).await,
        "term" => term(&app, &form).await,
        _ => Err(AppError::pg(codes::FORMAT, "unknown action")),
    };
    match result {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

fn b64_field(form: &KeyValues, key: &str) -> Result<Value, AppError> {
    super::json_param(form, key, codes::FORMAT)?
        .ok_or_else(|| AppError::pg(codes::MISSING, format!("{key} missing")))
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The Paygate's own method rendering URL (issuer without method URL): notifies by itself.
fn render(app: &Shared, form: &KeyValues) -> Result<Response, AppError> {
    let data = b64_field(form, "threeDSMethodData")?;
    let tds = str_of(&data, "threeDSServerTransID");
    app.paygate.with_tds(tds, |_| ()).ok_or_else(unknown_tds)?;
    let value = wire::b64url(json!({"threeDSServerTransID": tds}).to_string().as_bytes());
    let action = format!("{}/cbThreeDS.aspx?action=mthdNtfn", app.cfg.paygate);
    Ok(Html(html::auto_post(
        "Identifying...",
        &action,
        &[("threeDSMethodData", &value)],
    ))
    .into_response())
}

fn unknown_tds() -> AppError {
    AppError::pg(codes::UNKNOWN_TX, "unknown threeDSServerTransID")
}

fn document(app: &Shared, r: &BrowserResponse) -> Response {
    let title = match r {
        BrowserResponse::Challenge(_) => "Paygate challenge response",
        BrowserResponse::Payment(_) => "Paygate payment response",
    };
    let base64 = app.cfg.message_encoding.get() == MessageEncoding::Base64;
    let mut object = r.object().clone();
    if let (true, BrowserResponse::Challenge(_)) = (base64, r) {
        // The real Paygate's challenge message carries the window size beside `acsURL` too.
        let size = object
            .pointer("/challengeRequest/challengeWindowSize")
            .cloned();
        if let (Some(size), Some(fields)) = (size, object.as_object_mut()) {
            fields.insert("challengeWindowSize".into(), size);
        }
    }
    let doc = html::post_message(title, &object, &app.cfg.shop, base64);
    ([(header::CACHE_CONTROL, "no-store")], Html(doc)).into_response()
}

async fn method_notification(app: &Shared, form: &KeyValues) -> Result<Response, AppError> {
    let data = b64_field(form, "threeDSMethodData")?;
    let tds = str_of(&data, "threeDSServerTransID");
    let pay_id = app
        .paygate
        .with_tds(tds, |p| p.pay_id.clone())
        .ok_or_else(unknown_tds)?;
    let r = continue_after_method(app, &pay_id, true)
        .await
        .ok_or_else(unknown_tds)?;
    Ok(document(app, &r))
}

async fn challenge_notification(app: &Shared, form: &KeyValues) -> Result<Response, AppError> {
    let cres = b64_field(form, "cres")?;
    let tds = str_of(&cres, "threeDSServerTransID");
    let (pay_id, acs_trans_id) = app
        .paygate
        .with_tds(tds, |p| (p.pay_id.clone(), p.acs_trans_id.clone()))
        .ok_or_else(unknown_tds)?;
    let acs_trans_id = acs_trans_id.unwrap_or_default();
    if acs_trans_id.is_empty() || acs_trans_id != str_of(&cres, "acsTransID") {
        return Err(AppError::pg(codes::UNKNOWN_TX, "acsTransID does not match"));
    }
    // The ACS's own result (the RReq of EMV 3DS) decides, not what the browser carried.
    let auth = match app.acs.challenge_outcome(&acs_trans_id) {
        Some(o) if o.cancelled => Err((codes::AUTH_CANCELLED, "challenge cancelled by cardholder")),
        Some(o) if o.authenticated => Ok(()),
        _ => Err((codes::AUTH_FAILED, "authentication failed")),
    };
    let r = finish(app, &pay_id, auth).await;
    Ok(document(app, &r))
}

async fn term(app: &Shared, form: &KeyValues) -> Result<Response, AppError> {
    let md = form
        .get_nonempty("MD")
        .ok_or_else(|| AppError::pg(codes::MISSING, "MD missing"))?;
    let pares = b64_field(form, "PaRes")?;
    let (pay_id, pareq_id) = app
        .paygate
        .with_md(md, |p| {
            (
                p.pay_id.clone(),
                p.legacy
                    .as_ref()
                    .map(|(_, id)| id.clone())
                    .unwrap_or_default(),
            )
        })
        .ok_or_else(|| AppError::pg(codes::UNKNOWN_TX, "unknown MD"))?;
    if pareq_id != str_of(&pares, "id") {
        return Err(AppError::pg(
            codes::UNKNOWN_TX,
            "PaRes does not belong to MD",
        ));
    }
    let auth = match app.acs.legacy_outcome(&pareq_id) {
        Some(true) => Ok(()),
        _ => Err((codes::AUTH_FAILED, "3-D Secure 1.0 authentication failed")),
    };
    let r = finish(app, &pay_id, auth).await;
    Ok(document(app, &r))
}
