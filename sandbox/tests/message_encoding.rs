//! The switch that makes the Paygate's browser documents post base64 of the JSON text, as the
//! real Paygate's integrations read it, instead of the JSON text.

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use common::{card, sandbox, Browser};
use paygate_sandbox::html;
use serde_json::{json, Value};

/// The string literal the document hands to `parent.postMessage`.
fn posted_literal(doc: &str) -> Option<String> {
    let start = doc.find("parent.postMessage(")? + "parent.postMessage(".len();
    let rest = &doc[start..];
    let end = rest.find(", ")?;
    serde_json::from_str::<String>(&rest[..end]).ok()
}

async fn switch(b: &Browser, paygate: &str, body: Value) -> (u16, Value) {
    let resp = b
        .http
        .post(format!("{paygate}/__sandbox/message-encoding"))
        .json(&body)
        .send()
        .await
        .expect("paygate reachable");
    (
        resp.status().as_u16(),
        resp.json().await.unwrap_or(Value::Null),
    )
}

/// The challenge card's method documents: the ACS's, then the Paygate's answer.
async fn method_document(b: &mut Browser) -> String {
    let (st, created) = b
        .pay(
            card("4000000000001091"),
            json!({"browserInfo": {"challengeWindowSize": "02", "colorDepth": 24}}),
        )
        .await;
    assert_eq!(st, 200, "{created}");
    let v = &created["next"]["versioningData"];
    let acs_doc = b
        .form(
            v["threeDSMethodURL"].as_str().unwrap(),
            &[(
                "threeDSMethodData".into(),
                v["threeDSMethodDataForm"].as_str().unwrap().into(),
            )],
        )
        .await;
    b.follow(&acs_doc).await
}

#[tokio::test]
async fn documents_post_json_text_by_default_and_base64_after_the_switch() {
    let sb = sandbox(10_000).await;
    let paygate = sb.app.cfg.paygate.clone();
    let mut b = Browser::new(&sb);

    let doc = method_document(&mut b).await;
    assert!(
        doc.contains("parent.postMessage(JSON.stringify(obj), "),
        "{doc}"
    );
    assert!(html::extract_post_message(&doc)
        .unwrap()
        .get("challengeWindowSize")
        .is_none());

    assert_eq!(
        switch(&b, &paygate, json!({"encoding": "base64"})).await,
        (200, json!({"encoding": "base64"}))
    );
    let doc = method_document(&mut b).await;
    let object = html::extract_post_message(&doc).expect("the object is still in the document");
    let posted = posted_literal(&doc).expect("a string literal is posted");
    let decoded: Value =
        serde_json::from_slice(&STANDARD.decode(&posted).expect("standard base64"))
            .expect("of JSON text");
    assert_eq!(decoded, object);
    assert_eq!(
        decoded["challengeWindowSize"], "02",
        "the real Paygate's top-level size"
    );
    assert_eq!(
        decoded["challengeWindowSize"],
        decoded["challengeRequest"]["challengeWindowSize"]
    );

    assert_eq!(
        switch(&b, &paygate, json!({"encoding": "json"})).await.0,
        200
    );
    assert!(method_document(&mut b)
        .await
        .contains("parent.postMessage(JSON.stringify(obj), "));
    assert_eq!(
        switch(&b, &paygate, json!({"encoding": "hex"})).await.0,
        400
    );
    assert_eq!(switch(&b, &paygate, json!({})).await.0, 400);
}
