//! Faults between the Paygate, the browser and the reference backend, over real HTTP. Each
//! test's name says the outcome.

mod common;

use paygate_sandbox::backend::store::Records;
use std::time::Duration;

use common::{arm_fault, card, sandbox, Browser};
use paygate_sandbox::backend::state::Lifetimes;
use paygate_sandbox::server::{start, Options, Role};
use serde_json::{json, Value};

async fn frictionless_until_response(b: &mut Browser) -> (String, Value) {
    let (st, created) = b.pay(card("4111111111111111"), json!({})).await;
    assert_eq!(st, 200, "{created}");
    let pay_id = created["payId"].as_str().unwrap().to_string();
    let resp = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("payment response");
    (pay_id, resp)
}

#[tokio::test]
async fn late_notify_gives_final_false_then_the_result_once_it_arrives() {
    let sb = sandbox(10_000).await;
    arm_fault(&sb.app.cfg.paygate, json!({"delayNextNotifyMs": 600})).await;
    let mut b = Browser::new(&sb);
    let (pay_id, resp) = frictionless_until_response(&mut b).await;
    let (st, r) = b.result(&pay_id, &resp).await;
    assert_eq!(
        (st, &r),
        (200, &json!({"final": false})),
        "URLNotify not yet in"
    );
    let (_, poll) = b.get(&format!("/paygate/payments/{pay_id}?wait=10")).await;
    assert_eq!(poll["state"], "done", "{poll}");
    let (_, r) = b.result(&pay_id, &resp).await;
    assert_eq!(
        (r["final"].as_bool(), r["result"]["status"].as_str()),
        (Some(true), Some("AUTHORIZED")),
        "{r}"
    );
}

#[tokio::test]
async fn duplicated_notify_gives_one_result_and_no_second_state_change() {
    let sb = sandbox(10_000).await;
    let mut versions = Vec::new();
    for dup in [false, true] {
        if dup {
            arm_fault(&sb.app.cfg.paygate, json!({"duplicateNextNotify": true})).await;
        }
        let mut b = Browser::new(&sb);
        let (pay_id, resp) = frictionless_until_response(&mut b).await;
        let (_, r) = b.result(&pay_id, &resp).await;
        assert_eq!(r["result"]["status"], "AUTHORIZED", "{r}");
        versions.push(
            sb.app
                .backend
                .store
                .payment_by_pay_id(&pay_id)
                .await
                .unwrap()
                .unwrap()
                .version,
        );
    }
    assert_eq!(
        versions[0], versions[1],
        "the repeated notification changed nothing"
    );
}

#[tokio::test]
async fn stale_challenge_notify_after_the_final_one_is_ignored() {
    let sb = sandbox(10_000).await;
    arm_fault(
        &sb.app.cfg.paygate,
        json!({"staleNotifyAfterNextFinal": true}),
    )
    .await;
    let mut b = Browser::new(&sb);
    let (_, created) = b.pay(card("4000000000001091"), json!({})).await;
    let pay_id = created["payId"].as_str().unwrap().to_string();
    let ch = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("challenge");
    let resp = b.challenge(&ch, Some("1234")).await;
    let (_, poll) = b.get(&format!("/paygate/payments/{pay_id}")).await;
    assert_eq!(
        (poll["state"].as_str(), poll["result"]["status"].as_str()),
        (Some("done"), Some("AUTHORIZED")),
        "{poll}"
    );
    let (_, r) = b.result(&pay_id, &resp).await;
    assert_eq!(r["result"]["status"], "AUTHORIZED");
}

#[tokio::test]
async fn long_poll_dropped_mid_wait_then_a_new_poll_gets_the_state() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let (_, created) = b.pay(card("4000000000001091"), json!({})).await;
    let pay_id = created["payId"].as_str().unwrap().to_string();
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let url = format!("{}/paygate/payments/{pay_id}?wait=20", sb.app.cfg.shop);
    let dropped = impatient
        .get(&url)
        .header("cookie", b.cookie.clone().unwrap())
        .send()
        .await;
    assert!(dropped.is_err(), "the client gave up mid-wait");
    let ch = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("challenge");
    let (_, poll) = b.get(&format!("/paygate/payments/{pay_id}?wait=5")).await;
    assert_eq!(poll["state"], "challenge", "{poll}");
    assert_eq!(poll["challenge"], ch);
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        sb.app.backend.waiters.is_empty(),
        "no waiter left behind by the dropped poll"
    );
}

#[tokio::test]
async fn paygate_unreachable_gives_a_502_json_error_and_nothing_authorized() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://127.0.0.1:{}", closed.local_addr().unwrap().port());
    drop(closed);
    let opts = Options {
        role: Role::Backend {
            paygate: dead.clone(),
            acs: dead,
        },
        ports: [0, 0, 0],
        lifetimes: Lifetimes {
            session: Duration::from_secs(60),
            payment: Duration::from_secs(60),
        },
        ..Options::default()
    };
    let sb = start(opts).await.unwrap();
    let mut b = Browser::new(&sb);
    for _ in 0..2 {
        let (st, v) = b
            .pay_keyed(card("4111111111111111"), json!({}), Some("k1"))
            .await;
        assert_eq!(
            (st, v["error"]["code"].as_str()),
            (502, Some("paygate_unreachable")),
            "{v}"
        );
        assert!(
            v["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Paygate unreachable"),
            "{v}"
        );
    }
    let [_, _, payments, keys] = sb.app.backend.store.counts().await.unwrap();
    assert_eq!(
        (payments, keys),
        (1, 1),
        "the retry reused the same TransID"
    );
    assert_eq!(
        sb.app.backend.store.final_count().await.unwrap(),
        0,
        "nothing stored as authorized"
    );
}
