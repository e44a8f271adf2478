//! `POST /paygate/easycredit/orders`: the order goes to `easyCredit.aspx` (`EventToken=INT`,
//! `version=v3`); the browser gets the plan page as its redirect URL.

use axum::body::Bytes;
use axum::extract::State;
use axum::{Extension, Json};
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::{json, Value};

use super::{EasyCredit, Order};
use crate::backend::client::{call, request_mac, response_mac_ok};
use crate::backend::session::Session;
use crate::error::{codes, AppError, ErrorCode};
use crate::state::{lock, log, Shared};
use crate::{ids, wire};

/// The checked body `{order, payment:{amount}, locale}`.
struct NewOrder<'r> {
    /// The JavaScript order shape.
    order: &'r Value,
    /// Cents.
    amount: u64,
    /// `de` or `en`.
    locale: &'static str,
}

/// Reads the body: a JSON object with an `order` object and `payment.amount` in cents.
fn new_order(req: &Value) -> Result<NewOrder<'_>, AppError> {
    let order = req.get("order").filter(|o| o.is_object());
    let amount = req
        .get("payment")
        .and_then(|p| p.get("amount"))
        .and_then(Value::as_u64)
        .filter(|a| (1..=1_000_000_000).contains(a));
    let (Some(order), Some(amount)) = (order, amount) else {
        return Err(AppError::bad_request(
            ErrorCode::InvalidRequest,
            "needs order and payment.amount (cents)",
        ));
    };
    let locale = if req.get("locale").and_then(Value::as_str) == Some("de") {
        "de"
    } else {
        "en"
    };
    Ok(NewOrder {
        order,
        amount,
        locale,
    })
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

/// The plaintext of `easyCredit.aspx` `EventToken=INT` for an order under `trans_id`.
fn init_request(app: &Shared, trans_id: &str, o: &NewOrder) -> KeyValues {
    let shop = &app.cfg.shop;
    let amount = o.amount.to_string();
    let mut plain = KeyValues::new();
    plain
        .push("MerchantID", app.cfg.merchant_id.clone())
        .push("TransID", trans_id)
        .push("RefNr", format!("EC{}", &trans_id[..8]))
        .push("Amount", amount.clone())
        .push("Currency", "EUR")
        .push("EventToken", "INT")
        .push("URLSuccess", format!("{shop}/paygate/easycredit/return"))
        .push("URLFailure", format!("{shop}/paygate/easycredit/return"))
        .push("URLNotify", format!("{shop}/paygate/easycredit/notify"));
    order_params(o.order, &mut plain);
    // The shop's own basket, unless the order brings its own list (the demo's tests do).
    let articles = o
        .order
        .get("articleList")
        .and_then(Value::as_str)
        .map_or_else(|| article_list(o.amount), str::to_owned);
    plain.push("ArticleList", articles).push("version", "v3");
    plain.push("MAC", request_mac(app, "", trans_id, &amount, "EUR"));
    plain
}

/// A refused INT: 400 `easycredit_refused` with the Paygate's `paygateCode` and `problems`
/// (`parameter:code` pairs of its `Problems`).
fn refusal(answer: &KeyValues) -> AppError {
    let g = |k: &str| answer.get(k).unwrap_or("").to_owned();
    let problems: Vec<Value> = g("Problems")
        .split(',')
        .filter_map(|p| p.split_once(':'))
        .map(|(parameter, code)| json!({"parameter": parameter, "code": code}))
        .collect();
    log(
        "shop",
        format!("easyCredit refused: {} {}", g("Code"), g("Description")),
    );
    AppError::bad_request(ErrorCode::EasyCreditRefused, g("Description"))
        .with_details(json!({"paygateCode": g("Code"), "problems": problems}))
}

fn wire_url_is_paygate(url: &str, paygate: &str) -> bool {
    url.strip_prefix(paygate)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// `POST /paygate/easycredit/orders`: `easyCredit.aspx` with `EventToken=INT` and `version=v3`.
pub(super) async fn start(
    State(ec): State<EasyCredit>,
    Extension(s): Extension<Session>,
    body: Bytes,
) -> Result<Json<Value>, AppError> {
    let req = serde_json::from_slice::<Value>(&body)
        .map_err(|_| AppError::bad_request(ErrorCode::InvalidRequest, "the body is not JSON"))?;
    let order = new_order(&req)?;
    let app = &ec.app;
    let trans_id = ids::hex(20);
    let answer = call(
        app,
        "/easyCredit.aspx",
        &init_request(app, &trans_id, &order),
    )
    .await?;
    if !response_mac_ok(app, &answer) {
        return Err(AppError::upstream("easyCredit.aspx answer has a wrong MAC"));
    }
    if answer.get("Code") != Some(codes::OK) {
        return Err(refusal(&answer));
    }
    let pay_id = answer.get("PayID").unwrap_or("").to_owned();
    let redirect = answer.get("RedirectURL").unwrap_or("");
    if !wire_url_is_paygate(redirect, &app.cfg.paygate) {
        return Err(AppError::upstream("easyCredit.aspx gave no redirect URL"));
    }
    lock(&ec.state.backend).insert(
        pay_id.clone(),
        Order {
            pay_id: pay_id.clone(),
            trans_id,
            customer: s.customer.clone(),
            amount: order.amount,
            locale: order.locale.into(),
            decision: "pending",
            confirmed: None,
            capture: None,
            credit: None,
        },
    );
    Ok(Json(json!({"payId": pay_id, "redirectUrl": redirect})))
}
