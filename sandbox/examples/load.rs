//! Load loop for the reference backend: `cargo run -p paygate-sandbox --example load -- [BIN] [N] [CONCURRENCY] [default]`.
//!
//! Starts the sandbox binary (default `target/debug/paygate-sandbox`) twice: with the default
//! lifetimes, and with 2 s lifetimes. Each run sends N (2,000) `POST /paygate/payments` without a
//! cookie (the worst case: every one starts a session) from CONCURRENCY (16) connections, twice,
//! and prints requests/s, p50/p99 latency, errors and the process RSS before, after each round
//! and after the sweep.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, BufReader};

fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

async fn round(shop: &str, n: usize, conc: usize) -> (f64, Duration, Duration, usize) {
    let body = serde_json::json!({
        "payment": {"amount": 1999, "currency": "EUR"},
        "card": {"number": "4111111111111111", "expiryDate": "203012", "securityCode": "123", "cardholderName": "Max Mustermann"},
        "browserInfo": {"language": "de-DE", "colorDepth": 24, "screenHeight": 900, "screenWidth": 1440, "timeZoneOffset": -60, "userAgent": "load"},
    })
    .to_string();
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..conc {
        let (next, body, url) = (
            next.clone(),
            body.clone(),
            format!("{shop}/paygate/payments"),
        );
        workers.push(tokio::spawn(async move {
            let http = reqwest::Client::new();
            let (mut lat, mut errors) = (Vec::new(), 0usize);
            while next.fetch_add(1, Ordering::Relaxed) < n {
                let t = Instant::now();
                let ok = match http
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body.clone())
                    .send()
                    .await
                {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                lat.push(t.elapsed());
                errors += usize::from(!ok);
            }
            (lat, errors)
        }));
    }
    let (mut lat, mut errors) = (Vec::new(), 0);
    for w in workers {
        let (l, e) = w.await.expect("worker");
        lat.extend(l);
        errors += e;
    }
    let secs = started.elapsed().as_secs_f64();
    lat.sort();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    (n as f64 / secs, pct(0.5), pct(0.99), errors)
}

async fn run(bin: &str, n: usize, conc: usize, ttl: Option<u64>) {
    let mut args = vec![
        "--ports".to_string(),
        "0".to_string(),
        "--method-timeout-ms".into(),
        "1000".into(),
    ];
    if let Some(t) = ttl {
        args.extend([
            "--session-ttl-s".into(),
            t.to_string(),
            "--payment-ttl-s".into(),
            t.to_string(),
        ]);
    }
    let mut child = tokio::process::Command::new(bin)
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("sandbox binary");
    let pid = child.id().expect("pid");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next_line().await.expect("line").expect("JSON line");
    let shop = serde_json::from_str::<serde_json::Value>(&first).expect("JSON")["shop"]
        .as_str()
        .expect("shop")
        .to_string();
    let label = ttl
        .map(|t| format!("lifetimes {t} s"))
        .unwrap_or_else(|| "default lifetimes".into());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = rss_kb(pid);
    println!("== {label}: RSS before {before} kB");
    for r in 1..=2 {
        let (rps, p50, p99, errors) = round(&shop, n, conc).await;
        // Let the Paygate's method timeouts (1 s) finish the payments and notify the backend.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let after = rss_kb(pid);
        println!(
            "round {r}: {n} requests, {rps:.0} req/s, p50 {:.1} ms, p99 {:.1} ms, {errors} errors; RSS {after} kB (+{} kB, {:.2} kB/request since start)",
            p50.as_secs_f64() * 1e3, p99.as_secs_f64() * 1e3, after as i64 - before as i64, (after as f64 - before as f64) / (n * r) as f64
        );
        if let Some(t) = ttl {
            tokio::time::sleep(Duration::from_secs(t * 2 + 2)).await;
            println!("round {r}: after the sweep RSS {} kB", rss_kb(pid));
        }
    }
    child.kill().await.ok();
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bin = args
        .first()
        .cloned()
        .unwrap_or_else(|| "target/debug/paygate-sandbox".into());
    let n = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(2000);
    let conc = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(16);
    run(&bin, n, conc, None).await;
    // A binary without lifetimes (the backend before they existed): `… load BIN N C default`.
    if args.get(3).map(String::as_str) != Some("default") {
        run(&bin, n, conc, Some(2)).await;
    }
}
