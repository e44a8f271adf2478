//! The Paygate as a merchant's backend sees it: wire format, hostile input, customer.aspx,
//! vault REST; and the binary's pinned start-up contract.

mod common;

use common::sandbox;
use paygate_sandbox::server::Running;
use paygate_sandbox::wire;
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::{json, Value};

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

fn request(sb: &Running, extra: &[(&str, String)], mac_ok: bool) -> KeyValues {
    let c = &sb.app.cfg;
    let card = json!({"number": "4111111111111111", "expiryDate": "203012", "securityCode": "123", "cardholderName": "A B"});
    let mac_input = wire::request_mac_input("", "T1", &c.merchant_id, "100", "EUR");
    let mut kv = KeyValues::new();
    kv.push("MerchantID", c.merchant_id.clone())
        .push("TransID", "T1")
        .push("Amount", "100")
        .push("Currency", "EUR")
        .push(
            "MAC",
            wire::mac(if mac_ok { &c.hmac_key } else { b"wrong" }, &mac_input),
        )
        .push("URLNotify", format!("{}/paygate/notify", c.shop))
        .push("card", wire::b64(card.to_string().as_bytes()));
    for (k, v) in extra {
        kv.remove(k);
        kv.push(k, v.clone());
    }
    kv
}

async fn post_raw(sb: &Running, path: &str, form: &[(&str, String)]) -> (u16, String) {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form.iter().map(|(k, v)| (*k, v.as_str())))
        .finish();
    let r = reqwest::Client::new()
        .post(format!("{}{path}", sb.app.cfg.paygate))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Sends encrypted `kv`; returns the answer, decrypted when it carries Data.
async fn call(sb: &Running, path: &str, kv: &KeyValues) -> KeyValues {
    let e = wire::encrypt(&sb.app.cfg.blowfish_key, &kv.encode()).unwrap();
    let (st, text) = post_raw(
        sb,
        path,
        &[
            ("MerchantID", sb.app.cfg.merchant_id.clone()),
            ("Len", e.len.to_string()),
            ("Data", e.data),
        ],
    )
    .await;
    assert_eq!(st, 200, "{text}");
    open(sb, &text)
}

fn open(sb: &Running, text: &str) -> KeyValues {
    let outer = KeyValues::parse(text);
    match (outer.get("Len"), outer.get("Data")) {
        (Some(l), Some(d)) => KeyValues::parse(
            &wire::decrypt(&sb.app.cfg.blowfish_key, wire::parse_len(l).unwrap(), d).unwrap(),
        ),
        _ => outer,
    }
}

fn assert_error(kv: &KeyValues, what: &str) {
    let code = kv
        .get("Code")
        .unwrap_or_else(|| panic!("{what}: no Code in {kv:?}"));
    assert_eq!(code.len(), 8, "{what}");
    assert!(code.starts_with('2'), "{what}: {code}");
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

#[tokio::test]
async fn hostile_input_gets_error_codes() {
    let sb = sandbox(10_000).await;
    let mid = sb.app.cfg.merchant_id.clone();
    let good = wire::encrypt(&sb.app.cfg.blowfish_key, &request(&sb, &[], true).encode()).unwrap();
    let cases: Vec<(&str, Vec<(&str, String)>)> = vec![
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
    ];
    for (what, form) in cases {
        for path in ["/direct.aspx", "/customer.aspx"] {
            let (st, text) = post_raw(&sb, path, &form).await;
            assert!(st < 500, "{what}: {st}");
            assert_error(&KeyValues::parse(&text), what);
        }
    }
    let encrypted_cases: Vec<(&str, KeyValues)> = vec![
        ("wrong MAC", request(&sb, &[], false)),
        ("broken base64 card", request(&sb, &[("card", "%%%not-base64".into())], true)),
        ("card not JSON", request(&sb, &[("card", wire::b64(b"[1,2"))], true)),
        ("card missing fields", request(&sb, &[("card", wire::b64(b"{\"number\":\"4111111111111111\"}"))], true)),
        ("missing Amount", request(&sb, &[("Amount", String::new())], true)),
        ("oversized TransID", request(&sb, &[("TransID", "T".repeat(65))], true)),
        ("bad Luhn", request(&sb, &[("card", wire::b64(json!({"number": "4111111111111112", "expiryDate": "203012", "securityCode": "123"}).to_string().as_bytes()))], true)),
        ("expired", request(&sb, &[("card", wire::b64(json!({"number": "4111111111111111", "expiryDate": "202001", "securityCode": "123"}).to_string().as_bytes()))], true)),
        ("cvc length", request(&sb, &[("card", wire::b64(json!({"number": "378282246310005", "expiryDate": "203012", "securityCode": "123"}).to_string().as_bytes()))], true)),
        ("unknown pseudo card", request(&sb, &[("card", wire::b64(json!({"number": "0123456789012111", "expiryDate": "203012", "securityCode": "123"}).to_string().as_bytes()))], true)),
        ("bad window size", request(&sb, &[("browserInfo", wire::b64(b"{\"challengeWindowSize\":\"09\"}"))], true)),
    ];
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
async fn customer_data_storage_and_rest() {
    let sb = sandbox(10_000).await;
    let mut b = common::Browser::new(&sb);
    b.get("/paygate/payment-methods").await;
    let token = b
        .cookie
        .clone()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_string();
    let customer = sb
        .app
        .backend
        .store
        .session_customer(&token)
        .unwrap()
        .unwrap();
    let mut kv = KeyValues::new();
    kv.push("MerchantID", sb.app.cfg.merchant_id.clone())
        .push("EventToken", "GetDetails")
        .push("CustomerId", customer.clone());
    let a = call(&sb, "/customer.aspx", &kv).await;
    assert_eq!(a.get("Code"), Some("00000000"));
    let infos: Value = wire::b64_json(a.get("CustomerInfos").unwrap()).unwrap();
    assert_eq!(infos["CustomerId"], customer.as_str());
    let cards = infos["CustomerDataInfos"].as_array().unwrap();
    assert_eq!(cards.len(), 3);
    assert!(cards
        .iter()
        .any(|c| c["Active"] == false && c["Expiry"] == "202301"));
    assert_eq!(cards[0]["CCNrMasked"], "411111xxxxxx1111");

    let mut unknown = kv.clone();
    unknown.remove("CustomerId");
    unknown.push("CustomerId", "nobody");
    assert_eq!(
        call(&sb, "/customer.aspx", &unknown).await.get("Code"),
        Some("23341536")
    );

    let http = reqwest::Client::new();
    let url = format!(
        "{}/api/v2/customers/{customer}/paymentMethods",
        sb.app.cfg.paygate
    );
    assert_eq!(http.get(&url).send().await.unwrap().status().as_u16(), 401);
    assert_eq!(
        http.get(&url)
            .basic_auth(&sb.app.cfg.merchant_id, Some("wrong"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        401
    );
    let pw = String::from_utf8(sb.app.cfg.hmac_key.clone()).unwrap();
    let list: Value = http
        .get(&url)
        .basic_auth(&sb.app.cfg.merchant_id, Some(&pw))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["paymentMethods"].as_array().unwrap().len(), 3);
    let all: Value = http
        .get(format!("{}/api/v2/customers", sb.app.cfg.paygate))
        .basic_auth(&sb.app.cfg.merchant_id, Some(&pw))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all["customers"].as_array().unwrap().len(), 1);

    let one = format!("{}/api/v2/customers/{customer}", sb.app.cfg.paygate);
    let patch = |body: Value| {
        http.patch(&one)
            .basic_auth(&sb.app.cfg.merchant_id, Some(&pw))
            .json(&body)
            .send()
    };
    assert_eq!(
        http.patch(&one)
            .json(&json!({"email": "x@example.org"}))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        401
    );
    let r = patch(json!({"email": "max@example.org", "lastName": "Muster"}))
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let updated: Value = r.json().await.unwrap();
    assert_eq!(
        (updated["email"].as_str(), updated["lastName"].as_str()),
        (Some("max@example.org"), Some("Muster"))
    );
    assert_eq!(updated["merchantCustomerId"], customer.as_str());
    assert_eq!(
        updated["paymentMethods"].as_array().unwrap().len(),
        3,
        "the cards stay"
    );
    for (body, code) in [
        (json!({"merchantCustomerId": "someone-else"}), "read_only"),
        (json!({"paymentMethods": []}), "read_only"),
        (json!({"nickname": "Maxi"}), "unknown_field"),
        (json!({"email": "not an address"}), "invalid_field"),
        (json!({"firstName": 42}), "invalid_field"),
        (json!({"firstName": "x".repeat(51)}), "invalid_field"),
        (json!(["email"]), "invalid_json"),
    ] {
        let r = patch(body.clone()).await.unwrap();
        assert_eq!(r.status().as_u16(), 400, "{body}");
        assert_eq!(
            r.json::<Value>().await.unwrap()["error"]["code"],
            code,
            "{body}"
        );
    }
    let after: Value = http
        .get(&one)
        .basic_auth(&sb.app.cfg.merchant_id, Some(&pw))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (after["email"].as_str(), after["firstName"].as_str()),
        (Some("max@example.org"), Some("Max")),
        "refused patches changed nothing"
    );
    let nobody = format!("{}/api/v2/customers/nobody", sb.app.cfg.paygate);
    let r = http
        .patch(&nobody)
        .basic_auth(&sb.app.cfg.merchant_id, Some(&pw))
        .json(&json!({"email": "a@b.c"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);

    let mut del = KeyValues::new();
    del.push("MerchantID", sb.app.cfg.merchant_id.clone())
        .push("EventToken", "Delete")
        .push("Type", "CreditCard")
        .push("CustomerId", customer.clone());
    let a = call(&sb, "/customer.aspx", &del).await;
    assert_eq!(
        (a.get("Status"), a.get("Description")),
        (Some("OK"), Some("Deleted"))
    );
    assert_eq!(
        call(&sb, "/customer.aspx", &kv).await.get("Code"),
        Some("23341536")
    );
    assert_eq!(
        b.get("/paygate/payment-methods").await.1["paymentMethods"],
        json!([])
    );
}

#[tokio::test]
async fn binary_prints_origins_and_serves_shop() {
    use tokio::io::AsyncBufReadExt;
    let www = std::env::temp_dir().join(format!("pgsb-www-{}", std::process::id()));
    std::fs::create_dir_all(www.join("paypage")).unwrap();
    std::fs::write(www.join("index.html"), "<!DOCTYPE html><title>shop</title>").unwrap();
    std::fs::write(
        www.join("paypage/index.html"),
        "<!DOCTYPE html><title>pp</title>",
    )
    .unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_paygate-sandbox"))
        .args(["--ports", "0", "--www"])
        .arg(&www)
        .arg("--data-dir")
        .arg(www.join("data"))
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next_line().await.unwrap().unwrap();
    assert!(
        first.starts_with("{\"shop\":\"http://127.0.0.1:"),
        "{first}"
    );
    let urls: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(urls.as_object().unwrap().len(), 3);
    let shop = urls["shop"].as_str().unwrap();
    assert!(shop.starts_with("http://127.0.0.1:"));
    assert_eq!(
        lines.next_line().await.unwrap().unwrap(),
        format!("open {shop}/")
    );
    let http = reqwest::Client::new();
    let cfg: Value = http
        .get(format!("{shop}/config.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        cfg,
        json!({"paygateOrigins": [urls["paygate"]], "acsOrigin": urls["acs"], "backendUrl": "/paygate"})
    );
    let r = http.get(format!("{shop}/paypage/")).send().await.unwrap();
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains(urls["acs"].as_str().unwrap()),
        "{csp}"
    );
    assert_eq!(
        http.get(format!("{shop}/"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        http.get(format!("{shop}/../../etc/passwd"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
            / 100,
        4
    );
    child.kill().await.ok();
    std::fs::remove_dir_all(&www).ok();
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
