//! The checkout's requests to the merchant backend (docs/backend-contract.md): the payment request with its
//! idempotent retries, the long poll and the browser payment response. They go through
//! [`crate::dom::backend`], the one place that makes HTTP requests.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{AbortController, AbortSignal};

use super::mailbox::Mailbox;
use crate::dom::backend::{request, resource_url, Reply, Request, RequestBuilder};
use crate::dom::js::{get, get_string};
use crate::dom::listener::{Listener, Timer};
use crate::error::{ErrorCode, Message, PaygateError};
use crate::protocol::idempotency::{AttemptOutcome, IdempotencyKey, RetryPolicy};
use crate::protocol::json;
use crate::protocol::payment_response::BrowserPaymentResponse;

/// What the backend says after the payment request.
#[derive(Debug)]
pub enum Next {
    /// `{type:'method', versioningData}`.
    Method(JsValue),
    /// `{type:'legacy', acsURL, paReq, termURL, md}` (the whole object).
    Legacy(JsValue),
    /// `{type:'done', result}`.
    Done(JsValue),
}

/// The answer to `POST {backendUrl}/payments`.
#[derive(Debug)]
pub struct Created {
    /// `payId`.
    pub pay_id: String,
    /// What to do next.
    pub next: Next,
}

/// The answer to `POST …/result`.
#[derive(Debug)]
pub enum Finished {
    /// `{final:true, result}`.
    Final(JsValue),
    /// `{final:false}`: the backend has not heard from the Paygate yet.
    NotFinal,
}

/// The answer to the long poll.
#[derive(Debug)]
pub enum PollAnswer {
    /// `{state:'pending'}`.
    Pending,
    /// `{state:'challenge', challenge}` with the browser challenge response object.
    Challenge(JsValue),
    /// `{state:'done', result}`.
    Done(JsValue),
}

fn garbage(what: Message) -> PaygateError {
    PaygateError::new(ErrorCode::BackendUnreachable, what).with_detail("answer")
}

/// A request of the checkout: a refusal becomes its `PaygateError`, and the answer must be a JSON object.
async fn send(
    builder: RequestBuilder,
    body: Option<String>,
    signal: &AbortSignal,
) -> Result<JsValue, PaygateError> {
    answer_of(request(builder, body, Some(signal)).await?)
}

/// The JSON object of a 2xx reply, or the refusal as its `PaygateError`.
fn answer_of(reply: Reply) -> Result<JsValue, PaygateError> {
    if !reply.ok {
        let status = reply.status;
        let code = if status >= 500 {
            ErrorCode::BackendUnreachable
        } else {
            ErrorCode::BackendRejected
        };
        let error = match reply.error_field("message") {
            Some(said) => PaygateError::new(code, Message::BackendSaid).with_arg(said),
            None => PaygateError::new(code, Message::Refused),
        };
        return Err(match reply.error_field("code") {
            Some(detail) => error.with_detail(detail),
            None => error.with_status(status),
        });
    }
    match reply.json {
        Some(j) if j.is_object() => Ok(j),
        _ => Err(garbage(Message::NotJsonObject)),
    }
}

/// A new idempotency key from `crypto.getRandomValues`, one per `pay()`.
pub fn new_idempotency_key() -> Result<IdempotencyKey, PaygateError> {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    IdempotencyKey::generate(|bytes| {
        crypto
            .as_ref()
            .is_some_and(|c| c.get_random_values_with_u8_array(bytes).is_ok())
    })
    .ok_or_else(|| {
        PaygateError::new(ErrorCode::InvalidOptions, Message::NoCrypto).with_detail("crypto")
    })
}

/// One attempt of `POST {url}` with the idempotency key, aborted after `timeout_ms` or when the
/// payment's `signal` fires; says how it ended for the retry policy.
async fn create_attempt(
    url: &str,
    body: &str,
    key: &IdempotencyKey,
    timeout_ms: u32,
    signal: &AbortSignal,
) -> (AttemptOutcome, Result<JsValue, PaygateError>) {
    let unreachable = |detail: &str| {
        PaygateError::new(ErrorCode::BackendUnreachable, Message::Unreachable).with_detail(detail)
    };
    let Ok(attempt) = AbortController::new() else {
        return (AttemptOutcome::NetworkError, Err(unreachable("request")));
    };
    let timed_out = Rc::new(Cell::new(false));
    let (on_time, on_stop, flag) = (attempt.clone(), attempt.clone(), timed_out.clone());
    let _timer = Timer::new(timeout_ms, move || {
        flag.set(true);
        on_time.abort();
    });
    let _stop = Listener::new(signal, "abort", move |_| on_stop.abort());
    let builder = Request::post(url).header("Idempotency-Key", key.as_str());
    match request(builder, Some(body.to_owned()), Some(&attempt.signal())).await {
        Ok(reply) => (AttemptOutcome::Status(reply.status), answer_of(reply)),
        Err(_) if timed_out.get() => (AttemptOutcome::TimedOut, Err(unreachable("timeout"))),
        Err(e) => (AttemptOutcome::NetworkError, Err(e)),
    }
}

/// `POST {base}/payments` with `body` (JSON text) and the payment's idempotency key. A lost
/// answer (network error, timeout, 502/503/504) is retried with the same key as `policy` allows,
/// so that the backend answers the repeat with its first answer instead of paying twice. The
/// pauses between attempts belong to the payment's `mailbox`: a stop ends them at once.
pub(crate) async fn create(
    base: &str,
    body: &str,
    key: &IdempotencyKey,
    policy: RetryPolicy,
    signal: &AbortSignal,
    mailbox: &Mailbox,
) -> Result<Created, PaygateError> {
    let mut url = String::from(base);
    url.push_str("/payments");
    let mut attempt = 0;
    let answer = loop {
        let (outcome, result) =
            create_attempt(&url, body, key, policy.attempt_timeout_ms, signal).await;
        match result {
            Ok(answer) => break answer,
            Err(e) if signal.aborted() => return Err(e),
            Err(e) => match policy.next_delay_ms(attempt, outcome) {
                Some(pause) => {
                    mailbox.pause(pause).await;
                    if signal.aborted() || mailbox.is_over() {
                        return Err(e);
                    }
                    attempt += 1;
                }
                None => return Err(e),
            },
        }
    };
    let pay_id = get_string(&answer, "payId")
        .filter(|p| !p.is_empty())
        .ok_or_else(|| garbage(Message::PayIdMissing))?;
    let next = get(&answer, "next");
    let next = match get_string(&next, "type").as_deref() {
        Some("method") => Next::Method(get(&next, "versioningData")),
        Some("legacy") => Next::Legacy(next),
        Some("done") => Next::Done(get(&next, "result")),
        _ => return Err(garbage(Message::NextType)),
    };
    Ok(Created { pay_id, next })
}

/// `POST {base}/payments/{payId}/result` with `{MID, Len, Data}` unchanged.
pub async fn post_result(
    base: &str,
    pay_id: &str,
    response: &BrowserPaymentResponse,
    signal: &AbortSignal,
) -> Result<Finished, PaygateError> {
    let value = json::to_js(&response.to_value());
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| garbage(Message::PaymentResponse))?;
    let answer = send(
        Request::post(&resource_url(base, "/payments/", pay_id, "/result")),
        Some(text),
        signal,
    )
    .await?;
    match get(&answer, "final").as_bool() {
        Some(true) => Ok(Finished::Final(get(&answer, "result"))),
        Some(false) => Ok(Finished::NotFinal),
        None => Err(garbage(Message::FinalMissing)),
    }
}

/// `GET {base}/payments/{payId}?wait={seconds}`.
pub async fn poll(
    base: &str,
    pay_id: &str,
    wait_seconds: u32,
    signal: &AbortSignal,
) -> Result<PollAnswer, PaygateError> {
    let mut tail = String::from("?wait=");
    crate::protocol::decimal::push_decimal(&mut tail, wait_seconds.into(), 0);
    let answer = send(
        Request::get(&resource_url(base, "/payments/", pay_id, &tail)),
        None,
        signal,
    )
    .await?;
    match get_string(&answer, "state").as_deref() {
        Some("pending") => Ok(PollAnswer::Pending),
        Some("challenge") => Ok(PollAnswer::Challenge(get(&answer, "challenge"))),
        Some("done") => Ok(PollAnswer::Done(get(&answer, "result"))),
        _ => Err(garbage(Message::PollState)),
    }
}
