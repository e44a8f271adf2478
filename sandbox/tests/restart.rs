//! The reference backend as its own process (`--role backend`), killed and restarted during a
//! challenge while the Paygate and ACS (`--role paygate`) stay up: after the restart the payment
//! completes from the Paygate's retried URLNotify, the long poll and `/result` give the result,
//! and the idempotency key still answers its first answer.

mod common;

use std::process::Stdio;

use common::{authorizations, card, Browser};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Starts the binary with `args`; answers it with its first stdout line (the origins).
async fn spawn(args: &[&str]) -> (Child, Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_paygate-sandbox"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next_line().await.unwrap().expect("JSON line");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, serde_json::from_str(&first).expect("JSON"))
}

/// A port that was free a moment ago, for the backend to keep across its restart.
fn free_port() -> String {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    free.local_addr().unwrap().port().to_string()
}

/// Starts `--role paygate` for `shop`; answers it with its Paygate and ACS origins.
async fn spawn_paygate(shop: &str) -> (Child, String, String) {
    let (child, pg) = spawn(&["--role", "paygate", "--ports", "0", "--shop-url", shop]).await;
    assert_eq!(pg.as_object().unwrap().len(), 2, "{pg}");
    let origin = |k: &str| pg[k].as_str().unwrap().to_string();
    (child, origin("paygate"), origin("acs"))
}

/// Polls like the checkout does until the payment is done (or 20 s have passed): the poll
/// answers `challenge` at once while the challenge is open (the merchant backend contract,
/// docs/backend-contract.md), so a retried URLNotify is awaited by polling again.
async fn poll_until_done(b: &mut Browser, pay_id: &str) -> (u16, Value) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let (st, poll) = b.get(&format!("/paygate/payments/{pay_id}?wait=5")).await;
        if poll["state"] == "done" || std::time::Instant::now() > deadline {
            return (st, poll);
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// After the restart: the poll, `/result`, the key's first answer and one authorisation.
async fn assert_completed(b: &mut Browser, created: &Value, resp: &Value, paygate: &str) {
    let pay_id = created["payId"].as_str().unwrap();
    let (st, poll) = poll_until_done(b, pay_id).await;
    assert_eq!(
        (
            st,
            poll["state"].as_str(),
            poll["result"]["status"].as_str()
        ),
        (200, Some("done"), Some("AUTHORIZED")),
        "{poll}"
    );
    let (_, r) = b.result(pay_id, resp).await;
    assert_eq!(
        (r["final"].as_bool(), r["result"]["code"].as_str()),
        (Some(true), Some("00000000")),
        "{r}"
    );
    assert_eq!(
        b.pay_keyed(card("4000000000001091"), json!({}), Some(KEY))
            .await
            .1,
        *created,
        "first answer kept across the restart"
    );
    let a = authorizations(paygate, None).await;
    assert_eq!(
        (a["authorizations"].as_u64(), a["transactions"].as_u64()),
        (Some(1), Some(1)),
        "{a}"
    );
}

/// The payment's idempotency key.
const KEY: &str = "restartKey1";

#[tokio::test]
async fn backend_restarted_during_a_challenge_completes_from_the_notification() {
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let shop = format!("http://127.0.0.1:{port}");
    let (_paygate, paygate, acs) = spawn_paygate(&shop).await;
    let dir = data.path().to_str().unwrap().to_string();
    let backend_args = [
        "--role",
        "backend",
        "--ports",
        &port,
        "--paygate-url",
        &paygate,
        "--acs-url",
        &acs,
        "--data-dir",
        &dir,
    ];
    let (mut backend, line) = spawn(&backend_args).await;
    assert_eq!(line, json!({"shop": shop}));

    let mut b = Browser {
        http: reqwest::Client::new(),
        cookie: None,
        shop: shop.clone(),
    };
    let (st, created) = b
        .pay_keyed(card("4000000000001091"), json!({}), Some(KEY))
        .await;
    assert_eq!(st, 200, "{created}");
    let pay_id = created["payId"].as_str().unwrap().to_string();
    let ch = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("challenge");
    assert_eq!(
        b.get(&format!("/paygate/payments/{pay_id}?wait=5")).await.1["state"],
        "challenge"
    );

    backend.kill().await.unwrap();
    let resp = b.challenge(&ch, Some("1234")).await;
    assert!(
        resp["Data"].is_string(),
        "the Paygate answered the browser while the backend was down: {resp}"
    );
    let (_backend, _) = spawn(&backend_args).await;
    assert_completed(&mut b, &created, &resp, &paygate).await;
}
