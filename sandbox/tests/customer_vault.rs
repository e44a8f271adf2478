//! The customer vault as a merchant's backend reaches it: Customer Data Storage
//! (`customer.aspx` GetDetails and Delete) and the REST API under `/api/v2` with HTTP Basic.

mod common;

use paygate_sandbox::backend::store::Records;

use common::paygate::call;
use common::{sandbox, Browser};
use paygate_sandbox::server::Running;
use paygate_sandbox::wire;
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::{json, Value};

/// The session customer of a browser that listed its saved cards (the demo customer).
async fn demo_customer(sb: &Running, b: &mut Browser) -> String {
    b.get("/paygate/payment-methods").await;
    let token = b
        .cookie
        .clone()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_string();
    sb.app
        .backend
        .store
        .session_customer(&token)
        .await
        .unwrap()
        .unwrap()
}

/// A `customer.aspx` inquiry.
fn inquiry(sb: &Running, event: &str, customer: &str) -> KeyValues {
    let mut kv = KeyValues::new();
    kv.push("MerchantID", sb.app.cfg.merchant_id.clone())
        .push("EventToken", event);
    if event == "Delete" {
        kv.push("Type", "CreditCard");
    }
    kv.push("CustomerId", customer);
    kv
}

/// GetDetails answers the demo customer's three cards; an unknown customer gets `23341536`.
async fn assert_get_details(sb: &Running, customer: &str) {
    let a = call(sb, "/customer.aspx", &inquiry(sb, "GetDetails", customer)).await;
    assert_eq!(a.get("Code"), Some("00000000"));
    let infos: Value = wire::b64_json(a.get("CustomerInfos").unwrap()).unwrap();
    assert_eq!(infos["CustomerId"], customer);
    let cards = infos["CustomerDataInfos"].as_array().unwrap();
    assert_eq!(cards.len(), 3);
    assert!(cards
        .iter()
        .any(|c| c["Active"] == false && c["Expiry"] == "202301"));
    assert_eq!(cards[0]["CCNrMasked"], "411111xxxxxx1111");

    let mut unknown = inquiry(sb, "GetDetails", customer);
    unknown.remove("CustomerId");
    unknown.push("CustomerId", "nobody");
    assert_eq!(
        call(sb, "/customer.aspx", &unknown).await.get("Code"),
        Some("23341536")
    );
}

/// The vault REST API: 401 without or with wrong credentials; lists with them.
async fn assert_rest_lists(sb: &Running, customer: &str, pw: &str) {
    let http = reqwest::Client::new();
    let mid = &sb.app.cfg.merchant_id;
    let url = format!(
        "{}/api/v2/customers/{customer}/paymentMethods",
        sb.app.cfg.paygate
    );
    assert_eq!(http.get(&url).send().await.unwrap().status().as_u16(), 401);
    let wrong = http.get(&url).basic_auth(mid, Some("wrong")).send().await;
    assert_eq!(wrong.unwrap().status().as_u16(), 401);
    let get = |url: String| async {
        let r = http.get(url).basic_auth(mid, Some(pw)).send().await;
        r.unwrap().json::<Value>().await.unwrap()
    };
    let list = get(url.clone()).await;
    assert_eq!(list["paymentMethods"].as_array().unwrap().len(), 3);
    let all = get(format!("{}/api/v2/customers", sb.app.cfg.paygate)).await;
    assert_eq!(all["customers"].as_array().unwrap().len(), 1);
}

/// `PATCH /api/v2/customers/{id}` with the merchant's credentials.
async fn patch(sb: &Running, pw: &str, customer: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .patch(format!(
            "{}/api/v2/customers/{customer}",
            sb.app.cfg.paygate
        ))
        .basic_auth(&sb.app.cfg.merchant_id, Some(pw))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// A PATCH changes names and e-mail and nothing else; without credentials it is 401.
async fn assert_patch_updates(sb: &Running, customer: &str, pw: &str) {
    let unauthenticated = reqwest::Client::new()
        .patch(format!(
            "{}/api/v2/customers/{customer}",
            sb.app.cfg.paygate
        ))
        .json(&json!({"email": "x@example.org"}))
        .send()
        .await;
    assert_eq!(unauthenticated.unwrap().status().as_u16(), 401);
    let body = json!({"email": "max@example.org", "lastName": "Muster"});
    let r = patch(sb, pw, customer, &body).await;
    assert_eq!(r.status().as_u16(), 200);
    let updated: Value = r.json().await.unwrap();
    assert_eq!(
        (updated["email"].as_str(), updated["lastName"].as_str()),
        (Some("max@example.org"), Some("Muster"))
    );
    assert_eq!(updated["merchantCustomerId"], customer);
    assert_eq!(
        updated["paymentMethods"].as_array().unwrap().len(),
        3,
        "the cards stay"
    );
}

/// Refused PATCHes answer their code and change nothing; an unknown customer is 404.
async fn assert_patch_refusals(sb: &Running, customer: &str, pw: &str) {
    for (body, code) in [
        (json!({"merchantCustomerId": "someone-else"}), "read_only"),
        (json!({"paymentMethods": []}), "read_only"),
        (json!({"nickname": "Maxi"}), "unknown_field"),
        (json!({"email": "not an address"}), "invalid_field"),
        (json!({"firstName": 42}), "invalid_field"),
        (json!({"firstName": "x".repeat(51)}), "invalid_field"),
        (json!(["email"]), "invalid_json"),
    ] {
        let r = patch(sb, pw, customer, &body).await;
        assert_eq!(r.status().as_u16(), 400, "{body}");
        assert_eq!(
            r.json::<Value>().await.unwrap()["error"]["code"],
            code,
            "{body}"
        );
    }
    let after: Value = reqwest::Client::new()
        .get(format!(
            "{}/api/v2/customers/{customer}",
            sb.app.cfg.paygate
        ))
        .basic_auth(&sb.app.cfg.merchant_id, Some(pw))
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
    let r = patch(sb, pw, "nobody", &json!({"email": "a@b.c"})).await;
    assert_eq!(r.status().as_u16(), 404);
}

#[tokio::test]
async fn customer_data_storage_and_rest() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let customer = demo_customer(&sb, &mut b).await;
    assert_get_details(&sb, &customer).await;
    let pw = String::from_utf8(sb.app.cfg.hmac_key.clone()).unwrap();
    assert_rest_lists(&sb, &customer, &pw).await;
    assert_patch_updates(&sb, &customer, &pw).await;
    assert_patch_refusals(&sb, &customer, &pw).await;

    let a = call(&sb, "/customer.aspx", &inquiry(&sb, "Delete", &customer)).await;
    assert_eq!(
        (a.get("Status"), a.get("Description")),
        (Some("OK"), Some("Deleted"))
    );
    let details = inquiry(&sb, "GetDetails", &customer);
    assert_eq!(
        call(&sb, "/customer.aspx", &details).await.get("Code"),
        Some("23341536")
    );
    assert_eq!(
        b.get("/paygate/payment-methods").await.1["paymentMethods"],
        json!([])
    );
}
