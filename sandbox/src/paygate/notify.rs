//! URLNotify: the Paygate's server-to-server notification of the merchant, with its retries and
//! the sandbox's notification faults (late, duplicated, stale after the final one).

use std::time::Duration;

use super::finish::outcome_kv;
use super::payments::{Outcome, Payment};
use crate::error::codes;
use crate::state::{log, Shared};
use crate::wire;
use paygate_wasm::protocol::kv::KeyValues;

/// A sandbox fault for the next final URLNotify (`POST {paygate}/__sandbox/faults`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyFault {
    /// Send it this long after the browser response instead of before.
    Delay(Duration),
    /// Send it twice.
    Duplicate,
    /// After it, send the earlier challenge notification again (stale, out of order).
    StaleAfterFinal,
}

/// Sends the final URLNotify of a payment, as the armed fault (if any) says.
pub async fn deliver_final(app: &Shared, p: &Payment, outcome: &Outcome, extra: KeyValues) {
    match app.paygate.take_notify_fault() {
        None => send_notify(app, p, outcome, extra).await,
        Some(NotifyFault::Delay(d)) => {
            let (app, p, outcome) = (app.clone(), p.clone(), outcome.clone());
            tokio::spawn(async move {
                tokio::time::sleep(d).await;
                send_notify(&app, &p, &outcome, extra).await;
            });
        }
        Some(NotifyFault::Duplicate) => {
            send_notify(app, p, outcome, extra.clone()).await;
            send_notify(app, p, outcome, extra).await;
        }
        Some(NotifyFault::StaleAfterFinal) => {
            send_notify(app, p, outcome, extra).await;
            if let Some(ch) = &p.challenge {
                let mut stale = KeyValues::new();
                stale.push("challenge", wire::b64(ch.to_string().as_bytes()));
                let pending = Outcome {
                    status: "AUTHENTICATION_REQUEST",
                    code: codes::CHALLENGE,
                    description: "challenge required",
                };
                send_notify(app, p, &pending, stale).await;
            }
        }
    }
}

/// POSTs the URLNotify (encrypted) to the merchant's notify URL. The first attempt is awaited
/// (so it normally arrives before the browser's response document); if it fails, 9 more follow
/// in the background with backoff over about 25 s, so a backend that restarts meanwhile gets it.
pub async fn send_notify(app: &Shared, p: &Payment, o: &Outcome, extra: KeyValues) {
    let mut fields = KeyValues::new();
    fields.push("threeDSCompInd", p.comp_ind.unwrap_or("U"));
    for (k, v) in extra.iter() {
        fields.push(k, v);
    }
    let body = match wire::seal_form(
        &app.cfg.blowfish_key,
        &app.cfg.merchant_id,
        &outcome_kv(app, p, o, fields),
    ) {
        Ok(body) => body,
        Err(e) => {
            return log(
                "paygate",
                format!("URLNotify for {} not sent: {e}", p.pay_id),
            )
        }
    };
    if post(app, &p.url_notify, &p.pay_id, &body).await {
        return;
    }
    let (app, url, pay_id) = (app.clone(), p.url_notify.clone(), p.pay_id.clone());
    tokio::spawn(async move {
        for attempt in 0..9u32 {
            tokio::time::sleep(Duration::from_millis((200u64 << attempt).min(5_000))).await;
            if post(&app, &url, &pay_id, &body).await {
                return;
            }
        }
        log(
            "paygate",
            format!("URLNotify for {pay_id} given up after 10 attempts"),
        );
    });
}

async fn post(app: &Shared, url: &str, pay_id: &str, body: &str) -> bool {
    let sent = app
        .http
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_string())
        .send()
        .await;
    match sent {
        Ok(r) if r.status().is_success() => true,
        Ok(r) => {
            log(
                "paygate",
                format!("URLNotify for {pay_id} answered {}", r.status()),
            );
            false
        }
        Err(e) => {
            log("paygate", format!("URLNotify for {pay_id} failed: {e}"));
            false
        }
    }
}
