//! What the Paygate sends, made by the test with the merchant's (default) keys: a URLNotify and
//! a browser payment response with the status and code the test chooses.
#![allow(dead_code)]

use paygate_sandbox::config::credentials_from_env;
use paygate_sandbox::wire;
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::{json, Value};

/// `mid, PayID, TransID, Status, Code, Description` and their MAC.
fn answer(pay_id: &str, trans_id: &str, status: &str, code: &str) -> KeyValues {
    let (merchant, _, hmac) = credentials_from_env();
    let mac = wire::mac(
        &hmac,
        &wire::response_mac_input(pay_id, trans_id, &merchant, status, code),
    );
    let mut kv = KeyValues::new();
    kv.push("mid", merchant)
        .push("PayID", pay_id)
        .push("TransID", trans_id)
        .push("Status", status)
        .push("Code", code)
        .push("Description", "forged by the test")
        .push("threeDSCompInd", "Y")
        .push("MAC", mac);
    kv
}

/// The URLNotify form body (`MerchantID`, `Len`, `Data`) of a final result.
pub fn notification(pay_id: &str, trans_id: &str, status: &str, code: &str) -> String {
    let (merchant, blowfish, _) = credentials_from_env();
    wire::seal_form(
        &blowfish,
        &merchant,
        &answer(pay_id, trans_id, status, code),
    )
    .expect("sealed")
}

/// The browser payment response `{MID, Len, Data}` of a final result.
pub fn browser_response(pay_id: &str, trans_id: &str, status: &str, code: &str) -> Value {
    let (merchant, blowfish, _) = credentials_from_env();
    let e = wire::encrypt(&blowfish, &answer(pay_id, trans_id, status, code).encode())
        .expect("encrypted");
    json!({"MID": wire::b64(merchant.as_bytes()), "Len": e.len, "Data": e.data})
}

/// POSTs a URLNotify body to `shop`; answers the status.
pub async fn post_notification(shop: String, body: String) -> u16 {
    reqwest::Client::new()
        .post(format!("{shop}/paygate/notify"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("the instance answers")
        .status()
        .as_u16()
}
