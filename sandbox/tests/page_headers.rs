//! The shop origin's pages are served as payment pages should be: the demo shop and the PayPage
//! with a policy that no other site can frame and that lets forms post only to the Paygate and
//! the ACS, `nosniff` and `no-referrer`; the PayPage pins every script, stylesheet and imported
//! module with the SRI value of the file as it is served, and allows its import map by hash.

mod common;

use std::path::PathBuf;

use base64::Engine;
use common::sandbox_with;
use paygate_sandbox::paypage::sri;
use paygate_sandbox::server::Running;
use sha2::{Digest, Sha256};

/// A package directory with modules and a stylesheet of its own (what is in it does not matter),
/// one per call: the tests run at once, and one test rewriting a file another is hashing would
/// make their pins disagree.
fn fake_pkg() -> PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("pgw-pkg-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in [
        ("paygate_wasm.js", "export default 1;"),
        ("error.js", "export class PaygateError {}"),
        ("style.css", ".pgw-card-form{}"),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

async fn shop(plain_www: bool) -> Running {
    let www = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../www");
    sandbox_with(move |o| {
        o.www = www;
        o.pkg = fake_pkg();
        o.plain_www = plain_www;
    })
    .await
}

async fn fetch(url: &str) -> reqwest::Response {
    let r = reqwest::get(url).await.expect("shop reachable");
    assert_eq!(r.status(), 200, "{url}");
    r
}

fn header(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Asserts the headers of a payment page; returns its policy.
fn assert_payment_page(r: &reqwest::Response, sb: &Running) -> String {
    let csp = header(r, "content-security-policy");
    let (pg, acs) = (&sb.app.cfg.paygate, &sb.app.cfg.acs);
    for directive in [
        "default-src 'self'".to_string(),
        "script-src 'self' 'wasm-unsafe-eval'".to_string(),
        "style-src 'self'".to_string(),
        format!("frame-src {pg} {acs}"),
        format!("form-action {pg} {acs}"),
        "frame-ancestors 'none'".to_string(),
        "base-uri 'none'".to_string(),
        "object-src 'none'".to_string(),
    ] {
        assert!(csp.contains(&directive), "{directive} in {csp}");
    }
    assert_eq!(header(r, "x-content-type-options"), "nosniff");
    assert_eq!(header(r, "referrer-policy"), "no-referrer");
    assert_eq!(header(r, "x-frame-options"), "DENY");
    csp
}

/// Every `integrity="…"` of the page with the URL its tag loads.
fn pins(html: &str) -> Vec<(String, String)> {
    let attr = |tag: &str, name: &str| {
        let key = format!(" {name}=\"");
        let start = tag.find(&key)? + key.len();
        Some(tag[start..start + tag[start..].find('"')?].to_string())
    };
    html.split('<')
        .filter_map(|tag| {
            let pin = attr(tag, "integrity")?;
            let url = attr(tag, "src").or_else(|| attr(tag, "href"))?;
            Some((url, pin))
        })
        .collect()
}

fn import_map(html: &str) -> &str {
    let open = "<script type=\"importmap\">";
    let start = html.find(open).expect("an import map") + open.len();
    &html[start..start + html[start..].find("</script>").unwrap()]
}

#[tokio::test]
async fn the_paypage_is_hardened_and_pins_every_file_it_loads() {
    let sb = shop(false).await;
    let base = format!("{}/paypage/", sb.app.cfg.shop);
    let page = fetch(&base).await;
    let csp = assert_payment_page(&page, &sb);
    let html = page.text().await.unwrap();
    assert!(!html.contains("{{"), "every placeholder is filled");

    let pinned = pins(&html);
    let urls: Vec<&str> = pinned.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(
        urls,
        [
            "loadcheck.js",
            "/pkg/style.css",
            "paypage.css",
            "paypage.js"
        ]
    );
    for (url, pin) in &pinned {
        let abs = reqwest::Url::parse(&base).unwrap().join(url).unwrap();
        let served = fetch(abs.as_str()).await;
        assert_eq!(
            header(&served, "x-content-type-options"),
            "nosniff",
            "{url}"
        );
        assert_eq!(pin, &sri(&served.bytes().await.unwrap()), "{url}");
    }

    let map: serde_json::Value = serde_json::from_str(import_map(&html)).unwrap();
    let modules = map["integrity"]
        .as_object()
        .expect("integrity of the modules");
    assert_eq!(
        modules.keys().collect::<Vec<_>>(),
        ["/pkg/error.js", "/pkg/paygate_wasm.js"]
    );
    for (url, pin) in modules {
        let served = fetch(&format!("{}{url}", sb.app.cfg.shop)).await;
        assert_eq!(
            pin.as_str(),
            Some(sri(&served.bytes().await.unwrap()).as_str())
        );
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let hash = b64.encode(Sha256::digest(import_map(&html).as_bytes()));
    assert!(
        csp.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';"
        )),
        "{csp}"
    );
}

#[tokio::test]
async fn the_test_variants_pin_the_script_or_the_module_wrongly() {
    let sb = shop(false).await;
    let base = format!("{}/paypage/", sb.app.cfg.shop);
    let right = fetch(&base).await.text().await.unwrap();
    let script = fetch(&format!("{base}?sri=wrong-script"))
        .await
        .text()
        .await
        .unwrap();
    let module = fetch(&format!("{base}?sri=wrong-module"))
        .await
        .text()
        .await
        .unwrap();
    let pin_of = |html: &str, url: &str| {
        pins(html)
            .into_iter()
            .find(|(u, _)| u == url)
            .map(|(_, p)| p)
    };
    assert_ne!(pin_of(&script, "paypage.js"), pin_of(&right, "paypage.js"));
    assert_eq!(pin_of(&module, "paypage.js"), pin_of(&right, "paypage.js"));
    let module_pin = |html: &str| {
        serde_json::from_str::<serde_json::Value>(import_map(html)).unwrap()["integrity"]
            ["/pkg/paygate_wasm.js"]
            .clone()
    };
    assert_ne!(module_pin(&module), module_pin(&right));
    assert_eq!(module_pin(&script), module_pin(&right));
}

#[tokio::test]
async fn the_demo_shop_is_served_as_a_payment_page_and_files_with_nosniff() {
    let sb = shop(false).await;
    let s = &sb.app.cfg.shop;
    for page in ["/", "/index.html", "/easycredit/confirm.html"] {
        assert_payment_page(&fetch(&format!("{s}{page}")).await, &sb);
    }
    for file in ["/shop.js", "/pkg/paygate_wasm.js", "/pkg/style.css"] {
        let r = fetch(&format!("{s}{file}")).await;
        assert_eq!(header(&r, "x-content-type-options"), "nosniff", "{file}");
        assert_eq!(header(&r, "content-security-policy"), "", "{file}");
    }
    // The test pages run inline scripts and keep no policy.
    let test_page = fetch(&format!("{s}/test/cards.html")).await;
    assert_eq!(header(&test_page, "content-security-policy"), "");

    let plain = shop(true).await;
    let r = fetch(&format!("{}/", plain.app.cfg.shop)).await;
    assert_eq!(header(&r, "content-security-policy"), "", "--plain-www");
    assert_eq!(header(&r, "x-content-type-options"), "nosniff");
}
