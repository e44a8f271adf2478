//! Removing a stored card through the merchant backend: `DELETE {backendUrl}/payment-methods/{id}`
//! with the session cookie; a refusal carries the backend's `{error:{message}}`.

use gloo_net::http::Request;
use wasm_bindgen::JsValue;
use web_sys::RequestCredentials;

use crate::dom::js::get;

/// Why a removal did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoveError {
    /// The backend answered non-2xx; its message, when it sent one.
    Refused(Option<String>),
    /// The backend could not be reached.
    Unreachable,
}

/// The URL of a payment method: the id is one encoded path segment.
pub fn method_url(backend_url: &str, id: &str) -> String {
    let id: String = js_sys::encode_uri_component(id).into();
    format!("{}/payment-methods/{id}", backend_url.trim_end_matches('/'))
}

/// Asks the backend to remove the payment method `id`.
pub async fn remove(backend_url: &str, id: &str) -> Result<(), RemoveError> {
    let response = Request::delete(&method_url(backend_url, id))
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| RemoveError::Unreachable)?;
    if response.ok() {
        return Ok(());
    }
    let body = response.text().await.unwrap_or_default();
    let message = js_sys::JSON::parse(&body)
        .ok()
        .map(|v| get(&get(&v, "error"), "message"))
        .and_then(|m: JsValue| m.as_string())
        .filter(|m| !m.trim().is_empty());
    Err(RemoveError::Refused(message))
}
