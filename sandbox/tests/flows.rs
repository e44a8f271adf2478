//! Every test card's flow at the HTTP level, driven like a browser would.

mod common;

use common::{card, sandbox, Browser};
use serde_json::{json, Value};

/// Frictionless: method via ACS (or the Paygate's render URL), payment response, /result.
async fn frictionless(number: &str, comp_ind: &str) -> Value {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let (st, created) = b.pay(card(number), json!({})).await;
    assert_eq!(st, 200, "{created}");
    assert_eq!(created["next"]["type"], "method");
    let pay_id = created["payId"].as_str().unwrap().to_string();
    let resp = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("payment response");
    assert!(
        resp["MID"].is_string() && resp["Len"].is_u64() && resp["Data"].is_string(),
        "{resp}"
    );
    let (st, r) = b.result(&pay_id, &resp).await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["final"], true);
    assert_eq!(r["result"]["threeDSCompInd"], comp_ind);
    assert_eq!(r["result"]["payId"], pay_id.as_str());
    assert_eq!(r["result"]["transId"], created["transId"]);
    r["result"].clone()
}

#[tokio::test]
async fn visa_frictionless() {
    let r = frictionless("4111111111111111", "Y").await;
    assert_eq!(
        (r["status"].as_str(), r["code"].as_str()),
        (Some("AUTHORIZED"), Some("00000000"))
    );
}

#[tokio::test]
async fn mastercard_and_amex_frictionless() {
    assert_eq!(
        frictionless("5555555555554444", "Y").await["code"],
        "00000000"
    );
    assert_eq!(
        frictionless("378282246310005", "Y").await["code"],
        "00000000"
    );
}

#[tokio::test]
async fn no_issuer_method_url_uses_paygate_render_url() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let (_, created) = b.pay(card("4000000000001000"), json!({})).await;
    let url = created["next"]["versioningData"]["threeDSMethodURL"]
        .as_str()
        .unwrap();
    assert_eq!(
        url,
        format!("{}/cbThreeDS.aspx?action=render", sb.app.cfg.paygate)
    );
    let r = frictionless("4000000000001000", "U").await;
    assert_eq!(r["status"], "AUTHORIZED");
}

#[tokio::test]
async fn any_other_valid_card_is_frictionless() {
    assert_eq!(
        frictionless("4012888888881881", "Y").await["status"],
        "AUTHORIZED"
    );
}

#[tokio::test]
async fn declined_at_authorisation() {
    let r = frictionless("4000000000000002", "Y").await;
    assert_eq!(r["status"], "FAILED");
    assert!(r["code"].as_str().unwrap().starts_with('2'), "{r}");
}

async fn challenge_flow(number: &str, otp: Option<&str>, window: Option<&str>) -> (Value, Value) {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let mut info = json!({});
    if let Some(w) = window {
        info = json!({"browserInfo": {"challengeWindowSize": w, "colorDepth": 24}});
    }
    let (_, created) = b.pay(card(number), info).await;
    let pay_id = created["payId"].as_str().unwrap().to_string();
    let ch = b
        .method(&created["next"]["versioningData"])
        .await
        .expect("challenge response");
    assert_eq!(ch["acsURL"], format!("{}/challenge", sb.app.cfg.acs));
    assert_eq!(ch["challengeRequest"]["messageType"], "CReq");
    let creq =
        paygate_sandbox::wire::b64_json(ch["base64EncodedChallengeRequest"].as_str().unwrap())
            .unwrap();
    assert_eq!(
        creq["notificationURL"],
        format!("{}/cbThreeDS.aspx?action=chlgNtfn", sb.app.cfg.paygate)
    );
    assert_eq!(creq["challengeWindowSize"], window.unwrap_or("02"));
    // The long poll knows the challenge too (from the URLNotify).
    let (_, poll) = b.get(&format!("/paygate/payments/{pay_id}?wait=5")).await;
    assert_eq!(poll["state"], "challenge", "{poll}");
    assert_eq!(poll["challenge"], ch);
    let resp = b.challenge(&ch, otp).await;
    let (st, r) = b.result(&pay_id, &resp).await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["final"], true);
    let (_, poll) = b.get(&format!("/paygate/payments/{pay_id}?wait=1")).await;
    assert_eq!(poll["state"], "done");
    assert_eq!(poll["result"], r["result"]);
    (ch, r["result"].clone())
}

#[tokio::test]
async fn challenge_otp_passes_and_fails() {
    let (ch, r) = challenge_flow("4000000000001091", Some("1234"), None).await;
    assert_eq!(ch["acsChallengeMandated"], false);
    assert_eq!(r["status"], "AUTHORIZED");
    let (_, r) = challenge_flow("4000000000001091", Some("9999"), None).await;
    assert_eq!(
        (r["status"].as_str(), r["code"].as_str()),
        (Some("FAILED"), Some("22000001"))
    );
}

#[tokio::test]
async fn challenge_cancel_is_reported_apart() {
    let (_, r) = challenge_flow("4000000000001091", None, Some("01")).await;
    assert_eq!(r["code"], "22000002");
}

#[tokio::test]
async fn challenge_mandated_with_window_size() {
    let (ch, r) = challenge_flow("4000000000001109", Some("1234"), Some("05")).await;
    assert_eq!(ch["acsChallengeMandated"], true);
    assert_eq!(ch["challengeRequest"]["challengeWindowSize"], "05");
    assert_eq!(r["status"], "AUTHORIZED");
}

#[tokio::test]
async fn challenge_that_always_fails() {
    let (_, r) = challenge_flow("4000000000001117", Some("1234"), None).await;
    assert_eq!(r["status"], "FAILED");
}

#[tokio::test]
async fn method_timeout_continues_with_n_via_long_poll() {
    let sb = sandbox(300).await;
    let mut b = Browser::new(&sb);
    let (_, created) = b.pay(card("4000000000001125"), json!({})).await;
    let pay_id = created["payId"].as_str().unwrap().to_string();
    // The ACS method page never notifies.
    assert!(b.method(&created["next"]["versioningData"]).await.is_none());
    let (_, poll) = b.get(&format!("/paygate/payments/{pay_id}?wait=10")).await;
    assert_eq!(poll["state"], "done", "{poll}");
    assert_eq!(poll["result"]["threeDSCompInd"], "N");
    assert_eq!(poll["result"]["status"], "AUTHORIZED");
}

#[tokio::test]
async fn not_enrolled_falls_back_to_3ds1() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let (_, created) = b.pay(card("4000000000002008"), json!({})).await;
    let next = &created["next"];
    assert_eq!(next["type"], "legacy", "{created}");
    assert_eq!(
        next["termURL"],
        format!("{}/cbThreeDS.aspx?action=term", sb.app.cfg.paygate)
    );
    let fields = |pw: &str| {
        vec![
            (
                "PaReq".to_string(),
                next["paReq"].as_str().unwrap().to_string(),
            ),
            (
                "TermUrl".to_string(),
                next["termURL"].as_str().unwrap().to_string(),
            ),
            ("MD".to_string(), next["md"].as_str().unwrap().to_string()),
            ("password".to_string(), pw.to_string()),
        ]
    };
    let page = b
        .form(next["acsURL"].as_str().unwrap(), &fields("")[..3])
        .await;
    assert!(page.contains("type=\"password\""), "{page}");
    let doc = b
        .form(&format!("{}/3ds1/submit", sb.app.cfg.acs), &fields("1234"))
        .await;
    let answer = b.follow(&doc).await;
    let resp = paygate_sandbox::html::extract_post_message(&answer).unwrap();
    let (st, r) = b.result(created["payId"].as_str().unwrap(), &resp).await;
    assert_eq!(st, 200);
    assert_eq!(r["result"]["status"], "AUTHORIZED", "{r}");
}

#[tokio::test]
async fn invalid_cards_are_rejected_by_the_backend() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    for c in [
        json!({"number": "4111111111111112", "expiryDate": "203012", "securityCode": "123", "cardholderName": "Max Mustermann"}),
        json!({"number": "4111111111111111", "expiryDate": "202001", "securityCode": "123", "cardholderName": "Max Mustermann"}),
        json!({"number": "4111111111111111", "expiryDate": "203012", "securityCode": "12", "cardholderName": "Max Mustermann"}),
        json!({"number": "378282246310005", "expiryDate": "203012", "securityCode": "123", "cardholderName": "Max Mustermann"}),
    ] {
        let (st, r) = b.pay(c, json!({})).await;
        assert_eq!(st, 400, "{r}");
        assert_eq!(r["error"]["code"], "invalid_card");
    }
}

#[tokio::test]
async fn replayed_failure_data_is_refused() {
    let sb = sandbox(10_000).await;
    let mut b = Browser::new(&sb);
    let (_, failed) = b.pay(card("4000000000000002"), json!({})).await;
    let fail_resp = b.method(&failed["next"]["versioningData"]).await.unwrap();
    let (_, ok) = b.pay(card("4111111111111111"), json!({})).await;
    let ok_pay = ok["payId"].as_str().unwrap();
    // Failure Data replayed for another payment.
    let (st, r) = b.result(ok_pay, &fail_resp).await;
    assert_eq!(st, 400, "{r}");
    // Tampered Data / MID.
    let mut bad = fail_resp.clone();
    bad["Len"] = json!(bad["Len"].as_u64().unwrap() - 1);
    assert_eq!(
        b.result(failed["payId"].as_str().unwrap(), &bad).await.0,
        400
    );
    // The genuine failure for its own payment is final and FAILED.
    let (st, r) = b
        .result(failed["payId"].as_str().unwrap(), &fail_resp)
        .await;
    assert_eq!(st, 200);
    assert_eq!(r["result"]["status"], "FAILED");
    // The successful payment stays unaffected and succeeds with its own Data; Len as string works.
    let mut ok_resp = b.method(&ok["next"]["versioningData"]).await.unwrap();
    ok_resp["Len"] = json!(ok_resp["Len"].to_string());
    let (st, r) = b.result(ok_pay, &ok_resp).await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["result"]["status"], "AUTHORIZED");
    // Another session cannot read the payment.
    let mut other = Browser::new(&sb);
    assert_eq!(
        other.get(&format!("/paygate/payments/{ok_pay}")).await.0,
        404
    );
}
