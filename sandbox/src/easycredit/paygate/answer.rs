//! What the Paygate sends the shop about an easyCredit transaction: encrypted answers (with the
//! `Problems` of a refused order), the result pairs with their MAC, and URLNotify.

use std::time::Duration;

use axum::response::Response;
use paygate_wasm::protocol::easycredit::OrderProblem;
use paygate_wasm::protocol::kv::KeyValues;

use super::super::EasyCredit;
use super::Transaction;
use crate::paygate::{push_response_mac, sealed_answer};
use crate::state::log;
use crate::wire;

/// The encrypted answer `mid=…&Len=…&Data=…` of `kv`.
pub(in crate::easycredit) fn sealed(ec: &EasyCredit, kv: &KeyValues) -> Response {
    sealed_answer(&ec.app, kv)
}

/// A `FAILED` answer with `code`; a refused order lists every problem in `Problems`.
pub(in crate::easycredit) fn failure(
    ec: &EasyCredit,
    trans_id: &str,
    pay_id: &str,
    code: &str,
    description: &str,
    problems: &[OrderProblem],
) -> Response {
    let mut kv = KeyValues::new();
    kv.push("mid", ec.app.cfg.merchant_id.clone())
        .push("PayID", pay_id)
        .push("TransID", trans_id)
        .push("Status", "FAILED")
        .push("Code", code)
        .push("Description", description);
    if !problems.is_empty() {
        let list: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{}", p.field.parameter(), p.code.as_str()))
            .collect();
        kv.push("Problems", list.join(","));
    }
    push_response_mac(&ec.app, &mut kv, pay_id, trans_id, "FAILED", code);
    sealed(ec, &kv)
}

/// The key=value pairs of a result for the shop: `mid, PayID, TransID, Status, Code,
/// Description`, `extra`, and the `MAC`.
pub(in crate::easycredit) fn outcome(
    ec: &EasyCredit,
    t: &Transaction,
    status: &str,
    code: &str,
    description: &str,
    extra: &[(&str, String)],
) -> KeyValues {
    let mut kv = KeyValues::new();
    kv.push("mid", ec.app.cfg.merchant_id.clone())
        .push("PayID", t.pay_id.clone())
        .push("TransID", t.trans_id.clone())
        .push("XID", t.xid.clone())
        .push("refnr", t.ref_nr.clone())
        .push("Status", status)
        .push("Code", code)
        .push("Description", description);
    for (k, v) in extra {
        kv.push(k, v.clone());
    }
    push_response_mac(&ec.app, &mut kv, &t.pay_id, &t.trans_id, status, code);
    kv
}

/// POSTs `MerchantID, Len, Data` of `data` to `url` after `delay`, retrying twice.
pub(in crate::easycredit) async fn notify(
    ec: EasyCredit,
    url: String,
    data: KeyValues,
    delay: Duration,
) {
    tokio::time::sleep(delay).await;
    let Ok(body) = wire::seal_form(&ec.app.cfg.blowfish_key, &ec.app.cfg.merchant_id, &data) else {
        return;
    };
    for attempt in 0..3u64 {
        match ec
            .app
            .http
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.clone())
            .send()
            .await
        {
            Ok(r) if r.status().is_success() => return,
            Ok(r) => log(
                "paygate",
                format!("easyCredit URLNotify answered {}", r.status()),
            ),
            Err(e) => log("paygate", format!("easyCredit URLNotify failed: {e}")),
        }
        tokio::time::sleep(Duration::from_millis(200 * (attempt + 1))).await;
    }
}
