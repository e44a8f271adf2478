//! Database faults under two instances on PostgreSQL (a server of their own, started by the
//! test): the database restarted during a payment (the instances reconnect, nothing is lost,
//! wake-ups still cross instances), and the database unreachable (503 `database_unavailable`
//! for every call that needs it, never a wrong answer; an instance cannot start without it).

mod common;

use std::time::{Duration, Instant};

use common::forge::{browser_response, notification, post_notification};
use common::instances::{legacy_response, long_poll, Cluster};
use common::postgres::{free_port, PgServer};
use common::{authorizations, card, Browser};
use serde_json::{json, Value};

fn text(v: &Value, k: &str) -> String {
    v[k].as_str()
        .unwrap_or_else(|| panic!("{k} in {v}"))
        .to_string()
}

/// Polls like the checkout (503s are repeated) until the payment is done, at most 40 s.
async fn poll_until_done(b: &mut Browser, pay_id: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let (st, poll) = b.get(&format!("/paygate/payments/{pay_id}?wait=5")).await;
        assert!(st == 200 || st == 503, "{st} {poll}");
        if poll["state"] == "done" || Instant::now() > deadline {
            return poll;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// Asserts a 503 `database_unavailable` answer.
fn assert_unavailable((st, v): (u16, Value), what: &str) {
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (503, Some("database_unavailable")),
        "{what}: {v}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_restarted_during_a_payment_nothing_is_lost() {
    let mut pg = PgServer::start(false);
    let c = Cluster::start(&pg.database().await).await;
    let mut b = Browser::at(&c.a.shop);
    let (st, created) = b
        .pay_keyed(card("4000000000001091"), json!({}), Some("restartedDb"))
        .await;
    assert_eq!(st, 200, "{created}");
    let pay_id = text(&created, "payId");
    let ch = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("challenge");
    tokio::task::block_in_place(|| pg.stop());
    let poll = format!("/paygate/payments/{pay_id}?wait=1");
    assert_unavailable(b.get(&poll).await, "poll at a while the database is down");
    // The challenge ends while the database is down: b refuses the URLNotify (503), and the
    // Paygate repeats it.
    let resp = b.challenge(&ch, Some("1234")).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    tokio::task::block_in_place(|| pg.run());
    let polled = poll_until_done(&mut b, &pay_id).await;
    assert_eq!(polled["result"]["status"], "AUTHORIZED", "{polled}");
    let (_, r) = b.result(&pay_id, &resp).await;
    assert_eq!(r["final"], true, "{r}");
    let (_, again) = b
        .pay_keyed(card("4000000000001091"), json!({}), Some("restartedDb"))
        .await;
    assert_eq!(again, created, "the first answer survived the restart");
    let a = authorizations(&c.paygate, None).await;
    assert_eq!(
        (a["authorizations"].as_u64(), a["transactions"].as_u64()),
        (Some(1), Some(1)),
        "{a}"
    );
    a_long_poll_still_wakes_across_instances(&c, &mut b).await;
}

/// After the restart the instances listen again: a poll at a wakes within a second of the
/// URLNotify at b.
async fn a_long_poll_still_wakes_across_instances(c: &Cluster, b: &mut Browser) {
    let (st, created) = b.pay(card("4000000000002008"), json!({})).await;
    assert_eq!(st, 200, "{created}");
    let poll = long_poll(b, &text(&created, "payId"), 25);
    tokio::time::sleep(Duration::from_millis(300)).await;
    legacy_response(b, &created["next"], &c.acs).await;
    let notified = Instant::now();
    let (_, polled) = poll.await.unwrap();
    assert!(
        notified.elapsed() < Duration::from_secs(1),
        "{:?}",
        notified.elapsed()
    );
    assert_eq!(polled["state"], "done", "{polled}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_unreachable_is_a_503_with_a_clear_code_never_a_wrong_answer() {
    let mut pg = PgServer::start(false);
    let c = Cluster::start(&pg.database().await).await;
    let mut b = Browser::at(&c.a.shop);
    let (_, created) = b.pay(card("4000000000002008"), json!({})).await;
    let (pay_id, trans_id) = (text(&created, "payId"), text(&created, "transId"));
    tokio::task::block_in_place(|| pg.stop());
    for shop in [&c.a.shop, &c.b.shop] {
        b.shop = shop.clone();
        assert_unavailable(b.pay(card("4111111111111111"), json!({})).await, "create");
        let poll = format!("/paygate/payments/{pay_id}?wait=1");
        assert_unavailable(b.get(&poll).await, "poll");
        let resp = browser_response(&pay_id, &trans_id, "AUTHORIZED", "00000000");
        assert_unavailable(b.result(&pay_id, &resp).await, "result");
        assert_unavailable(b.get("/paygate/payment-methods").await, "saved cards");
        let remove = b.send(
            reqwest::Method::DELETE,
            "/paygate/payment-methods/pm1",
            None,
        );
        assert_unavailable(remove.await, "remove a saved card");
        let notify = notification(&pay_id, &trans_id, "AUTHORIZED", "00000000");
        assert_eq!(
            post_notification(shop.clone(), notify).await,
            503,
            "URLNotify"
        );
    }
    tokio::task::block_in_place(|| pg.run());
    b.shop = c.a.shop.clone();
    let deadline = Instant::now() + Duration::from_secs(20);
    let (st, polled) = loop {
        let (st, polled) = b.get(&format!("/paygate/payments/{pay_id}?wait=0")).await;
        if st != 503 || Instant::now() > deadline {
            break (st, polled);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!((st, &polled["state"]), (200, &json!("pending")), "{polled}");
}

#[tokio::test]
async fn an_instance_does_not_start_without_its_database() {
    let dead = format!("postgres://postgres@127.0.0.1:{}/none", free_port());
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_paygate-sandbox"))
        .args([
            "--role",
            "backend",
            "--ports",
            "0",
            "--paygate-url",
            "http://127.0.0.1:9",
        ])
        .args(["--acs-url", "http://127.0.0.1:9", "--database-url", &dead])
        .output()
        .await
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stdout_is_empty(&out.stdout),
        "no origins line when it cannot start"
    );
    assert!(
        stderr.contains("cannot start: database unavailable"),
        "{stderr}"
    );
}

fn stdout_is_empty(stdout: &[u8]) -> bool {
    stdout.iter().all(u8::is_ascii_whitespace)
}
