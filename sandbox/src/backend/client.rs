//! How the merchant backend talks to the Paygate: encrypted server-to-server calls and the
//! vault REST API. This is the part a merchant's own backend re-implements.

use serde_json::Value;

use crate::error::AppError;
use crate::state::Shared;
use crate::wire;
use paygate_wasm::protocol::kv::KeyValues;

/// Encrypts `plain` and POSTs `MerchantID`, `Len`, `Data` to a Paygate path; decrypts the answer.
pub async fn call(app: &Shared, path: &str, plain: &KeyValues) -> Result<KeyValues, AppError> {
    let form = wire::seal_form(&app.cfg.blowfish_key, &app.cfg.merchant_id, plain)
        .map_err(|e| AppError::upstream(e.to_string()))?;
    let text = app
        .http
        .post(format!("{}{path}", app.cfg.paygate))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .map_err(|e| AppError::upstream(format!("Paygate unreachable: {e}")))?
        .text()
        .await
        .map_err(|e| AppError::upstream(format!("Paygate answer unreadable: {e}")))?;
    open_answer(app, &text)
}

/// Opens a `Len=…&Data=…` answer (or passes a plain error answer through).
pub fn open_answer(app: &Shared, text: &str) -> Result<KeyValues, AppError> {
    let outer = KeyValues::parse(text.trim());
    let (Some(len), Some(data)) = (outer.get_nonempty("Len"), outer.get_nonempty("Data")) else {
        return if outer.get("Code").is_some() {
            Ok(outer)
        } else {
            Err(AppError::upstream("Paygate answer has no Data"))
        };
    };
    decrypt_kv(app, len, data)
        .ok_or_else(|| AppError::upstream("Paygate answer could not be decrypted"))
}

/// Decrypts `Len`/`Data` into key=value pairs.
pub fn decrypt_kv(app: &Shared, len: &str, data: &str) -> Option<KeyValues> {
    wire::open_kv(&app.cfg.blowfish_key, len, data).ok()
}

/// Checks the response/notify MAC over `PayID*TransID*MerchantID*Status*Code`.
pub fn response_mac_ok(app: &Shared, kv: &KeyValues) -> bool {
    let g = |k: &str| kv.get(k).unwrap_or("");
    let input = wire::response_mac_input(
        g("PayID"),
        g("TransID"),
        &app.cfg.merchant_id,
        g("Status"),
        g("Code"),
    );
    wire::mac_matches(&app.cfg.hmac_key, &input, g("MAC"))
}

/// The request MAC over `PayID*TransID*MerchantID*Amount*Currency`.
pub fn request_mac(
    app: &Shared,
    pay_id: &str,
    trans_id: &str,
    amount: &str,
    currency: &str,
) -> String {
    wire::mac(
        &app.cfg.hmac_key,
        &wire::request_mac_input(pay_id, trans_id, &app.cfg.merchant_id, amount, currency),
    )
}

fn basic_auth(app: &Shared) -> String {
    format!(
        "Basic {}",
        wire::b64(
            format!(
                "{}:{}",
                app.cfg.merchant_id,
                String::from_utf8_lossy(&app.cfg.hmac_key)
            )
            .as_bytes()
        )
    )
}

/// Sandbox only: puts a demo customer's cards into the Paygate vault (`POST /__sandbox/vault/cards`).
pub async fn sandbox_seed(app: &Shared, body: &Value) -> Result<(), AppError> {
    let r = app
        .http
        .post(format!("{}/__sandbox/vault/cards", app.cfg.paygate))
        .header("authorization", basic_auth(app))
        .json(body)
        .send()
        .await
        .map_err(|e| AppError::upstream(format!("vault unreachable: {e}")))?;
    match r.status().as_u16() {
        200..=299 => Ok(()),
        other => Err(AppError::upstream(format!("vault answered {other}"))),
    }
}

/// Calls the vault REST API with HTTP Basic auth; returns the status and JSON body.
pub async fn rest(
    app: &Shared,
    method: reqwest::Method,
    path: &str,
) -> Result<(u16, Value), AppError> {
    let auth = basic_auth(app);
    let r = app
        .http
        .request(method, format!("{}/api/v2{path}", app.cfg.paygate))
        .header("authorization", auth)
        .send()
        .await
        .map_err(|e| AppError::upstream(format!("vault unreachable: {e}")))?;
    let status = r.status().as_u16();
    let body = r
        .bytes()
        .await
        .map_err(|e| AppError::upstream(e.to_string()))?;
    Ok((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
}
