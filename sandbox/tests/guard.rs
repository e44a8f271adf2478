//! The reference backend refuses what another site can make a browser send: a `text/plain` (or
//! form) body, which needs no CORS preflight, and any state-changing call from another origin; a
//! same-origin JSON payment still completes. Over https its cookie is `__Host-` and `Secure`.

mod common;

use common::{card, sandbox, Browser};
use paygate_sandbox::backend::store::Records;
use serde_json::{json, Value};

/// A payment request body of the frictionless VISA.
fn body() -> Value {
    json!({
        "payment": {"amount": 1999, "currency": "EUR"},
        "card": card("4111111111111111"),
        "browserInfo": {"javaEnabled": false, "javaScriptEnabled": true, "language": "de-DE", "colorDepth": 24,
                        "screenHeight": 900, "screenWidth": 1440, "timeZoneOffset": -60, "userAgent": "test"},
        "saveCard": false,
    })
}

/// `POST /paygate/payments` with the body as `content_type` and extra headers: status and JSON.
async fn post(shop: &str, content_type: &str, headers: &[(&str, &str)]) -> (u16, Value) {
    let mut rb = reqwest::Client::new()
        .post(format!("{shop}/paygate/payments"))
        .header("content-type", content_type)
        .body(body().to_string());
    for (k, v) in headers {
        rb = rb.header(*k, *v);
    }
    let r = rb.send().await.expect("backend reachable");
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn text_plain_and_form_bodies_are_refused_with_415_and_pay_nothing() {
    let sb = sandbox(10_000).await;
    for ct in [
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let (status, answer) = post(&sb.app.cfg.shop, ct, &[]).await;
        assert_eq!(status, 415, "{ct}: {answer}");
        assert_eq!(answer["error"]["code"], "unsupported_media_type", "{ct}");
    }
    assert_eq!(sb.app.backend.store.counts().await.unwrap(), [0, 0, 0, 0]);
}

#[tokio::test]
async fn calls_from_another_site_are_refused_with_403_and_change_nothing() {
    let sb = sandbox(10_000).await;
    let shop = &sb.app.cfg.shop;
    let json_ct = "application/json";
    let evil = ("origin", "https://evil.example");
    for headers in [
        vec![evil, ("sec-fetch-site", "cross-site")],
        vec![evil],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![("origin", "null")],
    ] {
        let (status, answer) = post(shop, json_ct, &headers).await;
        assert_eq!(status, 403, "{headers:?}: {answer}");
        assert_eq!(answer["error"]["code"], "cross_site_request");
        let (status, _) = post(shop, "text/plain", &headers).await;
        assert_eq!(status, 403, "{headers:?} text/plain");
    }
    assert_eq!(sb.app.backend.store.counts().await.unwrap(), [0, 0, 0, 0]);

    // Removing a saved card and forwarding a payment response are refused the same way.
    let mut b = Browser::new(&sb);
    assert_eq!(b.get("/paygate/payment-methods").await.0, 200);
    let cross = [evil, ("sec-fetch-site", "cross-site")];
    let delete = b
        .send_with(
            reqwest::Method::DELETE,
            "/paygate/payment-methods/pm1",
            None,
            &cross,
        )
        .await;
    assert_eq!(delete.0, 403, "{}", delete.1);
    let result = b
        .send_with(
            reqwest::Method::POST,
            "/paygate/payments/0123456789abcdef0123456789abcdef/result",
            Some(json!({"MID": "x", "Len": 1, "Data": "00"})),
            &cross,
        )
        .await;
    assert_eq!(result.0, 403, "{}", result.1);
    // Reading stays possible (the browser's CORS keeps the answer from another site).
    assert_eq!(
        b.send_with(
            reqwest::Method::GET,
            "/paygate/payment-methods",
            None,
            &cross
        )
        .await
        .0,
        200
    );
}

#[tokio::test]
async fn a_same_origin_json_payment_is_still_paid() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let shop = sb.app.cfg.shop.clone();
    let same = [("origin", shop.as_str()), ("sec-fetch-site", "same-origin")];
    let (st, created) = b
        .send_with(
            reqwest::Method::POST,
            "/paygate/payments",
            Some(body()),
            &same,
        )
        .await;
    assert_eq!(st, 200, "{created}");
    let pay_id = created["payId"].as_str().unwrap().to_string();
    let resp = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("payment response");
    let (st, r) = b
        .send_with(
            reqwest::Method::POST,
            &format!("/paygate/payments/{pay_id}/result"),
            Some(resp),
            &[("origin", shop.as_str())],
        )
        .await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(
        (r["final"].as_bool(), r["result"]["code"].as_str()),
        (Some(true), Some("00000000"))
    );
}

#[tokio::test]
async fn over_https_the_session_cookie_is_host_prefixed_and_secure() {
    let sb = sandbox(10_000).await;
    let shop = &sb.app.cfg.shop;
    let http = reqwest::Client::new();
    let get = |proto: Option<&'static str>, cookie: Option<String>| {
        let mut rb = http.get(format!("{shop}/paygate/payment-methods"));
        if let Some(p) = proto {
            rb = rb.header("x-forwarded-proto", p);
        }
        if let Some(c) = cookie {
            rb = rb.header("cookie", c);
        }
        rb.send()
    };
    let set_cookie = |r: &reqwest::Response| {
        r.headers()
            .get("set-cookie")
            .map(|v| v.to_str().unwrap_or("").to_string())
    };

    let plain = get(None, None).await.unwrap();
    let cookie = set_cookie(&plain).expect("a session");
    assert!(cookie.starts_with("paygate_sandbox_session="), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");

    let secure = get(Some("https"), None).await.unwrap();
    let cookie = set_cookie(&secure).expect("a session");
    assert!(
        cookie.starts_with("__Host-paygate_sandbox_session="),
        "{cookie}"
    );
    for attribute in ["; Path=/", "; HttpOnly", "; SameSite=Lax", "; Secure"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    // The browser sends it back over https: the same session, no new cookie.
    let pair = cookie.split(';').next().unwrap_or("").to_string();
    let again = get(Some("https"), Some(pair.clone())).await.unwrap();
    assert_eq!(again.status(), 200);
    assert_eq!(set_cookie(&again), None, "the session was recognised");
    // Over http the prefixed cookie is not the session's: a new one is started.
    let http_again = get(None, Some(pair)).await.unwrap();
    assert!(set_cookie(&http_again).is_some());
}
