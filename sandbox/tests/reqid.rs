//! The sandbox Paygate honours `ReqID` as credit-card-3ds2-server-to-server says: a repeat of a
//! transaction with a final status returns that status and carries out nothing; a repeat while
//! the first is still open, or after it ended in a 3-D Secure timeout, is processed as new.

mod common;

use std::time::Duration;

use common::{authorizations, sandbox, sandbox_with, Browser};
use paygate_sandbox::backend::client;
use paygate_sandbox::server::Running;
use paygate_sandbox::wire;
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::json;

/// A direct.aspx request for `pan` with `(key, ReqID)`; the key spelling is the caller's.
fn request(sb: &Running, trans_id: &str, pan: &str, req_id: Option<(&str, &str)>) -> KeyValues {
    let card = json!({"number": pan, "expiryDate": "203012", "securityCode": "123", "cardholderName": "A B"});
    let mut kv = KeyValues::new();
    kv.push("MerchantID", sb.app.cfg.merchant_id.clone())
        .push("TransID", trans_id)
        .push("Amount", "100")
        .push("Currency", "EUR")
        .push(
            "MAC",
            client::request_mac(&sb.app, "", trans_id, "100", "EUR"),
        )
        .push("URLNotify", format!("{}/paygate/notify", sb.app.cfg.shop))
        .push("card", wire::b64(card.to_string().as_bytes()));
    if let Some((k, v)) = req_id {
        kv.push(k, v);
    }
    kv
}

async fn direct(sb: &Running, kv: &KeyValues) -> KeyValues {
    client::call(&sb.app, "/direct.aspx", kv)
        .await
        .expect("Paygate answers")
}

fn status(kv: &KeyValues) -> (Option<&str>, Option<&str>) {
    (kv.get("Status"), kv.get("Code"))
}

/// Both spellings of the documents are read: the key column says `ReqId`, the text `ReqID`.
#[tokio::test]
async fn repeat_of_a_final_transaction_returns_its_status_and_authorizes_nothing() {
    let sb = sandbox(10_000).await;
    let first = direct(
        &sb,
        &request(&sb, "T1", "4111111111111111", Some(("ReqId", "R1"))),
    )
    .await;
    assert_eq!(
        status(&first),
        (Some("AUTHENTICATION_REQUEST"), Some("70000000"))
    );
    let versioning = wire::b64_json(first.get("versioningdata").unwrap()).unwrap();
    Browser::new(&sb)
        .method(&versioning)
        .await
        .expect("payment response");
    assert_eq!(
        authorizations(&sb.app.cfg.paygate, None).await["authorizations"],
        1
    );

    let repeat = direct(
        &sb,
        &request(&sb, "T2", "4111111111111111", Some(("ReqID", "R1"))),
    )
    .await;
    assert_eq!(
        status(&repeat),
        (Some("AUTHORIZED"), Some("00000000")),
        "{repeat:?}"
    );
    assert_eq!(
        repeat.get("PayID"),
        first.get("PayID"),
        "the original transaction's status"
    );
    assert_eq!(repeat.get("TransID"), Some("T1"));
    assert!(
        client::response_mac_ok(&sb.app, &repeat),
        "answer MAC over the original's fields"
    );
    assert!(
        repeat.get("versioningdata").is_none(),
        "no new 3-D Secure step"
    );
    let a = authorizations(&sb.app.cfg.paygate, None).await;
    assert_eq!(
        (a["authorizations"].as_u64(), a["transactions"].as_u64()),
        (Some(1), Some(1)),
        "{a}"
    );
}

#[tokio::test]
async fn repeat_of_a_declined_transaction_returns_the_decline() {
    let sb = sandbox(10_000).await;
    let first = direct(
        &sb,
        &request(&sb, "T1", "4000000000000002", Some(("ReqID", "R1"))),
    )
    .await;
    Browser::new(&sb)
        .method(&wire::b64_json(first.get("versioningdata").unwrap()).unwrap())
        .await;
    let repeat = direct(
        &sb,
        &request(&sb, "T1", "4000000000000002", Some(("ReqID", "R1"))),
    )
    .await;
    assert_eq!(status(&repeat), (Some("FAILED"), Some("25000001")));
    assert_eq!(
        authorizations(&sb.app.cfg.paygate, None).await["transactions"],
        1
    );
}

#[tokio::test]
async fn repeat_while_the_first_is_open_is_processed_as_a_new_request() {
    let sb = sandbox(10_000).await;
    let first = direct(
        &sb,
        &request(&sb, "T1", "4000000000001091", Some(("ReqID", "R1"))),
    )
    .await;
    let repeat = direct(
        &sb,
        &request(&sb, "T1", "4000000000001091", Some(("ReqID", "R1"))),
    )
    .await;
    assert_eq!(
        status(&repeat),
        (Some("AUTHENTICATION_REQUEST"), Some("70000000"))
    );
    assert_ne!(repeat.get("PayID"), first.get("PayID"), "a new transaction");
    assert_eq!(
        authorizations(&sb.app.cfg.paygate, None).await["transactions"],
        2
    );
}

#[tokio::test]
async fn repeat_after_a_3ds_timeout_is_processed_as_a_new_request() {
    let sb = sandbox_with(|o| o.challenge_timeout = Duration::from_millis(200)).await;
    let first = direct(
        &sb,
        &request(&sb, "T1", "4000000000001091", Some(("ReqID", "R1"))),
    )
    .await;
    let pay_id = first.get("PayID").unwrap().to_string();
    let ch = Browser::new(&sb)
        .method(&wire::b64_json(first.get("versioningdata").unwrap()).unwrap())
        .await
        .unwrap();
    assert!(ch.get("acsURL").is_some(), "a challenge: {ch}");
    tokio::time::sleep(Duration::from_millis(700)).await;
    let stage = sb.app.paygate.get(&pay_id).unwrap().stage;
    assert!(
        matches!(&stage, paygate_sandbox::paygate::payments::Stage::Done(o) if o.code == "22000003"),
        "{stage:?}"
    );
    let repeat = direct(
        &sb,
        &request(&sb, "T1", "4000000000001091", Some(("ReqID", "R1"))),
    )
    .await;
    assert_eq!(
        status(&repeat),
        (Some("AUTHENTICATION_REQUEST"), Some("70000000"))
    );
    assert_ne!(repeat.get("PayID"), Some(pay_id.as_str()));
}

#[tokio::test]
async fn without_or_with_another_req_id_each_request_is_new_and_bad_ones_are_refused() {
    let sb = sandbox(10_000).await;
    let a = direct(&sb, &request(&sb, "T1", "4111111111111111", None)).await;
    let b = direct(
        &sb,
        &request(&sb, "T1", "4111111111111111", Some(("ReqID", "R2"))),
    )
    .await;
    assert_ne!(a.get("PayID"), b.get("PayID"));
    for bad in ["has space", &"x".repeat(33)] {
        let r = direct(
            &sb,
            &request(&sb, "T1", "4111111111111111", Some(("ReqID", bad))),
        )
        .await;
        assert_eq!(r.get("Status"), Some("FAILED"), "{bad:?}");
        assert!(
            matches!(r.get("Code"), Some("21000001") | Some("21000007")),
            "{r:?}"
        );
    }
}
