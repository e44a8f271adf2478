//! easyCredit v3 over real HTTP: easyCredit.aspx enforcing the v3 rules with codes, the plan
//! page, easyCreditDirect.aspx answering `Financing` only, the backend's endpoints, and
//! asynchronous capture and credit (`Status=Request`, final status by URLNotify).

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::{sandbox, Browser};
use paygate_sandbox::server::Running;
use paygate_sandbox::wire;
use paygate_wasm::protocol::easycredit::{Financing, Money};
use paygate_wasm::protocol::json::Value as PValue;
use paygate_wasm::protocol::kv::KeyValues;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The documents' example request, with the sandbox's merchant, a loopback URLNotify, the MAC,
/// and `changes` applied (`None` removes a key).
fn init_request(sb: &Running, changes: &[(&str, Option<&str>)]) -> KeyValues {
    let c = &sb.app.cfg;
    let mut kv = KeyValues::new();
    for line in fixture("easycredit-init-request.kv.txt").lines() {
        if let Some((k, v)) = line.split_once('=') {
            kv.push(k, v.trim());
        }
    }
    kv.remove("MerchantID");
    kv.remove("URLNotify");
    kv.push("MerchantID", c.merchant_id.clone())
        .push("URLNotify", format!("{}/paygate/easycredit/notify", c.shop));
    for (key, value) in changes {
        kv.remove(key);
        if let Some(v) = value {
            kv.push(key, *v);
        }
    }
    let mac_input = wire::request_mac_input(
        "",
        kv.get("TransID").unwrap_or(""),
        &c.merchant_id,
        kv.get("Amount").unwrap_or(""),
        "EUR",
    );
    kv.push("MAC", wire::mac(&c.hmac_key, &mac_input));
    kv
}

async fn paygate(sb: &Running, path: &str, kv: &KeyValues) -> KeyValues {
    let c = &sb.app.cfg;
    let body = wire::seal_form(&c.blowfish_key, &c.merchant_id, kv).unwrap();
    let text = reqwest::Client::new()
        .post(format!("{}{path}", c.paygate))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let outer = KeyValues::parse(&text);
    wire::open_kv(
        &c.blowfish_key,
        outer.get("Len").unwrap(),
        outer.get("Data").unwrap(),
    )
    .expect("sealed answer")
}

/// A change of the documents' request, the code it is refused with and its `Problems`.
type Case = (
    &'static [(&'static str, Option<&'static str>)],
    &'static str,
    &'static str,
);

/// Requests that break the v3 order rules.
fn refused_cases() -> [Case; 8] {
    [
        (&[("bdFirstName", None)], "21000006", "bdFirstName:missing"),
        (
            &[("sdLastName", Some("Roe"))],
            "21100001",
            "sdLastName:name_mismatch",
        ),
        (
            &[("sdZip", Some("10115"))],
            "21100002",
            "sdZip:address_mismatch",
        ),
        (
            &[("Employment", Some("ANGESTELLTER"))],
            "21100003",
            "Employment:employment_v2",
        ),
        (
            &[("ArticleList", Some("e30="))],
            "21100004",
            "ArticleList:article_list_shape",
        ),
        (
            &[("URLNotify", Some("https://your.shop.info:8443/notify.aspx"))],
            "21100005",
            "URLNotify:url_port",
        ),
        (&[("version", Some("v2"))], "21100006", "version:version"),
        (
            &[("bdFirstName", None), ("version", None)],
            "21000006",
            "bdFirstName:missing,version:missing",
        ),
    ]
}

#[tokio::test]
async fn easycredit_aspx_accepts_the_documents_request_and_enforces_the_v3_rules() {
    let sb = sandbox(10_000).await;
    let ok = paygate(&sb, "/easyCredit.aspx", &init_request(&sb, &[])).await;
    assert_eq!(
        (ok.get("Status"), ok.get("Code"), ok.get("Description")),
        (Some("AUTHORIZE_REQUEST"), Some("00000000"), Some("REQUEST"))
    );
    assert!(ok
        .get("RedirectURL")
        .unwrap()
        .starts_with(&format!("{}/easycredit/plan?PayID=", sb.app.cfg.paygate)));
    let cases = refused_cases();
    for (changes, code, problems) in cases {
        let refused = paygate(&sb, "/easyCredit.aspx", &init_request(&sb, changes)).await;
        assert_eq!(
            (
                refused.get("Status"),
                refused.get("Code"),
                refused.get("Problems")
            ),
            (Some("FAILED"), Some(code), Some(problems)),
            "{changes:?}"
        );
    }
    // A packing station may differ from the invoice address.
    let station = init_request(
        &sb,
        &[
            ("PackingStation", Some("YES")),
            ("sdStreet", Some("Packstation 101")),
            ("sdZip", Some("96052")),
        ],
    );
    assert_eq!(
        paygate(&sb, "/easyCredit.aspx", &station).await.get("Code"),
        Some("00000000")
    );
}

fn order() -> Value {
    json!({
        "customer": {"firstName": "Max", "lastName": "Mustermann"},
        "billingAddress": {"firstName": "Max", "lastName": "Mustermann", "street": "Schwarzenbergstraße", "streetNumber": "4", "zip": "96050", "city": "Bamberg", "countryCode": "DE"},
        "shippingAddress": {"firstName": "Max", "lastName": "Mustermann", "street": "Schwarzenbergstraße", "streetNumber": "4", "zip": "96050", "city": "Bamberg", "countryCode": "DE", "packingStation": false},
        "employment": "EMPLOYEE",
    })
}

/// Starts a hire purchase through the backend and decides it on the plan page; returns the PayID.
async fn decided(sb: &Running, b: &mut Browser, decision: &str, installments: &str) -> String {
    let (status, started) = b.post("/paygate/easycredit/orders", json!({"order": order(), "payment": {"amount": 59995, "currency": "EUR"}, "locale": "de"})).await;
    assert_eq!(status, 200, "{started}");
    let pay_id = started["payId"].as_str().unwrap().to_owned();
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = no_redirects
        .get(started["redirectUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("12 installments of 54,32 €"), "{page}");
    let chosen = no_redirects
        .post(format!("{}/easycredit/plan", sb.app.cfg.paygate))
        .form(&[
            ("PayID", pay_id.as_str()),
            ("installments", installments),
            ("decision", decision),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(chosen.status().as_u16(), 303);
    let back = chosen.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        back.starts_with(&format!(
            "{}/paygate/easycredit/return?MerchantID=",
            sb.app.cfg.shop
        )),
        "{back}"
    );
    let path = back.strip_prefix(&sb.app.cfg.shop).unwrap();
    let returned = no_redirects
        .get(format!("{}{path}", sb.app.cfg.shop))
        .header("cookie", b.cookie.clone().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        returned.headers()["location"].to_str().unwrap(),
        format!("/easycredit/confirm.html?payId={pay_id}&locale=de")
    );
    pay_id
}

async fn wait_for(b: &mut Browser, pay_id: &str, key: &str, want: &str) {
    for _ in 0..50 {
        let (_, s) = b.get(&format!("/paygate/easycredit/orders/{pay_id}")).await;
        if s[key] == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{key} never became {want}");
}

/// The approved order's `Financing`: v3 only, the 12-installment plan of 599.95 €.
async fn assert_financing(sb: &Running, b: &mut Browser, pay_id: &str) {
    let (status, f) = b
        .get(&format!("/paygate/easycredit/orders/{pay_id}/financing"))
        .await;
    assert_eq!(status, 200);
    let financing = f["financing"].as_str().unwrap();
    let decoded: Value = wire::b64_json(financing).expect("base64 JSON");
    assert!(
        decoded.get("Decision").is_none() && decoded.get("Process").is_none(),
        "v3: Financing only"
    );
    let Ok(Financing::Approved(a)) = Financing::read(&PValue::String(financing.to_owned())) else {
        panic!("approved: {decoded}")
    };
    assert_eq!(a.number_of_installments, 12);
    assert_eq!(a.interest, Money { cents: 5_184 });
    assert_eq!(a.total_value, Money { cents: 65_179 });
    assert_eq!(a.installment.cents * 11 + a.last_installment.cents, 65_179);
    assert!(a
        .url_pre_contractual_information
        .unwrap()
        .starts_with(&format!(
            "{}/easycredit/precontractual/",
            sb.app.cfg.paygate
        )));
}

/// POSTs `body` to the order's `action` (confirm, capture, credit).
async fn order_post(b: &mut Browser, pay_id: &str, action: &str, body: Value) -> Value {
    b.post(
        &format!("/paygate/easycredit/orders/{pay_id}/{action}"),
        body,
    )
    .await
    .1
}

/// No capture before the confirmation; then the confirmation.
async fn assert_confirmation(b: &mut Browser, pay_id: &str) {
    let early = order_post(b, pay_id, "capture", json!({})).await;
    assert_eq!(
        early["code"], "21100007",
        "no capture before the confirmation"
    );
    let confirmed = order_post(b, pay_id, "confirm", json!({})).await;
    assert_eq!(
        (
            confirmed["result"]["status"].as_str(),
            confirmed["result"]["code"].as_str()
        ),
        (Some("OK"), Some("00000000"))
    );
}

/// Capture, then credit: each answered `Request`, the final `OK` by URLNotify; no credit of
/// more than was captured.
async fn assert_capture_and_credit(b: &mut Browser, pay_id: &str) {
    let captured = order_post(b, pay_id, "capture", json!({})).await;
    assert_eq!(
        (captured["status"].as_str(), captured["code"].as_str()),
        (Some("Request"), Some("00000000"))
    );
    let (_, now) = b.get(&format!("/paygate/easycredit/orders/{pay_id}")).await;
    assert_eq!(
        now["capture"], "Request",
        "the final status comes later, by URLNotify"
    );
    wait_for(b, pay_id, "capture", "OK").await;

    let too_much = order_post(b, pay_id, "credit", json!({"amount": 60_000})).await;
    assert_eq!(too_much["code"], "21100007");
    let credited = order_post(b, pay_id, "credit", json!({"amount": 10_000})).await;
    assert_eq!(credited["status"], "Request");
    wait_for(b, pay_id, "credit", "OK").await;
}

#[tokio::test]
async fn approved_hire_purchase_financing_confirm_and_asynchronous_capture_and_credit() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let pay_id = decided(&sb, &mut b, "approve", "12").await;
    assert_financing(&sb, &mut b, &pay_id).await;
    assert_confirmation(&mut b, &pay_id).await;
    assert_capture_and_credit(&mut b, &pay_id).await;

    let mut stranger = Browser::new(&sb);
    assert_eq!(
        stranger
            .get(&format!("/paygate/easycredit/orders/{pay_id}/financing"))
            .await
            .0,
        404,
        "another session's order"
    );
}

#[tokio::test]
async fn a_declined_hire_purchase_has_no_figures_and_cannot_be_confirmed() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let pay_id = decided(&sb, &mut b, "deny", "9").await;
    let (_, f) = b
        .get(&format!("/paygate/easycredit/orders/{pay_id}/financing"))
        .await;
    let decoded = wire::b64_json(f["financing"].as_str().unwrap()).unwrap();
    assert_eq!(decoded["decision"]["decisionOutcome"], "NEGATIVE");
    assert!(
        decoded["decision"].get("totalValue").is_none()
            && decoded["decision"].get("installment").is_none()
    );
    let (status, refused) = b
        .post(
            &format!("/paygate/easycredit/orders/{pay_id}/confirm"),
            json!({}),
        )
        .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (409, Some("not_approved"))
    );
}

#[tokio::test]
async fn the_backend_reports_the_paygates_refusal_with_its_problems() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let mut o = order();
    o["employment"] = "ARBEITER".into();
    o["shippingAddress"]["lastName"] = "Musterfrau".into();
    let (status, refused) = b
        .post(
            "/paygate/easycredit/orders",
            json!({"order": o, "payment": {"amount": 1999, "currency": "EUR"}}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(refused["error"]["code"], "easycredit_refused");
    assert_eq!(refused["error"]["paygateCode"], "21100001");
    assert_eq!(
        refused["error"]["problems"],
        json!([{"parameter": "sdLastName", "code": "name_mismatch"}, {"parameter": "Employment", "code": "employment_v2"}])
    );
}
