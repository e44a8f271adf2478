//! Test helpers: an in-process sandbox and a tiny "browser" that keeps the session cookie.
#![allow(dead_code)]

pub mod forge;
pub mod instances;
pub mod paygate;
pub mod postgres;

use std::time::Duration;

use paygate_sandbox::html;
use paygate_sandbox::server::{start, Options, Running};
use serde_json::{json, Value};

/// A sandbox of all three origins on free ports, with this method timeout.
pub async fn sandbox(method_timeout_ms: u64) -> Running {
    let opts = Options {
        ports: [0, 0, 0],
        method_timeout: Duration::from_millis(method_timeout_ms),
        ..Options::default()
    };
    start(opts).await.expect("sandbox starts")
}

/// A browser on the shop origin that keeps the session cookie.
pub struct Browser {
    /// The HTTP client.
    pub http: reqwest::Client,
    /// The session cookie (`name=value`), once set.
    pub cookie: Option<String>,
    /// The shop origin.
    pub shop: String,
}

impl Browser {
    /// A browser without a session on the sandbox's shop.
    pub fn new(r: &Running) -> Browser {
        Browser {
            http: reqwest::Client::new(),
            cookie: None,
            shop: r.app.cfg.shop.clone(),
        }
    }

    /// A browser without a session on the shop origin `shop` (another instance, say).
    pub fn at(shop: &str) -> Browser {
        Browser {
            http: reqwest::Client::new(),
            cookie: None,
            shop: shop.to_string(),
        }
    }

    /// Keeps the cookie an answer sets.
    fn keep_cookie(&mut self, resp: &reqwest::Response) {
        if let Some(c) = resp
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
        {
            self.cookie = c.split(';').next().map(str::to_string);
        }
    }

    /// A request to the shop; answers the status and the JSON body (`null` when not JSON).
    pub async fn send(
        &mut self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        self.send_with(method, path, body, &[]).await
    }

    /// [`Browser::send`] with extra headers.
    pub async fn send_with(
        &mut self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut rb = self
            .http
            .request(method, format!("{}{path}", self.shop))
            .header("accept", "text/html,*/*");
        for (k, v) in headers {
            rb = rb.header(*k, *v);
        }
        if let Some(c) = &self.cookie {
            rb = rb.header("cookie", c.clone());
        }
        if let Some(b) = body {
            rb = rb
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        let resp = rb.send().await.expect("backend reachable");
        self.keep_cookie(&resp);
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A JSON POST to the shop.
    pub async fn post(&mut self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    /// A GET from the shop.
    pub async fn get(&mut self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    /// A form POST as an iframe would make it; returns the document.
    pub async fn form(&self, url: &str, fields: &[(String, String)]) -> String {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter())
            .finish();
        self.http
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("reachable")
            .text()
            .await
            .expect("text")
    }

    /// Follows an auto-submitting form document once.
    pub async fn follow(&self, doc: &str) -> String {
        let (action, fields) =
            html::extract_form(doc).expect("document has an auto-submitting form");
        self.form(&action, &fields).await
    }

    /// `POST /paygate/payments` with `card` and the fields of `extra`.
    pub async fn pay(&mut self, card: Value, extra: Value) -> (u16, Value) {
        self.pay_keyed(card, extra, None).await
    }

    /// `POST /paygate/payments` with an `Idempotency-Key` header when `key` is given.
    pub async fn pay_keyed(
        &mut self,
        card: Value,
        extra: Value,
        key: Option<&str>,
    ) -> (u16, Value) {
        let mut body = json!({
            "payment": {"amount": 1999, "currency": "EUR"},
            "card": card,
            "browserInfo": {"javaEnabled": false, "javaScriptEnabled": true, "language": "de-DE", "colorDepth": 24,
                            "screenHeight": 900, "screenWidth": 1440, "timeZoneOffset": -60, "userAgent": "test"},
            "saveCard": false,
        });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        let headers: Vec<(&str, &str)> = key.map(|k| ("idempotency-key", k)).into_iter().collect();
        self.send_with(
            reqwest::Method::POST,
            "/paygate/payments",
            Some(body),
            &headers,
        )
        .await
    }

    /// Runs the 3DS method in the "hidden iframe": post to the method URL, follow the ACS
    /// document to the Paygate; returns the object the Paygate document posts to its parent.
    pub async fn method(&self, versioning: &Value) -> Option<Value> {
        let url = versioning["threeDSMethodURL"].as_str().expect("method URL");
        let form = versioning["threeDSMethodDataForm"]
            .as_str()
            .expect("method data form");
        let doc = self
            .form(url, &[("threeDSMethodData".into(), form.into())])
            .await;
        html::extract_form(&doc)?;
        let answer = self.follow(&doc).await;
        html::extract_post_message(&answer)
    }

    /// Does the challenge in the "challenge iframe"; `otp` None = Cancel.
    pub async fn challenge(&self, ch: &Value, otp: Option<&str>) -> Value {
        let page = self
            .form(
                ch["acsURL"].as_str().unwrap(),
                &[(
                    "creq".into(),
                    ch["base64EncodedChallengeRequest"].as_str().unwrap().into(),
                )],
            )
            .await;
        assert!(
            page.contains("autocomplete=\"one-time-code\""),
            "challenge page: {page}"
        );
        let acs_trans_id = ch["challengeRequest"]["acsTransID"]
            .as_str()
            .unwrap()
            .to_string();
        let acs = ch["acsURL"]
            .as_str()
            .unwrap()
            .trim_end_matches("/challenge")
            .to_string();
        let mut fields = vec![("acsTransID".to_string(), acs_trans_id)];
        match otp {
            Some(o) => {
                fields.extend([("otp".into(), o.into()), ("action".into(), "submit".into())])
            }
            None => fields.push(("action".into(), "cancel".into())),
        }
        let doc = self.form(&format!("{acs}/challenge/submit"), &fields).await;
        let answer = self.follow(&doc).await;
        html::extract_post_message(&answer).expect("payment response document")
    }

    /// `POST /paygate/payments/{payId}/result` with the browser payment response.
    pub async fn result(&mut self, pay_id: &str, response: &Value) -> (u16, Value) {
        self.post(
            &format!("/paygate/payments/{pay_id}/result"),
            response.clone(),
        )
        .await
    }
}

/// A new card of the test card `number` (CVC of its brand's length), valid until 12/2030.
pub fn card(number: &str) -> Value {
    let cvc = if number.starts_with("37") {
        "1234"
    } else {
        "123"
    };
    json!({"number": number, "expiryDate": "203012", "securityCode": cvc, "cardholderName": "Max Mustermann"})
}

/// Basic auth value of the sandbox merchant (default credentials).
pub fn merchant_auth() -> String {
    format!(
        "Basic {}",
        paygate_sandbox::wire::b64(b"sandbox_shop:sandbox-hmac-password")
    )
}

/// `GET {paygate}/__sandbox/authorizations[?transId=…]`.
pub async fn authorizations(paygate: &str, trans_id: Option<&str>) -> Value {
    let q = trans_id
        .map(|t| format!("?transId={t}"))
        .unwrap_or_default();
    let r = reqwest::Client::new()
        .get(format!("{paygate}/__sandbox/authorizations{q}"))
        .header("authorization", merchant_auth())
        .send()
        .await
        .expect("paygate");
    assert_eq!(r.status().as_u16(), 200);
    r.json().await.expect("json")
}

/// `POST {origin}/__sandbox/faults` with `body`; Basic auth is sent (the Paygate needs it).
pub async fn arm_fault(origin: &str, body: Value) {
    let r = reqwest::Client::new()
        .post(format!("{origin}/__sandbox/faults"))
        .header("authorization", merchant_auth())
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("reachable");
    assert_eq!(r.status().as_u16(), 200, "arming {body}");
}

/// A sandbox with its options changed by `f`.
pub async fn sandbox_with(f: impl FnOnce(&mut Options)) -> Running {
    let mut opts = Options {
        ports: [0, 0, 0],
        ..Options::default()
    };
    f(&mut opts);
    start(opts).await.expect("sandbox starts")
}
