//! Idempotent payment creation at the reference backend (`Idempotency-Key`, sent as `ReqID`),
//! over real HTTP, with the shop's sandbox fault switches.

mod common;

use common::{arm_fault, authorizations, card, sandbox, Browser};
use paygate_sandbox::backend::store::Records;
use serde_json::{json, Value};

const KEY: &str = "Key0123456789abcdefABCDEF0123456";

#[tokio::test]
async fn malformed_key_is_refused_with_400_and_creates_nothing() {
    let sb = sandbox(10_000).await;
    for bad in ["", "has-dash", "x".repeat(33).as_str(), "ümlaut"] {
        let mut b = Browser::new(&sb);
        let (st, v) = b
            .pay_keyed(card("4111111111111111"), json!({}), Some(bad))
            .await;
        assert_eq!(st, 400, "{bad:?}: {v}");
        assert_eq!(v["error"]["code"], "invalid_idempotency_key");
        assert!(b.cookie.is_none(), "no session for a refused request");
    }
    assert_eq!(sb.app.backend.store.counts().await.unwrap(), [0, 0, 0, 0]);
    assert_eq!(
        authorizations(&sb.app.cfg.paygate, None).await["transactions"],
        0
    );
}

#[tokio::test]
async fn repeated_key_gets_the_first_answer_and_starts_nothing_new() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let (st, first) = b
        .pay_keyed(card("4111111111111111"), json!({}), Some(KEY))
        .await;
    assert_eq!(st, 200, "{first}");
    let (st, again) = b
        .pay_keyed(card("4111111111111111"), json!({}), Some(KEY))
        .await;
    assert_eq!((st, &again), (200, &first));
    let a = authorizations(&sb.app.cfg.paygate, None).await;
    assert_eq!(a["transactions"], 1, "one direct.aspx transaction: {a}");
}

#[tokio::test]
async fn requests_without_a_key_still_work_and_each_is_a_new_payment() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let (s1, p1) = b.pay(card("4111111111111111"), json!({})).await;
    let (s2, p2) = b.pay(card("4111111111111111"), json!({})).await;
    assert_eq!((s1, s2), (200, 200));
    assert_ne!(p1["payId"], p2["payId"]);
    assert_eq!(
        authorizations(&sb.app.cfg.paygate, None).await["transactions"],
        2
    );
}

#[tokio::test]
async fn key_of_another_customer_or_amount_is_a_409() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    assert_eq!(
        b.pay_keyed(card("4111111111111111"), json!({}), Some(KEY))
            .await
            .0,
        200
    );
    let (st, v) = b
        .pay_keyed(
            card("4111111111111111"),
            json!({"payment": {"amount": 5, "currency": "EUR"}}),
            Some(KEY),
        )
        .await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (409, Some("idempotency_key_reused")),
        "{v}"
    );
    let mut other = Browser::new(&sb);
    other.get("/paygate/payment-methods").await;
    let (st, v) = other
        .pay_keyed(card("4111111111111111"), json!({}), Some(KEY))
        .await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (409, Some("idempotency_key_reused")),
        "{v}"
    );
    assert_eq!(
        authorizations(&sb.app.cfg.paygate, None).await["transactions"],
        1
    );
}

/// The backend processes the request but its answer (and with it the session cookie) is lost:
/// the retry with the same key gets the same payment, which completes, and the Paygate carried
/// out exactly one authorisation.
#[tokio::test]
async fn lost_answer_retry_gets_the_same_payment_and_one_authorization() {
    let sb = sandbox(10_000).await;
    arm_fault(&sb.app.cfg.shop, json!({"dropNextPaymentAnswer": true})).await;
    let mut b = Browser::new(&sb);
    let (st, lost) = b
        .pay_keyed(card("4111111111111111"), json!({}), Some(KEY))
        .await;
    assert_eq!(
        (st, lost),
        (503, Value::Null),
        "processed, then answered 503 with no body"
    );
    assert!(b.cookie.is_none(), "the lost answer's cookie is lost too");
    let (st, created) = b
        .pay_keyed(card("4111111111111111"), json!({}), Some(KEY))
        .await;
    assert_eq!(st, 200, "{created}");
    assert!(
        b.cookie.is_some(),
        "the retry is handed the session that made the payment"
    );
    let pay_id = created["payId"].as_str().unwrap().to_string();
    let resp = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("payment response");
    let (st, r) = b.result(&pay_id, &resp).await;
    assert_eq!(
        (st, r["result"]["status"].as_str()),
        (200, Some("AUTHORIZED")),
        "{r}"
    );
    let a = authorizations(&sb.app.cfg.paygate, None).await;
    assert_eq!(
        (a["authorizations"].as_u64(), a["transactions"].as_u64()),
        (Some(1), Some(1)),
        "{a}"
    );
    assert_eq!(
        a["byTransId"][created["transId"].as_str().unwrap()]["authorizations"],
        1
    );
    // And a third try after the payment ended still answers the same creation.
    assert_eq!(
        b.pay_keyed(card("4111111111111111"), json!({}), Some(KEY))
            .await
            .1,
        created
    );
}

#[tokio::test]
async fn fail_next_payment_with_answers_that_status_without_processing() {
    let sb = sandbox(10_000).await;
    arm_fault(&sb.app.cfg.shop, json!({"failNextPaymentWith": 502})).await;
    let mut b = Browser::new(&sb);
    let (st, v) = b
        .pay_keyed(card("4111111111111111"), json!({}), Some(KEY))
        .await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (502, Some("sandbox_fault")),
        "{v}"
    );
    assert_eq!(
        sb.app.backend.store.counts().await.unwrap(),
        [0, 0, 0, 0],
        "nothing processed"
    );
    let (st, created) = b
        .pay_keyed(card("4111111111111111"), json!({}), Some(KEY))
        .await;
    assert_eq!(
        (st, created["next"]["type"].as_str()),
        (200, Some("method"))
    );
    assert_eq!(
        authorizations(&sb.app.cfg.paygate, None).await["transactions"],
        1
    );
}

#[tokio::test]
async fn unknown_fault_is_refused() {
    let sb = sandbox(10_000).await;
    let r = reqwest::Client::new()
        .post(format!("{}/__sandbox/faults", sb.app.cfg.shop))
        .body("{\"dropEverything\":true}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "invalid_fault");
}

/// Four requests with one key at once (the client retried while the first was in flight):
/// the repeats wait for the first answer; one payment.
#[tokio::test]
async fn concurrent_repeats_of_a_key_get_one_payment() {
    let sb = sandbox(10_000).await;
    let mut first = Browser::new(&sb);
    first.get("/paygate/payment-methods").await;
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let mut b = Browser {
                http: reqwest::Client::new(),
                cookie: first.cookie.clone(),
                shop: first.shop.clone(),
            };
            tokio::spawn(async move {
                b.pay_keyed(card("4111111111111111"), json!({}), Some(KEY))
                    .await
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    for (st, v) in &answers {
        assert_eq!(
            (*st, v),
            (200, &answers[0].1),
            "every repeat gets the same answer"
        );
    }
    assert_eq!(
        authorizations(&sb.app.cfg.paygate, None).await["transactions"],
        1
    );
}
