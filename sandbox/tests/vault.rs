//! Saved cards: demo customers, consent to save, pseudo card numbers, isolation between customers.

mod common;

use common::{card, sandbox, Browser};
use serde_json::{json, Value};

fn methods(v: &Value) -> Vec<Value> {
    v["paymentMethods"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn demo_customer_has_saved_cards() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let (st, list) = b.get("/paygate/payment-methods").await;
    assert_eq!(st, 200);
    let m = methods(&list);
    assert_eq!(m.len(), 3, "{list}");
    assert_eq!(
        (
            m[0]["brand"].as_str(),
            m[0]["last4Digits"].as_str(),
            m[0]["expiryDate"].as_str()
        ),
        (Some("VISA"), Some("1111"), Some("203012"))
    );
    assert_eq!(m[1]["brand"], "MasterCard");
    assert_eq!(m[2]["expiryDate"], "202301");
    for pm in &m {
        let pcn = pm["pseudoCardNumber"].as_str().unwrap();
        assert!(pcn.len() == 16 && pcn.starts_with('0'));
        assert_eq!(&pcn[13..], &pm["last4Digits"].as_str().unwrap()[1..]);
        assert_eq!(pm["type"], "card");
        assert!(
            pm["cardHolderName"].is_string()
                && pm["createdAt"].is_string()
                && pm["lastUsedAt"].is_string()
        );
    }
    // Paying with a saved card needs only the CVC; the expired one is refused.
    let (st, created) = b
        .post(
            "/paygate/payments",
            json!({"payment": {"amount": 100, "currency": "EUR"},
        "savedCard": {"id": m[0]["id"], "securityCode": "123"}, "browserInfo": {}}),
        )
        .await;
    assert_eq!(st, 200, "{created}");
    let resp = b.method(&created["next"]["versioningData"]).await.unwrap();
    let (_, r) = b.result(created["payId"].as_str().unwrap(), &resp).await;
    assert_eq!(r["result"]["status"], "AUTHORIZED");
    let (st, r) = b
        .post(
            "/paygate/payments",
            json!({"payment": {"amount": 100, "currency": "EUR"},
        "savedCard": {"id": m[2]["id"], "securityCode": "123"}}),
        )
        .await;
    assert_eq!(st, 400, "{r}");
}

/// The status of deleting a saved card.
async fn delete_card(b: &mut Browser, id: &str) -> u16 {
    b.send(
        reqwest::Method::DELETE,
        &format!("/paygate/payment-methods/{id}"),
        None,
    )
    .await
    .0
}

/// A payment with a stored card's pseudo card number in `card.number` (prefill).
fn prefill_payment(pcn: &str, holder: &str) -> Value {
    json!({"payment": {"amount": 100, "currency": "EUR"},
        "card": {"number": pcn, "expiryDate": "203012", "securityCode": "123", "cardholderName": holder, "brand": "VISA"}, "browserInfo": {}})
}

/// Its owner pays with a stored card by its pseudo card number, frictionless.
async fn assert_owner_pays_with_pcn(max: &mut Browser, pcn: &str) {
    let (st, created) = max
        .post("/paygate/payments", prefill_payment(pcn, "Max Mustermann"))
        .await;
    assert_eq!(st, 200, "{created}");
    let resp = max
        .method(&created["next"]["versioningData"])
        .await
        .unwrap();
    assert_eq!(
        max.result(created["payId"].as_str().unwrap(), &resp)
            .await
            .1["result"]["status"],
        "AUTHORIZED"
    );
}

#[tokio::test]
async fn other_customers_cards_cannot_be_read_used_or_deleted() {
    let sb = sandbox(10_000).await;
    let mut max = Browser::new(&sb);
    let mut other = Browser::new(&sb);
    let max_cards = methods(&max.get("/paygate/payment-methods").await.1);
    let other_cards = methods(&other.get("/paygate/payment-methods").await.1);
    let max_ids: Vec<&str> = max_cards.iter().filter_map(|m| m["id"].as_str()).collect();
    assert!(
        other_cards
            .iter()
            .all(|m| !max_ids.contains(&m["id"].as_str().unwrap())),
        "ids unique across customers"
    );
    let victim = max_ids[0];
    assert_eq!(delete_card(&mut other, victim).await, 404);
    let (st, _) = other
        .post(
            "/paygate/payments",
            json!({"payment": {"amount": 100, "currency": "EUR"},
        "savedCard": {"id": victim, "securityCode": "123"}}),
        )
        .await;
    assert_eq!(st, 404);
    // Prefill: the victim's pseudo card number in card.number is not the other customer's card.
    let victim_pcn = max_cards[0]["pseudoCardNumber"].as_str().unwrap();
    let (st, _) = other
        .post(
            "/paygate/payments",
            prefill_payment(victim_pcn, "Erika Musterfrau"),
        )
        .await;
    assert_eq!(st, 404);
    assert_owner_pays_with_pcn(&mut max, victim_pcn).await;
    assert_eq!(
        methods(&max.get("/paygate/payment-methods").await.1).len(),
        3
    );
    assert_eq!(delete_card(&mut max, victim).await, 204);
    assert_eq!(
        methods(&max.get("/paygate/payment-methods").await.1).len(),
        2
    );
}

#[tokio::test]
async fn consent_stores_the_card_and_sends_prefill_and_webhook() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    b.get("/paygate/payment-methods").await;
    let (_, created) = b
        .pay(
            card("5555555555554444")
                .as_object()
                .map(|c| {
                    let mut c = c.clone();
                    c.insert("expiryDate".into(), json!("203107"));
                    Value::Object(c)
                })
                .unwrap(),
            json!({"saveCard": true}),
        )
        .await;
    let resp = b.method(&created["next"]["versioningData"]).await.unwrap();
    let (_, r) = b.result(created["payId"].as_str().unwrap(), &resp).await;
    assert_eq!(r["result"]["status"], "AUTHORIZED");
    let m = methods(&b.get("/paygate/payment-methods").await.1);
    assert_eq!(m.len(), 4);
    assert_eq!(m[0]["expiryDate"], "203107", "newest first: {m:?}");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let hooks = sb.app.backend.webhooks.lock().unwrap().clone();
    assert!(
        hooks
            .iter()
            .any(|h| h["paymentMethod"]["action"] == "create"
                && h["paymentMethod"]["id"] == m[0]["id"]),
        "{hooks:?}"
    );
}

#[tokio::test]
async fn the_webhook_receiver_reads_events_with_the_protocol_core() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let delete = json!({"gatewayCustomerId": "g", "paymentMethod": {"id": "pm_1", "type": "card", "action": "delete"}});
    assert_eq!(
        b.post("/paygate/vault-webhook", delete.clone()).await.0,
        204
    );
    assert_eq!(
        sb.app.backend.webhooks.lock().unwrap().last(),
        Some(&delete)
    );
    for refused in [
        json!({"paymentMethod": {"id": "pm_1", "action": "update"}}),
        json!({"paymentMethod": {"action": "create", "id": "pm_2"}}),
        json!({"nothing": true}),
    ] {
        let (st, body) = b.post("/paygate/vault-webhook", refused.clone()).await;
        assert_eq!(
            (st, body["error"]["code"].as_str()),
            (400, Some("invalid_webhook")),
            "{refused}"
        );
    }
    assert_eq!(sb.app.backend.webhooks.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn demo_login_switches_customer() {
    let sb = sandbox(10_000).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = http
        .get(format!("{}/demo/login?customer=other", sb.app.cfg.shop))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let list: Value = http
        .get(format!("{}/paygate/payment-methods", sb.app.cfg.shop))
        .header("cookie", cookie.split(';').next().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(methods(&list)[0]["brand"], "AMEX");
}
