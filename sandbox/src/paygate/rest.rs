//! The customer vault (Kundentresor) REST API under `/api/v2` and its webhooks.
//! Merchants authenticate with HTTP Basic `MerchantID:HMAC password`.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::Json;
use paygate_wasm::protocol::codec::decode_base64;
use serde_json::{json, Value};

use crate::error::{AppError, ErrorCode};
use crate::state::{log, Shared};
use crate::vault::{Customer, CustomerUpdate, PaymentMethod};

/// Proof that the request carries the merchant's HTTP Basic credentials; extracting it
/// answers 401 `unauthorized` (with `WWW-Authenticate`) otherwise.
#[derive(Debug, Clone, Copy)]
pub struct MerchantAuth;

impl FromRequestParts<Shared> for MerchantAuth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &Shared) -> Result<Self, Self::Rejection> {
        let ok = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Basic "))
            .and_then(decode_base64)
            .and_then(|b| String::from_utf8(b).ok())
            .is_some_and(|s| {
                s.split_once(':').is_some_and(|(u, p)| {
                    u == app.cfg.merchant_id && p.as_bytes() == app.cfg.hmac_key.as_slice()
                })
            });
        if ok {
            Ok(MerchantAuth)
        } else {
            Err(AppError::api(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthorized,
                "HTTP Basic MerchantID:password required",
            ))
        }
    }
}

fn customer(app: &Shared, id: &str) -> Result<Customer, AppError> {
    app.vault
        .customer(&app.cfg.merchant_id, id)
        .ok_or_else(|| AppError::not_found("customer not found"))
}

/// `GET /api/v2/customers`.
pub async fn list_customers(State(app): State<Shared>, _: MerchantAuth) -> Json<Value> {
    let list: Vec<Value> = app
        .vault
        .customers(&app.cfg.merchant_id)
        .iter()
        .map(Customer::rest_json)
        .collect();
    Json(json!({"customers": list}))
}

/// `GET /api/v2/customers/{id}` (Paygate id or merchantCustomerId).
pub async fn get_customer(
    State(app): State<Shared>,
    _: MerchantAuth,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    Ok(Json(customer(&app, &id)?.rest_json()))
}

/// Reads a `PATCH /customers/{id}` body: a JSON object with any of `firstName`, `lastName`
/// (≤ 50 characters each) and `email` (≤ 100, with an `@`). The ids, the scope and the payment
/// methods are not changed this way; naming them, or a key the API does not know, is refused.
fn customer_update(body: &[u8]) -> Result<CustomerUpdate, AppError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| AppError::bad_request(ErrorCode::InvalidJson, "the body is not JSON"))?;
    let object = value.as_object().ok_or_else(|| {
        AppError::bad_request(ErrorCode::InvalidJson, "the body must be a JSON object")
    })?;
    let mut update = CustomerUpdate::default();
    for (key, v) in object {
        let limit = match key.as_str() {
            "firstName" | "lastName" => 50,
            "email" => 100,
            "id" | "merchantCustomerId" | "merchantId" | "scope" | "paymentMethods"
            | "createdAt" => {
                return Err(AppError::bad_request(
                    ErrorCode::ReadOnly,
                    format!("{key} cannot be changed"),
                ));
            }
            _ => {
                return Err(AppError::bad_request(
                    ErrorCode::UnknownField,
                    format!("unknown field {key}"),
                ))
            }
        };
        let text = v.as_str().ok_or_else(|| {
            AppError::bad_request(ErrorCode::InvalidField, format!("{key} must be a string"))
        })?;
        if text.chars().count() > limit || (key == "email" && !text.contains('@')) {
            return Err(AppError::bad_request(
                ErrorCode::InvalidField,
                format!("{key} has the wrong format"),
            ));
        }
        let slot = match key.as_str() {
            "firstName" => &mut update.first_name,
            "lastName" => &mut update.last_name,
            _ => &mut update.email,
        };
        *slot = Some(text.to_owned());
    }
    Ok(update)
}

/// `PATCH /api/v2/customers/{id}`: updates the customer data and answers the customer.
pub async fn update_customer(
    State(app): State<Shared>,
    _: MerchantAuth,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Json<Value>, AppError> {
    let update = customer_update(&body)?;
    let c = app
        .vault
        .update_customer(&app.cfg.merchant_id, &id, &update)
        .ok_or_else(|| AppError::not_found("customer not found"))?;
    Ok(Json(c.rest_json()))
}

/// `DELETE /api/v2/customers/{id}`: the customer and all cards.
pub async fn delete_customer(
    State(app): State<Shared>,
    _: MerchantAuth,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let c = app
        .vault
        .delete_customer(&app.cfg.merchant_id, &id)
        .ok_or_else(|| AppError::not_found("customer not found"))?;
    for m in &c.methods {
        spawn_webhook(&app, &c, m, "delete");
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v2/customers/{id}/paymentMethods`.
pub async fn list_methods(
    State(app): State<Shared>,
    _: MerchantAuth,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let c = customer(&app, &id)?;
    Ok(Json(
        json!({"paymentMethods": c.methods.iter().map(PaymentMethod::rest_json).collect::<Vec<_>>()}),
    ))
}

/// `GET /api/v2/customers/{customerId}/paymentMethods/{paymentMethodId}`.
pub async fn get_method(
    State(app): State<Shared>,
    _: MerchantAuth,
    Path((id, pm)): Path<(String, String)>,
) -> Result<Json<Value>, AppError> {
    let c = customer(&app, &id)?;
    let m = c
        .methods
        .iter()
        .find(|m| m.id == pm)
        .ok_or_else(|| AppError::not_found("payment method not found"))?;
    Ok(Json(m.rest_json()))
}

/// `DELETE /api/v2/customers/{customerId}/paymentMethods/{paymentMethodId}`.
pub async fn delete_method(
    State(app): State<Shared>,
    _: MerchantAuth,
    Path((id, pm)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    let (c, m) = app
        .vault
        .delete_method(&app.cfg.merchant_id, &id, &pm)
        .ok_or_else(|| AppError::not_found("payment method not found"))?;
    spawn_webhook(&app, &c, &m, "delete");
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a vault webhook (`create` or `delete`) to the merchant's webhook URL in the background.
pub fn spawn_webhook(app: &Shared, c: &Customer, m: &PaymentMethod, action: &str) {
    let mut pm = if action == "create" {
        m.rest_json()
    } else {
        json!({"id": m.id, "type": "card"})
    };
    pm["action"] = json!(action);
    let body = json!({
        "gatewayCustomerId": c.id, "merchantCustomerId": c.merchant_customer_id,
        "merchantId": c.merchant_id, "scope": c.merchant_id, "paymentMethod": pm,
    });
    let url = format!("{}/paygate/vault-webhook", app.cfg.shop);
    let http = app.http.clone();
    tokio::spawn(async move {
        if let Err(e) = http.post(&url).json(&body).send().await {
            log("paygate", format!("vault webhook failed: {e}"));
        }
    });
}
