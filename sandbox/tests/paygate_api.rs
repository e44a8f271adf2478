//! The Paygate as a merchant's backend sees it: wire format, direct.aspx, hostile input. The
//! customer vault is in `customer_vault.rs`, the binary's start-up contract in `binary.rs`.

mod common;

use common::paygate::{assert_error, call, post_raw, request};
use common::sandbox;
use paygate_sandbox::server::Running;
use paygate_sandbox::wire;
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::json;

#[test]
fn known_answers_and_round_trips() {
    assert_eq!(
        wire::encrypt(b"password", "plaintext")
            .unwrap()
            .data
            .to_lowercase(),
        "14ec7a6da0fbb3e50a84b47302443328"
    );
    assert_eq!(
        wire::mac(b"password", "value"),
        "18B40402BBF3FEED824E9F762B412F1108C4D678B2A067425B99963CD68B1D6A"
    );
    for text in [
        "a",
        "12345678",
        "MerchantID=x&card=eyJ9==&Amount=1",
        &"ü".repeat(100),
    ] {
        let e = wire::encrypt(b"sandbox-blowfish-password", text).unwrap();
        assert_eq!(
            wire::decrypt(b"sandbox-blowfish-password", e.len, &e.data.to_lowercase()).unwrap(),
            text
        );
        let m = wire::mac(b"k", text);
        assert!(wire::mac_matches(b"k", text, &m) && !wire::mac_matches(b"other", text, &m));
    }
}

#[tokio::test]
async fn direct_answers_encrypted_with_versioning_data() {
    let sb = sandbox(10_000).await;
    let kv = call(&sb, "/direct.aspx", &request(&sb, &[], true)).await;
    assert_eq!(kv.get("Status"), Some("AUTHENTICATION_REQUEST"));
    assert_eq!(kv.get("PayID").unwrap().len(), 32);
    let input = wire::response_mac_input(
        kv.get("PayID").unwrap(),
        "T1",
        &sb.app.cfg.merchant_id,
        "AUTHENTICATION_REQUEST",
        kv.get("Code").unwrap(),
    );
    assert!(wire::mac_matches(
        &sb.app.cfg.hmac_key,
        &input,
        kv.get("MAC").unwrap()
    ));
    let v = wire::b64_json(kv.get("versioningdata").unwrap()).unwrap();
    assert_eq!(v["threeDSMethodURL"], format!("{}/method", sb.app.cfg.acs));
    let form = wire::b64_json(v["threeDSMethodDataForm"].as_str().unwrap()).unwrap();
    assert_eq!(
        form["threeDSMethodNotificationURL"],
        format!("{}/cbThreeDS.aspx?action=mthdNtfn", sb.app.cfg.paygate)
    );
    assert_eq!(form["threeDSServerTransID"], v["threeDSServerTransID"]);
}

/// Unencrypted forms the Paygate must refuse before it can decrypt anything.
fn plain_error_cases(sb: &Running) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let mid = sb.app.cfg.merchant_id.clone();
    let good = wire::encrypt(&sb.app.cfg.blowfish_key, &request(sb, &[], true).encode()).unwrap();
    vec![
        (
            "bad Len",
            vec![
                ("MerchantID", mid.clone()),
                ("Len", "abc".into()),
                ("Data", good.data.clone()),
            ],
        ),
        (
            "Len too long",
            vec![
                ("MerchantID", mid.clone()),
                ("Len", (good.len + 64).to_string()),
                ("Data", good.data.clone()),
            ],
        ),
        (
            "bad hex",
            vec![
                ("MerchantID", mid.clone()),
                ("Len", good.len.to_string()),
                ("Data", "ZZ".repeat(good.data.len() / 2)),
            ],
        ),
        (
            "odd blocks",
            vec![
                ("MerchantID", mid.clone()),
                ("Len", "3".into()),
                ("Data", "ABCDEF".into()),
            ],
        ),
        (
            "unknown merchant",
            vec![
                ("MerchantID", "someone_else".into()),
                ("Len", good.len.to_string()),
                ("Data", good.data.clone()),
            ],
        ),
        (
            "missing Data",
            vec![("MerchantID", mid.clone()), ("Len", good.len.to_string())],
        ),
        ("missing everything", vec![]),
        (
            "oversized",
            vec![
                ("MerchantID", mid.clone()),
                ("Len", good.len.to_string()),
                ("Data", "A".repeat(200_000)),
            ],
        ),
    ]
}

/// Encrypted requests direct.aspx must refuse.
fn encrypted_error_cases(sb: &Running) -> Vec<(&'static str, KeyValues)> {
    vec![
        ("wrong MAC", request(sb, &[], false)),
        ("broken base64 card", request(sb, &[("card", "%%%not-base64".into())], true)),
        ("card not JSON", request(sb, &[("card", wire::b64(b"[1,2"))], true)),
        ("card missing fields", request(sb, &[("card", wire::b64(b"{\"number\":\"4111111111111111\"}"))], true)),
        ("missing Amount", request(sb, &[("Amount", String::new())], true)),
        ("oversized TransID", request(sb, &[("TransID", "T".repeat(65))], true)),
        ("bad Luhn", request(sb, &[("card", wire::b64(json!({"number": "4111111111111112", "expiryDate": "203012", "securityCode": "123"}).to_string().as_bytes()))], true)),
        ("expired", request(sb, &[("card", wire::b64(json!({"number": "4111111111111111", "expiryDate": "202001", "securityCode": "123"}).to_string().as_bytes()))], true)),
        ("cvc length", request(sb, &[("card", wire::b64(json!({"number": "378282246310005", "expiryDate": "203012", "securityCode": "123"}).to_string().as_bytes()))], true)),
        ("unknown pseudo card", request(sb, &[("card", wire::b64(json!({"number": "0123456789012111", "expiryDate": "203012", "securityCode": "123"}).to_string().as_bytes()))], true)),
        ("bad window size", request(sb, &[("browserInfo", wire::b64(b"{\"challengeWindowSize\":\"09\"}"))], true)),
    ]
}

#[tokio::test]
async fn hostile_input_gets_error_codes() {
    let sb = sandbox(10_000).await;
    let cases = plain_error_cases(&sb);
    for (what, form) in cases {
        for path in ["/direct.aspx", "/customer.aspx"] {
            let (st, text) = post_raw(&sb, path, &form).await;
            assert!(st < 500, "{what}: {st}");
            assert_error(&KeyValues::parse(&text), what);
        }
    }
    let encrypted_cases = encrypted_error_cases(&sb);
    for (what, kv) in encrypted_cases {
        let answer = call(&sb, "/direct.aspx", &kv).await;
        assert_error(&answer, what);
        assert_eq!(answer.get("Status"), Some("FAILED"), "{what}");
    }
    for q in [
        "",
        "?action=nope",
        "?action=mthdNtfn",
        "?action=chlgNtfn",
        "?action=term",
        "?action=render",
    ] {
        let (st, text) = post_raw(
            &sb,
            &format!("/cbThreeDS.aspx{q}"),
            &[("threeDSMethodData", "%%".into()), ("cres", "e30".into())],
        )
        .await;
        assert!(st < 500);
        assert_error(&KeyValues::parse(&text), q);
    }
    // Still alive.
    assert_eq!(
        call(&sb, "/direct.aspx", &request(&sb, &[], true))
            .await
            .get("Status"),
        Some("AUTHENTICATION_REQUEST")
    );
}

#[tokio::test]
async fn method_notification_cannot_finish_a_3ds1_payment() {
    let sb = sandbox(10_000).await;
    let card = json!({"number": "4000000000002008", "expiryDate": "203012", "securityCode": "123", "cardholderName": "A B"});
    let kv = call(
        &sb,
        "/direct.aspx",
        &request(
            &sb,
            &[("card", wire::b64(card.to_string().as_bytes()))],
            true,
        ),
    )
    .await;
    assert!(kv.get("threeDSLegacy").is_some(), "{kv:?}");
    let pay_id = kv.get("PayID").unwrap().to_string();
    let tds = wire::b64_json(kv.get("versioningdata").unwrap()).unwrap()["threeDSServerTransID"]
        .as_str()
        .unwrap()
        .to_string();
    let data = |tds: &str| {
        [(
            "threeDSMethodData",
            wire::b64url(json!({"threeDSServerTransID": tds}).to_string().as_bytes()),
        )]
    };
    let (st, text) = post_raw(&sb, "/cbThreeDS.aspx?action=mthdNtfn", &data(&tds)).await;
    let (_, unknown) = post_raw(
        &sb,
        "/cbThreeDS.aspx?action=mthdNtfn",
        &data("00000000-0000-0000-0000-000000000000"),
    )
    .await;
    assert_eq!(st, 200);
    let answer = KeyValues::parse(&text);
    assert_eq!(
        (answer.get("Status"), answer.get("Code")),
        (Some("FAILED"), Some("21000013")),
        "{text}"
    );
    assert_eq!(text, unknown, "answered as for an unknown transaction");
    let stage = sb.app.paygate.get(&pay_id).unwrap().stage;
    assert!(
        matches!(stage, paygate_sandbox::paygate::payments::Stage::Legacy),
        "still waiting for the PaRes: {stage:?}"
    );
}
