//! The reference backend as two instances (`--role backend --database-url postgres://…`) on one
//! PostgreSQL database that the test starts itself, with one Paygate process: the browser talks
//! to instance `a`, the Paygate's URLNotify of `a`'s payments goes to instance `b`. Long polls
//! wake across instances, the idempotency rule holds across them, simultaneous notifications,
//! results and polls at both give one final state, and `b` finishes a payment when `a` is
//! killed mid-challenge.

mod common;

use std::time::{Duration, Instant};

use common::forge::{browser_response, notification, post_notification};
use common::instances::{legacy_response, long_poll, Cluster};
use common::postgres::PgServer;
use common::{arm_fault, authorizations, card, Browser};
use futures_util::future::join_all;
use serde_json::{json, Value};

/// A started cluster on a fresh database of the shared server.
async fn cluster() -> Cluster {
    Cluster::start(&PgServer::shared().database().await).await
}

/// A browser with `b`'s session, talking to `shop`.
fn twin(b: &Browser, shop: &str) -> Browser {
    let mut t = Browser::at(shop);
    t.cookie = b.cookie.clone();
    t
}

fn text(v: &Value, k: &str) -> String {
    v[k].as_str()
        .unwrap_or_else(|| panic!("{k} in {v}"))
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_poll_at_one_instance_wakes_within_a_second_of_the_urlnotify_at_the_other() {
    let c = cluster().await;
    let mut b = Browser::at(&c.a.shop);
    // 3-D Secure 1.0: pending until the final URLNotify, which reaches b.
    let (st, created) = b.pay(card("4000000000002008"), json!({})).await;
    assert_eq!(st, 200, "{created}");
    let pay_id = text(&created, "payId");
    let poll = long_poll(&b, &pay_id, 25);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let resp = legacy_response(&b, &created["next"], &c.acs).await;
    // The Paygate sends the URLNotify (to b) before it answers the browser's document.
    let notified = Instant::now();
    let (st, polled) = poll.await.unwrap();
    assert!(
        notified.elapsed() < Duration::from_secs(1),
        "woken after {:?}",
        notified.elapsed()
    );
    assert_eq!(
        (st, polled["state"].as_str()),
        (200, Some("done")),
        "{polled}"
    );
    assert_eq!(polled["result"]["status"], "AUTHORIZED");
    let (_, r) = b.result(&pay_id, &resp).await;
    assert_eq!(
        (r["final"].as_bool(), r["result"]["code"].as_str()),
        (Some(true), Some("00000000")),
        "{r}"
    );

    // 3-D Secure 2: the challenge arrives by URLNotify at b; the poll at a wakes with it.
    let (_, created) = b.pay(card("4000000000001091"), json!({})).await;
    let pay_id = text(&created, "payId");
    let poll = long_poll(&b, &pay_id, 25);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ch = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("challenge message");
    let notified = Instant::now();
    let (_, polled) = poll.await.unwrap();
    assert!(
        notified.elapsed() < Duration::from_secs(1),
        "woken after {:?}",
        notified.elapsed()
    );
    assert_eq!(
        (polled["state"].as_str(), &polled["challenge"]),
        (Some("challenge"), &ch),
        "{polled}"
    );
    let resp = b.challenge(&ch, Some("1234")).await;
    let (_, r) = b.result(&pay_id, &resp).await;
    assert_eq!(r["result"]["status"], "AUTHORIZED", "{r}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_idempotency_rule_holds_across_instances() {
    const KEY: &str = "acrossInstances0123456789abcdef";
    let c = cluster().await;
    let mut at_a = Browser::at(&c.a.shop);
    at_a.get("/paygate/payment-methods").await;
    let mut at_b = twin(&at_a, &c.b.shop);
    let (first, second) = tokio::join!(
        at_a.pay_keyed(card("4000000000001091"), json!({}), Some(KEY)),
        at_b.pay_keyed(card("4000000000001091"), json!({}), Some(KEY)),
    );
    assert_eq!(first.0, 200, "{}", first.1);
    assert_eq!(
        second, first,
        "the concurrent repeat at the other instance waited for the first answer"
    );
    let paygate = authorizations(&c.paygate, None).await;
    assert_eq!(
        paygate["transactions"], 1,
        "one direct.aspx transaction: {paygate}"
    );
    assert_eq!(
        at_b.pay_keyed(card("4000000000001091"), json!({}), Some(KEY))
            .await,
        first
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_of_another_session_or_amount_conflicts_and_a_lost_answer_is_repeated_elsewhere() {
    const KEY: &str = "conflictKey";
    let c = cluster().await;
    let mut at_a = Browser::at(&c.a.shop);
    let (st, first) = at_a
        .pay_keyed(card("4000000000001091"), json!({}), Some(KEY))
        .await;
    assert_eq!(st, 200, "{first}");
    let mut at_b = twin(&at_a, &c.b.shop);
    let mut stranger = Browser::at(&c.b.shop);
    stranger.get("/paygate/payment-methods").await;
    let (st, v) = stranger
        .pay_keyed(card("4000000000001091"), json!({}), Some(KEY))
        .await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (409, Some("idempotency_key_reused")),
        "{v}"
    );
    let other_amount = json!({"payment": {"amount": 2000, "currency": "EUR"}});
    let (st, v) = at_b
        .pay_keyed(card("4000000000001091"), other_amount, Some(KEY))
        .await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (409, Some("idempotency_key_reused")),
        "{v}"
    );

    // A first answer lost at a (with its cookie) is answered at b, with the session.
    arm_fault(&c.a.shop, json!({"dropNextPaymentAnswer": true})).await;
    let mut lost = Browser::at(&c.a.shop);
    let (st, _) = lost
        .pay_keyed(card("4111111111111111"), json!({}), Some("lostAnswerKey"))
        .await;
    assert_eq!((st, lost.cookie.is_none()), (503, true));
    lost.shop = c.b.shop.clone();
    let (st, again) = lost
        .pay_keyed(card("4111111111111111"), json!({}), Some("lostAnswerKey"))
        .await;
    assert_eq!(st, 200, "{again}");
    assert!(
        lost.cookie.is_some(),
        "the repeat got the session that made the payment"
    );
    let t = authorizations(&c.paygate, Some(&text(&again, "transId"))).await;
    assert_eq!(
        t["byTransId"][text(&again, "transId")]["transactions"],
        1,
        "{t}"
    );
}

/// The winner of the notifications `[AUTHORIZED at a, FAILED at b, AUTHORIZED at b, FAILED at
/// a]`: one final result is stored (its repeat answered 200), the other refused at both.
fn winner(notified: &[u16]) -> &'static str {
    let winner_ok = notified[0] == 200;
    let expected = if winner_ok {
        [200, 400, 200, 400]
    } else {
        [400, 200, 400, 200]
    };
    assert_eq!(notified, expected, "one final result, the other refused");
    if winner_ok {
        "AUTHORIZED"
    } else {
        "FAILED"
    }
}

/// A browser result (AUTHORIZED) sent during the race: not final yet, final with the winner,
/// or refused when the winner contradicts it.
fn assert_result_during_race(winner: &str, (st, r): &(u16, Value)) {
    match (st, r["final"].as_bool()) {
        (200, Some(false)) => {}
        (200, Some(true)) => assert_eq!(
            (winner, &r["result"]["status"]),
            ("AUTHORIZED", &json!("AUTHORIZED"))
        ),
        (400, _) => assert_eq!(
            winner, "FAILED",
            "only a contradicting result is refused: {r}"
        ),
        other => panic!("unexpected result answer {other:?}: {r}"),
    }
}

/// One round of the race: a pending 3-D Secure 1.0 payment, then at the same moment two
/// contradicting final URLNotifies (AUTHORIZED at a, FAILED at b), a repeat of each at the
/// other instance, the browser's result (AUTHORIZED) at both and a long poll at both.
async fn race_round(c: &Cluster) {
    let mut b = Browser::at(&c.a.shop);
    let (_, created) = b.pay(card("4000000000002008"), json!({})).await;
    let (pay_id, trans_id) = (text(&created, "payId"), text(&created, "transId"));
    let notify = |shop: &str, (status, code): (&str, &str)| {
        post_notification(
            shop.to_string(),
            notification(&pay_id, &trans_id, status, code),
        )
    };
    let (ok, failed) = (("AUTHORIZED", "00000000"), ("FAILED", "25000001"));
    let authorized = browser_response(&pay_id, &trans_id, "AUTHORIZED", "00000000");
    let mut at_b = twin(&b, &c.b.shop);
    let polls = [long_poll(&b, &pay_id, 10), long_poll(&at_b, &pay_id, 10)];
    let (notified, results) = tokio::join!(
        join_all([
            notify(&c.a.shop, ok),
            notify(&c.b.shop, failed),
            notify(&c.b.shop, ok),
            notify(&c.a.shop, failed)
        ]),
        async {
            [
                b.result(&pay_id, &authorized).await,
                at_b.result(&pay_id, &authorized).await,
            ]
        },
    );
    let status = winner(&notified);
    for p in polls {
        let (_, polled) = p.await.unwrap();
        let seen = (
            polled["state"].as_str(),
            polled["result"]["status"].as_str(),
        );
        assert_eq!(seen, (Some("done"), Some(status)), "{polled}");
    }
    results
        .iter()
        .for_each(|r| assert_result_during_race(status, r));
    let after = [
        b.result(&pay_id, &authorized).await,
        at_b.result(&pay_id, &authorized).await,
    ];
    assert_eq!(after[0], after[1], "both instances answer alike");
    assert_eq!(
        after[0].0,
        if status == "AUTHORIZED" { 200 } else { 400 },
        "{:?}",
        after[0]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notify_result_and_poll_at_both_instances_at_once_give_one_final_state() {
    let c = cluster().await;
    join_all((0..6).map(|_| race_round(&c))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_killed_mid_challenge_another_finishes_the_payment() {
    let mut c = cluster().await;
    let mut b = Browser::at(&c.a.shop);
    let (st, created) = b
        .pay_keyed(card("4000000000001091"), json!({}), Some("killedKey"))
        .await;
    assert_eq!(st, 200, "{created}");
    let pay_id = text(&created, "payId");
    let poll = long_poll(&b, &pay_id, 25);
    let ch = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("challenge");
    assert_eq!(poll.await.unwrap().1["state"], "challenge");
    c.a.kill().await;
    let resp = b.challenge(&ch, Some("1234")).await;
    // The load balancer sends the browser to b now.
    b.shop = c.b.shop.clone();
    let (st, polled) = b.get(&format!("/paygate/payments/{pay_id}?wait=10")).await;
    assert_eq!(
        (st, polled["state"].as_str()),
        (200, Some("done")),
        "{polled}"
    );
    let (_, r) = b.result(&pay_id, &resp).await;
    assert_eq!(
        (r["final"].as_bool(), r["result"]["status"].as_str()),
        (Some(true), Some("AUTHORIZED")),
        "{r}"
    );
    assert_eq!(
        b.pay_keyed(card("4000000000001091"), json!({}), Some("killedKey"))
            .await
            .1,
        created
    );
    let a = authorizations(&c.paygate, None).await;
    assert_eq!(
        (a["authorizations"].as_u64(), a["transactions"].as_u64()),
        (Some(1), Some(1)),
        "{a}"
    );
}
