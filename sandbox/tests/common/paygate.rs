//! The Paygate's wire as a merchant's backend speaks it: encrypted requests and their answers.

use paygate_sandbox::server::Running;
use paygate_sandbox::wire;
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::json;

/// A direct.aspx request for `T1` (100 EUR, a frictionless VISA) with `extra` replacing its
/// parameters, its MAC right or wrong.
pub fn request(sb: &Running, extra: &[(&str, String)], mac_ok: bool) -> KeyValues {
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

/// POSTs `form` to a Paygate path; returns the status and the body.
pub async fn post_raw(sb: &Running, path: &str, form: &[(&str, String)]) -> (u16, String) {
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
pub async fn call(sb: &Running, path: &str, kv: &KeyValues) -> KeyValues {
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

/// The pairs of an answer, decrypted when it carries `Len` and `Data`.
pub fn open(sb: &Running, text: &str) -> KeyValues {
    let outer = KeyValues::parse(text);
    match (outer.get("Len"), outer.get("Data")) {
        (Some(l), Some(d)) => KeyValues::parse(
            &wire::decrypt(&sb.app.cfg.blowfish_key, wire::parse_len(l).unwrap(), d).unwrap(),
        ),
        _ => outer,
    }
}

/// Asserts an error answer: an 8-digit `Code` starting with 2.
pub fn assert_error(kv: &KeyValues, what: &str) {
    let code = kv
        .get("Code")
        .unwrap_or_else(|| panic!("{what}: no Code in {kv:?}"));
    assert_eq!(code.len(), 8, "{what}");
    assert!(code.starts_with('2'), "{what}: {code}");
}
