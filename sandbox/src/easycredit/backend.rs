//! The reference merchant backend's easyCredit endpoints (shop origin, `/paygate/easycredit`).
//! The keys stay here, as for cards: the browser sends the order and gets a redirect URL, the
//! `Financing` for its summary, and the confirmed result; every Paygate call is encrypted and
//! every Paygate answer, redirect and URLNotify is decrypted and MAC-checked here.
//!
//! | call | answer |
//! |---|---|
//! | `POST /paygate/easycredit/orders` `{order, payment:{amount, currency}, locale}` | `{payId, redirectUrl}`; 400 `easycredit_refused` with the Paygate's `paygateCode` and `problems` |
//! | `GET /paygate/easycredit/return?MerchantID&Len&Data` (URLSuccess / URLFailure) | 303 to `/easycredit/confirm.html?payId=…&locale=…` |
//! | `GET /paygate/easycredit/orders/{payId}/financing` | `{financing}` (base64, as the Paygate sent it); 409 `pending` |
//! | `POST /paygate/easycredit/orders/{payId}/confirm` | `{result:{status, code, description, payId}}` |
//! | `POST /paygate/easycredit/orders/{payId}/capture` / `…/credit` `{amount}` | `{status:"Request"}` (final status by URLNotify) |
//! | `GET /paygate/easycredit/orders/{payId}` | `{payId, decision, confirmed, capture, credit}` |
//! | `POST /paygate/easycredit/notify` | URLNotify receiver |

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::EasyCredit;
use crate::backend::client::{call, decrypt_kv, request_mac, response_mac_ok};
use crate::backend::session::{self, Session};
use crate::error::{codes, AppError, ErrorCode};
use crate::state::{lock, log};
use crate::{ids, shop, wire};
use paygate_wasm::protocol::kv::KeyValues;

/// What the backend knows of a hire purchase order.
#[derive(Debug, Clone)]
pub struct Order {
    /// The Paygate's PayID.
    pub pay_id: String,
    /// The backend's TransID.
    pub trans_id: String,
    /// The session customer who placed it.
    pub customer: String,
    /// Amount in cents (EUR).
    pub amount: u64,
    /// Language of the confirmation page.
    pub locale: String,
    /// `pending`, `approved` or `declined`, from the decrypted return or URLNotify.
    pub decision: &'static str,
    /// The confirmation's result, once confirmed.
    pub confirmed: Option<Value>,
    /// Status of the last capture (`Request`, then the notified one).
    pub capture: Option<String>,
    /// Status of the last credit.
    pub credit: Option<String>,
}

/// Routes under `/paygate/easycredit`.
pub fn router(ec: EasyCredit) -> Router {
    let customer_routes = Router::new()
        .route("/paygate/easycredit/orders", post(start))
        .route("/paygate/easycredit/return", get(back))
        .route("/paygate/easycredit/orders/{pay_id}", get(status))
        .route(
            "/paygate/easycredit/orders/{pay_id}/financing",
            get(financing),
        )
        .route("/paygate/easycredit/orders/{pay_id}/confirm", post(confirm))
        .route("/paygate/easycredit/orders/{pay_id}/capture", post(capture))
        .route("/paygate/easycredit/orders/{pay_id}/credit", post(credit))
        .route_layer(middleware::from_fn_with_state(ec.app.clone(), with_session));
    Router::new()
        .merge(customer_routes)
        .route("/paygate/easycredit/notify", post(notify))
        .with_state(ec)
}

/// Middleware: hands the request's session (started for the demo customer when there is none)
/// to the handler and adds its `Set-Cookie` to the answer.
async fn with_session(
    State(app): State<crate::state::Shared>,
    mut req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    match session::ensure(&app, req.headers()) {
        Ok(s) => {
            req.extensions_mut().insert(s.clone());
            s.apply(next.run(req).await)
        }
        Err(e) => e.into_response(),
    }
}

/// The order's key=value parameters in the Paygate's names, from the JavaScript order shape.
fn order_params(order: &Value, plain: &mut KeyValues) {
    let s = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let get = |path: &[&str]| {
        path.iter()
            .try_fold(order, |v, k| v.get(*k))
            .map(s)
            .unwrap_or_default()
    };
    plain
        .push("FirstName", get(&["customer", "firstName"]))
        .push("LastName", get(&["customer", "lastName"]));
    for (prefix, key) in [("bd", "billingAddress"), ("sd", "shippingAddress")] {
        for (param, field) in [
            ("FirstName", "firstName"),
            ("LastName", "lastName"),
            ("Street", "street"),
            ("StreetNr", "streetNumber"),
            ("Zip", "zip"),
            ("City", "city"),
            ("CountryCode", "countryCode"),
        ] {
            plain.push(&format!("{prefix}{param}"), get(&[key, field]));
        }
    }
    let station = order
        .get("shippingAddress")
        .and_then(|s| s.get("packingStation"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    plain.push("PackingStation", if station { "YES" } else { "NO" });
    if let Some(e) = order.get("employment").and_then(Value::as_str) {
        plain.push("Employment", e);
    }
}

/// The basket as the documented `ArticleList` JSON, base64.
fn article_list(amount: u64) -> String {
    let list = json!({"shoppingCartInformation": [{"productName": "Espresso machine", "quantity": 1, "price": amount as f64 / 100.0}]});
    wire::b64(list.to_string().as_bytes())
}

/// `POST /paygate/easycredit/orders`: `easyCredit.aspx` with `EventToken=INT` and `version=v3`.
async fn start(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    body: Bytes,
) -> Response {
    let Ok(req) = serde_json::from_slice::<Value>(&body) else {
        return AppError::api(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidRequest,
            "the body is not JSON",
        )
        .into_response();
    };
    let order = req.get("order").filter(|o| o.is_object());
    let amount = req
        .get("payment")
        .and_then(|p| p.get("amount"))
        .and_then(Value::as_u64)
        .filter(|a| (1..=1_000_000_000).contains(a));
    let (Some(order), Some(amount)) = (order, amount) else {
        return AppError::api(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidRequest,
            "needs order and payment.amount (cents)",
        )
        .into_response();
    };
    let locale = if req.get("locale").and_then(Value::as_str) == Some("de") {
        "de"
    } else {
        "en"
    };
    let app = &ec.app;
    let trans_id = ids::hex(20);
    let shop = &app.cfg.shop;
    let mut plain = KeyValues::new();
    plain
        .push("MerchantID", app.cfg.merchant_id.clone())
        .push("TransID", trans_id.clone())
        .push("RefNr", format!("EC{}", &trans_id[..8]))
        .push("Amount", amount.to_string())
        .push("Currency", "EUR")
        .push("EventToken", "INT")
        .push("URLSuccess", format!("{shop}/paygate/easycredit/return"))
        .push("URLFailure", format!("{shop}/paygate/easycredit/return"))
        .push("URLNotify", format!("{shop}/paygate/easycredit/notify"));
    order_params(order, &mut plain);
    // The shop's own basket, unless the order brings its own list (the demo's tests do).
    let articles = order
        .get("articleList")
        .and_then(Value::as_str)
        .map_or_else(|| article_list(amount), str::to_owned);
    plain.push("ArticleList", articles).push("version", "v3");
    plain.push(
        "MAC",
        request_mac(app, "", &trans_id, &amount.to_string(), "EUR"),
    );
    let answer = match call(app, "/easyCredit.aspx", &plain).await {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    if !response_mac_ok(app, &answer) {
        return AppError::upstream("easyCredit.aspx answer has a wrong MAC").into_response();
    }
    let g = |k: &str| answer.get(k).unwrap_or("").to_owned();
    if g("Code") != codes::OK {
        let problems: Vec<Value> = g("Problems")
            .split(',')
            .filter_map(|p| p.split_once(':'))
            .map(|(parameter, code)| json!({"parameter": parameter, "code": code}))
            .collect();
        log(
            "shop",
            format!("easyCredit refused: {} {}", g("Code"), g("Description")),
        );
        return AppError::api(
            StatusCode::BAD_REQUEST,
            ErrorCode::EasyCreditRefused,
            g("Description"),
        )
        .with_details(json!({"paygateCode": g("Code"), "problems": problems}))
        .into_response();
    }
    let pay_id = g("PayID");
    let redirect = g("RedirectURL");
    if !wire_url_is_paygate(&redirect, &app.cfg.paygate) {
        return AppError::upstream("easyCredit.aspx gave no redirect URL").into_response();
    }
    lock(&ec.state.backend).insert(
        pay_id.clone(),
        Order {
            pay_id: pay_id.clone(),
            trans_id,
            customer: s.customer.clone(),
            amount,
            locale: locale.into(),
            decision: "pending",
            confirmed: None,
            capture: None,
            credit: None,
        },
    );
    Json(json!({"payId": pay_id, "redirectUrl": redirect})).into_response()
}

fn wire_url_is_paygate(url: &str, paygate: &str) -> bool {
    url.strip_prefix(paygate)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The query of URLSuccess / URLFailure.
#[derive(Debug, Deserialize)]
struct Back {
    #[serde(rename = "MerchantID")]
    merchant_id: Option<String>,
    #[serde(rename = "Len")]
    len: String,
    #[serde(rename = "Data")]
    data: String,
}

fn decision_of(kv: &KeyValues) -> &'static str {
    match (kv.get("Status"), kv.get("Code")) {
        (Some("AUTHORIZE_REQUEST"), Some(codes::OK)) => "approved",
        (Some("FAILED"), _) => "declined",
        _ => "pending",
    }
}

/// `GET /paygate/easycredit/return`: the browser back from the plan page.
async fn back(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    q: Result<Query<Back>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let app = &ec.app;
    let Ok(Query(q)) = q else {
        return AppError::api(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidReturn,
            "needs Len and Data",
        )
        .into_response();
    };
    let kv = match (q.merchant_id.as_deref(), decrypt_kv(app, &q.len, &q.data)) {
        (Some(m), Some(kv)) if m == app.cfg.merchant_id && response_mac_ok(app, &kv) => kv,
        _ => {
            return AppError::api(
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidReturn,
                "Data could not be decrypted or its MAC is wrong",
            )
            .into_response()
        }
    };
    let pay_id = kv.get("PayID").unwrap_or("").to_owned();
    let locale = {
        let mut orders = lock(&ec.state.backend);
        let Some(o) = orders
            .get_mut(&pay_id)
            .filter(|o| o.customer == s.customer && Some(o.trans_id.as_str()) == kv.get("TransID"))
        else {
            return AppError::not_found("no such hire purchase").into_response();
        };
        if o.decision == "pending" {
            o.decision = decision_of(&kv);
        }
        o.locale.clone()
    };
    Redirect::to(&format!(
        "/easycredit/confirm.html?payId={pay_id}&locale={locale}"
    ))
    .into_response()
}

fn order_of(ec: &EasyCredit, s: &Session, pay_id: &str) -> Result<Order, AppError> {
    lock(&ec.state.backend)
        .get(pay_id)
        .filter(|o| o.customer == s.customer)
        .cloned()
        .ok_or_else(|| AppError::not_found("no such hire purchase"))
}

/// A server-to-server call on the order's transaction.
async fn on_transaction(
    ec: &EasyCredit,
    o: &Order,
    path: &str,
    amount: u64,
    extra: &[(&str, &str)],
) -> Result<KeyValues, AppError> {
    let app = &ec.app;
    let mut plain = KeyValues::new();
    plain
        .push("MerchantID", app.cfg.merchant_id.clone())
        .push("PayID", o.pay_id.clone())
        .push("TransID", o.trans_id.clone())
        .push("Amount", amount.to_string())
        .push("Currency", "EUR");
    for (k, v) in extra {
        plain.push(k, *v);
    }
    plain.push(
        "MAC",
        request_mac(app, &o.pay_id, &o.trans_id, &amount.to_string(), "EUR"),
    );
    let answer = call(app, path, &plain).await?;
    if !response_mac_ok(app, &answer) || answer.get("PayID") != Some(o.pay_id.as_str()) {
        return Err(AppError::upstream(format!(
            "{path} answer has a wrong MAC or PayID"
        )));
    }
    Ok(answer)
}

/// `GET /paygate/easycredit/orders/{payId}/financing`: `easyCreditDirect.aspx` `EventToken=GET`.
async fn financing(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
) -> Response {
    let result = async {
        let o = order_of(&ec, &s, &pay_id)?;
        let answer = on_transaction(
            &ec,
            &o,
            "/easyCreditDirect.aspx",
            o.amount,
            &[("EventToken", "GET")],
        )
        .await?;
        Ok::<_, AppError>(answer.get_nonempty("Financing").map(str::to_owned))
    };
    match result.await {
        Ok(Some(f)) => (
            [(header::CACHE_CONTROL, "no-store")],
            Json(json!({"financing": f})),
        )
            .into_response(),
        Ok(None) => AppError::api(
            StatusCode::CONFLICT,
            ErrorCode::Pending,
            "easyCredit has not decided yet",
        )
        .into_response(),
        Err(e) => e.into_response(),
    }
}

fn result_of(kv: &KeyValues) -> Value {
    let g = |k: &str| kv.get(k).unwrap_or("").to_owned();
    json!({"status": g("Status"), "code": g("Code"), "description": g("Description"), "payId": g("PayID")})
}

/// `POST /paygate/easycredit/orders/{payId}/confirm`: `EventToken=CON`, once.
async fn confirm(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
) -> Response {
    let o = match order_of(&ec, &s, &pay_id) {
        Ok(o) => o,
        Err(e) => return e.into_response(),
    };
    if let Some(done) = o.confirmed {
        return Json(json!({"result": done})).into_response();
    }
    if o.decision != "approved" {
        return AppError::api(
            StatusCode::CONFLICT,
            ErrorCode::NotApproved,
            "easyCredit did not approve this hire purchase",
        )
        .into_response();
    }
    match on_transaction(
        &ec,
        &o,
        "/easyCreditDirect.aspx",
        o.amount,
        &[("EventToken", "CON")],
    )
    .await
    {
        Ok(answer) => {
            let result = result_of(&answer);
            if answer.get("Code") == Some(codes::OK) {
                if let Some(stored) = lock(&ec.state.backend).get_mut(&pay_id) {
                    stored.confirmed = Some(result.clone());
                }
            }
            Json(json!({"result": result})).into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// The body of capture and credit.
#[derive(Debug, Deserialize)]
struct Booking {
    amount: Option<u64>,
}

async fn book(ec: EasyCredit, s: Session, pay_id: String, body: Bytes, path: &str) -> Response {
    let o = match order_of(&ec, &s, &pay_id) {
        Ok(o) => o,
        Err(e) => return e.into_response(),
    };
    let amount = serde_json::from_slice::<Booking>(&body)
        .ok()
        .and_then(|b| b.amount)
        .unwrap_or(o.amount);
    match on_transaction(&ec, &o, path, amount, &[]).await {
        Ok(answer) => {
            let status = answer.get("Status").unwrap_or("").to_owned();
            if answer.get("Code") == Some(codes::OK) {
                if let Some(stored) = lock(&ec.state.backend).get_mut(&pay_id) {
                    let slot = if path == "/capture.aspx" {
                        &mut stored.capture
                    } else {
                        &mut stored.credit
                    };
                    *slot = Some(status.clone());
                }
            }
            Json(json!({"status": status, "code": answer.get("Code").unwrap_or("")}))
                .into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// `POST /paygate/easycredit/orders/{payId}/capture` `{amount?}` (default: the whole order).
async fn capture(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
    body: Bytes,
) -> Response {
    book(ec, s, pay_id, body, "/capture.aspx").await
}

/// `POST /paygate/easycredit/orders/{payId}/credit` `{amount?}`.
async fn credit(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
    body: Bytes,
) -> Response {
    book(ec, s, pay_id, body, "/credit.aspx").await
}

/// `GET /paygate/easycredit/orders/{payId}`.
async fn status(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    Path(pay_id): Path<String>,
) -> Response {
    match order_of(&ec, &s, &pay_id) {
        Ok(o) => Json(json!({"payId": o.pay_id, "decision": o.decision, "confirmed": o.confirmed.is_some(), "capture": o.capture, "credit": o.credit})).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `POST /paygate/easycredit/notify`: the decision, and the final status of captures and
/// credits (`Type=capture|credit`).
async fn notify(State(ec): State<EasyCredit>, body: Result<Bytes, BytesRejection>) -> Response {
    let app = &ec.app;
    let Ok(body) = body else {
        return AppError::api(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidNotify,
            "body rejected",
        )
        .into_response();
    };
    let form = crate::form::parse(&body);
    let kv = match decrypt_kv(
        app,
        form.get("Len").unwrap_or(""),
        form.get("Data").unwrap_or(""),
    ) {
        Some(kv)
            if form.get("MerchantID") == Some(app.cfg.merchant_id.as_str())
                && response_mac_ok(app, &kv) =>
        {
            kv
        }
        _ => {
            return AppError::api(
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidNotify,
                "cannot decrypt or MAC invalid",
            )
            .into_response()
        }
    };
    let mut orders = lock(&ec.state.backend);
    let Some(o) = kv
        .get("PayID")
        .and_then(|p| orders.get_mut(p))
        .filter(|o| Some(o.trans_id.as_str()) == kv.get("TransID"))
    else {
        return AppError::api(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidNotify,
            "unknown PayID",
        )
        .into_response();
    };
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
    (StatusCode::OK, "OK").into_response()
}

/// `GET /pkg-easycredit/{*file}`: the easyCredit wasm build (with wasm-bindgen's `snippets/`),
/// from `pkg-easycredit/` beside `--pkg`.
pub async fn package_file(State(ec): State<EasyCredit>, Path(file): Path<String>) -> Response {
    let plain = |seg: &str| {
        !seg.is_empty()
            && !seg.starts_with('.')
            && seg
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    };
    if file.len() > 256 || !file.split('/').all(plain) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let dir = ec
        .app
        .cfg
        .pkg
        .parent()
        .map(|p| p.join("pkg-easycredit"))
        .unwrap_or_else(|| "pkg-easycredit".into());
    let path = dir.join(&file);
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, shop::mime(&path)),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => AppError::text(StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
