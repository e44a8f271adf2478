//! The Paygate simulator (origin 2): direct.aspx, cbThreeDS.aspx, customer.aspx, the vault REST
//! API, URLNotify and webhooks, in the wire format of [`crate::wire`].

pub mod customer;
pub mod direct;
pub mod encoding;
pub mod finish;
pub mod flow;
pub mod notify;
pub mod payments;
pub mod rest;
pub mod sandbox_aid;
pub mod threeds;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;

use crate::error::{codes, AppError};
use crate::state::Shared;
use crate::wire::{self, WireError};
use paygate_wasm::protocol::kv::KeyValues;

/// Largest request body the Paygate accepts.
pub const BODY_LIMIT: usize = 96 * 1024;

/// The Paygate origin's index page.
async fn index() -> axum::response::Html<&'static str> {
    axum::response::Html(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Paygate sandbox</title></head>\
         <body><main><h1>Paygate sandbox</h1><p>POST /direct.aspx, POST /cbThreeDS.aspx, POST /customer.aspx, \
         /api/v2/customers (customer vault REST).</p></main></body></html>",
    )
}

/// The Paygate router.
pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/direct.aspx", post(direct::handle))
        .route("/cbThreeDS.aspx", post(threeds::handle))
        .route("/customer.aspx", post(customer::handle))
        .route("/__sandbox/message-encoding", post(encoding::switch))
        .route("/api/v2/customers", get(rest::list_customers))
        .route(
            "/api/v2/customers/{id}",
            get(rest::get_customer)
                .patch(rest::update_customer)
                .delete(rest::delete_customer),
        )
        .route(
            "/api/v2/customers/{id}/paymentMethods",
            get(rest::list_methods),
        )
        .route(
            "/api/v2/customers/{id}/paymentMethods/{pm}",
            get(rest::get_method).delete(rest::delete_method),
        )
        .route(
            "/__sandbox/authorizations",
            get(sandbox_aid::authorizations),
        )
        .route("/__sandbox/vault/cards", post(sandbox_aid::seed_cards))
        .route("/__sandbox/faults", post(sandbox_aid::arm_faults))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(app)
}

/// Forgets old transactions (finished ones `ttl` after their start) every `ttl / 2` (1–60 s).
pub fn spawn_sweep(app: &Shared, ttl: std::time::Duration) {
    let app = app.clone();
    let every = (ttl / 2).clamp(
        std::time::Duration::from_secs(1),
        std::time::Duration::from_secs(60),
    );
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(every).await;
            app.paygate.sweep(ttl, &app.acs);
        }
    });
}

/// Reads an encrypted form request (`MerchantID`, `Len`, `Data`) and returns the decrypted pairs.
/// Errors are plain (unencrypted) because the merchant or the keys could not be established.
pub fn open_request(
    app: &Shared,
    body: Result<Bytes, BytesRejection>,
) -> Result<KeyValues, AppError> {
    let body = body.map_err(|e| {
        AppError::pg(
            codes::TOO_LARGE,
            format!("request body rejected: {}", e.body_text()),
        )
    })?;
    let form = crate::form::parse(&body);
    let mid = form
        .get_nonempty("MerchantID")
        .ok_or_else(|| AppError::pg(codes::MISSING, "MerchantID missing"))?;
    if mid != app.cfg.merchant_id {
        return Err(AppError::pg(codes::MERCHANT, "unknown MerchantID"));
    }
    let len = form
        .get_nonempty("Len")
        .ok_or_else(|| AppError::pg(codes::MISSING, "Len missing"))?;
    let data = form
        .get_nonempty("Data")
        .ok_or_else(|| AppError::pg(codes::MISSING, "Data missing"))?;
    let kv = wire::open_kv(&app.cfg.blowfish_key, len, data).map_err(|e| match e {
        WireError::LenFormat => AppError::pg(codes::LEN, "Len invalid"),
        WireError::BadLen => AppError::pg(codes::LEN, "Len does not match Data"),
        other => AppError::pg(codes::DATA, other.to_string()),
    })?;
    if let Some(inner) = kv.get("MerchantID") {
        if inner != app.cfg.merchant_id {
            return Err(AppError::pg(
                codes::MERCHANT,
                "MerchantID in Data does not match",
            ));
        }
    }
    Ok(kv)
}

/// The non-empty value of `key`, refused when longer than `max`.
pub fn optional<'a>(kv: &'a KeyValues, key: &str, max: usize) -> Result<Option<&'a str>, AppError> {
    match kv.get_nonempty(key) {
        Some(v) if v.len() > max => Err(AppError::pg(codes::TOO_LARGE, format!("{key} too long"))),
        other => Ok(other),
    }
}

/// The base64 JSON object in `key`, if present; `code` when it is not one.
pub fn json_param(
    kv: &KeyValues,
    key: &str,
    code: &'static str,
) -> Result<Option<Value>, AppError> {
    match optional(kv, key, 8192)? {
        None => Ok(None),
        Some(v) => wire::b64_json(v)
            .filter(Value::is_object)
            .map(Some)
            .ok_or_else(|| AppError::pg(code, format!("{key} is not base64 JSON"))),
    }
}

/// Encrypts key=value pairs for the merchant: `Len`, `Data` and `MAC` as a form-like string.
pub fn seal(app: &Shared, kv: &KeyValues) -> (usize, String) {
    match wire::encrypt(&app.cfg.blowfish_key, &kv.encode()) {
        Ok(e) => (e.len, e.data),
        Err(_) => (0, String::new()),
    }
}

/// Answers a server-to-server call with `mid=…&Len=…&Data=…`.
pub fn sealed_answer(app: &Shared, kv: &KeyValues) -> Response {
    let (len, data) = seal(app, kv);
    let mut out = KeyValues::new();
    out.push("mid", app.cfg.merchant_id.clone())
        .push("Len", len.to_string())
        .push("Data", data);
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        out.encode(),
    )
        .into_response()
}

/// Adds `MAC` over `PayID*TransID*MerchantID*Status*Code` to an answer.
pub fn push_response_mac(
    app: &Shared,
    kv: &mut KeyValues,
    pay_id: &str,
    trans_id: &str,
    status: &str,
    code: &str,
) {
    let input = wire::response_mac_input(pay_id, trans_id, &app.cfg.merchant_id, status, code);
    kv.push("MAC", wire::mac(&app.cfg.hmac_key, &input));
}

/// An encrypted failure answer for a request that could be decrypted.
pub fn sealed_failure(app: &Shared, trans_id: &str, code: &str, description: &str) -> Response {
    let mut kv = KeyValues::new();
    kv.push("mid", app.cfg.merchant_id.clone())
        .push("PayID", "")
        .push("TransID", trans_id)
        .push("Status", "FAILED")
        .push("Code", code)
        .push("Description", description);
    push_response_mac(app, &mut kv, "", trans_id, "FAILED", code);
    sealed_answer(app, &kv)
}

/// Checks a request MAC over `PayID*TransID*MerchantID*Amount*Currency`.
pub fn check_request_mac(
    app: &Shared,
    kv: &KeyValues,
    pay_id: &str,
    amount: &str,
    currency: &str,
) -> Result<(), AppError> {
    let trans_id = kv.get("TransID").unwrap_or("");
    let mac = kv
        .get_nonempty("MAC")
        .ok_or_else(|| AppError::pg(codes::MAC, "MAC missing"))?;
    let input = wire::request_mac_input(pay_id, trans_id, &app.cfg.merchant_id, amount, currency);
    if wire::mac_matches(&app.cfg.hmac_key, &input, mac) {
        Ok(())
    } else {
        Err(AppError::pg(codes::MAC, "MAC invalid"))
    }
}
