//! The reference backend stays bounded: calls without a session make no lasting state, and
//! sessions, customers, payments and idempotency answers expire (with a sweep).

mod common;

use paygate_sandbox::backend::store::Records;
use std::time::Duration;

use common::{card, sandbox, sandbox_with, Browser};
use paygate_sandbox::backend::state::Lifetimes;
use serde_json::json;

#[tokio::test]
async fn calls_without_a_session_create_no_lasting_state() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    assert_eq!(
        b.get("/paygate/payments/0123456789abcdef0123456789abcdef?wait=0")
            .await
            .0,
        404
    );
    assert_eq!(
        b.post(
            "/paygate/payments/0123456789abcdef0123456789abcdef/result",
            json!({"MID": "x", "Len": 1, "Data": "00"})
        )
        .await
        .0,
        400
    );
    assert_eq!(
        b.send(
            reqwest::Method::DELETE,
            "/paygate/payment-methods/pm1",
            None
        )
        .await
        .0,
        404
    );
    assert_eq!(b.get("/config.json").await.0, 200);
    assert!(b.cookie.is_none(), "no cookie handed out");
    assert_eq!(sb.app.backend.store.counts().await.unwrap(), [0, 0, 0, 0]);
    // The payment-creating call is the one that makes a session.
    assert_eq!(b.pay(card("4111111111111111"), json!({})).await.0, 200);
    assert!(b.cookie.is_some());
    assert_eq!(sb.app.backend.store.counts().await.unwrap(), [1, 1, 1, 1]);
}

#[tokio::test]
async fn sessions_payments_and_answers_expire_and_are_swept() {
    // Expiry is in whole seconds: 2 s leave the three payments at least 1 s before a sweep may
    // take their records (with 1 s, a loaded machine saw the first one go before the count).
    let sb = sandbox_with(|o| {
        o.lifetimes = Lifetimes {
            session: Duration::from_secs(2),
            payment: Duration::from_secs(2),
        }
    })
    .await;
    for _ in 0..3 {
        let mut b = Browser::new(&sb);
        b.get("/paygate/payment-methods").await;
        assert_eq!(b.pay(card("4111111111111111"), json!({})).await.0, 200);
    }
    assert_eq!(sb.app.backend.store.counts().await.unwrap(), [3, 3, 3, 3]);
    assert_eq!(
        sb.app.vault.customers(&sb.app.cfg.merchant_id).len(),
        3,
        "demo cards in the vault"
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(6);
    while sb.app.backend.store.counts().await.unwrap() != [0, 0, 0, 0]
        && std::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        sb.app.backend.store.counts().await.unwrap(),
        [0, 0, 0, 0],
        "all swept"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        sb.app.vault.customers(&sb.app.cfg.merchant_id).len(),
        0,
        "the expired demo customers left the vault"
    );
}
