//! `POST /easyCreditDirect.aspx` and what every request on an existing easyCredit transaction
//! shares (capture and credit too): decrypted, MAC-checked, the transaction it names.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use paygate_wasm::protocol::kv::KeyValues;

use super::super::{plan, EasyCredit};
use super::{ec_codes, failure, outcome, parse_amount, sealed, Decision, Transaction};
use crate::error::{codes, AppError};
use crate::paygate::{check_request_mac, open_request};
use crate::state::{lock, log};
use crate::wire;

/// A server-to-server request on an existing transaction: decrypted, MAC-checked over
/// `PayID*TransID*MerchantID*Amount*Currency`, and the transaction it names.
pub(in crate::easycredit) fn existing(
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

/// A refused request: `FAILED` with the Paygate code, encrypted.
pub(in crate::easycredit) fn refused(ec: &EasyCredit, e: AppError) -> Response {
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
