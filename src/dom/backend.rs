//! The merchant backend over HTTP, the one place that makes requests: the session cookie, JSON
//! bodies made and read by the browser's own `JSON` (no serde_json in wasm), ids as encoded path
//! segments. The checkout's calls are in `checkout::backend`; the card components' removal of a
//! stored card is here.
//!
//! gloo-net sends the request and reads the response. The request itself is built here as a
//! `web_sys::Request`: gloo-net's `RequestBuilder` always rebuilds the URL with its query
//! parameters through `format!` and `web_sys::Url`, which alone brought Rust's formatting
//! machinery into the wasm (about 2 KB gzip); the backend's URLs need none of that.

use wasm_bindgen::JsValue;
use web_sys::{AbortSignal, RequestCredentials, RequestInit};

use crate::dom::js::{get, get_string, set};
use crate::error::{ErrorCode, Message, PaygateError};
use crate::protocol::ascii;

/// Percent-encodes an id as a path segment: every byte but `A-Z a-z 0-9 - _ . ~`, so `/`, `?`,
/// `#` and `%` stay inside the segment (more than `encodeURIComponent`, which keeps `!*'()`).
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

/// `{base}{collection}{id}{tail}`, the id as one encoded path segment.
pub(crate) fn resource_url(base: &str, collection: &str, id: &str, tail: &str) -> String {
    let mut url = String::from(ascii::trim_end(base, b'/'));
    url.push_str(collection);
    url.push_str(&segment(id));
    url.push_str(tail);
    url
}

/// A request to the merchant backend by its method.
#[derive(Debug)]
pub(crate) struct Request;

impl Request {
    /// `GET url`.
    pub(crate) fn get(url: &str) -> RequestBuilder {
        RequestBuilder::new("GET", url)
    }

    /// `POST url`.
    pub(crate) fn post(url: &str) -> RequestBuilder {
        RequestBuilder::new("POST", url)
    }

    /// `DELETE url`.
    pub(crate) fn delete(url: &str) -> RequestBuilder {
        RequestBuilder::new("DELETE", url)
    }
}

/// A request not sent yet: its method, URL and own headers; [`request`] sends it with gloo-net.
#[derive(Debug)]
pub(crate) struct RequestBuilder {
    method: &'static str,
    url: String,
    headers: Vec<(String, String)>,
}

impl RequestBuilder {
    fn new(method: &'static str, url: &str) -> Self {
        RequestBuilder {
            method,
            url: url.to_owned(),
            headers: Vec::new(),
        }
    }

    /// The same request with one more header.
    pub(crate) fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// What the backend answered: its status and its body, when that is JSON.
pub(crate) struct Reply {
    /// The HTTP status.
    pub(crate) status: u16,
    /// Whether it is 2xx.
    pub(crate) ok: bool,
    /// The body, when it is JSON.
    pub(crate) json: Option<JsValue>,
}

impl Reply {
    /// `error[key]` of a refusal's `{error:{code, message}}`.
    pub(crate) fn error_field(&self, key: &str) -> Option<String> {
        get_string(&get(self.json.as_ref()?, "error"), key)
    }
}

/// Sends a request with the session cookie, asking for JSON; `body` is JSON text.
pub(crate) async fn request(
    builder: RequestBuilder,
    body: Option<String>,
    signal: Option<&AbortSignal>,
) -> Result<Reply, PaygateError> {
    let headers = js_sys::Object::new();
    let mut builder = builder.header("Accept", "application/json");
    if body.is_some() {
        builder = builder.header("Content-Type", "application/json");
    }
    for (name, value) in &builder.headers {
        set(&headers, name, &JsValue::from_str(value));
    }
    let init = RequestInit::new();
    init.set_method(builder.method);
    init.set_credentials(RequestCredentials::SameOrigin);
    init.set_headers(&headers);
    init.set_signal(signal);
    if let Some(text) = body {
        init.set_body(&JsValue::from(text));
    }
    let request = web_sys::Request::new_with_str_and_init(&builder.url, &init).map_err(|_| {
        PaygateError::new(ErrorCode::BackendUnreachable, Message::RequestFailed)
            .with_detail("request")
    })?;
    let response = gloo_net::http::Request::from(request)
        .send()
        .await
        .map_err(|_| {
            PaygateError::new(ErrorCode::BackendUnreachable, Message::Unreachable)
                .with_detail("network")
        })?;
    let text = response.text().await.unwrap_or_default();
    Ok(Reply {
        status: response.status(),
        ok: response.ok(),
        json: js_sys::JSON::parse(&text).ok(),
    })
}

/// Why removing a stored card did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoveError {
    /// The backend answered non-2xx; its `error.message`, when it sent one.
    Refused(Option<String>),
    /// The backend could not be reached.
    Unreachable,
}

/// `DELETE {base}/payment-methods/{id}`; any 2xx is success, also one without a body (204).
pub async fn remove_payment_method(base: &str, id: &str) -> Result<(), RemoveError> {
    let url = resource_url(base, "/payment-methods/", id, "");
    let reply = request(Request::delete(&url), None, None)
        .await
        .map_err(|_| RemoveError::Unreachable)?;
    if reply.ok {
        return Ok(());
    }
    Err(RemoveError::Refused(
        reply
            .error_field("message")
            .filter(|m| !m.trim().is_empty()),
    ))
}
