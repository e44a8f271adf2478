//! The merchant backend (DESIGN.md §4), the one place that makes HTTP requests (gloo-net).
//! Bodies are JSON text made and read by the browser's own `JSON`; no serde_json in wasm.

use gloo_net::http::{Request, RequestBuilder};
use wasm_bindgen::JsValue;
use web_sys::{AbortSignal, RequestCredentials};

use crate::dom::js::{get, get_string};
use crate::error::{ErrorCode, PaygateError};
use crate::protocol::json;
use crate::protocol::payment_response::BrowserPaymentResponse;

/// What the backend says after the payment request.
pub enum Next {
    /// `{type:'method', versioningData}`.
    Method(JsValue),
    /// `{type:'legacy', acsURL, paReq, termURL, md}` (the whole object).
    Legacy(JsValue),
    /// `{type:'done', result}`.
    Done(JsValue),
}

/// The answer to `POST {backendUrl}/payments`.
pub struct Created {
    /// `payId`.
    pub pay_id: String,
    /// What to do next.
    pub next: Next,
}

/// The answer to `POST …/result`.
pub enum Finished {
    /// `{final:true, result}`.
    Final(JsValue),
    /// `{final:false}`: the backend has not heard from the Paygate yet.
    NotFinal,
}

/// The answer to the long poll.
pub enum PollAnswer {
    /// `{state:'pending'}`.
    Pending,
    /// `{state:'challenge', challenge}` with the browser challenge response object.
    Challenge(JsValue),
    /// `{state:'done', result}`.
    Done(JsValue),
}

fn garbage(what: &str) -> PaygateError {
    PaygateError::new(ErrorCode::BackendUnreachable, what).with_detail("answer")
}

/// Percent-encodes a path segment (pay ids are ours to trust only this far).
fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

fn payment_url(base: &str, pay_id: &str, tail: &str) -> String {
    let mut url = String::from(base);
    url.push_str("/payments/");
    url.push_str(&segment(pay_id));
    url.push_str(tail);
    url
}

async fn send(builder: RequestBuilder, body: Option<String>, signal: &AbortSignal) -> Result<JsValue, PaygateError> {
    let builder = builder
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json")
        .abort_signal(Some(signal));
    let request = match body {
        Some(text) => builder.header("Content-Type", "application/json").body(text),
        None => builder.build(),
    }
    .map_err(|_| PaygateError::new(ErrorCode::BackendUnreachable, "the request could not be made").with_detail("request"))?;
    let response = request
        .send()
        .await
        .map_err(|_| PaygateError::new(ErrorCode::BackendUnreachable, "the merchant backend could not be reached").with_detail("network"))?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let json = js_sys::JSON::parse(&text).ok();
    if !response.ok() {
        let error = json.as_ref().map(|j| get(j, "error")).unwrap_or(JsValue::UNDEFINED);
        let detail = get_string(&error, "code").unwrap_or_else(|| status.to_string());
        let message = get_string(&error, "message").unwrap_or_else(|| String::from("the merchant backend refused the request"));
        let code = if status >= 500 { ErrorCode::BackendUnreachable } else { ErrorCode::BackendRejected };
        return Err(PaygateError::new(code, message).with_detail(detail));
    }
    match json {
        Some(j) if j.is_object() => Ok(j),
        _ => Err(garbage("the merchant backend answered something that is not a JSON object")),
    }
}

/// `POST {base}/payments` with `body` (JSON text).
pub async fn create(base: &str, body: String, signal: &AbortSignal) -> Result<Created, PaygateError> {
    let mut url = String::from(base);
    url.push_str("/payments");
    let answer = send(Request::post(&url), Some(body), signal).await?;
    let pay_id = get_string(&answer, "payId").filter(|p| !p.is_empty()).ok_or_else(|| garbage("payId is missing"))?;
    let next = get(&answer, "next");
    let next = match get_string(&next, "type").as_deref() {
        Some("method") => Next::Method(get(&next, "versioningData")),
        Some("legacy") => Next::Legacy(next),
        Some("done") => Next::Done(get(&next, "result")),
        _ => return Err(garbage("next.type is not method, legacy or done")),
    };
    Ok(Created { pay_id, next })
}

/// `POST {base}/payments/{payId}/result` with `{MID, Len, Data}` unchanged.
pub async fn post_result(base: &str, pay_id: &str, response: &BrowserPaymentResponse, signal: &AbortSignal) -> Result<Finished, PaygateError> {
    let value = json::to_js(&response.to_value());
    let text = js_sys::JSON::stringify(&value).ok().and_then(|s| s.as_string()).ok_or_else(|| garbage("payment response"))?;
    let answer = send(Request::post(&payment_url(base, pay_id, "/result")), Some(text), signal).await?;
    match get(&answer, "final").as_bool() {
        Some(true) => Ok(Finished::Final(get(&answer, "result"))),
        Some(false) => Ok(Finished::NotFinal),
        None => Err(garbage("final is missing")),
    }
}

/// `GET {base}/payments/{payId}?wait={seconds}`.
pub async fn poll(base: &str, pay_id: &str, wait_seconds: u32, signal: &AbortSignal) -> Result<PollAnswer, PaygateError> {
    let mut tail = String::from("?wait=");
    tail.push_str(&wait_seconds.to_string());
    let answer = send(Request::get(&payment_url(base, pay_id, &tail)), None, signal).await?;
    match get_string(&answer, "state").as_deref() {
        Some("pending") => Ok(PollAnswer::Pending),
        Some("challenge") => Ok(PollAnswer::Challenge(get(&answer, "challenge"))),
        Some("done") => Ok(PollAnswer::Done(get(&answer, "result"))),
        _ => Err(garbage("state is not pending, challenge or done")),
    }
}
