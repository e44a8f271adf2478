//! `POST /customer.aspx`: Customer Data Storage inquiries `GetDetails` and `Delete`.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::checks;
use crate::error::{codes, AppError};
use crate::state::Shared;
use crate::wire;
use paygate_wasm::protocol::kv::KeyValues;

/// Handles `customer.aspx` (encrypted like direct.aspx; answers encrypted key=value).
pub async fn handle(State(app): State<Shared>, body: Result<Bytes, BytesRejection>) -> Response {
    let kv = match super::open_request(&app, body) {
        Ok(kv) => kv,
        Err(e) => return e.into_response(),
    };
    match inquiry(&app, &kv) {
        Ok(answer) => super::sealed_answer(&app, &answer),
        Err(AppError::Paygate { code, description }) => {
            let mut kv = KeyValues::new();
            kv.push("Status", "FAILED")
                .push("Code", code)
                .push("Description", description);
            super::sealed_answer(&app, &kv)
        }
        Err(e) => e.into_response(),
    }
}

fn inquiry(app: &Shared, kv: &KeyValues) -> Result<KeyValues, AppError> {
    let token = kv
        .get_nonempty("EventToken")
        .ok_or_else(|| AppError::pg(codes::MISSING, "EventToken missing"))?;
    let id = kv
        .get_nonempty("CustomerId")
        .or_else(|| kv.get_nonempty("CustomerReferenceId"))
        .ok_or_else(|| AppError::pg(codes::MISSING, "CustomerId or CustomerReferenceId missing"))?;
    if !checks::valid_id(id) {
        return Err(AppError::pg(codes::FORMAT, "CustomerId invalid"));
    }
    let unknown = || AppError::pg(codes::UNKNOWN_CUSTOMER, "customer not found");
    let mut out = KeyValues::new();
    match token {
        t if t.eq_ignore_ascii_case("GetDetails") => {
            let c = app
                .vault
                .customer(&app.cfg.merchant_id, id)
                .ok_or_else(unknown)?;
            out.push("Status", "OK")
                .push("Code", codes::OK)
                .push("CustomerId", c.merchant_customer_id.clone())
                .push("CustomerReferenceId", c.id.clone())
                .push(
                    "CustomerInfos",
                    wire::b64(c.cds_json().to_string().as_bytes()),
                );
        }
        t if t.eq_ignore_ascii_case("Delete") => {
            if let Some(t) = kv.get_nonempty("Type") {
                if !t.eq_ignore_ascii_case("CreditCard") {
                    return Err(AppError::pg(codes::FORMAT, "Type must be CreditCard"));
                }
            }
            let c = app
                .vault
                .delete_customer(&app.cfg.merchant_id, id)
                .ok_or_else(unknown)?;
            for m in &c.methods {
                super::rest::spawn_webhook(app, &c, m, "delete");
            }
            out.push("CustomerId", c.merchant_customer_id.clone())
                .push("CustomerReferenceId", c.id.clone())
                .push("Type", "CreditCard")
                .push("Code", codes::OK)
                .push("Description", "Deleted")
                .push("Status", "OK");
        }
        _ => {
            return Err(AppError::pg(
                codes::FORMAT,
                "EventToken must be GetDetails or Delete",
            ))
        }
    }
    Ok(out)
}
