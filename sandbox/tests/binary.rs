//! The binary's pinned start-up contract: the origins on its first stdout line, then the shop.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tokio::io::AsyncBufReadExt;
use tokio::process::Child;

/// A `www/` with an index page and a PayPage.
fn www_dir() -> PathBuf {
    let www = std::env::temp_dir().join(format!("pgsb-www-{}", std::process::id()));
    std::fs::create_dir_all(www.join("paypage")).unwrap();
    std::fs::write(www.join("index.html"), "<!DOCTYPE html><title>shop</title>").unwrap();
    std::fs::write(
        www.join("paypage/index.html"),
        "<!DOCTYPE html><title>pp</title>",
    )
    .unwrap();
    www
}

/// Starts the binary on free ports serving `www`; answers it with its first two stdout lines.
async fn start(www: &Path) -> (Child, String, String) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_paygate-sandbox"))
        .args(["--ports", "0", "--www"])
        .arg(www)
        .arg("--data-dir")
        .arg(www.join("data"))
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next_line().await.unwrap().unwrap();
    let second = lines.next_line().await.unwrap().unwrap();
    (child, first, second)
}

/// The status of a GET.
async fn status(http: &reqwest::Client, url: String) -> u16 {
    http.get(url).send().await.unwrap().status().as_u16()
}

/// What the shop origin serves: `/config.json` with the origins, the PayPage with its CSP, the
/// index, and nothing outside `www/`.
async fn assert_shop_serves(shop: &str, urls: &Value) {
    let http = reqwest::Client::new();
    let cfg: Value = http
        .get(format!("{shop}/config.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        cfg,
        json!({"paygateOrigins": [urls["paygate"]], "acsOrigin": urls["acs"], "backendUrl": "/paygate"})
    );
    let r = http.get(format!("{shop}/paypage/")).send().await.unwrap();
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains(urls["acs"].as_str().unwrap()),
        "{csp}"
    );
    assert_eq!(status(&http, format!("{shop}/")).await, 200);
    assert_eq!(
        status(&http, format!("{shop}/../../etc/passwd")).await / 100,
        4
    );
}

#[tokio::test]
async fn binary_prints_origins_and_serves_shop() {
    let www = www_dir();
    let (mut child, first, second) = start(&www).await;
    assert!(
        first.starts_with("{\"shop\":\"http://127.0.0.1:"),
        "{first}"
    );
    let urls: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(urls.as_object().unwrap().len(), 3);
    let shop = urls["shop"].as_str().unwrap();
    assert!(shop.starts_with("http://127.0.0.1:"));
    assert_eq!(second, format!("open {shop}/"));
    assert_shop_serves(shop, &urls).await;
    child.kill().await.ok();
    std::fs::remove_dir_all(&www).ok();
}
