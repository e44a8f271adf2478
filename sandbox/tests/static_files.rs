//! The shop's static files (demo shop, PayPage, the package) are revalidated on every load with
//! an entity tag: a 304 lets the browser keep the wasm it already compiled.

mod common;

use common::sandbox_with;

#[tokio::test]
async fn static_files_carry_an_etag_and_answer_a_matching_revalidation_with_304() {
    let dir = std::env::temp_dir().join(format!("pgw-static-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("page.html"), "<!doctype html><p>one</p>").unwrap();
    let www = dir.clone();
    let sb = sandbox_with(move |o| o.www = www).await;
    let url = format!("{}/page.html", sb.app.cfg.shop);
    let http = reqwest::Client::new();

    let first = http.get(&url).send().await.unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    assert_eq!(first.text().await.unwrap(), "<!doctype html><p>one</p>");

    let again = http
        .get(&url)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert!(again.bytes().await.unwrap().is_empty());

    std::fs::write(dir.join("page.html"), "<!doctype html><p>second</p>").unwrap();
    let changed = http
        .get(&url)
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200, "a changed file is sent again");
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    assert_eq!(
        changed.text().await.unwrap(),
        "<!doctype html><p>second</p>"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
