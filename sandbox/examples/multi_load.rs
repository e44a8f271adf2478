//! Whole payments against one or more backend instances, the same client for every setup:
//! `cargo run --release -p paygate-sandbox --example multi_load -- [BIN] [AT_ONCE] [ROUNDS]`.
//!
//! For each setup — one instance on SQLite, one on PostgreSQL, two on PostgreSQL, and for
//! comparison two on one SQLite file (one machine only) — it starts a
//! Paygate process (`--role paygate`) and the instances (`--role backend`; PostgreSQL from
//! Debian's package in a temporary directory, fsync on, as SQLite's `synchronous=FULL`), then
//! runs ROUNDS (5) rounds of AT_ONCE (60) payments started at the same moment. Payment `i` is
//! created at instance `i mod n` by a new customer (no cookie), goes through the 3DS method
//! (frictionless VISA), and its result and long poll go to the next instance. It prints
//! payments/s, p50/p99 of a whole payment and of its creation, the errors, and checks with the
//! Paygate that every payment was authorised exactly once and reported AUTHORIZED: no lost and
//! no doubled payment.

#[path = "../tests/common/postgres.rs"]
mod postgres;

use std::time::{Duration, Instant};

use futures_util::future::join_all;
use paygate_sandbox::html;
use postgres::{free_port, PgServer};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Starts the binary; answers it with its first stdout line.
async fn spawn(bin: &str, args: &[String]) -> (Child, Value) {
    let mut child = Command::new(bin)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the sandbox binary");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next_line().await.expect("stdout").expect("JSON line");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, serde_json::from_str(&first).expect("JSON"))
}

/// A running setup: the Paygate and the instances' origins (their processes with them).
struct Setup {
    paygate: String,
    shops: Vec<String>,
    _children: Vec<Child>,
    _db: Db,
}

/// Where the instances keep their records.
enum Db {
    /// One SQLite file in this directory (`--data-dir`), shared when there are several.
    Sqlite(tempfile::TempDir),
    /// A database on this server (`--database-url`).
    Postgres(PgServer),
}

/// Starts the Paygate and `n` instances on `db`.
async fn setup(bin: &str, n: usize, db: Db) -> Setup {
    let ports: Vec<u16> = (0..n).map(|_| free_port()).collect();
    let shops: Vec<String> = ports
        .iter()
        .map(|p| format!("http://127.0.0.1:{p}"))
        .collect();
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (paygate_child, line) = spawn(
        bin,
        &strings(&["--role", "paygate", "--ports", "0", "--shop-url", &shops[0]]),
    )
    .await;
    let (paygate, acs) = (
        line["paygate"].as_str().expect("paygate").to_string(),
        line["acs"].as_str().expect("acs").to_string(),
    );
    let store_args = match &db {
        Db::Postgres(server) => strings(&["--database-url", &server.database().await]),
        Db::Sqlite(dir) => strings(&["--data-dir", dir.path().to_str().expect("UTF-8")]),
    };
    let mut children = vec![paygate_child];
    for (i, port) in ports.iter().enumerate() {
        let next = &shops[(i + 1) % n];
        let mut args = strings(&[
            "--role",
            "backend",
            "--ports",
            &port.to_string(),
            "--paygate-url",
            &paygate,
            "--acs-url",
            &acs,
            "--public-url",
            next,
        ]);
        args.extend(store_args.iter().cloned());
        children.push(spawn(bin, &args).await.0);
    }
    Setup {
        paygate,
        shops,
        _children: children,
        _db: db,
    }
}

/// A customer's browser: its own session cookie.
struct Customer {
    http: reqwest::Client,
    cookie: Option<String>,
}

impl Customer {
    async fn send(&mut self, rb: reqwest::RequestBuilder) -> Result<(u16, Value), String> {
        let rb = match &self.cookie {
            Some(c) => rb.header("cookie", c),
            None => rb,
        };
        let r = rb.send().await.map_err(|e| e.to_string())?;
        if let Some(c) = r.headers().get("set-cookie").and_then(|v| v.to_str().ok()) {
            self.cookie = c.split(';').next().map(str::to_string);
        }
        let status = r.status().as_u16();
        let body = r.bytes().await.map_err(|e| e.to_string())?;
        Ok((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
    }

    /// Posts a form as an iframe does; answers the document.
    async fn form(&self, url: &str, fields: &[(String, String)]) -> Result<String, String> {
        let r = self
            .http
            .post(url)
            .form(fields)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        r.text().await.map_err(|e| e.to_string())
    }
}

/// What one payment measured, and its TransID.
struct Paid {
    total: Duration,
    create: Duration,
    trans_id: String,
}

/// One whole payment: created at `at`, its method run, result and long poll at `then`.
async fn pay(at: &str, then: &str) -> Result<Paid, String> {
    let started = Instant::now();
    let mut c = Customer {
        http: reqwest::Client::new(),
        cookie: None,
    };
    let body = json!({
        "payment": {"amount": 1999, "currency": "EUR"},
        "card": {"number": "4111111111111111", "expiryDate": "203012", "securityCode": "123", "cardholderName": "Max Mustermann"},
        "browserInfo": {"language": "de-DE", "colorDepth": 24, "screenHeight": 900, "screenWidth": 1440, "timeZoneOffset": -60, "userAgent": "load"},
    });
    let key = paygate_sandbox::ids::alnum(32);
    let create = c
        .http
        .post(format!("{at}/paygate/payments"))
        .header("idempotency-key", key)
        .json(&body);
    let (st, created) = c.send(create).await?;
    let create = started.elapsed();
    if st != 200 {
        return Err(format!("create {st} {created}"));
    }
    let v = &created["next"]["versioningData"];
    let text = |v: &Value, k: &str| v[k].as_str().unwrap_or("").to_string();
    let doc = c
        .form(
            &text(v, "threeDSMethodURL"),
            &[("threeDSMethodData".into(), text(v, "threeDSMethodDataForm"))],
        )
        .await?;
    let (action, fields) = html::extract_form(&doc).ok_or("no method form")?;
    let answer = c.form(&action, &fields).await?;
    let resp = html::extract_post_message(&answer).ok_or("no payment response")?;
    let pay_id = text(&created, "payId");
    finish(&mut c, then, &pay_id, &resp).await?;
    Ok(Paid {
        total: started.elapsed(),
        create,
        trans_id: text(&created, "transId"),
    })
}

/// `/result` until final, then the long poll: both must say AUTHORIZED.
async fn finish(c: &mut Customer, then: &str, pay_id: &str, resp: &Value) -> Result<(), String> {
    for attempt in 0..15 {
        let (st, r) = c
            .send(
                c.http
                    .post(format!("{then}/paygate/payments/{pay_id}/result"))
                    .json(resp),
            )
            .await?;
        if st != 200 {
            return Err(format!("result {st} {r}"));
        }
        if r["final"] == true {
            if r["result"]["status"] != "AUTHORIZED" {
                return Err(format!("result {r}"));
            }
            let (st, p) = c
                .send(
                    c.http
                        .get(format!("{then}/paygate/payments/{pay_id}?wait=5")),
                )
                .await?;
            return match (st, p["result"]["status"].as_str()) {
                (200, Some("AUTHORIZED")) => Ok(()),
                _ => Err(format!("poll {st} {p}")),
            };
        }
        tokio::time::sleep(Duration::from_millis(200 + 150 * attempt)).await;
    }
    Err("no final result".into())
}

/// The value at fraction `p` of sorted durations, in milliseconds.
fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1));
    sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

/// Runs the rounds against a setup; prints its line and checks the Paygate's count (true when
/// there was no error and every payment was authorised exactly once).
async fn run(label: &str, s: &Setup, at_once: usize, rounds: usize) -> bool {
    let (mut paid, mut errors, mut busy) = (Vec::new(), Vec::new(), Duration::ZERO);
    for _ in 0..rounds {
        let started = Instant::now();
        let n = s.shops.len();
        let all = (0..at_once).map(|i| pay(&s.shops[i % n], &s.shops[(i + 1) % n]));
        for r in join_all(all).await {
            match r {
                Ok(p) => paid.push(p),
                Err(e) => errors.push(e),
            }
        }
        busy += started.elapsed();
    }
    let total = (at_once * rounds) as f64;
    let (mut whole, mut create): (Vec<_>, Vec<_>) =
        paid.iter().map(|p| (p.total, p.create)).unzip();
    whole.sort();
    create.sort();
    println!(
        "{label}: {} payments, {:.1} payments/s, payment p50 {:.0} ms p99 {:.0} ms, create p50 {:.0} ms p99 {:.0} ms, {} errors{}",
        total, total / busy.as_secs_f64(), pct(&whole, 0.5), pct(&whole, 0.99), pct(&create, 0.5), pct(&create, 0.99),
        errors.len(), errors.first().map(|e| format!(" (first: {e})")).unwrap_or_default()
    );
    check_paygate(s, &paid, errors.len()).await
}

/// Every successful payment authorised exactly once, nothing else authorised, no error.
async fn check_paygate(s: &Setup, paid: &[Paid], errors: usize) -> bool {
    let auth = format!(
        "Basic {}",
        paygate_sandbox::wire::b64(b"sandbox_shop:sandbox-hmac-password")
    );
    let a: Value = reqwest::Client::new()
        .get(format!("{}/__sandbox/authorizations", s.paygate))
        .header("authorization", auth)
        .send()
        .await
        .expect("paygate")
        .json()
        .await
        .expect("json");
    let once = paid
        .iter()
        .filter(|p| a["byTransId"][&p.trans_id]["authorizations"] == 1)
        .count();
    let total = a["authorizations"].as_u64().unwrap_or(0);
    println!(
        "  Paygate: {total} authorisations, {once} of {} payments authorised exactly once",
        paid.len()
    );
    errors == 0 && once == paid.len() && total == paid.len() as u64
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bin = args
        .first()
        .cloned()
        .unwrap_or_else(|| "target/release/paygate-sandbox".into());
    let at_once = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(60);
    let rounds = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(5);
    let mut all_ok = true;
    for (label, n, postgres) in [
        ("1 instance, SQLite", 1, false),
        ("1 instance, PostgreSQL", 1, true),
        ("2 instances, PostgreSQL", 2, true),
        ("2 instances, one SQLite file (one machine)", 2, false),
    ] {
        let db = if postgres {
            Db::Postgres(PgServer::start(true))
        } else {
            Db::Sqlite(tempfile::tempdir().expect("a temporary directory"))
        };
        let s = setup(&bin, n, db).await;
        all_ok &= run(label, &s, at_once, rounds).await;
    }
    assert!(all_ok, "a setup lost or doubled payments, or had errors");
}
